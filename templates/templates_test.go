package templates

import (
	"strconv"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/parser"
)

// newProject builds an in-memory project from path -> source.
func newProject(t *testing.T, files map[string]string) *project.Project {
	t.Helper()
	var fs []*project.File
	for path, src := range files {
		kind, also := project.Classify(path, []byte(src))
		f := &project.File{Path: path, Kind: kind, Also: also, Src: []byte(src)}
		if kind == project.Python {
			f.Module = project.ModuleName(path)
			f.AST, f.Err = parser.ParseFile(path, []byte(src))
			if f.Err != nil {
				t.Fatalf("%s: %v", path, f.Err)
			}
		}
		fs = append(fs, f)
	}
	return project.New("/fixture", fs, nil)
}

func TestNamesAndFolders(t *testing.T) {
	p := newProject(t, map[string]string{
		"app/__init__.py": `from flask import Flask
app = Flask(__name__, template_folder="views")
`,
		"app/shop.py": `from flask import Blueprint
bp = Blueprint("shop", __name__, template_folder="shop_tpl")
`,
		"app/views/index.html":         "<p>{{ x }}</p>",
		"app/views/users/show.html":    "<p>{{ user }}</p>",
		"app/shop_tpl/shop/item.html":  "<p>{{ item }}</p>",
		"other/templates/mail/a.txt":   "Hi {{ name }}",
		"other/templates/layout.jinja": "{% block body %}{% endblock %}",
	})
	m := Of(p)
	want := map[string]string{
		"app/views/index.html":         "index.html",
		"app/views/users/show.html":    "users/show.html",
		"app/shop_tpl/shop/item.html":  "shop/item.html",
		"other/templates/mail/a.txt":   "mail/a.txt",
		"other/templates/layout.jinja": "layout.jinja",
	}
	for path, name := range want {
		tm := m.Template(path)
		if tm == nil {
			t.Errorf("%s: not a template", path)
			continue
		}
		if tm.Name != name {
			t.Errorf("%s: name %q, want %q", path, tm.Name, name)
		}
	}
	if got := m.Lookup("users/show.html", "app"); len(got) != 1 || got[0].File.Path != "app/views/users/show.html" {
		t.Errorf("Lookup(users/show.html) = %v", got)
	}
}

func TestRendersAndContexts(t *testing.T) {
	p := newProject(t, map[string]string{
		"app.py": `import flask
from flask import Flask, render_template as rt, request
from names import PROFILE

app = Flask(__name__)

@app.route("/p")
def profile():
    ctx = {"bio": request.args["bio"]}
    return rt(PROFILE, user="x", **ctx)

@app.route("/l")
def listing():
    name = "list.html" if request.args else "empty.html"
    body = flask.render_template(name, items=[])
    return body

def mail():
    return flask.render_template(template_name_or_list=["mail.html", "fallback.html"], **make())
`,
		"names.py":                `PROFILE = "profile.html"` + "\n",
		"templates/base.html":     `<html>{% block body %}{% endblock %}{% include "footer.html" %}</html>`,
		"templates/profile.html":  `{% extends "base.html" %}{% block body %}{{ bio|safe }}{% endblock %}`,
		"templates/footer.html":   `<footer>{{ user }}</footer>`,
		"templates/list.html":     `{% import "macros.html" as m %}{{ m.row(items) }}`,
		"templates/empty.html":    `<p>none</p>`,
		"templates/macros.html":   `{% macro row(x) %}<td>{{ x }}</td>{% endmacro %}`,
		"templates/mail.html":     `<p>{{ body }}</p>`,
		"templates/fallback.html": `<p>{{ body }}</p>`,
	})
	m := Of(p)
	var got []string
	for _, r := range m.Renders {
		var kws []string
		for k := range r.Keywords {
			kws = append(kws, k)
		}
		got = append(got, r.Func+"|"+r.Route+"|"+strings.Join(r.Names, ",")+"|"+strings.Join(sortStrings(kws), ",")+
			"|"+strconv.Itoa(len(r.StarKwargs))+"|"+boolStr(r.Returned))
	}
	want := []string{
		"profile|GET /p|profile.html|bio,user|0|true",
		"listing|GET /l|list.html,empty.html|items|0|false",
		"mail||mail.html,fallback.html||1|true",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("renders:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	footer := m.Template("templates/footer.html")
	ctxs := m.Contexts(footer)
	if len(ctxs) != 1 || ctxs[0].Render.Func != "profile" || len(ctxs[0].Via) != 3 {
		t.Fatalf("contexts of footer.html = %+v, want profile through profile.html -> base.html -> footer.html", ctxs)
	}
	var via []string
	for _, v := range ctxs[0].Via {
		via = append(via, v.Name)
	}
	if strings.Join(via, " -> ") != "profile.html -> base.html -> footer.html" {
		t.Errorf("via = %v", via)
	}
	// An import without context gives macros.html no render context.
	if c := m.Contexts(m.Template("templates/macros.html")); len(c) != 0 {
		t.Errorf("macros.html has contexts %+v, want none", c)
	}
}

func sortStrings(s []string) []string {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s
}

func boolStr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func TestAutoescapeSettings(t *testing.T) {
	for _, tt := range []struct {
		name string
		want bool
	}{{"a.html", true}, {"A.HTM", true}, {"feed.xml", true}, {"x.xhtml", true}, {"i.svg", true},
		{"mail.txt", false}, {"card.j2", false}, {"page.jinja", false}, {"noext", false}} {
		if got := Autoescape(tt.name); got != tt.want {
			t.Errorf("Autoescape(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
	p := newProject(t, map[string]string{
		"app.py": `from flask import Flask
from jinja2 import Environment, select_autoescape
app = Flask(__name__)
app.jinja_env.autoescape = False
app.jinja_options = {"autoescape": False}
raw = Environment()
safe = Environment(autoescape=select_autoescape())
def a():
    return raw.get_template("t.html").render(x=1)
def b():
    t = safe.get_template("t.html")
    return t.render({"y": 2})
`,
		"templates/t.html": "{% autoescape false %}{{ x }}{% endautoescape %}{{ y }}",
	})
	m := Of(p)
	if len(m.AutoescapeOff) != 2 || m.AutoescapeOff[0].Line != 4 || m.AutoescapeOff[1].Line != 5 {
		t.Errorf("AutoescapeOff = %+v, want lines 4 and 5", m.AutoescapeOff)
	}
	if len(m.Renders) != 2 || !m.Renders[0].Env || m.Renders[0].EnvAutoescape || !m.Renders[1].EnvAutoescape ||
		m.Renders[1].Keywords["y"] == nil {
		t.Errorf("environment renders = %+v", m.Renders)
	}
	tm := m.Template("templates/t.html")
	if len(tm.Outputs) != 2 || tm.Outputs[0].Block != EscapeOff || tm.Outputs[1].Block != EscapeInherit {
		t.Errorf("autoescape blocks of outputs wrong: %+v", tm.Outputs)
	}
}

func TestScopes(t *testing.T) {
	p := newProject(t, map[string]string{
		"templates/s.html": `{{ a }}{% set a = b %}{{ a }}{% for x, y in items %}{{ x }}{{ loop.index }}{% endfor %}{{ x }}` +
			`{% macro m(p, q=1) %}{{ p }}{{ caller() }}{% endmacro %}{% with w = 2 %}{{ w }}{% endwith %}{% set ns.v = c %}{{ ns.v }}`,
	})
	tm := Of(p).Template("templates/s.html")
	type want struct {
		name string
		kind BindKind // 0: unbound
	}
	checks := []want{{"a", 0}, {"a", BindSet}, {"x", BindLoop}, {"loop", BindLoopVar}, {"x", 0}, {"p", BindParam},
		{"caller", BindCaller}, {"w", BindWith}, {"ns.v", BindSet}}
	if len(tm.Outputs) != len(checks) {
		t.Fatalf("got %d outputs, want %d", len(tm.Outputs), len(checks))
	}
	for i, c := range checks {
		b := tm.Outputs[i].Scope.Lookup(c.name)
		var kind BindKind
		if b != nil {
			kind = b.Kind
		}
		if kind != c.kind {
			t.Errorf("output %d: %s bound as %v, want %v", i, c.name, kind, c.kind)
		}
	}
}

func TestInlineCode(t *testing.T) {
	p := newProject(t, map[string]string{
		"templates/a.html": `<script>go()</script><script src="/x.js"></script><script type="application/json">{}</script>` +
			"\n<button onclick=\"go()\">x</button><a href=\"javascript:go()\">y</a>",
		"templates/b.html": `<script>{{ x|tojson }}</script><script nonce="{{ csp_nonce() }}">ok()</script>`,
		"templates/c.html": `<p>nothing inline</p>`,
	})
	ic := Of(p).InlineCode()
	if len(ic.Scripts) != 2 || ic.Nonced != 1 || len(ic.Handlers) != 1 || len(ic.JSURLs) != 1 {
		t.Fatalf("inline code = %+v", ic)
	}
	if l := ic.Handlers[0].Location; l.Path != "templates/a.html" || l.StartLine != 2 || l.StartCol != 9 {
		t.Errorf("handler location = %+v, want templates/a.html:2:9", l)
	}
	want := "2 inline scripts, 1 event-handler attribute and 1 javascript: URL in templates/; a CSP without " +
		"'unsafe-inline' needs a nonce (or hash) on each inline script (1 other already carries one), and event handlers and javascript: URLs " +
		"must move into scripts (nonces do not cover them)"
	if got := ic.Summary(); got != want {
		t.Errorf("Summary() =\n%s\nwant\n%s", got, want)
	}
	if (&InlineCode{}).Summary() != "" {
		t.Errorf("empty summary not empty")
	}
}

func TestSyntaxErrors(t *testing.T) {
	p := newProject(t, map[string]string{
		"templates/ok.html":  "<p>{{ x }}</p>",
		"templates/bad.html": "<p>\n  {{ x + }}\n  {% if y %}\n</p>\n{{ z|safe }}",
	})
	m := Of(p)
	errs := m.SyntaxErrors()
	if len(errs) != 1 || errs[0].Path != "templates/bad.html" || errs[0].Line != 2 || errs[0].Col != 10 ||
		!strings.Contains(errs[0].Message, "and 1 more") {
		t.Fatalf("SyntaxErrors() = %+v, want templates/bad.html:2:10 with 1 more", errs)
	}
	// The output after the errors is still there.
	outs := m.Template("templates/bad.html").Outputs
	if len(outs) != 2 || outs[1].Node.Pos().Line != 5 {
		t.Errorf("outputs of the broken template = %d, want 2 with the last on line 5", len(outs))
	}
}

func TestRenderHelpers(t *testing.T) {
	p := newProject(t, map[string]string{
		"app.py": `from flask import Flask, render_template, request
app = Flask(__name__)

class Views:
    def show(self, tpl, **kw):
        return render_template(tpl, **kw)

def page(name, title="x", **ctx):
    return render_template(name, title=title, **ctx)

@app.route("/a")
def a():
    return page("a.html", user=request.args["u"])

@app.route("/b")
def b():
    return Views().show("b.html", item=1)

def c(n):
    return page(n)
`,
		"templates/a.html": "{{ user }}",
		"templates/b.html": "{{ item }}",
	})
	m := Of(p)
	var got []string
	for _, r := range m.Renders {
		if r.Wrapper == nil {
			continue
		}
		var kws []string
		for k := range r.Keywords {
			kws = append(kws, k)
		}
		got = append(got, r.Func+"|"+strings.Join(r.Names, ",")+"|"+strings.Join(sortStrings(kws), ",")+"|"+r.Wrapper.Func)
	}
	want := "a|a.html|user|page"
	if strings.Join(got, "\n") != want {
		t.Errorf("helper renders:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	if rs := m.Template("templates/a.html").Renders; len(rs) != 1 || rs[0].Route != "GET /a" {
		t.Errorf("renders of a.html = %+v", rs)
	}
}

func TestUserSanitizerFilter(t *testing.T) {
	p := newProject(t, map[string]string{
		"app.py": `from flask import Flask
from markupsafe import Markup
app = Flask(__name__)

@app.template_filter("clean")
def clean_html(s):
    return Markup(my_cleaner(s))
`,
	})
	p.Config.Sanitizers = []string{"app.clean_html"}
	if f := Of(p).Filters["clean"]; f == nil || !f.Sanitizes || !f.ReturnsMarkup {
		t.Errorf("filter clean = %+v, want a Markup-returning sanitiser", f)
	}
}

func TestFiltersAndGlobals(t *testing.T) {
	p := newProject(t, map[string]string{
		"app.py": `import bleach
from flask import Blueprint, Flask
from markupsafe import Markup, escape
app = Flask(__name__)
bp = Blueprint("b", __name__)

@app.template_filter("md")
def to_html(s):
    return Markup(s)

@bp.app_template_filter()
def cleaned(s):
    return Markup(bleach.clean(s))

def plain(s):
    return s.strip()

app.add_template_filter(plain)
app.jinja_env.filters["esc"] = cleaned
app.jinja_env.globals["version"] = "1"
app.jinja_env.globals.update(build=2)

@app.context_processor
def inject():
    return dict(user=None, site="x")

@app.template_global()
def now():
    return 1
`,
	})
	m := Of(p)
	for _, tt := range []struct {
		name              string
		markup, sanitizes bool
	}{{"md", true, false}, {"cleaned", true, true}, {"plain", false, false}, {"esc", true, true}} {
		f := m.Filters[tt.name]
		if f == nil {
			t.Errorf("filter %s not found", tt.name)
			continue
		}
		if f.ReturnsMarkup != tt.markup || f.Sanitizes != tt.sanitizes {
			t.Errorf("filter %s: markup %v sanitizes %v, want %v %v", tt.name, f.ReturnsMarkup, f.Sanitizes, tt.markup, tt.sanitizes)
		}
	}
	if got := strings.Join(m.GlobalNames(), ","); got != "build,now,site,user,version" {
		t.Errorf("globals = %s", got)
	}
}

func TestLookupPrefersAppFolder(t *testing.T) {
	p := newProject(t, map[string]string{
		"site/__init__.py": `from flask import Flask
app = Flask(__name__)
`,
		"site/admin/__init__.py": `from flask import Blueprint
bp = Blueprint("admin", __name__, template_folder="templates")
`,
		"site/templates/index.html":       "<p>app</p>",
		"site/admin/templates/index.html": "<p>blueprint</p>",
	})
	got := Of(p).Lookup("index.html", "site/admin")
	if len(got) != 2 || got[0].File.Path != "site/templates/index.html" {
		t.Errorf("Lookup(index.html) from the blueprint = %v, want the app's template first", got)
	}
}
