// Package flask is flasksec's model of a Flask application, built from the
// parsed Python files and the deployment files of a project: the Flask
// and Blueprint objects, every route with its methods and decorators, the
// configuration each environment gets, how users authenticate, which CSRF
// protections are in place, the extensions initialised, and what starts
// the application in production.
//
// The model is built once per scan (ModelOf caches it in the project) and
// is read-only afterwards, so rules may share it from several goroutines.
// The build reads each Python file once, on all cores, and merges what
// the files show in file order: the model does not depend on scheduling
// (see facts.go).
// It never executes scanned code: every fact comes from the syntax trees
// and from the text of deployment files.
package flask

import (
	"sort"
	"strings"
	"sync"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
)

// Model is what flasksec knows about the Flask application(s) of a
// project.
type Model struct {
	Apps        []*App        // Flask(...) objects, in file/line order
	Blueprints  []*Blueprint  // Blueprint(...) objects, in file/line order
	Routes      []*Route      // every route, sorted by file and line
	Config      *Config       // configuration of all non-test apps, resolved per environment
	Auth        Auth          // how users authenticate
	CSRF        CSRF          // CSRF protections present
	Extensions  []*Extension  // Flask extensions and WSGI middleware created, in file/line order
	Entrypoints []*Entrypoint // what starts the app (deployment files, __main__ blocks, configured entrypoints)
	MainBlocks  []*MainBlock  // `if __name__ == "__main__":` blocks that start a server
	Hooks       []*Hook       // after_request / before_request / errorhandler functions
	ProxyFixes  []*ProxyFix   // ProxyFix middleware applied to an app
	// DotEnvLoads are load_dotenv()/dotenv_values() calls in non-test
	// code: .env files are read at run time.
	DotEnvLoads []Evidence

	proj *project.Project
	b    *builder

	scriptsStarted map[string]string // shell script path -> "Dockerfile:7" that runs it
	reachOnce      sync.Once
	reach          map[*project.File]bool // files production runs; nil when unknown
	// settings maps a Python file to the settings files its
	// app.config.from_pyfile calls read (production runs those too).
	settings map[*project.File][]*project.File
	byFunc   map[ast.Node]*Route
	byFile   map[string][]*Route
	objects  map[string]any // "module.name" -> *App, *Blueprint, *Extension
	mods     map[*project.File]*modInfo
	g        *gates
}

type modelKey struct{}

// ModelOf returns the model of p, building it on first use. It is safe
// for concurrent use; every caller gets the same value.
func ModelOf(p *project.Project) *Model {
	return project.Cached(p, modelKey{}, func() *Model { return build(p) })
}

// Project returns the project the model was built from.
func (m *Model) Project() *project.Project { return m.proj }

// QualName returns what resolve.Index.QualName returns for the
// expression e of Python file f, from the answers the model remembered
// while it was built (the callee of every call, among others) when it
// has one. It is safe for concurrent use.
func (m *Model) QualName(f *project.File, e ast.Expr) string {
	if mi := m.mods[f]; mi != nil {
		return mi.qual(e)
	}
	return resolve.Of(m.proj).QualName(f, e)
}

// MayResolveUnder reports whether a name of the project can resolve to
// a qualified name under the top-level package pkg ("flask", "jinja2"):
// false when no import statement and no module of the project starts
// with pkg, so that a reader looking for that package's names only
// (render_template, jinja2.Environment) need not resolve any.
func (m *Model) MayResolveUnder(pkg string) bool { return m.g == nil || m.g.may(pkg) }

// App is one Flask application object.
type App struct {
	Name    string              // the variable it is bound to ("app")
	File    *project.File       // where it is created
	Call    *ast.Call           // the Flask(...) call
	Factory string              // the enclosing app factory function ("create_app"); "" at module level
	Test    bool                // created in test code (tests/, test_*.py, conftest.py)
	Config  *Config             // this app's configuration, resolved per environment
	Kwargs  map[string]ast.Expr // keyword arguments of Flask(...) (static_folder, template_folder, ...)
}

// Blueprint is one Blueprint object and where it is registered.
type Blueprint struct {
	Name           string        // the blueprint's name (first argument), or the variable's name
	Var            string        // the variable it is bound to
	File           *project.File // where it is created
	Call           *ast.Call     // the Blueprint(...) call
	URLPrefix      string        // url_prefix given to Blueprint(...); "" if none
	TemplateFolder string        // template_folder given to Blueprint(...); "" if none
	Registrations  []*Registration
}

// Registration is one register_blueprint call.
type Registration struct {
	File      *project.File
	Call      *ast.Call
	App       *App       // the app it is registered on; or nil
	Parent    *Blueprint // the blueprint it is nested in; or nil
	URLPrefix string     // url_prefix= of the call; "" if not given
	HasPrefix bool       // url_prefix= was given

	api *Extension // the flask-smorest Api it is registered on; or nil
}

// Prefix returns the URL prefix the blueprint's routes get: the
// registration's url_prefix when given, else the blueprint's own, with the
// prefixes of parent blueprints prepended. With several registrations the
// first one wins.
func (b *Blueprint) Prefix() string { return b.prefix(0) }

func (b *Blueprint) prefix(depth int) string {
	p := b.URLPrefix
	if len(b.Registrations) == 0 || depth > 8 {
		return p
	}
	r := b.Registrations[0]
	if r.HasPrefix {
		p = r.URLPrefix
	}
	if r.Parent != nil && r.Parent != b {
		p = joinRule(r.Parent.prefix(depth+1), p)
	}
	return p
}

// App returns the app the blueprint is registered on (through parents),
// or nil.
func (b *Blueprint) App() *App {
	seen := map[*Blueprint]bool{}
	for cur := b; cur != nil && !seen[cur]; {
		seen[cur] = true
		if len(cur.Registrations) == 0 {
			return nil
		}
		r := cur.Registrations[0]
		if r.App != nil {
			return r.App
		}
		if r.api != nil {
			return r.api.mountApp()
		}
		cur = r.Parent
	}
	return nil
}

// Param is a path parameter of a route rule: "<int:id>" is {id, int}.
type Param struct {
	Name      string
	Converter string // "string" when the rule names none
}

// Route is one URL rule bound to a view.
type Route struct {
	File     *project.File
	Func     ast.Node      // *ast.FunctionDef or *ast.AsyncFunctionDef; for MethodView, the method
	FuncName string        // "index", "Admin.post"
	Class    *ast.ClassDef // the View/MethodView class; nil for function views
	Rule     string        // "/user/<int:id>", with the blueprint's url_prefix when known
	Methods  []string      // upper-case, sorted; Flask's implied HEAD and OPTIONS included
	Params   []Param
	Endpoint string
	// Decorators are all the decorators of the view: those of the function
	// (route decorators included) and, for class-based views, the class's
	// decorators list.
	Decorators []ast.Expr
	Blueprint  *Blueprint // nil for routes on the app
	App        *App       // the app the route belongs to (through its blueprint); or nil
	Decl       ast.Node   // the route decorator or add_url_rule call that declares the route

	ext         *Extension    // the REST Api or Namespace the route is declared on; or nil
	declFile    *project.File // the file holding Decl (a helper's module, for a view registered by a helper)
	rawRule     string
	ruleOK      bool
	rawEndpoint string
}

// String returns the methods and rule: "GET /user/<int:id>", "GET, POST
// /login". HEAD and OPTIONS are omitted unless they are all there is.
func (r *Route) String() string {
	var ms []string
	for _, m := range r.Methods {
		if m != "HEAD" && m != "OPTIONS" {
			ms = append(ms, m)
		}
	}
	if len(ms) == 0 {
		ms = r.Methods
	}
	return strings.Join(ms, ", ") + " " + r.Rule
}

// StateChanging reports whether the route accepts POST, PUT, PATCH or
// DELETE.
func (r *Route) StateChanging() bool {
	for _, m := range r.Methods {
		switch m {
		case "POST", "PUT", "PATCH", "DELETE":
			return true
		}
	}
	return false
}

// Has reports whether the route accepts the method (upper-case).
func (r *Route) Has(method string) bool {
	for _, m := range r.Methods {
		if m == method {
			return true
		}
	}
	return false
}

// Header returns the node a finding about the route's view goes to:
// the route decorator or add_url_rule call of a function view, and for a
// method of a class-based view (whose decorator or registration covers
// every method) the method's own `def` line(s), up to the colon, rather
// than its whole body.
func (r *Route) Header() ast.Node {
	if r.Decl != nil && r.Class == nil && (r.declFile == nil || r.declFile == r.File) {
		return r.Decl
	}
	return defHeader(r.File, r.Func)
}

// defHeader returns a range covering the signature of a function
// definition: from `def` to the line ending with the colon (at most the
// line before the body).
func defHeader(f *project.File, fn ast.Node) ast.Node {
	start := fn.Pos()
	body := FuncBody(fn)
	last := int(start.Line)
	if len(body) > 0 && int(body[0].Pos().Line) > last {
		limit := int(body[0].Pos().Line) - 1
		for l := last; l <= limit; l++ {
			text := strings.TrimSpace(f.Line(l))
			if i := strings.Index(text, "#"); i >= 0 {
				text = strings.TrimSpace(text[:i])
			}
			if strings.HasSuffix(text, ":") {
				last = l
				break
			}
		}
	}
	end := start
	end.Line = int32(last)
	end.Col = int32(len(f.Line(last)))
	return &ast.Range{Start: start, Stop: end}
}

// Body returns the statements of the view function.
func (r *Route) Body() []ast.Stmt { return FuncBody(r.Func) }

// HasDecorator reports whether one of the view's decorators ends with the
// given dotted name ("login_required", "csrf.exempt").
func (r *Route) HasDecorator(name string) bool {
	for _, d := range r.Decorators {
		if decoratorName(d) == name || strings.HasSuffix(decoratorName(d), "."+name) {
			return true
		}
	}
	return false
}

// RouteAt returns the route whose view function contains line of the file
// at path (innermost view when several nest), or nil.
func (m *Model) RouteAt(path string, line int) *Route {
	var best *Route
	for _, r := range m.byFile[path] {
		if int(r.Func.Pos().Line) <= line && line <= int(r.Func.End().Line) {
			if best == nil || best.Func.Pos().Before(r.Func.Pos()) {
				best = r
			}
		}
	}
	return best
}

// RoutesAt returns every route whose view function contains the line
// (a function bound to several rules has several routes).
func (m *Model) RoutesAt(path string, line int) []*Route {
	var out []*Route
	for _, r := range m.byFile[path] {
		if int(r.Func.Pos().Line) <= line && line <= int(r.Func.End().Line) {
			out = append(out, r)
		}
	}
	return out
}

// RouteOfFunc returns the (first) route whose view is fn, or nil.
func (m *Model) RouteOfFunc(fn ast.Node) *Route { return m.byFunc[fn] }

// RoutesOfFunc returns every route whose view is fn.
func (m *Model) RoutesOfFunc(fn ast.Node) []*Route {
	var out []*Route
	if r := m.byFunc[fn]; r != nil {
		for _, x := range m.byFile[r.File.Path] {
			if x.Func == fn {
				out = append(out, x)
			}
		}
	}
	return out
}

// ProductionApps returns the apps not created in test code.
func (m *Model) ProductionApps() []*App {
	var out []*App
	for _, a := range m.Apps {
		if !a.Test {
			out = append(out, a)
		}
	}
	return out
}

// ExtensionsNamed returns the extensions whose class name is one of names
// ("CSRFProtect", "CORS").
func (m *Model) ExtensionsNamed(names ...string) []*Extension {
	var out []*Extension
	for _, e := range m.Extensions {
		for _, n := range names {
			if e.Name == n {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

func (m *Model) indexRoutes() {
	m.finishRoutes()
	sort.SliceStable(m.Routes, func(i, j int) bool {
		a, b := m.Routes[i], m.Routes[j]
		if a.File.Path != b.File.Path {
			return a.File.Path < b.File.Path
		}
		if a.Func.Pos() != b.Func.Pos() {
			return a.Func.Pos().Before(b.Func.Pos())
		}
		return a.Rule < b.Rule
	})
	m.byFunc = make(map[ast.Node]*Route)
	m.byFile = make(map[string][]*Route)
	for _, r := range m.Routes {
		if m.byFunc[r.Func] == nil {
			m.byFunc[r.Func] = r
		}
		m.byFile[r.File.Path] = append(m.byFile[r.File.Path], r)
	}
}

// EnvAt returns the environments the statement at line of file runs in,
// as the enclosing branches and the file say (test files are Testing,
// `if app.debug:` bodies Development...), and whether an enclosing
// condition could not be interpreted.
func (m *Model) EnvAt(f *project.File, line int) (env Env, conditional bool) {
	mi := m.mods[f]
	if mi == nil || m.b == nil {
		return AnyEnv, false
	}
	env = AnyEnv
	if IsTestFile(f) {
		env = Testing
	}
	fl := &flattener{noOwn: true}
	stmts, _ := fl.flatten(mi)
	for _, st := range stmts {
		if int(st.s.Pos().Line) <= line && line <= int(st.s.End().Line) {
			env, conditional = st.c.env, st.c.cond
		}
	}
	return env, conditional
}

// InMainBlock reports whether line of f is inside an `if __name__ ==
// "__main__":` block.
func (m *Model) InMainBlock(f *project.File, line int) bool {
	if f == nil || f.AST == nil {
		return false
	}
	for _, s := range f.AST.Body {
		if i, ok := s.(*ast.If); ok && isNameMain(i.Test) && int(i.Pos().Line) <= line && line <= int(i.End().Line) {
			return true
		}
	}
	return false
}

// Deployed reports whether the repository shows how the app runs in
// production: a production entrypoint (Dockerfile, Procfile, compose,
// systemd, platform file, start script, or a configured entrypoint).
func (m *Model) Deployed() bool { return len(m.ProductionEntrypoints()) > 0 }

// Constant returns the expression a name stands for when it is a
// module-level constant: assigned once at the top of file f, or imported
// from a repository module that assigns it at its top level. It returns
// the assigned expression and the file holding it, or nil.
func (m *Model) Constant(f *project.File, name string) (ast.Expr, *project.File) {
	return m.constant(f, name, 0)
}

func (m *Model) constant(f *project.File, name string, depth int) (ast.Expr, *project.File) {
	if f == nil || f.AST == nil || depth > 4 {
		return nil, nil
	}
	var found ast.Expr
	count := 0
	for _, s := range f.AST.Body {
		if a, ok := s.(*ast.Assign); ok && len(a.Targets) == 1 {
			if n, ok := a.Targets[0].(*ast.Name); ok && n.ID == name {
				found = a.Value
				count++
			}
		}
	}
	if count == 1 {
		return found, f
	}
	if count > 1 {
		return nil, nil
	}
	mi := m.mods[f]
	if mi == nil {
		return nil, nil
	}
	q, ok := mi.res.Imports[name]
	if !ok {
		return nil, nil
	}
	i := strings.LastIndex(q, ".")
	if i < 0 {
		return nil, nil
	}
	var g *project.File
	if rm := mi.ix.ModuleNamed(q[:i]); rm != nil {
		g = rm.File
	}
	return m.constant(g, q[i+1:], depth+1)
}
