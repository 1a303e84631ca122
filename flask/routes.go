package flask

import (
	"regexp"
	"sort"
	"strings"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
)

// routeVerbs maps the route decorators of Flask and Blueprint to the
// method they imply ("" for route(), whose methods= decides).
var routeVerbs = map[string]string{
	"route": "", "get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE",
}

// viewMethods are the MethodView methods that serve an HTTP verb.
var viewMethods = []string{"get", "post", "put", "patch", "delete", "head", "options"}

// routeOwner returns the app or blueprint a route decorator/call is made
// on, and whether the receiver is plausibly one even if unresolved.
func (b *builder) routeOwner(c *ctx, recv ast.Expr) (*App, *Blueprint, *Extension, bool) {
	switch v := b.resolve(c, recv).(type) {
	case *App:
		return v, nil, nil, true
	case *Blueprint:
		return v.App(), v, nil, true
	case *Extension:
		// flask-restx / Flask-RESTful Api and Namespace objects route
		// like an app, below their own prefixes (see finishRoutes).
		switch v.Name {
		case "Api", "Namespace":
			return v.App, nil, v, true
		case "Blueprint":
			return v.App, nil, nil, true
		}
		return nil, nil, nil, false
	case ast.Node:
		return nil, nil, nil, false
	}
	// Unresolved receiver (an app passed in, a blueprint from a package we
	// could not follow): accept it in modules that use Flask.
	return nil, nil, nil, c.mi.importsFlask()
}

// routeDecl is a route declaration found on a decorator.
type routeDecl struct {
	decl    ast.Node
	rule    string
	methods []string // explicit methods, upper-case; nil for the default
	verb    string   // the verb implied by @x.get etc.
	ruleOK  bool
	app     *App
	bp      *Blueprint
	ext     *Extension    // the REST Api or Namespace the route is declared on; or nil
	file    *project.File // the file holding decl
	recv    ast.Expr
	endp    string
}

func (b *builder) routeDecorators(c *ctx, decs []ast.Expr) []routeDecl {
	var out []routeDecl
	for _, d := range decs {
		call, ok := d.(*ast.Call)
		if !ok {
			continue
		}
		attr, ok := call.Func.(*ast.Attribute)
		if !ok {
			continue
		}
		verb, ok := routeVerbs[attr.Attr]
		if !ok {
			continue
		}
		ruleExpr := Arg(call, 0, "rule")
		if ruleExpr == nil {
			continue
		}
		rule, isStr := StrConst(ruleExpr)
		app, bp, ext, okOwner := b.routeOwner(c, attr.Value)
		if !okOwner {
			continue
		}
		if _, isCall := ruleExpr.(*ast.Call); isCall && !isStr && (app != nil || bp != nil || ext != nil) {
			// @bp.route(org_scoped_rule("/x/<id>")): a helper builds the rule.
			rule, isStr = b.ruleString(c, ruleExpr, nil)
		}
		if app == nil && bp == nil && ext == nil && (!isStr || !strings.HasPrefix(rule, "/")) {
			// An unresolved receiver with a non-path argument is not a route
			// (requests.get(url), cache.get(key) as decorators are not, but be safe).
			continue
		}
		rd := routeDecl{decl: call, file: c.mi.file, rule: rule, ruleOK: isStr, verb: verb, app: app, bp: bp, ext: ext, recv: attr.Value}
		rd.methods = b.methodsOf(c, Kwarg(call, "methods"))
		if e, ok := StrConst(Kwarg(call, "endpoint")); ok {
			rd.endp = e
		}
		out = append(out, rd)
		if ext != nil && verb == "" {
			// A REST resource answers at every URL given:
			// @ns.route("/a", "/b").
			for _, u := range call.Args[1:] {
				if more, ok := StrConst(u); ok {
					rd.rule = more
					out = append(out, rd)
				}
			}
		}
	}
	return out
}

// methodList reads methods=["GET", "post"] (list, tuple or set of str).
func methodList(e ast.Expr) []string {
	var elts []ast.Expr
	switch e := e.(type) {
	case *ast.List:
		elts = e.Elts
	case *ast.Tuple:
		elts = e.Elts
	case *ast.Set:
		elts = e.Elts
	default:
		return nil
	}
	var out []string
	for _, x := range elts {
		if s, ok := StrConst(x); ok {
			out = append(out, strings.ToUpper(s))
		}
	}
	return out
}

// finishMethods applies Flask's defaults: GET when none are given, HEAD
// with GET, OPTIONS always; upper-case, sorted, unique.
func finishMethods(ms []string) []string {
	if len(ms) == 0 {
		ms = []string{"GET"}
	}
	set := map[string]bool{"OPTIONS": true}
	for _, m := range ms {
		set[m] = true
		if m == "GET" {
			set["HEAD"] = true
		}
	}
	out := make([]string, 0, len(set))
	for m := range set {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

var paramRE = regexp.MustCompile(`<(?:([A-Za-z_][A-Za-z0-9_]*)(?:\([^)]*\))?:)?([A-Za-z_][A-Za-z0-9_]*)>`)

// ParseRule returns the path parameters of a URL rule.
func ParseRule(rule string) []Param {
	var out []Param
	for _, m := range paramRE.FindAllStringSubmatch(rule, -1) {
		conv := m[1]
		if conv == "" {
			conv = "string"
		}
		out = append(out, Param{Name: m[2], Converter: conv})
	}
	return out
}

// finishRoutes computes the full rule, parameters, endpoint and app of
// every route once all blueprint registrations are known.
func (m *Model) finishRoutes() {
	for _, r := range m.Routes {
		rule := r.rawRule
		if !r.ruleOK {
			rule = "<dynamic>"
		}
		endpoint := r.rawEndpoint
		if r.ext != nil {
			// A REST Api or Namespace: its prefixes, then its blueprint's.
			rule = joinRule(r.ext.routePrefix(), rule)
			if r.Blueprint == nil {
				r.Blueprint = r.ext.mountBlueprint()
			}
			if r.App == nil {
				r.App = r.ext.mountApp()
			}
			if endpoint == "" && r.Class != nil {
				endpoint = restEndpoint(r.ext, r.Class.Name)
			}
		}
		if r.Blueprint != nil {
			rule = joinRule(r.Blueprint.Prefix(), rule)
			if endpoint != "" {
				endpoint = r.Blueprint.Name + "." + endpoint
			}
			if r.App == nil {
				r.App = r.Blueprint.App()
			}
		}
		if r.App == nil && len(m.Apps) == 1 {
			r.App = m.Apps[0]
		}
		r.Rule, r.Params, r.Endpoint = rule, ParseRule(rule), endpoint
	}
}

// joinRule joins a blueprint prefix and a rule as Flask does.
func joinRule(prefix, rule string) string {
	if prefix == "" {
		return rule
	}
	if rule == "" {
		return prefix
	}
	return strings.TrimRight(prefix, "/") + "/" + strings.TrimLeft(rule, "/")
}

// restEndpoint returns flask-restx's default endpoint of a resource
// class: the class name in snake case, after the namespace's name unless
// the resource is on the Api itself ("people_person").
func restEndpoint(ext *Extension, class string) string {
	var sb strings.Builder
	for i, r := range class {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				sb.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		sb.WriteRune(r)
	}
	if firstComponent(ext.Qual) == "flask_restful" {
		return strings.ToLower(class)
	}
	if ext.Name == "Namespace" && ext.Label != "" {
		return ext.Label + "_" + sb.String()
	}
	return sb.String()
}

func (b *builder) newRoute(c *ctx, rd routeDecl, fn ast.Node, funcName string, class *ast.ClassDef,
	methods []string, decorators []ast.Expr, endpoint string) *Route {
	r := &Route{File: c.mi.file, Func: fn, FuncName: funcName, Class: class, Methods: finishMethods(methods),
		Decorators: decorators, Blueprint: rd.bp, App: rd.app, Decl: rd.decl, ext: rd.ext, declFile: rd.file,
		rawRule: rd.rule, ruleOK: rd.ruleOK, rawEndpoint: endpoint}
	b.m.Routes = append(b.m.Routes, r)
	return r
}

func (b *builder) collectRoutesOfFunc(fn ast.Stmt, c *ctx) {
	decs := funcDecorators(fn)
	rds := b.routeDecorators(c, decs)
	if len(rds) == 0 {
		return
	}
	name := FuncName(fn)
	full := name
	if c.fnName != "" {
		full = c.fnName + "." + name
	} else if c.class != nil {
		full = c.class.Name + "." + name
	}
	for _, rd := range rds {
		ms := rd.methods
		if rd.verb != "" {
			ms = []string{rd.verb}
		}
		endp := rd.endp
		if endp == "" {
			endp = name
		}
		b.newRoute(c, rd, fn, full, nil, ms, decs, endp)
	}
}

// collectRoutesOfClass handles class-based views decorated with a route
// (flask-restx/flask-smorest style: @ns.route("/x") class X(Resource)).
func (b *builder) collectRoutesOfClass(cl *ast.ClassDef, c *ctx) {
	rds := b.routeDecorators(c, cl.DecoratorList)
	for _, rd := range rds {
		endpoint := rd.endp
		if endpoint == "" && rd.ext == nil {
			// flask-smorest's Blueprint.route: the class's name.
			endpoint = cl.Name
		}
		b.classViewRoutes(c, rd, cl, rd.methods, endpoint)
	}
}

// addNamespace handles flask-restx's api.add_namespace(ns, path=...): the
// namespace's routes go below the Api's prefix, at path when given.
func (b *builder) addNamespace(c *ctx, call *ast.Call, attr *ast.Attribute) {
	api, ok := b.resolve(c, attr.Value).(*Extension)
	if !ok || api.Name != "Api" {
		return
	}
	ns, ok := b.resolve(c, Arg(call, 0, "ns")).(*Extension)
	if !ok || ns.Name != "Namespace" {
		return
	}
	ns.Parent = api
	if p, ok := StrConst(Arg(call, 1, "path")); ok {
		ns.Path = strings.TrimRight(p, "/")
	}
}

// classViewRoutes adds the routes of a View/MethodView class bound to a rule.
func (b *builder) classViewRoutes(c *ctx, rd routeDecl, cl *ast.ClassDef, restrict []string, endpoint string) {
	decs := append([]ast.Expr(nil), cl.DecoratorList...)
	var classMethods []string
	for _, s := range cl.Body {
		if a, ok := s.(*ast.Assign); ok && len(a.Targets) == 1 {
			if n, ok := a.Targets[0].(*ast.Name); ok {
				switch n.ID {
				case "decorators", "method_decorators":
					if l, ok := a.Value.(*ast.List); ok {
						decs = append(decs, l.Elts...)
					} else if t, ok := a.Value.(*ast.Tuple); ok {
						decs = append(decs, t.Elts...)
					}
				case "methods":
					classMethods = methodList(a.Value)
				}
			}
		}
	}
	allowed := func(m string) bool {
		if len(restrict) == 0 {
			return true
		}
		for _, r := range restrict {
			if r == m {
				return true
			}
		}
		return false
	}
	found := false
	for _, s := range cl.Body {
		name := FuncName(s)
		if name == "" {
			continue
		}
		for _, vm := range viewMethods {
			if name == vm && allowed(strings.ToUpper(vm)) {
				found = true
				mdecs := append(append([]ast.Expr(nil), decs...), funcDecorators(s)...)
				b.newRoute(c, rd, s, cl.Name+"."+name, cl, []string{strings.ToUpper(vm)}, mdecs, endpoint)
			}
		}
	}
	if found {
		return
	}
	for _, s := range cl.Body {
		if FuncName(s) == "dispatch_request" {
			ms := restrict
			if len(ms) == 0 {
				ms = classMethods
			}
			mdecs := append(append([]ast.Expr(nil), decs...), funcDecorators(s)...)
			b.newRoute(c, rd, s, cl.Name+".dispatch_request", cl, ms, mdecs, endpoint)
		}
	}
}

// addResource handles Flask-RESTful's api.add_resource(Resource, "/a",
// "/b", endpoint="x"): each URL is a route of the class's verb methods.
func (b *builder) addResource(c *ctx, call *ast.Call, attr *ast.Attribute) {
	if len(call.Args) < 2 {
		return
	}
	var ext *Extension
	if e, ok := b.resolve(c, attr.Value).(*Extension); ok && e.restAPI() {
		ext = e
	}
	cl, cmi := b.classOf(c, call.Args[0])
	if cl == nil {
		return
	}
	endpoint, _ := StrConst(Kwarg(call, "endpoint"))
	if endpoint == "" {
		endpoint = strings.ToLower(cl.Name)
	}
	cc := *c
	if cmi != nil {
		cc.mi = cmi
	}
	var app *App
	if len(b.m.Apps) == 1 {
		app = b.m.Apps[0]
	}
	for _, u := range call.Args[1:] {
		rule, ok := StrConst(u)
		if !ok {
			continue
		}
		rd := routeDecl{decl: call, file: c.mi.file, rule: rule, ruleOK: true, app: app, ext: ext}
		b.classViewRoutes(&cc, rd, cl, nil, endpoint)
	}
}

// methodsOf reads a methods= argument: a literal list, or a module-level
// constant list (METHODS = ["GET", "POST"]) of this module or imported
// from another one.
func (b *builder) methodsOf(c *ctx, e ast.Expr) []string {
	if n, ok := e.(*ast.Name); ok {
		if x, _ := b.m.Constant(c.mi.file, n.ID); x != nil {
			e = x
		}
	}
	return methodList(e)
}
