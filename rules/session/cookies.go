// Package session implements the session rules: FLASK-SESS-001 (cookie
// attributes in production) and FLASK-SESS-002 (session lifetime,
// fixation on login, secrets in the cookie session).
package session

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/rules"
)

// CookieAttributes is FLASK-SESS-001.
var CookieAttributes = &rules.Rule{
	ID:       "FLASK-SESS-001",
	Title:    "Session cookie lacks Secure, HttpOnly or SameSite in production",
	Severity: rules.Medium,
	CWE:      614,
	Spec:     "4 FLASK-SESS-001",
	Category: rules.CatSession,
	Doc: rules.Doc{
		What: "Judges the session cookie settings production gets: SESSION_COOKIE_SECURE missing or False in the " +
			"production configuration, SESSION_COOKIE_HTTPONLY=False, SESSION_COOKIE_SAMESITE='None' in an app with " +
			"cookie-authenticated state-changing routes, REMEMBER_COOKIE_SECURE/HTTPONLY=False for Flask-Login; and " +
			"response.set_cookie() calls for session, token, auth or " +
			"remember-me cookies without secure, httponly or samesite (not set_cookie calls that delete the cookie with max_age or expires 0). Setting SESSION_COOKIE_SECURE only in the " +
			"production class or from an environment toggle is the recommended pattern and is not reported.",
		Why: "Without Secure the browser sends the cookie over plain HTTP, where anyone on the network path can " +
			"read it; without HttpOnly any injected script can read it; SameSite=None sends it on cross-site " +
			"requests, which re-opens CSRF.",
		Insecure: "class ProductionConfig(Config):\n    SESSION_COOKIE_SECURE = False\n    SESSION_COOKIE_HTTPONLY = False\n\n" +
			"app.config.from_object(ProductionConfig)\n\n@app.post(\"/login\")\ndef login():\n" +
			"    session[\"user_id\"] = check(request.form)\n    return redirect(\"/\")",
		Secure: "class Config:\n    SESSION_COOKIE_HTTPONLY = True\n    SESSION_COOKIE_SAMESITE = \"Lax\"\n" +
			"    # Secure only where TLS is configured; can be turned off for local HTTP testing\n" +
			"    SESSION_COOKIE_SECURE = os.environ.get(\"SESSION_COOKIE_SECURE\", \"1\") == \"1\"\n\n" +
			"class DevelopmentConfig(Config):\n    SESSION_COOKIE_SECURE = False  # local HTTP",
		Impact: "A network attacker (public Wi-Fi, a compromised proxy) or an injected script steals the session " +
			"cookie and takes over the account; with SameSite=None other sites can make authenticated requests.",
		Fix: "Set SESSION_COOKIE_SECURE=True in the production configuration only (or from an environment toggle " +
			"so local HTTP testing still works), keep SESSION_COOKIE_HTTPONLY=True, and set " +
			"SESSION_COOKIE_SAMESITE='Lax' (or 'Strict'). Pass secure=True, httponly=True, samesite='Lax' to " +
			"set_cookie for cookies that authenticate.",
		Mitigation: "Send Strict-Transport-Security from the edge so browsers never use plain HTTP, and keep CSRF " +
			"tokens on state-changing forms (SameSite is defence in depth).",
		FalsePositives: "A platform may set these attributes on the way out (some proxies rewrite Set-Cookie); " +
			"not visible in app code; verify at runtime/config with the browser's developer tools. " +
			"Cookies that hold no authentication data need fewer attributes.",
	},
	Run: runCookies,
}

// usesSessionCookie reports whether the app's session cookie matters:
// it writes to the session, logs users in, or keeps CSRF tokens there.
func usesSessionCookie(m *flask.Model) bool {
	return m.Auth.UsesSessions() || m.CSRF.Enabled() || len(m.ExtensionsNamed("LoginManager", "Security", "Session")) > 0
}

// stateChangingCookieRoutes reports whether cookie-authenticated
// state-changing routes exist.
func stateChangingCookieRoutes(m *flask.Model) *flask.Route {
	if !m.Auth.CookieBased() {
		return nil
	}
	for _, r := range m.Routes {
		if r.StateChanging() && !flask.IsTestFile(r.File) {
			return r
		}
	}
	return nil
}

// confidenceFor is how sure a production value is: High when the value
// is the production class's own or the repository deploys the app,
// Medium otherwise.
func confidenceFor(m *flask.Model, v *flask.Value) rules.Confidence {
	switch {
	case v.Conditional:
		return rules.MediumConfidence
	case v.Envs == flask.Production, m.Deployed(), m.Config.Explicit(flask.Production):
		return rules.HighConfidence
	}
	return rules.MediumConfidence
}

func runCookies(pass *rules.Pass) error {
	m := flask.ModelOf(pass.Project)
	if m.Config != nil && usesSessionCookie(m) {
		checkSecure(pass, m)
		for _, v := range m.Config.Lookup("SESSION_COOKIE_HTTPONLY", flask.Production).Values {
			if b, ok := v.Bool(); ok && !b {
				pass.ReportNode(v.File, v.Node, rules.Finding{Confidence: confidenceFor(m, v),
					Message: "SESSION_COOKIE_HTTPONLY is False: scripts in the page can read the session cookie."})
			}
		}
		if r := stateChangingCookieRoutes(m); r != nil {
			for _, v := range m.Config.Lookup("SESSION_COOKIE_SAMESITE", flask.Production).Values {
				if s, ok := v.Str(); ok && strings.EqualFold(s, "none") {
					pass.ReportNode(v.File, v.Node, rules.Finding{Confidence: confidenceFor(m, v),
						Message: fmt.Sprintf("SESSION_COOKIE_SAMESITE is 'None', so browsers send the session cookie on cross-site requests to cookie-authenticated state-changing routes such as %s.", r)})
				} else if v.Origin == flask.Literal && v.IsNone() {
					conf := confidenceFor(m, v)
					if conf == rules.HighConfidence {
						conf = rules.MediumConfidence // some browsers apply Lax by default
					}
					pass.ReportNode(v.File, v.Node, rules.Finding{Confidence: conf,
						Message: fmt.Sprintf("SESSION_COOKIE_SAMESITE is set to None, so the session cookie carries no SameSite attribute and browsers without a Lax default send it on cross-site requests to state-changing routes such as %s.", r)})
				}
			}
		}
		for _, key := range []string{"REMEMBER_COOKIE_SECURE", "REMEMBER_COOKIE_HTTPONLY"} {
			for _, v := range m.Config.Lookup(key, flask.Production).Values {
				if b, ok := v.Bool(); ok && !b {
					pass.ReportNode(v.File, v.Node, rules.Finding{Confidence: confidenceFor(m, v),
						Message: key + " is False for production: Flask-Login's remember-me cookie loses that protection."})
				}
			}
		}
	}
	checkSetCookie(pass, m)
	return nil
}

func checkSecure(pass *rules.Pass, m *flask.Model) {
	s := m.Config.Lookup("SESSION_COOKIE_SECURE", flask.Production)
	for _, v := range s.Values {
		if b, ok := v.Bool(); ok && !b {
			msg := "SESSION_COOKIE_SECURE is False in configuration production gets, so the session cookie is also sent over plain HTTP."
			if v.Envs == flask.Production {
				msg = "SESSION_COOKIE_SECURE is False in the production configuration, so the session cookie is also sent over plain HTTP."
			}
			pass.ReportNode(v.File, v.Node, rules.Finding{Confidence: confidenceFor(m, v), Message: msg})
		}
	}
	if !s.Unset() || talismanSets(m, "session_cookie_secure") {
		return
	}
	apps := servedApps(m)
	if len(apps) == 0 {
		return
	}
	conf := rules.MediumConfidence
	note := ""
	if len(s.External) > 0 {
		conf = rules.LowConfidence
		note = fmt.Sprintf(" (%s may set it outside the code)", s.External[0].Via)
	}
	pass.ReportNode(apps[0].File, apps[0].Call, rules.Finding{Confidence: conf,
		Message: "SESSION_COOKIE_SECURE is not set for production" + note +
			", so the session cookie is also sent over plain HTTP; not visible in app code; verify at runtime/config."})
}

// servedApps returns the production apps that serve the project's
// requests: those that own routes; when the model ties no route to an
// app, those outside folders of scripts, tools, examples, docs and
// migrations, whose Flask() apps are helpers (a script that opens a
// database through an app context never sends a session cookie).
func servedApps(m *flask.Model) []*flask.App {
	routed := map[*flask.App]bool{}
	for _, r := range m.Routes {
		if r.App != nil {
			routed[r.App] = true
		}
	}
	var withRoutes, others []*flask.App
	for _, a := range m.ProductionApps() {
		switch {
		case routed[a]:
			withRoutes = append(withRoutes, a)
		case a.File != nil && !helperPath(a.File.Path):
			others = append(others, a)
		}
	}
	if len(withRoutes) > 0 {
		return withRoutes
	}
	return others
}

// helperPath reports whether a file lies in a folder of scripts, tools,
// examples, docs or migrations.
func helperPath(p string) bool {
	for _, part := range strings.Split(p, "/") {
		switch strings.ToLower(part) {
		case "scripts", "script", "bin", "tools", "examples", "example", "docs", "doc", "migrations", "contrib":
			return true
		}
	}
	return false
}

// sensitiveCookie matches cookie names that authenticate or carry tokens.
var sensitiveCookie = regexp.MustCompile(`(?i)(session|sess|sid|token|auth|remember|jwt|login|access|refresh|bearer|api[_-]?key|credential)`)

func checkSetCookie(pass *rules.Pass, m *flask.Model) {
	for _, f := range pass.Project.FilesOf(project.Python) {
		if f.AST == nil || flask.IsTestFile(f) {
			continue
		}
		ast.Inspect(f.AST, func(n ast.Node) bool {
			call, ok := n.(*ast.Call)
			if !ok {
				return n != nil
			}
			a, ok := call.Func.(*ast.Attribute)
			if !ok || a.Attr != "set_cookie" {
				return true
			}
			name, ok := flask.StrConst(flask.Arg(call, 0, "key"))
			if !ok || !sensitiveCookie.MatchString(name) {
				return true
			}
			for _, k := range call.Keywords {
				if k.Arg == "" {
					return true // **options: cannot tell
				}
			}
			if deletesCookie(call) {
				return true // an expired cookie carries nothing to protect
			}
			env, _ := m.EnvAt(f, int(call.Pos().Line))
			if env&flask.Production == 0 {
				return true
			}
			csrfCookie := strings.Contains(strings.ToLower(name), "csrf") || strings.Contains(strings.ToLower(name), "xsrf")
			var missing []string
			conf := rules.MediumConfidence
			check := func(kw string, pos int) {
				v := flask.Arg(call, pos, kw)
				if v == nil {
					missing = append(missing, kw)
					if kw != "samesite" {
						conf = rules.HighConfidence
					}
					return
				}
				if b, ok := flask.BoolConst(v); ok && !b {
					missing = append(missing, kw+"=False")
					conf = rules.HighConfidence
				}
				if c, ok := v.(*ast.Constant); ok && c.IsNone() && kw == "samesite" {
					missing = append(missing, kw)
				}
				if s, ok := flask.StrConst(v); ok && kw == "samesite" && strings.EqualFold(s, "none") {
					missing = append(missing, "samesite='None'")
				}
			}
			// set_cookie(key, value, max_age, expires, path, domain, secure, httponly, samesite)
			check("secure", 6)
			if !csrfCookie {
				check("httponly", 7)
			}
			check("samesite", 8)
			if len(missing) == 0 {
				return true
			}
			pass.ReportNode(f, call, rules.Finding{Confidence: conf,
				Message: fmt.Sprintf("set_cookie(%q) sets a sensitive cookie without %s.", name, strings.Join(missing, ", ")),
				Fix:     "Pass secure=True (or a production toggle), httponly=True and samesite=\"Lax\" to set_cookie for cookies that authenticate or carry tokens."})
			return true
		})
	}
}

// deletesCookie reports whether a set_cookie call deletes the cookie:
// max_age or expires is a literal 0 (or negative), the way
// Response.delete_cookie does it (set_cookie(name, "", expires=0)).
// Browsers drop such a cookie at once, so its attributes protect nothing.
func deletesCookie(call *ast.Call) bool {
	// set_cookie(key, value, max_age, expires, ...)
	for i, kw := range []string{"max_age", "expires"} {
		if n, ok := flask.IntConst(flask.Arg(call, 2+i, kw)); ok && n <= 0 {
			return true
		}
	}
	return false
}

// talismanSets reports whether an initialised Flask-Talisman sets a
// session-cookie option: Talisman's session_cookie_secure and
// session_cookie_http_only default to True and it writes them into the
// app's configuration.
func talismanSets(m *flask.Model, option string) bool {
	for _, e := range m.ExtensionsNamed("Talisman") {
		if e.Test || !e.Initialised() {
			continue
		}
		v := e.Option(option)
		if v == nil {
			return true
		}
		if b, ok := flask.BoolConst(v); !ok || b {
			return true
		}
	}
	return false
}
