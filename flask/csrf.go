package flask

import (
	"strings"

	"github.com/flasksec/flasksec/par"
	"github.com/flasksec/flasksec/python/ast"
)

// CSRF is the CSRF protection the code shows.
type CSRF struct {
	// Global lists app-wide protections: CSRFProtect(app) or
	// csrf.init_app(app) (Flask-WTF), SeaSurf.
	Global []Evidence
	// Exempt lists csrf.exempt uses: decorators on views and
	// csrf.exempt(view_or_blueprint) calls.
	Exempt []Exemption
	// HeaderChecks are comparisons on request headers that can serve as a
	// CSRF defence: custom headers (X-Requested-With, X-CSRF-Token...),
	// Origin/Referer checks, Sec-Fetch-Site checks.
	HeaderChecks []HeaderCheck

	routes map[*Route]*RouteCSRF
}

// Exemption is one csrf.exempt use.
type Exemption struct {
	Evidence
	Func      ast.Node   // the exempted view function; nil for a blueprint or a string
	Blueprint *Blueprint // the exempted blueprint; or nil
	Name      string     // the exempted view given as a string ("module.view"); "" otherwise
}

// HeaderCheck is a check of a request header.
type HeaderCheck struct {
	Evidence
	Header string   // the header name as written ("X-Requested-With")
	Func   ast.Node // the function doing the check (a view, a hook, a decorator's wrapper); nil at module level
}

// RouteCSRF is what protects one route.
type RouteCSRF struct {
	// Exempt is set when the route is exempted from CSRFProtect.
	Exempt *Exemption
	// FormValidation lists form.validate_on_submit(), validate_csrf() and
	// csrf.protect() calls in the view.
	FormValidation []Evidence
	// HeaderChecks are header checks in the view, in a repository-defined
	// decorator of the view, or in a before_request hook.
	HeaderChecks []HeaderCheck
}

// Of returns what protects route r (never nil).
func (c *CSRF) Of(r *Route) *RouteCSRF {
	if rc := c.routes[r]; rc != nil {
		return rc
	}
	return &RouteCSRF{}
}

// Enabled reports whether an app-wide CSRF protection is initialised.
func (c *CSRF) Enabled() bool { return len(c.Global) > 0 }

// standardHeaders are request headers whose checks are not CSRF
// defences by themselves.
var standardHeaders = map[string]bool{
	"authorization": true, "content-type": true, "accept": true, "user-agent": true, "host": true,
	"content-length": true, "x-forwarded-for": true, "x-real-ip": true, "x-forwarded-proto": true,
	"x-forwarded-host": true, "cookie": true, "accept-language": true, "if-none-match": true,
}

func (b *builder) collectCSRF() {
	m := b.m
	m.CSRF.routes = map[*Route]*RouteCSRF{}
	for _, e := range m.Extensions {
		if e.Test {
			continue
		}
		if e.Name != "CSRFProtect" && e.Name != "SeaSurf" && e.Name != "CsrfProtect" {
			continue
		}
		if len(e.Call.Args) > 0 || Kwarg(e.Call, "app") != nil {
			m.CSRF.Global = append(m.CSRF.Global, Evidence{File: e.File, Node: e.Call, What: e.Name + "(app)"})
		}
		for _, ic := range e.InitCalls {
			m.CSRF.Global = append(m.CSRF.Global, Evidence{File: ic.File, Node: ic.Call, What: e.Name + ".init_app(app)"})
		}
	}
	// Exemptions and header checks were read with the other uses of each
	// statement (see csrfStmt); per-view form validation here.
	hookOf := map[ast.Node]*Hook{}
	for _, h := range m.Hooks {
		if strings.HasPrefix(h.Kind, "before") {
			hookOf[h.Func] = h
		}
	}
	var hookChecks []hookCheck
	for _, hc := range m.CSRF.HeaderChecks {
		if h := hookOf[hc.Func]; hc.Func != nil && h != nil {
			hookChecks = append(hookChecks, hookCheck{hc, h})
		}
	}
	rcs := make([]*RouteCSRF, len(m.Routes))
	for i, r := range m.Routes {
		rcs[i] = &RouteCSRF{}
		m.CSRF.routes[r] = rcs[i]
	}
	// Each route on its own, in parallel: the names resolved so far are
	// only read from here on.
	b.freeze()
	par.Each(len(m.Routes), func(i int) { b.routeCSRF(m.Routes[i], rcs[i], hookChecks) })
}

// routeCSRF fills in what protects route r. It only reads the model.
func (b *builder) routeCSRF(r *Route, rc *RouteCSRF, hookChecks []hookCheck) {
	m := b.m
	for i := range m.CSRF.Exempt {
		ex := &m.CSRF.Exempt[i]
		if (ex.Func != nil && ex.Func == r.Func) || (ex.Blueprint != nil && ex.Blueprint == r.Blueprint) ||
			(ex.Name != "" && (strings.HasSuffix(ex.Name, "."+FuncName(r.Func)) || ex.Name == r.Endpoint)) ||
			(ex.Func != nil && r.Class != nil && containsNode(ex.Func, r.Func)) {
			rc.Exempt = ex
			break
		}
	}
	inspectShallow(r.Func, func(n ast.Node) bool {
		call, ok := n.(*ast.Call)
		if !ok {
			return true
		}
		if a, ok := call.Func.(*ast.Attribute); ok && (a.Attr == "validate_on_submit" || a.Attr == "protect") {
			rc.FormValidation = append(rc.FormValidation, Evidence{File: r.File, Node: call, What: Dotted(call.Func) + "()"})
		}
		mi := m.mods[r.File]
		if mi != nil && mi.g.flaskExt {
			if q := mi.importedQual(call.Func); q == "flask_wtf.csrf.validate_csrf" || q == "flask_wtf.validate_csrf" {
				rc.FormValidation = append(rc.FormValidation, Evidence{File: r.File, Node: call, What: "validate_csrf()"})
			}
		}
		return true
	})
	for _, hc := range m.CSRF.HeaderChecks {
		if hc.Func != nil && hc.File == r.File && containsNode(r.Func, hc.Node) {
			rc.HeaderChecks = append(rc.HeaderChecks, hc)
		}
	}
	// Checks in the view's decorators defined in the repository.
	mi := m.mods[r.File]
	if mi != nil {
		c := &ctx{mi: mi, sc: mi.root, env: AnyEnv}
		for _, d := range r.Decorators {
			e := d
			if call, ok := d.(*ast.Call); ok {
				e = call.Func
			}
			fn, ok := b.resolve(c, e).(ast.Node)
			if !ok || FuncName(fn) == "" {
				continue
			}
			for _, hc := range m.CSRF.HeaderChecks {
				if hc.Func != nil && containsNode(fn, hc.Node) {
					rc.HeaderChecks = append(rc.HeaderChecks, hc)
				}
			}
		}
	}
	for _, x := range hookChecks {
		if x.hook.Covers(r) {
			rc.HeaderChecks = append(rc.HeaderChecks, x.hc)
		}
	}
}

// hookCheck is a header check in a before_request hook.
type hookCheck struct {
	hc   HeaderCheck
	hook *Hook
}

// csrfStmt records the csrf.exempt uses and the request header checks of
// statement s of non-test code; own are its own nodes (see inspectOwn).
func (b *builder) csrfStmt(s ast.Stmt, c *ctx, own []ast.Node) {
	m := b.m
	switch s := s.(type) {
	case *ast.FunctionDef, *ast.AsyncFunctionDef:
		for _, d := range funcDecorators(s) {
			if b.isCSRFExempt(c, d) {
				m.CSRF.Exempt = append(m.CSRF.Exempt, Exemption{Evidence: Evidence{File: c.mi.file, Node: d, What: "@" + decoratorName(d)}, Func: s})
			}
		}
		return
	case *ast.ClassDef:
		return
	}
	for _, n := range own {
		switch n := n.(type) {
		case *ast.Call:
			if b.isCSRFExempt(c, n.Func) && len(n.Args) == 1 {
				ex := Exemption{Evidence: Evidence{File: c.mi.file, Node: n, What: Dotted(n.Func) + "(...)"}}
				switch v := b.resolve(c, n.Args[0]).(type) {
				case *Blueprint:
					ex.Blueprint = v
				case ast.Node:
					if FuncName(v) != "" {
						ex.Func = v
					}
				}
				if s, ok := StrConst(n.Args[0]); ok {
					ex.Name = s
				}
				m.CSRF.Exempt = append(m.CSRF.Exempt, ex)
			}
		case *ast.Compare:
			if h := b.headerOf(c.mi, n); h != "" {
				m.CSRF.HeaderChecks = append(m.CSRF.HeaderChecks, HeaderCheck{
					Evidence: Evidence{File: c.mi.file, Node: n, What: "checks the " + h + " header"}, Header: h, Func: c.fn})
			}
		}
	}
}

// containsNode reports whether inner lies within outer's source range.
func containsNode(outer, inner ast.Node) bool {
	if outer == nil || inner == nil {
		return false
	}
	return !inner.Pos().Before(outer.Pos()) && !outer.End().Before(inner.End())
}

// isCSRFExempt reports whether e is csrf.exempt on a CSRFProtect object.
func (b *builder) isCSRFExempt(c *ctx, e ast.Expr) bool {
	a, ok := e.(*ast.Attribute)
	if !ok || a.Attr != "exempt" {
		return false
	}
	switch v := b.resolve(c, a.Value).(type) {
	case *Extension:
		return v.Name == "CSRFProtect" || v.Name == "SeaSurf" || v.Name == "CsrfProtect"
	case nil:
		d := strings.ToLower(Dotted(a.Value))
		return strings.Contains(d, "csrf") || strings.Contains(d, "seasurf")
	}
	return false
}

// headerOf returns the non-standard header a comparison reads from
// request.headers ("X-Requested-With" in request.headers,
// request.headers.get("X-Requested-With") == "XMLHttpRequest"), or "".
func (b *builder) headerOf(mi *modInfo, cmp *ast.Compare) string {
	if !mi.g.flask {
		return "" // no name can be flask.request
	}
	exprs := append([]ast.Expr{cmp.Left}, cmp.Comparators...)
	var name string
	isHeaders := func(e ast.Expr) bool {
		a, ok := e.(*ast.Attribute)
		return ok && a.Attr == "headers" && b.isRequest(mi, a.Value)
	}
	for _, e := range exprs {
		switch e := e.(type) {
		case *ast.Call:
			if a, ok := e.Func.(*ast.Attribute); ok && a.Attr == "get" && isHeaders(a.Value) {
				name, _ = StrConst(Arg(e, 0, ""))
			}
		case *ast.Subscript:
			if isHeaders(e.Value) {
				name, _ = StrConst(e.Slice)
			}
		case *ast.Attribute:
			if isHeaders(e) && len(cmp.Ops) == 1 && (cmp.Ops[0] == ast.In || cmp.Ops[0] == ast.NotIn) {
				name, _ = StrConst(cmp.Left)
			}
		}
		if name != "" {
			break
		}
	}
	if name == "" || standardHeaders[strings.ToLower(name)] {
		return ""
	}
	return name
}

// SessionSameSite returns the SameSite attribute the session cookie gets
// in environment env when the code sets it to one literal: "Lax",
// "Strict" or "None" (the string), with the value that sets it; "" and
// nil when it is unset, None (no attribute), read from the environment,
// or chosen at run time among several values.
func (m *Model) SessionSameSite(env Env) (string, *Value) {
	if m.Config == nil {
		return "", nil
	}
	v := m.Config.Lookup("SESSION_COOKIE_SAMESITE", env).Only()
	if v == nil {
		return "", nil
	}
	s, ok := v.Str()
	if !ok {
		return "", nil
	}
	switch strings.ToLower(s) {
	case "lax":
		return "Lax", v
	case "strict":
		return "Strict", v
	case "none":
		return "None", v
	}
	return "", nil
}
