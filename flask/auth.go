package flask

import (
	"sort"
	"strconv"
	"strings"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
)

// Evidence is one place in the code that shows a fact of the model.
type Evidence struct {
	File *project.File
	Node ast.Node
	What string // "session['user_id'] written", "login_user() called"
}

// Line returns the evidence's line.
func (e Evidence) Line() int {
	if e.Node == nil {
		return 0
	}
	return int(e.Node.Pos().Line)
}

// String returns "path:line: what".
func (e Evidence) String() string {
	if e.File == nil {
		return e.What
	}
	return e.File.Path + ":" + strconv.Itoa(e.Line()) + ": " + e.What
}

// Auth is how the application authenticates users.
type Auth struct {
	// Cookie lists evidence of cookie-based authentication: writes to
	// Flask's session, Flask-Login's login_user, Flask-Login/Flask-Security
	// set-ups, server-side sessions (Flask-Session).
	Cookie []Evidence
	// Header lists evidence of header-based authentication: reads of the
	// Authorization header, request.authorization, Flask-HTTPAuth,
	// flask_jwt_extended with tokens in headers only.
	Header []Evidence
	// JWTCookies lists flask_jwt_extended set-ups that accept tokens from
	// cookies (JWT_TOKEN_LOCATION including "cookies"): cookie auth too.
	JWTCookies []Evidence
	// SessionWrites are the session[...] = value writes (and
	// session.update), the keys and values that go into the session.
	SessionWrites []SessionWrite
	// ServerSide lists evidence that sessions are stored server-side
	// (Flask-Session, a custom session_interface), so session contents
	// are not in the cookie.
	ServerSide []Evidence
}

// SessionWrite is one write to Flask's session.
type SessionWrite struct {
	File  *project.File
	Node  ast.Node // the assignment statement (or call)
	Key   string   // the key, when a literal
	Value ast.Expr // the value written
	Func  ast.Node // the enclosing function; nil at module level
}

// CookieBased reports whether users are authenticated by cookies.
func (a *Auth) CookieBased() bool { return len(a.Cookie) > 0 || len(a.JWTCookies) > 0 }

// HeaderOnly reports whether authentication is by headers only: header
// evidence and no cookie evidence.
func (a *Auth) HeaderOnly() bool { return len(a.Header) > 0 && !a.CookieBased() }

// UsesSessions reports whether the code writes to Flask's session.
func (a *Auth) UsesSessions() bool { return len(a.SessionWrites) > 0 || len(a.Cookie) > 0 }

func (b *builder) collectAuth() {
	m := b.m
	for _, e := range m.Extensions {
		if e.Test {
			continue
		}
		ev := Evidence{File: e.File, Node: e.Call}
		switch {
		case e.Name == "LoginManager":
			ev.What = "Flask-Login LoginManager set up"
			m.Auth.Cookie = append(m.Auth.Cookie, ev)
		case strings.HasPrefix(e.Qual, "flask_security") && e.Name == "Security":
			ev.What = "Flask-Security set up"
			m.Auth.Cookie = append(m.Auth.Cookie, ev)
		case strings.HasPrefix(e.Qual, "flask_session") && (e.Name == "Session" || e.Name == "KVSessionExtension"):
			ev.What = "Flask-Session server-side sessions"
			m.Auth.ServerSide = append(m.Auth.ServerSide, ev)
		case strings.HasPrefix(e.Qual, "flask_httpauth"):
			ev.What = "Flask-HTTPAuth " + e.Name
			m.Auth.Header = append(m.Auth.Header, ev)
		case e.Name == "JWTManager":
			loc := m.Config.Lookup("JWT_TOKEN_LOCATION", Production)
			cookies := false
			for _, v := range loc.Values {
				ast.Inspect(v.Expr, func(n ast.Node) bool {
					if s, ok := n.(ast.Expr); ok {
						if str, ok := StrConst(s); ok && str == "cookies" {
							cookies = true
						}
					}
					return n != nil
				})
			}
			if cookies {
				ev.What = "flask_jwt_extended with JWT_TOKEN_LOCATION including cookies"
				m.Auth.JWTCookies = append(m.Auth.JWTCookies, ev)
			} else {
				ev.What = "flask_jwt_extended with tokens in headers"
				m.Auth.Header = append(m.Auth.Header, ev)
			}
		}
	}
	for _, v := range m.Config.All("SESSION_INTERFACE") {
		m.Auth.ServerSide = append(m.Auth.ServerSide, Evidence{File: v.File, Node: v.Node, What: "custom session_interface"})
	}
	for _, mi := range b.files {
		if !mi.test {
			m.Auth.ServerSide = append(m.Auth.ServerSide, classSessionInterfaces(mi)...)
		}
	}
	// The statements' evidence, found while the files were prepared (see
	// prefetch), in file and statement order.
	for _, mi := range b.files {
		if mi.test {
			continue
		}
		for _, r := range mi.auth {
			first := len(m.Auth.SessionWrites)
			m.Auth.SessionWrites = append(m.Auth.SessionWrites, r.writes...)
			m.Auth.Cookie = append(m.Auth.Cookie, r.logins...)
			m.Auth.Header = append(m.Auth.Header, r.headers...)
			for _, w := range m.Auth.SessionWrites[first:] {
				if len(m.Auth.Cookie) < 64 {
					m.Auth.Cookie = append(m.Auth.Cookie, Evidence{File: w.File, Node: w.Node, What: "session[" + quoteKey(w.Key) + "] written"})
				}
			}
		}
	}
}

// classSessionInterfaces finds session interfaces installed by a Flask
// subclass of the module: a class attribute `session_interface = X()`, or
// `self.session_interface = X()` in one of its methods (__init__).
func classSessionInterfaces(mi *modInfo) []Evidence {
	var out []Evidence
	names := make([]string, 0, len(mi.classes))
	for name := range mi.classes {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		cl := mi.classes[name]
		flaskBase := false
		for _, base := range cl.Bases {
			switch mi.importedQual(base) {
			case "flask.Flask", "flask.app.Flask", "quart.Quart":
				flaskBase = true
			}
		}
		if !flaskBase {
			continue
		}
		for _, st := range cl.Body {
			if a, ok := st.(*ast.Assign); ok {
				for _, t := range a.Targets {
					if n, ok := t.(*ast.Name); ok && n.ID == "session_interface" {
						out = append(out, Evidence{File: mi.file, Node: a, What: "session_interface of " + cl.Name})
					}
				}
				continue
			}
			ast.Inspect(st, func(n ast.Node) bool {
				a, ok := n.(*ast.Assign)
				if !ok {
					return n != nil
				}
				for _, t := range a.Targets {
					if at, ok := t.(*ast.Attribute); ok && at.Attr == "session_interface" && Dotted(at.Value) == "self" {
						out = append(out, Evidence{File: mi.file, Node: a, What: "session_interface of " + cl.Name})
					}
				}
				return true
			})
		}
	}
	return out
}

func (b *builder) isSession(mi *modInfo, e ast.Expr) bool {
	if !mi.g.flask {
		return false
	}
	q := mi.importedQual(e)
	return q == "flask.session" || q == "flask.globals.session"
}

func (b *builder) isRequest(mi *modInfo, e ast.Expr) bool {
	if !mi.g.flask {
		return false
	}
	q := mi.importedQual(e)
	return q == "flask.request" || q == "flask.globals.request"
}

// authRec is what one statement shows of authentication: its writes to
// the session, its login_user() calls, its reads of the Authorization
// header.
type authRec struct {
	writes  []SessionWrite
	logins  []Evidence
	headers []Evidence
}

// authStmt records in r the session writes, login_user() calls and
// Authorization reads of statement s; own are its own nodes (see
// inspectOwn). It reads no state of the build, so that the files can be
// read in parallel.
func (b *builder) authStmt(s ast.Stmt, c *ctx, own []ast.Node, r *authRec) {
	// session[...] = value
	if a, ok := s.(*ast.Assign); ok {
		for _, t := range a.Targets {
			if sub, ok := t.(*ast.Subscript); ok && b.isSession(c.mi, sub.Value) {
				key, _ := StrConst(sub.Slice)
				r.writes = append(r.writes, SessionWrite{File: c.mi.file, Node: s, Key: key, Value: a.Value, Func: c.fn})
			}
		}
	}
	for _, n := range own {
		switch n := n.(type) {
		case *ast.Call:
			if c.mi.g.flaskExt {
				switch c.mi.importedQual(n.Func) {
				case "flask_login.login_user", "flask_security.login_user", "flask_security.utils.login_user":
					r.logins = append(r.logins, Evidence{File: c.mi.file, Node: n, What: "login_user() called"})
				}
			}
			if a, ok := n.Func.(*ast.Attribute); ok && (a.Attr == "update" || a.Attr == "setdefault") && b.isSession(c.mi, a.Value) {
				switch a.Attr {
				case "update", "setdefault":
					key := ""
					var val ast.Expr
					if a.Attr == "setdefault" {
						key, _ = StrConst(Arg(n, 0, ""))
						val = Arg(n, 1, "")
					}
					r.writes = append(r.writes, SessionWrite{File: c.mi.file, Node: n, Key: key, Value: val, Func: c.fn})
					for _, k := range n.Keywords {
						if k.Arg != "" {
							r.writes = append(r.writes, SessionWrite{File: c.mi.file, Node: n, Key: k.Arg, Value: k.Value, Func: c.fn})
						}
					}
					for _, arg := range n.Args {
						if d, ok := arg.(*ast.Dict); ok {
							for i, k := range d.Keys {
								if ks, ok := StrConst(k); ok {
									r.writes = append(r.writes, SessionWrite{File: c.mi.file, Node: n, Key: ks, Value: d.Values[i], Func: c.fn})
								}
							}
						}
					}
				}
			}
			// request.headers.get("Authorization")
			if a, ok := n.Func.(*ast.Attribute); ok && a.Attr == "get" {
				if h, ok := a.Value.(*ast.Attribute); ok && h.Attr == "headers" && b.isRequest(c.mi, h.Value) {
					if name, ok := StrConst(Arg(n, 0, "")); ok && strings.EqualFold(name, "Authorization") {
						r.headers = append(r.headers, Evidence{File: c.mi.file, Node: n, What: "Authorization header read"})
					}
				}
			}
		case *ast.Subscript:
			if h, ok := n.Value.(*ast.Attribute); ok && h.Attr == "headers" && b.isRequest(c.mi, h.Value) {
				if name, ok := StrConst(n.Slice); ok && strings.EqualFold(name, "Authorization") {
					r.headers = append(r.headers, Evidence{File: c.mi.file, Node: n, What: "Authorization header read"})
				}
			}
		case *ast.Attribute:
			if n.Attr == "authorization" && b.isRequest(c.mi, n.Value) {
				r.headers = append(r.headers, Evidence{File: c.mi.file, Node: n, What: "request.authorization read"})
			}
		}
	}
}

func quoteKey(k string) string {
	if k == "" {
		return "..."
	}
	return "'" + k + "'"
}

// cookieDecorators are decorators that require a logged-in cookie session.
var cookieDecorators = []string{"login_required", "fresh_login_required", "roles_required", "roles_accepted",
	"auth_required", "permission_required", "admin_required"}

// CookieAuthenticated reports whether route r relies on the cookie
// session for authentication, and why: the app authenticates with
// cookies and the view requires a login (login_required and alike,
// Flask-Security's auth_required without "token"-only methods) or reads
// the session, current_user or g.user. Header-only apps always say no.
func (m *Model) CookieAuthenticated(r *Route) (bool, string) {
	if !m.Auth.CookieBased() {
		return false, ""
	}
	for _, d := range r.Decorators {
		name := decoratorName(d)
		for _, cd := range cookieDecorators {
			if name == cd || strings.HasSuffix(name, "."+cd) {
				if call, ok := d.(*ast.Call); ok && cd == "auth_required" {
					onlyToken := len(call.Args) > 0
					for _, a := range call.Args {
						if s, ok := StrConst(a); !ok || s != "token" {
							onlyToken = false
						}
					}
					if onlyToken {
						return false, ""
					}
				}
				return true, "@" + name
			}
		}
	}
	mi := m.mods[r.File]
	why := ""
	inspectShallow(r.Func, func(n ast.Node) bool {
		if why != "" {
			return false
		}
		if e, ok := n.(ast.Expr); ok && mi != nil {
			switch q := mi.importedQual(e); q {
			case "flask.session", "flask_login.current_user", "flask_security.current_user":
				why = "reads " + q[strings.LastIndex(q, ".")+1:]
				return false
			}
			if Dotted(e) == "g.user" {
				why = "reads g.user"
				return false
			}
		}
		return true
	})
	return why != "", why
}
