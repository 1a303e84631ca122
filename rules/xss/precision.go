package xss

import (
	"regexp"
	"strings"

	"github.com/flasksec/flasksec/jinja"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
	"github.com/flasksec/flasksec/templates"
)

// This file holds the facts that tell server-controlled values, HTML the
// application renders itself and text-only template regions apart from
// attacker input (issue 11's real-application precision patterns).

// nonceName reports whether a template function name returns a CSP nonce
// the server generated (csp_nonce(), get_nonce()).
func nonceName(name string) bool {
	return strings.Contains(strings.ToLower(name), "nonce")
}

// renderMethod reports whether a method name renders HTML the
// application produces itself (widget.render(), plugin.render_html(),
// obj.__html__()): its own template or builder escapes what it inserts.
func renderMethod(name string) bool {
	return name == "render" || strings.HasPrefix(name, "render_") || name == "__html__"
}

// appRendered reports whether a Python call returns HTML the application
// rendered itself: render_template(...), render_template_string with a
// constant template, or a render method (widget.render()).
func (a *tmplChecker) appRendered(f *project.File, c *ast.Call, q string) bool {
	switch q {
	case "flask.render_template", "flask.templating.render_template":
		return true
	case "flask.render_template_string", "flask.templating.render_template_string":
		if len(c.Args) > 0 {
			_, ok := c.Args[0].(*ast.Constant)
			return ok
		}
		return false
	}
	if at, ok := c.Func.(*ast.Attribute); ok && renderMethod(at.Attr) && !markdownLib(q) && !markdownName(lastName(at.Value)) {
		return true
	}
	// render_template handed in as a parameter (a plugin's render(...,
	// render_template=render_template)): unresolved, but named for what
	// it does.
	return (q == "" || q == "builtins.render_template") && lastName(c.Func) == "render_template"
}

// attrChain splits a.b.c into its root expression and attribute names.
func attrChain(e ast.Expr) (ast.Expr, []string) {
	var attrs []string
	for i := 0; i < maxPartsDepth; i++ {
		at, ok := e.(*ast.Attribute)
		if !ok {
			break
		}
		attrs = append([]string{at.Attr}, attrs...)
		e = at.Value
	}
	return e, attrs
}

// serverValue reports whether a Python expression reads a value the
// server controls: the application's config (app.config["X"],
// current_app.config.get("X")), the environment (os.environ, os.getenv),
// the WSGI mount point (request.script_root), a random nonce or token
// (secrets.token_urlsafe(), uuid.uuid4()), the language
// accept_languages.best_match() picks from the application's own list,
// or a language detector's code.
func (a *tmplChecker) serverValue(f *project.File, v ast.Expr) bool {
	var target ast.Expr
	switch e := v.(type) {
	case *ast.Subscript:
		target = e.Value
	case *ast.Call:
		q := a.ix.QualName(f, e.Func)
		switch {
		case q == "os.getenv", q == "os.environ.get", q == "os.urandom",
			strings.HasPrefix(q, "secrets.token_"), q == "uuid.uuid4", q == "uuid.uuid1":
			return true
		case languageDetectors[q]:
			return true // a language code out of the detector's closed set
		}
		at, ok := e.Func.(*ast.Attribute)
		if !ok {
			return false
		}
		if at.Attr == "best_match" {
			root, attrs := attrChain(at.Value)
			return len(attrs) == 1 && attrs[0] == "accept_languages" && a.isRequest(f, root)
		}
		if at.Attr != "get" {
			return false
		}
		target = at.Value
	case *ast.Attribute:
		root, attrs := attrChain(e)
		return len(attrs) == 1 && (attrs[0] == "script_root" || attrs[0] == "root_path") && a.isRequest(f, root)
	default:
		return false
	}
	if q := a.ix.QualName(f, target); q == "os.environ" {
		return true
	}
	at, ok := target.(*ast.Attribute)
	return ok && at.Attr == "config"
}

// languageDetectors return a language code from their own closed set
// ("en", "de"), whatever text they are given.
var languageDetectors = map[string]bool{"langdetect.detect": true, "guess_language.guess_language": true,
	"guess_language.guessLanguage": true}

// isRequest reports whether e is Flask's request object.
func (a *tmplChecker) isRequest(f *project.File, e ast.Expr) bool {
	q := a.ix.QualName(f, e)
	return q == "flask.request" || q == "flask.globals.request"
}

// headerSources are the taint source names of request headers.
var headerSources = []string{"headers", "user_agent", "accept_languages", "accept_mimetypes", "authorization",
	"if_none_match"}

// headerSource reports whether a taint source is a request header.
func headerSource(src string) bool {
	for _, h := range headerSources {
		if strings.Contains(src, h) {
			return true
		}
	}
	return false
}

// headerOrigin marks a tainted origin that is a request header: a
// browser attacker cannot set headers on a victim's cross-site request,
// so the finding's severity is Low unless the view's response is cached
// (then one client's header reaches others).
func headerOrigin(o origin, cached string) origin {
	if cached != "" {
		o.note += "; the view's response is cached (" + cached + "), so one client's header can reach other users"
		return o
	}
	o.header = true
	o.note += "; it is a request header, which a browser attacker cannot set on a victim's cross-site request, " +
		"so the severity is Low (it would matter if a cache or proxy stored the response)"
	return o
}

// cachedView returns the text of a caching decorator of the view behind
// a render context (@cache.cached(...)), or "".
func (a *tmplChecker) cachedView(ctx *templates.Context) string {
	if ctx == nil || ctx.Render == nil || ctx.Render.FuncNode == nil {
		return ""
	}
	var decos []ast.Expr
	switch fn := ctx.Render.FuncNode.(type) {
	case *ast.FunctionDef:
		decos = fn.DecoratorList
	case *ast.AsyncFunctionDef:
		decos = fn.DecoratorList
	}
	for _, d := range decos {
		if c, ok := d.(*ast.Call); ok {
			d = c.Func
		}
		if t := pyText(d); strings.Contains(strings.ToLower(t), "cache") {
			return "@" + t
		}
	}
	return ""
}

// boolPrefixes and boolNames mark values that are almost always
// booleans (is_admin, has_access, enabled).
var (
	boolPrefixes = []string{"is_", "has_", "can_", "should_", "show_", "allow_", "enable_", "use_"}
	boolNames    = map[string]bool{"enabled": true, "disabled": true, "visible": true, "hidden": true, "active": true,
		"checked": true, "selected": true, "readonly": true, "required": true, "debug": true}
)

// boolName reports whether v names a value that is almost always a
// boolean.
func boolName(v jinja.Expr) bool {
	var name string
	switch e := v.(type) {
	case *jinja.Name:
		name = e.Name
	case *jinja.Getattr:
		name = e.Attr
	case *jinja.Filter:
		return boolName(e.X)
	}
	name = strings.ToLower(name)
	if boolNames[name] || strings.HasSuffix(name, "_enabled") {
		return true
	}
	for _, p := range boolPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// ---- names no render call passes ----

type openGlobalsKey struct{}

// openGlobals reports whether the application can give templates names
// flasksec cannot list: a context processor returning something other
// than a dict literal, a context processor registered by a call, globals
// updated from a computed mapping, or a Flask subclass that overrides the
// template context. Without any, a name no render call passes is
// undefined in the template (Jinja prints nothing), not untrusted.
func openGlobals(p *project.Project) bool {
	return project.Cached(p, openGlobalsKey{}, func() bool {
		for _, f := range p.FilesOf(project.Python) {
			if f.AST != nil && fileOpensGlobals(f.AST) {
				return true
			}
		}
		return false
	})
}

func fileOpensGlobals(m *ast.Module) bool {
	open := false
	ast.Inspect(m, func(n ast.Node) bool {
		if open {
			return false
		}
		switch n := n.(type) {
		case *ast.FunctionDef:
			if n.Name == "update_template_context" || n.Name == "create_jinja_environment" {
				open = true
			}
			if decoratedAsProcessor(n.DecoratorList) && !literalReturns(n.Body) {
				open = true
			}
		case *ast.AsyncFunctionDef:
			if decoratedAsProcessor(n.DecoratorList) && !literalReturns(n.Body) {
				open = true
			}
		case *ast.Call:
			at, ok := n.Func.(*ast.Attribute)
			if !ok {
				return true
			}
			switch at.Attr {
			case "context_processor", "app_context_processor":
				// A registration by call: app.context_processor(f).
				open = len(n.Args) > 0
			case "update":
				if g, ok := at.Value.(*ast.Attribute); ok && g.Attr == "globals" {
					for _, arg := range n.Args {
						if !literalDict(arg) {
							open = true
						}
					}
					for _, k := range n.Keywords {
						if k != nil && k.Arg == "" {
							open = true
						}
					}
				}
			}
		}
		return true
	})
	return open
}

// decoratedAsProcessor reports whether a decorator list registers a
// context processor.
func decoratedAsProcessor(decos []ast.Expr) bool {
	for _, d := range decos {
		if c, ok := d.(*ast.Call); ok {
			d = c.Func
		}
		if at, ok := d.(*ast.Attribute); ok && (at.Attr == "context_processor" || at.Attr == "app_context_processor") {
			return true
		}
	}
	return false
}

// literalReturns reports whether every return of a function body returns
// a dict literal or dict(k=v) with literal keys (the keys the templates
// model lists).
func literalReturns(body []ast.Stmt) bool {
	ok := true
	for _, s := range body {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n.(type) {
			case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.Lambda, *ast.ClassDef:
				return false
			}
			if r, isRet := n.(*ast.Return); isRet && r.Value != nil && !literalDict(r.Value) {
				ok = false
			}
			return ok
		})
	}
	return ok
}

// literalDict reports whether x is a dict literal with constant keys, or
// dict(k=v, ...) without **.
func literalDict(x ast.Expr) bool {
	switch d := x.(type) {
	case *ast.Dict:
		for _, k := range d.Keys {
			if _, ok := k.(*ast.Constant); !ok {
				return false
			}
		}
		return true
	case *ast.Call:
		n, ok := d.Func.(*ast.Name)
		if !ok || n.ID != "dict" || len(d.Args) > 0 {
			return false
		}
		for _, k := range d.Keywords {
			if k == nil || k.Arg == "" {
				return false
			}
		}
		return true
	}
	return false
}

// boundInVia reports whether a template that extends or includes the one
// asked about on this render path binds name itself ({% set %}, {% for %},
// {% with %}, a macro parameter): an included template sees those.
func boundInVia(ctx *templates.Context, name string) bool {
	for i := 0; i+1 < len(ctx.Via); i++ {
		t := ctx.Via[i]
		for _, o := range t.Outputs {
			if o.Scope.Lookup(name) != nil {
				return true
			}
		}
		for _, c := range t.Calls {
			if c.Scope.Lookup(name) != nil {
				return true
			}
		}
	}
	return false
}

// ---- text-only regions ----

// tagRE finds HTML markup in template text.
var tagRE = regexp.MustCompile(`<[A-Za-z!/]`)

// jinjaTagRE finds Jinja tags, expressions and comments.
var jinjaTagRE = regexp.MustCompile(`(?s)\{[{%#].*?[}%#]\}`)

// hasMarkup reports whether a template region contains HTML tags of its
// own (outside Jinja tags).
func hasMarkup(src []byte, from, to int) bool {
	if from < 0 || to > len(src) || from > to {
		return true
	}
	return tagRE.Match(jinjaTagRE.ReplaceAll(src[from:to], nil))
}

// textBlockName reports whether a {% block %} name is a plain-text mail
// part: subject, text, plain, txt as a word of the name.
func textBlockName(name string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == '_' || r == '-' }) {
		switch w {
		case "subject", "text", "plain", "txt", "plaintext":
			return true
		}
	}
	return false
}

// textOnly says why an output sits in a text-only region of a template
// (a mail's subject block, a plain-text part, an {% autoescape false %}
// region of a plain-text mail), or "": there, no browser parses the
// value as HTML.
func textOnly(t *templates.Template, o *templates.Output) string {
	if t.AST == nil || o.Context.Kind != jinja.CtxText {
		return ""
	}
	pos, end := int(o.Node.Pos().Offset), int(o.Node.End().Offset)
	var block *jinja.Block
	var esc *jinja.Autoescape
	jinja.Inspect(t.AST, func(n jinja.Node) bool {
		if n == nil {
			return false
		}
		if int(n.Pos().Offset) > pos || int(n.End().Offset) < end {
			return false
		}
		switch n := n.(type) {
		case *jinja.Block:
			block = n
		case *jinja.Autoescape:
			esc = n
		}
		return true
	})
	src := t.File.Src
	mail := mailTemplate(t.File.Path)
	if mail && block != nil && textBlockName(block.Name) && !hasMarkup(src, int(block.Pos().Offset), int(block.End().Offset)) {
		return "the {% block " + block.Name + " %} of this mail template has no HTML markup: it is a plain-text part (a subject or text body)"
	}
	if o.Block == templates.EscapeOff && esc != nil && !hasMarkup(src, int(esc.Pos().Offset), int(esc.End().Offset)) &&
		(mail || t.HTML.Tags == 0) {
		return "the {% autoescape false %} region has no HTML markup and is a plain-text mail part"
	}
	return ""
}

// mailTemplate reports whether a template's path marks it as a mail or
// notification template.
func mailTemplate(path string) bool {
	p := strings.ToLower(path)
	for _, w := range []string{"mail", "notification", "notify"} {
		if strings.Contains(p, w) {
			return true
		}
	}
	return false
}

// widgetCall reports whether a template call's callee is a widget
// (widgets.get("list"), widgets["edit"], form_widget, field.widget): a
// widget renders its own template or builder output, escaping what it
// inserts.
func widgetCall(f jinja.Expr, sc *templates.Scope) bool {
	for i := 0; i < maxPartsDepth; i++ {
		switch e := f.(type) {
		case *jinja.Name:
			if b := sc.Lookup(e.Name); b != nil && b.Kind == templates.BindParam {
				return false // a macro argument: whatever the caller passes
			}
			return strings.Contains(strings.ToLower(e.Name), "widget")
		case *jinja.Getattr:
			if strings.Contains(strings.ToLower(e.Attr), "widget") {
				return true
			}
			f = e.X
		case *jinja.Getitem:
			f = e.X
		case *jinja.Call:
			f = e.Func
		default:
			return false
		}
	}
	return false
}

// filterFunc returns the repo function behind a template filter: one the
// templates model knows, or a function registered by a decorator call
// naming the filter (@app_template_filter("link_order") of a framework's
// own registry); nil when none.
func (a *tmplChecker) filterFunc(name string) *resolve.Func {
	if a.filterFuncs == nil {
		a.filterFuncs = map[string]*resolve.Func{}
		for _, fn := range a.ix.Funcs() {
			var decos []ast.Expr
			switch d := fn.Node.(type) {
			case *ast.FunctionDef:
				decos = d.DecoratorList
			case *ast.AsyncFunctionDef:
				decos = d.DecoratorList
			}
			for _, d := range decos {
				c, ok := d.(*ast.Call)
				if !ok || len(c.Args) == 0 || !strings.Contains(strings.ToLower(lastName(c.Func)), "filter") {
					continue
				}
				if s, ok := strConst(c.Args[0]); ok && a.filterFuncs[s] == nil {
					a.filterFuncs[s] = fn
				}
			}
		}
		for n, f := range a.m.Filters {
			if f.Func == nil || f.File == nil {
				continue
			}
			if fn := a.ix.FuncAt(f.File, int(f.Func.Pos().Line)); fn != nil && ast.Node(fn.Node) == f.Func {
				a.filterFuncs[n] = fn
			}
		}
	}
	return a.filterFuncs[name]
}

// quotedJS reports whether the template text from start to end sits
// inside a '...' or "..." string literal of a script line: the line up
// to start opens such a string (outside other Jinja tags) and the same
// quote closes it after end on that line. Backtick template literals do
// not count (${...} runs code there).
func quotedJS(src []byte, start, end int) bool {
	if start < 0 || end > len(src) || start > end {
		return false
	}
	lineStart := start
	for lineStart > 0 && src[lineStart-1] != '\n' {
		lineStart--
	}
	var quote byte
	for i := lineStart; i < start; i++ {
		if j := skipJinja(src, i); j > i {
			i = j - 1
			continue
		}
		ch := src[i]
		switch {
		case quote != 0 && ch == '\\':
			i++
		case quote != 0 && ch == quote:
			quote = 0
		case quote == 0 && (ch == '"' || ch == '\'' || ch == '`'):
			quote = ch
		case quote == 0 && ch == '/' && i+1 < start && src[i+1] == '/':
			return false // a line comment
		}
	}
	if quote != '"' && quote != '\'' {
		return false
	}
	for i := end; i < len(src) && src[i] != '\n'; i++ {
		if j := skipJinja(src, i); j > i {
			i = j - 1
			continue
		}
		switch src[i] {
		case '\\':
			i++
		case quote:
			return true
		}
	}
	return false
}

// skipJinja returns the offset just past a Jinja tag ({{ }}, {% %}, {# #})
// starting at i, or i when none starts there.
func skipJinja(src []byte, i int) int {
	if i+1 >= len(src) || src[i] != '{' {
		return i
	}
	var closer byte
	switch src[i+1] {
	case '{':
		closer = '}'
	case '%':
		closer = '%'
	case '#':
		closer = '#'
	default:
		return i
	}
	for j := i + 2; j+1 < len(src); j++ {
		if src[j] == closer && src[j+1] == '}' {
			return j + 2
		}
	}
	return i
}

// settingsObject reports whether a template global's value is an
// instance of the application's own settings or configuration class
// (SETTING=Setting(), Configs=_ConfigsWrapper()): what templates read
// through it is configuration the operator or an administrator sets,
// not request data.
func (a *tmplChecker) settingsObject(f *project.File, v ast.Expr, fn ast.Node, depth int) bool {
	if depth > 4 || v == nil {
		return false
	}
	switch v := v.(type) {
	case *ast.Call:
		c := a.ix.Class(a.ix.QualName(f, v.Func))
		if c == nil {
			return false
		}
		n := strings.ToLower(c.Name)
		return strings.Contains(n, "setting") || strings.Contains(n, "config")
	case *ast.Name:
		if vals := localValues(fn, v.ID); len(vals) > 0 {
			for _, val := range vals {
				if !a.settingsObject(f, val, fn, depth+1) {
					return false
				}
			}
			return true
		}
		// A module-level instance, here or imported (from .config import Configs).
		q := a.ix.QualName(f, v)
		i := strings.LastIndexByte(q, '.')
		if i < 0 {
			if mod := a.ix.Module(f); mod != nil {
				return a.allSettings(mod.File, mod.Assigns[v.ID], depth)
			}
			return false
		}
		if mod := a.ix.ModuleNamed(q[:i]); mod != nil {
			return a.allSettings(mod.File, mod.Assigns[q[i+1:]], depth)
		}
	}
	return false
}

func (a *tmplChecker) allSettings(f *project.File, vals []ast.Expr, depth int) bool {
	if len(vals) == 0 {
		return false
	}
	for _, val := range vals {
		if !a.settingsObject(f, val, nil, depth+1) {
			return false
		}
	}
	return true
}

// markdownLibs are libraries whose render turns text (markdown,
// reStructuredText) into HTML: their output carries the input's markup.
var markdownLibs = []string{"markdown", "markdown2", "mistune", "commonmark", "markdown_it", "mistletoe", "docutils", "cmarkgfm"}

// markdownLib reports whether a qualified name belongs to a text-to-HTML
// library.
func markdownLib(q string) bool {
	for _, l := range markdownLibs {
		if q == l || strings.HasPrefix(q, l+".") {
			return true
		}
	}
	return false
}

// markdownName reports whether a receiver's name says it converts
// markdown or other text to HTML (md, markdown, renderer_md, mistune).
func markdownName(name string) bool {
	n := strings.ToLower(name)
	return n == "md" || strings.HasPrefix(n, "md_") || strings.HasSuffix(n, "_md") || strings.Contains(n, "markdown") ||
		strings.Contains(n, "mistune") || strings.Contains(n, "commonmark")
}
