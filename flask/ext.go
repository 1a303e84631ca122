package flask

import (
	"strings"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
)

// Extension is a Flask extension (a class imported from a flask_*
// package: CSRFProtect, CORS, Talisman, LoginManager, Limiter, Session,
// SQLAlchemy, JWTManager, SocketIO...) created in the code. WSGI
// middleware such as ProxyFix is in Model.ProxyFixes.
type Extension struct {
	Name      string              // class name ("CSRFProtect")
	Qual      string              // qualified name ("flask_wtf.csrf.CSRFProtect")
	Var       string              // the variable it is bound to ("csrf"); "" if none
	File      *project.File       // where it is created
	Call      *ast.Call           // the constructor call
	Kwargs    map[string]ast.Expr // keyword arguments of the constructor
	App       *App                // the app given to the constructor; or nil
	InitCalls []InitCall          // ext.init_app(app, ...) calls
	Test      bool                // created in test code

	// Blueprint is the blueprint given to the constructor (a REST API
	// mounted on a blueprint: Api(bp)); nil otherwise.
	Blueprint *Blueprint
	// Path is the URL prefix the extension's routes get: an Api's
	// prefix=, a Namespace's path (its own, or the one add_namespace
	// mounts it at); "" for none.
	Path string
	// Parent is the Api a Namespace is added to (api.namespace(...),
	// api.add_namespace(ns)); nil otherwise.
	Parent *Extension
	// Label is a Namespace's name (its first argument); "" otherwise.
	Label string
}

// restAPI reports whether the extension is a REST framework object that
// routes like an app (flask-restx / Flask-RESTPlus / Flask-RESTful Api
// and Namespace).
func (e *Extension) restAPI() bool { return e.Name == "Api" || e.Name == "Namespace" }

// mountApp returns the app the extension is bound to: given to the
// constructor or to init_app, or through its parent Api; nil if unknown.
func (e *Extension) mountApp() *App {
	for cur, depth := e, 0; cur != nil && depth < 4; cur, depth = cur.Parent, depth+1 {
		if cur.App != nil {
			return cur.App
		}
		for _, ic := range cur.InitCalls {
			if ic.App != nil {
				return ic.App
			}
		}
		if cur.Blueprint != nil {
			return cur.Blueprint.App()
		}
	}
	return nil
}

// mountBlueprint returns the blueprint the extension's routes are
// registered on (through its parent Api), or nil.
func (e *Extension) mountBlueprint() *Blueprint {
	for cur, depth := e, 0; cur != nil && depth < 4; cur, depth = cur.Parent, depth+1 {
		if cur.Blueprint != nil {
			return cur.Blueprint
		}
	}
	return nil
}

// routePrefix returns the URL prefix of the routes declared on a REST
// extension below its blueprint's: the Api's prefix, then the
// namespace's path.
func (e *Extension) routePrefix() string {
	p := ""
	for cur, depth := e, 0; cur != nil && depth < 4; cur, depth = cur.Parent, depth+1 {
		p = joinRule(cur.Path, p)
	}
	return p
}

// InitCall is one ext.init_app(app, ...) call.
type InitCall struct {
	File *project.File
	Call *ast.Call
	App  *App // the app it initialises; or nil when unresolved
}

// Initialised reports whether the extension is bound to an app: created
// with one, or init_app'ed.
func (e *Extension) Initialised() bool {
	return len(e.Call.Args) > 0 || Kwarg(e.Call, "app") != nil || len(e.InitCalls) > 0
}

// Option returns a constructor keyword argument, or the same keyword of
// an init_app call; nil if neither sets it.
func (e *Extension) Option(name string) ast.Expr {
	if v := e.Kwargs[name]; v != nil {
		return v
	}
	for _, ic := range e.InitCalls {
		if v := Kwarg(ic.Call, name); v != nil {
			return v
		}
	}
	return nil
}

// Hook is a request hook: after_request, before_request (and their
// blueprint-wide app variants), teardown_request.
type Hook struct {
	Kind string // "after_request", "before_request", "after_app_request", ...
	File *project.File
	Func ast.Node
	// Blueprint is set for before_request/after_request hooks of a
	// blueprint, which run for that blueprint's routes only; nil for app
	// hooks and the *_app_request variants, which run for every route.
	Blueprint *Blueprint
}

// Covers reports whether the hook runs for route r.
func (h *Hook) Covers(r *Route) bool { return h.Blueprint == nil || h.Blueprint == r.Blueprint }

// ProxyFix is one ProxyFix(app.wsgi_app, x_for=..., ...) application.
type ProxyFix struct {
	File  *project.File
	Call  *ast.Call
	Hops  map[string]int64 // x_for, x_proto, x_host, x_port, x_prefix: the literal hop counts given
	Other map[string]ast.Expr
}

// MainBlock is a server started in an `if __name__ == "__main__":` block,
// or at module level (If is nil), where importing the module starts it.
type MainBlock struct {
	File   *project.File
	If     *ast.If   // the __main__ block; nil for a module-level call
	Call   *ast.Call // app.run(...), socketio.run(app, ...), waitress.serve(app, ...)
	Server string    // "flask" (the development server), "socketio", "waitress", "werkzeug"
	App    *App      // the app run; or nil
	Debug  ast.Expr  // the debug= argument; or nil
	// Started is the file whose __main__ block runs the call: File, or for
	// a run inside a function that a __main__ block calls (a main()
	// helper), the file of that block. Running Started as a script starts
	// the server.
	Started *project.File
}

// StartedFile returns the file whose __main__ block (or module level)
// runs the call.
func (mb *MainBlock) StartedFile() *project.File {
	if mb.Started != nil {
		return mb.Started
	}
	return mb.File
}

// DevServer reports whether the block starts Werkzeug's development
// server (app.run, socketio.run on Werkzeug, run_simple).
func (mb *MainBlock) DevServer() bool { return mb.Server != "waitress" }

var hookKinds = map[string]bool{
	"after_request": true, "before_request": true, "after_app_request": true,
	"before_app_request": true, "teardown_request": true,
}

func (b *builder) collectHooks(fn ast.Stmt, c *ctx) {
	for _, d := range funcDecorators(fn) {
		e := d
		if call, ok := d.(*ast.Call); ok {
			e = call.Func
		}
		attr, ok := e.(*ast.Attribute)
		if !ok || !hookKinds[attr.Attr] {
			continue
		}
		switch owner := b.resolve(c, attr.Value).(type) {
		case *App, nil:
			b.m.Hooks = append(b.m.Hooks, &Hook{Kind: attr.Attr, File: c.mi.file, Func: fn})
		case *Blueprint:
			h := &Hook{Kind: attr.Attr, File: c.mi.file, Func: fn}
			if !strings.Contains(attr.Attr, "_app_") {
				h.Blueprint = owner
			}
			b.m.Hooks = append(b.m.Hooks, h)
		}
	}
}

func (b *builder) checkProxyFix(call *ast.Call, c *ctx) {
	if !c.mi.g.werkzeug {
		return
	}
	q := c.mi.importedQual(call.Func)
	if q != "werkzeug.middleware.proxy_fix.ProxyFix" && q != "werkzeug.contrib.fixers.ProxyFix" {
		return
	}
	pf := &ProxyFix{File: c.mi.file, Call: call, Hops: map[string]int64{}, Other: map[string]ast.Expr{}}
	positional := []string{"x_for", "x_proto", "x_host", "x_port", "x_prefix"}
	for i, a := range call.Args {
		if i == 0 || i-1 >= len(positional) {
			continue
		}
		if v, ok := IntConst(a); ok {
			pf.Hops[positional[i-1]] = v
		} else {
			pf.Other[positional[i-1]] = a
		}
	}
	for _, k := range call.Keywords {
		if k.Arg == "" {
			continue
		}
		if v, ok := IntConst(k.Value); ok {
			pf.Hops[k.Arg] = v
		} else {
			pf.Other[k.Arg] = k.Value
		}
	}
	b.m.ProxyFixes = append(b.m.ProxyFixes, pf)
}

// noteMainRun records X.run(...) in a __main__ block when X is an app
// (or an unresolved name in a Flask module) or a Flask-SocketIO object.
func (b *builder) noteMainRun(c *ctx, call *ast.Call, attr *ast.Attribute) {
	mb := &MainBlock{File: c.mi.file, If: c.main, Call: call, Server: "flask", Debug: Kwarg(call, "debug")}
	switch v := b.resolve(c, attr.Value).(type) {
	case *App:
		mb.App = v
	case *Extension:
		if v.Name != "SocketIO" {
			return
		}
		mb.Server = "socketio"
		if len(call.Args) > 0 {
			mb.App = b.appOf(c, call.Args[0])
		}
	default:
		if !c.mi.importsFlask() {
			return
		}
		n, ok := attr.Value.(*ast.Name)
		if !ok || (n.ID != "app" && n.ID != "application") {
			return
		}
	}
	b.m.MainBlocks = append(b.m.MainBlocks, mb)
}

// noteMainServe records waitress.serve(app) / run_simple(...) in a
// __main__ block.
func (b *builder) noteMainServe(c *ctx, call *ast.Call, q string) {
	mb := &MainBlock{File: c.mi.file, If: c.main, Call: call}
	switch q {
	case "waitress.serve":
		mb.Server = "waitress"
		if len(call.Args) > 0 {
			mb.App = b.appOf(c, call.Args[0])
		}
	default:
		mb.Server = "werkzeug"
		mb.Debug = Kwarg(call, "use_debugger")
		if len(call.Args) > 2 {
			mb.App = b.appOf(c, call.Args[2])
		}
	}
	b.m.MainBlocks = append(b.m.MainBlocks, mb)
}
