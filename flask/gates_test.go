package flask

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/python/parser"
)

// The build skips resolving names that cannot be one of the libraries it
// looks for, and lists less of projects that import none of them (see
// gates). TestGates checks that this changes nothing: every project gets
// the same model with the gates forced open, and with one goroutine.

// dump describes a model: every fact rules can read, in order, with
// objects named by position.
func dump(m *Model) string {
	var b strings.Builder
	at := func(f *project.File, n ast.Node) string {
		if f == nil {
			return "-"
		}
		if n == nil {
			return f.Path
		}
		return fmt.Sprintf("%s:%d:%d", f.Path, n.Pos().Line, n.Pos().Col)
	}
	app := func(a *App) string {
		if a == nil {
			return "nil"
		}
		return "app@" + at(a.File, a.Call)
	}
	bp := func(x *Blueprint) string {
		if x == nil {
			return "nil"
		}
		return "bp@" + at(x.File, x.Call)
	}
	ev := func(what string, es []Evidence) {
		for _, e := range es {
			fmt.Fprintf(&b, "%s %s %s\n", what, at(e.File, e.Node), e.What)
		}
	}
	config := func(name string, c *Config) {
		if c == nil {
			return
		}
		for _, v := range append(append([]*Value(nil), c.Values...), c.Sources...) {
			fmt.Fprintf(&b, "%s %q %s env=%s cond=%v %s %q %s %q %q\n", name, v.Key, at(v.File, v.Node), v.Envs, v.Conditional,
				v.Origin, v.EnvVar, v.Class, v.Via, v.Where())
		}
	}
	for _, a := range m.Apps {
		var kw []string
		for k := range a.Kwargs {
			kw = append(kw, k)
		}
		sort.Strings(kw)
		fmt.Fprintf(&b, "%s %q factory=%q test=%v kwargs=%v\n", app(a), a.Name, a.Factory, a.Test, kw)
		config("  config", a.Config)
	}
	for _, x := range m.Blueprints {
		fmt.Fprintf(&b, "%s %q %q prefix=%q folder=%q app=%s\n", bp(x), x.Name, x.Var, x.Prefix(), x.TemplateFolder, app(x.App()))
		for _, r := range x.Registrations {
			fmt.Fprintf(&b, "  reg %s %s %s %q %v\n", at(r.File, r.Call), app(r.App), bp(r.Parent), r.URLPrefix, r.HasPrefix)
		}
	}
	for _, r := range m.Routes {
		fmt.Fprintf(&b, "route %s %s %q %q %s %s decl=%s decorators=%d class=%v\n", at(r.File, r.Func), r, r.FuncName, r.Endpoint,
			app(r.App), bp(r.Blueprint), at(r.File, r.Decl), len(r.Decorators), r.Class != nil)
		rc := m.CSRF.Of(r)
		if rc.Exempt != nil {
			fmt.Fprintf(&b, "  exempt %s\n", at(rc.Exempt.File, rc.Exempt.Node))
		}
		ev("  form", rc.FormValidation)
		for _, h := range rc.HeaderChecks {
			fmt.Fprintf(&b, "  header %s %s\n", at(h.File, h.Node), h.Header)
		}
		ok, why := m.CookieAuthenticated(r)
		fmt.Fprintf(&b, "  cookie %v %q\n", ok, why)
	}
	config("config", m.Config)
	ev("cookie", m.Auth.Cookie)
	ev("header", m.Auth.Header)
	ev("jwtcookies", m.Auth.JWTCookies)
	ev("serverside", m.Auth.ServerSide)
	for _, w := range m.Auth.SessionWrites {
		fmt.Fprintf(&b, "session %s %q\n", at(w.File, w.Node), w.Key)
	}
	ev("csrf", m.CSRF.Global)
	for _, x := range m.CSRF.Exempt {
		fmt.Fprintf(&b, "exempt %s %s %v %s %q\n", at(x.File, x.Node), x.What, x.Func != nil, bp(x.Blueprint), x.Name)
	}
	for _, h := range m.CSRF.HeaderChecks {
		fmt.Fprintf(&b, "headercheck %s %s %v\n", at(h.File, h.Node), h.Header, h.Func != nil)
	}
	for _, e := range m.Extensions {
		fmt.Fprintf(&b, "ext %s %q %q %q test=%v app=%s\n", at(e.File, e.Call), e.Name, e.Qual, e.Var, e.Test, app(e.App))
		for _, ic := range e.InitCalls {
			fmt.Fprintf(&b, "  init %s %s\n", at(ic.File, ic.Call), app(ic.App))
		}
	}
	for _, e := range m.Entrypoints {
		fmt.Fprintf(&b, "entry %s %s:%d %q prod=%v %q %d debug=%v\n", e.Kind, at(e.File, nil), e.Line, e.Command, e.Production, e.Target, len(e.Targets), e.Debug)
	}
	for _, x := range m.MainBlocks {
		fmt.Fprintf(&b, "main %s %s %s started=%s\n", at(x.File, x.Call), x.Server, app(x.App), at(x.StartedFile(), nil))
	}
	for _, h := range m.Hooks {
		fmt.Fprintf(&b, "hook %s %s %s\n", h.Kind, at(h.File, h.Func), bp(h.Blueprint))
	}
	for _, p := range m.ProxyFixes {
		fmt.Fprintf(&b, "proxyfix %s %v %d\n", at(p.File, p.Call), p.Hops, len(p.Other))
	}
	ev("dotenv", m.DotEnvLoads)
	for _, f := range m.proj.Files {
		if r, known := m.ReachableInProduction(f); known {
			fmt.Fprintf(&b, "reach %s %v\n", f.Path, r)
		}
	}
	return b.String()
}

// withOpenGates builds the model of p as if every library could be named.
func withOpenGates(p *project.Project) *Model {
	testOpenGates = true
	defer func() { testOpenGates = false }()
	return build(p)
}

func memProject(t *testing.T, files map[string]string) *project.Project {
	t.Helper()
	var fs []*project.File
	for path, src := range files {
		kind, also := project.Classify(path, []byte(src))
		f := &project.File{Path: path, Kind: kind, Also: also, Src: []byte(src)}
		if kind == project.Python {
			mod, err := parser.ParseFile(path, []byte(src))
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			f.AST = mod
		}
		fs = append(fs, f)
	}
	return project.New("/mem", fs, nil)
}

// noFlask is a project that imports none of the libraries the model looks
// for, yet shows what the model reads by names alone.
var noFlask = map[string]string{
	"api.py": `import os
from resources import Thing


class Api:
    def add_resource(self, cls, *urls, **kw): pass


api = Api()
api.add_resource(Thing, "/things", "/things/<int:id>", endpoint="things")


def check():
    if request.headers.get("X-Requested-With") != "XMLHttpRequest":
        abort(403)


app.before_request(check)
app.config["SECRET_KEY"] = "dev"
app.config.update(DEBUG=True, SESSION_COOKIE_SECURE=False)
app.secret_key = os.environ.get("SECRET", "x")
csrf.exempt(check)
env.read_env()


@app.after_request
def headers(resp):
    resp.headers["X-Frame-Options"] = "DENY"
    return resp


@csrf.exempt
@app.route("/hook", methods=["POST"])
def hook():
    session["user"] = 1
    return ""


def main():
    app.run(debug=True)


if __name__ == "__main__":
    main()
    app.run(host="0.0.0.0")
`,
	"resources.py": `class Thing:
    methods = ["GET", "POST"]

    def get(self, id=None):
        return {}

    def post(self):
        return {}


class ProductionConfig:
    SECRET_KEY = "prod"
    DEBUG = False
`,
	"Procfile": "web: gunicorn api:app\n",
}

func TestGates(t *testing.T) {
	var dirs []string
	for _, pattern := range []string{"testdata/*", "../rules/*/testdata/*", "../examples/*"} {
		ms, _ := filepath.Glob(pattern)
		dirs = append(dirs, ms...)
	}
	for _, v := range []string{"FLASKSEC_BENCH_APP", "FLASKSEC_CORPUS"} {
		if root := os.Getenv(v); root != "" && !testing.Short() {
			dirs = append(dirs, filepath.SplitList(root)...)
		}
	}
	type tcase struct {
		name string
		load func() *project.Project
	}
	cases := []tcase{{"noFlask", func() *project.Project { return memProject(t, noFlask) }}}
	for _, d := range dirs {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			continue
		}
		cases = append(cases, tcase{d, func() *project.Project {
			p, err := project.Load(d, project.Options{ParsePython: parser.ParseFile})
			if err != nil {
				t.Fatal(err)
			}
			return p
		}})
	}
	if len(cases) < 20 {
		t.Fatalf("only %d projects", len(cases))
	}
	for _, c := range cases {
		want := dump(withOpenGates(c.load()))
		if got := dump(build(c.load())); got != want {
			t.Errorf("%s: the gates change the model:\n--- open\n%s--- gated\n%s", c.name, want, got)
		}
		procs := runtime.GOMAXPROCS(1)
		got := dump(build(c.load()))
		runtime.GOMAXPROCS(procs)
		if got != want {
			t.Errorf("%s: one goroutine changes the model:\n--- open\n%s--- one goroutine\n%s", c.name, want, got)
		}
	}
	// The no-Flask project is listed lean and still shows its facts.
	m := build(memProject(t, noFlask))
	if m.g.any() {
		t.Errorf("noFlask: gates %+v", m.g)
	}
	d := dump(m)
	for _, want := range []string{"route resources.py", "hook before_request", "hook after_request", `config "SECRET_KEY"`,
		"dotenv api.py", "exempt api.py"} {
		if !strings.Contains(d, want) {
			t.Errorf("noFlask: no %q in\n%s", want, d)
		}
	}
}
