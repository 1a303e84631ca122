// Package csrf implements FLASK-CSRF-001: state-changing requests of
// cookie-authenticated apps must be CSRF-protected.
package csrf

import (
	"fmt"
	"strings"

	"github.com/flasksec/flasksec/effects"
	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
	"github.com/flasksec/flasksec/rules"
)

// Rule is FLASK-CSRF-001.
var Rule = &rules.Rule{
	ID:       "FLASK-CSRF-001",
	Title:    "State-changing request of a cookie-authenticated app without CSRF protection",
	Severity: rules.High,
	CWE:      352,
	Spec:     "4 FLASK-CSRF-001",
	Category: rules.CatCSRF,
	Doc: rules.Doc{
		What: "In apps that authenticate users with cookies (Flask's session, Flask-Login, Flask-Security, " +
			"flask_jwt_extended with cookies), reports: WTF_CSRF_ENABLED=False outside test configuration; an app " +
			"with state-changing routes and no app-wide CSRF protection (at the Flask(...) call); each POST, PUT, " +
			"PATCH or DELETE route, JSON endpoints included, with neither a token (CSRFProtect, " +
			"FlaskForm.validate_on_submit(), or a hand-written token check: a ==, != or compare_digest comparison of " +
			"a value read from a csrf/xsrf-named session key, form field or header, directly or through locals, that " +
			"aborts, raises or returns on a mismatch) nor the spec's minimum (a required custom " +
			"header checked in the view, its decorator or a before_request hook, plus SESSION_COOKIE_SAMESITE='Lax' " +
			"or 'Strict' in production); csrf.exempt on routes that rely on the cookie. Route findings sit on the " +
			"route decorator (on the method's def line for class-based views). Apps that authenticate only with headers (bearer tokens, HTTP auth) are not reported: " +
			"browsers do not attach those to cross-site requests. Exempted routes that authenticate by a request " +
			"signature (HMAC webhooks) or a header token are not reported either, nor exempted views that change no " +
			"state, nor SAML assertion consumers and OAuth callbacks that hand the request to the provider's " +
			"response check (auth.process_response()), nor are routes authenticated by an " +
			"API key or token header or by credentials in the body, public JSON endpoints that read no cookie, and " +
			"routes of a blueprint no app registers. Pre-authentication login and sign-up forms are login CSRF, " +
			"reported at Low severity; so is a change that requires the current password or a one-time code. A " +
			"POST view in which no state change is found (a search form) is reported at Low confidence. A view " +
			"under several rules gives one finding naming them. The app-level finding is Low severity when every " +
			"route is reported on its own: it only shows where the fix goes.",
		Why: "Browsers attach cookies to requests that other sites trigger. Without a token the server cannot tell " +
			"a form the user submitted from one a malicious page submitted in the user's name.",
		Insecure: "app = Flask(__name__)\nlogin_manager = LoginManager()\nlogin_manager.init_app(app)\n\n@app.post(\"/email\")\n@login_required\n" +
			"def change_email():\n    current_user.email = request.form[\"email\"]\n    db.session.commit()",
		Secure: "csrf = CSRFProtect()\n\ndef create_app():\n    app = Flask(__name__)\n    csrf.init_app(app)   " +
			"# every POST/PUT/PATCH/DELETE needs the token\n    ...\n\n# templates: <input type=\"hidden\" " +
			"name=\"csrf_token\" value=\"{{ csrf_token() }}\">\n# fetch(): headers: {\"X-CSRFToken\": token}",
		Impact: "Any site a logged-in user visits can change their email or password, transfer data, delete " +
			"records or log them into an attacker's account, with the user's own session.",
		Fix: "Initialise Flask-WTF's CSRFProtect for the app (csrf.init_app(app) in the factory) and send the token " +
			"with every form (csrf_token()) and AJAX call (X-CSRFToken header). Where tokens are impractical, at a " +
			"minimum require a custom header (e.g. X-Requested-With) on state-changing requests, checked in a " +
			"before_request hook, and set SESSION_COOKIE_SAMESITE='Lax'.",
		Mitigation: "SESSION_COOKIE_SAMESITE='Lax' (or 'Strict') stops most cross-site POSTs from carrying the " +
			"session; checking the Origin or Sec-Fetch-Site header rejects cross-site requests early. These are " +
			"defence in depth, not a replacement for tokens.",
		FalsePositives: "Protection applied outside the app code (a gateway that checks Origin, a front end that " +
			"proxies every call) is not visible in app code; verify at runtime/config. Routes that read no cookie " +
			"(public endpoints that change nothing tied to a user) are reported at Medium confidence. " +
			"csrf.exempt on a webhook is fine when the webhook checks a signature (HMAC) instead of a cookie. " +
			"JSON endpoints that call request.get_json() without force=True reject the form content types a " +
			"cross-site page can send without a preflight, and browsers preflight cross-site PUT, PATCH and " +
			"DELETE: such routes are reported at Medium confidence, since a permissive CORS policy or a later " +
			"code change removes that barrier.",
	},
	Run: run,
}

// check is what the rule learns about one app's protections.
type check struct {
	pass     *rules.Pass
	m        *flask.Model
	ix       *resolve.Index
	samesite string // SameSite for production: "Lax", "Strict", "None" or "" when unset
	sameWhy  string // where it is set
	auth     []flask.Evidence
	// unregMemo caches unregistered's answer per blueprint.
	unregMemo map[*flask.Blueprint]bool
}

func run(pass *rules.Pass) error {
	p := pass.Project
	m := flask.ModelOf(p)
	auth := effects.CookieAuth(m)
	if len(auth) == 0 {
		return nil // no cookie authentication: no CSRF risk (spec)
	}
	c := &check{pass: pass, m: m, ix: resolve.Of(p), auth: auth}
	c.samesite, c.sameWhy = sameSite(m)

	disabled := c.reportDisabled()
	global := m.CSRF.Enabled() && !checkDefaultOff(m)
	jwtCookieCSRF := len(m.Auth.JWTCookies) > 0 && !configFalse(m, "JWT_COOKIE_CSRF_PROTECT")

	var unprotected []*flask.Route
	appConf := rules.Confidence(0)
	reportedViews := map[ast.Node]bool{}
	allReported := true
	for _, r := range m.Routes {
		if !r.StateChanging() || r.File == nil || flask.IsTestFile(r.File) || (r.App != nil && r.App.Test) {
			continue
		}
		if c.unregistered(r) {
			continue // a blueprint no app registers serves nothing
		}
		rc := m.CSRF.Of(r)
		ra := c.routeAuth(r)
		if ra.header && !ra.cookie {
			continue // authenticated by a header token: no CSRF risk
		}
		if ra.body && !ra.cookie {
			continue // authenticated by credentials in the request body, which a cross-site page does not have
		}
		if !ra.cookie && !c.loginView(r) && c.jsonOnly(r) {
			// A public JSON endpoint: it reads no cookie, so nothing it does
			// is done in a user's name, and get_json() refuses the content
			// types a cross-site form can send.
			continue
		}
		if rc.Exempt != nil && global {
			if (ra.signature || ra.body) && !ra.cookie {
				continue // a signed webhook: authenticated by its signature, not the cookie
			}
			c.reportExempt(r, rc, ra)
			continue
		}
		if global && !disabled {
			continue
		}
		if jwtCookieCSRF && ra.jwt {
			continue // flask_jwt_extended checks its double-submit token on cookie JWTs
		}
		if len(rc.FormValidation) > 0 && !disabled {
			continue
		}
		if c.manualToken(r) {
			continue
		}
		if ra.signature && !ra.cookie {
			continue
		}
		if len(rc.HeaderChecks) > 0 && (c.samesite == "Lax" || c.samesite == "Strict") {
			continue // the spec's minimum: a required custom header and SameSite
		}
		unprotected = append(unprotected, r)
		if disabled && m.CSRF.Enabled() {
			continue // reported once, at WTF_CSRF_ENABLED=False
		}
		if reportedViews[r.Func] {
			continue // a view under several rules: one finding, naming them
		}
		reportedViews[r.Func] = true
		conf, shown := c.reportRoute(r, rc, ra)
		if conf > appConf {
			appConf = conf
		}
		if !shown {
			allReported = false
		}
	}
	// The app-level finding says what the route findings do not: that no
	// protection is set up at all. When every unprotected route is already
	// reported at default settings, it would only repeat them.
	if len(unprotected) > 0 && !m.CSRF.Enabled() {
		c.reportApp(unprotected, appConf, allReported)
	}
	return nil
}

// unregistered reports whether a route belongs to a blueprint that no
// app registers, when every register_blueprint call of the project names
// a known blueprint (a registration in a loop over a list could be any).
func (c *check) unregistered(r *flask.Route) bool {
	bp := r.Blueprint
	if bp == nil || len(bp.Registrations) > 0 || bp.Var == "" {
		return false
	}
	if v, ok := c.unregMemo[bp]; ok {
		return v
	}
	v := c.neverRegistered(bp)
	if c.unregMemo == nil {
		c.unregMemo = map[*flask.Blueprint]bool{}
	}
	c.unregMemo[bp] = v
	return v
}

// neverRegistered scans the project's register_blueprint calls for one
// that may register bp (see unregistered).
func (c *check) neverRegistered(bp *flask.Blueprint) bool {
	known := map[string]bool{}
	for _, b := range c.m.Blueprints {
		known[b.Var] = true
	}
	found := false
	for _, f := range c.pass.Project.FilesOf(project.Python) {
		if f.AST == nil || found || !strings.Contains(string(f.Src), "register_blueprint") {
			continue
		}
		ast.Inspect(f.AST, func(n ast.Node) bool {
			call, ok := n.(*ast.Call)
			if found || n == nil {
				return false
			}
			if !ok {
				return true
			}
			a, ok := call.Func.(*ast.Attribute)
			if !ok || a.Attr != "register_blueprint" {
				return true
			}
			arg := flask.Arg(call, 0, "blueprint")
			name := flask.Dotted(arg)
			if i := strings.LastIndexByte(name, '.'); i >= 0 {
				name = name[i+1:]
			}
			if name == "" || name == bp.Var || !known[name] {
				found = true // this blueprint, or one the model cannot name
			}
			return true
		})
	}
	return !found
}

// sameSite returns the SESSION_COOKIE_SAMESITE production gets, when
// one literal value decides it.
func sameSite(m *flask.Model) (string, string) {
	s := m.Config.Lookup("SESSION_COOKIE_SAMESITE", flask.Production)
	v := s.Only()
	if v == nil {
		if len(s.Values) == 0 {
			return "", ""
		}
		// Several candidates: protected only when every one is Lax/Strict.
		val := ""
		for _, x := range s.Values {
			str, ok := x.Str()
			if !ok {
				return "?", x.Where()
			}
			str = titleCase(str)
			if str != "Lax" && str != "Strict" {
				return str, x.Where()
			}
			val = str
		}
		return val, s.Values[0].Where()
	}
	if v.IsNone() {
		return "None", v.Where()
	}
	str, ok := v.Str()
	if !ok {
		return "?", v.Where()
	}
	return titleCase(str), v.Where()
}

// configFalse reports whether a production value of key is the literal
// False.
func configFalse(m *flask.Model, key string) bool {
	for _, v := range m.Config.Lookup(key, flask.Production).Values {
		if b, ok := v.Bool(); ok && !b {
			return true
		}
	}
	return false
}

// checkDefaultOff reports WTF_CSRF_CHECK_DEFAULT=False in production:
// CSRFProtect then checks only where csrf.protect() is called.
func checkDefaultOff(m *flask.Model) bool { return configFalse(m, "WTF_CSRF_CHECK_DEFAULT") }

// reportDisabled reports WTF_CSRF_ENABLED=False outside test
// configuration, and returns whether production has it.
func (c *check) reportDisabled() bool {
	prod := false
	for _, v := range c.m.Config.All("WTF_CSRF_ENABLED") {
		b, ok := v.Bool()
		if !ok || b || v.File == nil || flask.IsTestFile(v.File) || v.Envs&^flask.Testing == 0 {
			continue
		}
		conf := rules.HighConfidence
		where := "in production"
		switch {
		case v.Envs&flask.Production == 0:
			conf, where = rules.LowConfidence, "in the development configuration"
		case v.Conditional:
			conf, where = rules.MediumConfidence, "under a condition that may hold in production"
		default:
			prod = true
		}
		if v.Class != "" {
			where += " (" + v.Class + ")"
		}
		c.pass.Report(rules.Finding{
			Location:   rules.NodeLocation(v.File, v.Node),
			Confidence: conf,
			Message: fmt.Sprintf("WTF_CSRF_ENABLED=False turns off Flask-WTF's CSRF checks %s, in an app "+
				"that authenticates with cookies.", where),
			Fix: "Delete this WTF_CSRF_ENABLED setting from every configuration but TestingConfig (Flask-WTF's " +
				"default keeps the checks on); keep CSRFProtect initialised and send the token with forms and AJAX calls.",
		})
	}
	return prod
}

// routeAuth is how one route authenticates.
type routeAuth struct {
	cookie    bool // reads the cookie session or Flask-Login's user, or is a login view
	header    bool // reads a header token or uses a header-auth decorator
	body      bool // reads credentials (an API key, a token) from the request body or its URL path
	signature bool // verifies a request signature (HMAC)
	jwt       bool // @jwt_required
	evidence  string
}

var cookieDecorators = map[string]bool{
	"login_required": true, "fresh_login_required": true, "roles_required": true, "roles_accepted": true,
	"permission_required": true, "admin_required": true, "auth_required": true,
}

var headerDecorators = map[string]bool{
	"token_required": true, "api_key_required": true, "require_api_key": true, "auth_token_required": true,
	"require_token": true, "jwt_required": true, "jwt_optional": true,
}

func last(d string) string {
	if i := strings.LastIndexByte(d, '.'); i >= 0 {
		return d[i+1:]
	}
	return d
}

func (c *check) routeAuth(r *flask.Route) routeAuth {
	var ra routeAuth
	for _, d := range r.Decorators {
		e := d
		if call, ok := d.(*ast.Call); ok {
			e = call.Func
		}
		name := flask.Dotted(e)
		base := last(name)
		switch {
		case base == "login_required" && c.httpAuth(name):
			ra.header = true
		case base == "jwt_required" || base == "jwt_optional":
			ra.jwt = true
			if len(c.m.Auth.JWTCookies) > 0 {
				ra.cookie = true
			} else {
				ra.header = true
			}
		case headerDecorators[base]:
			ra.header = true
		case cookieDecorators[base]:
			ra.cookie = true
			ra.evidence = "@" + name
		default:
			// A decorator of the repository: what its wrapper reads.
			if q := c.ix.QualName(r.File, e); q != "" {
				if fn := c.ix.Func(q); fn != nil {
					c.scanAuth(&ra, fn.File, fn.Node)
				}
			}
		}
	}
	// A secret token in the URL path (/kobo/<auth_token>/...) is the
	// credential: a cross-site page does not know it.
	for _, p := range r.Params {
		l := strings.ToLower(p.Name)
		if credentialKeys[l] || strings.HasSuffix(l, "_token") || strings.HasSuffix(l, "api_key") {
			ra.body = true
		}
	}
	c.scanAuth(&ra, r.File, r.Func)
	// The repository functions the view calls (an authenticate_request()
	// helper reading the Authorization header), one level deep.
	ast.Inspect(r.Func, func(n ast.Node) bool {
		call, ok := n.(*ast.Call)
		if !ok {
			return n != nil
		}
		if _, fn := c.ix.Callee(r.File, call); fn != nil && fn.Node != r.Func {
			c.scanAuth(&ra, fn.File, fn.Node)
		}
		return true
	})
	// before_request hooks of the route's blueprint (an API blueprint that
	// checks its token for every route).
	if r.Blueprint != nil {
		for _, h := range c.m.Hooks {
			if !strings.HasPrefix(h.Kind, "before") {
				continue
			}
			if h.Blueprint != nil {
				// The model knows whose hook it is: two blueprints may share a
				// variable name (bp) in different modules.
				if h.Blueprint == r.Blueprint {
					c.scanAuth(&ra, h.File, h.Func)
				}
				continue
			}
			for _, d := range hookDecorators(h.Func) {
				if strings.TrimSuffix(flask.Dotted(d), "."+h.Kind) == r.Blueprint.Var && h.File == r.Blueprint.File {
					c.scanAuth(&ra, h.File, h.Func)
				}
			}
		}
	}
	return ra
}

// hookDecorators returns the decorators of a hook function.
func hookDecorators(n ast.Node) []ast.Expr {
	switch n := n.(type) {
	case *ast.FunctionDef:
		return n.DecoratorList
	case *ast.AsyncFunctionDef:
		return n.DecoratorList
	}
	return nil
}

// scanAuth records what a function (a view, its decorator's wrapper, a
// hook) reads that tells how the route authenticates.
func (c *check) scanAuth(ra *routeAuth, f *project.File, fn ast.Node) {
	bodies := c.bodyLocals(f, fn)
	ast.Inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case nil:
			return false
		case *ast.Name, *ast.Attribute:
			switch c.ix.QualName(f, n.(ast.Expr)) {
			case "flask.session", "flask.globals.session", "flask_login.current_user", "flask_login.utils.current_user",
				"flask_security.current_user", "flask_login.login_user", "flask_login.utils.login_user":
				ra.cookie = true
				if ra.evidence == "" {
					ra.evidence = fmt.Sprintf("%s at %s:%d", flask.Dotted(n.(ast.Expr)), f.Path, n.Pos().Line)
				}
			case "flask.request.authorization":
				ra.header = true
			case "flask_jwt_extended.get_jwt_identity", "flask_jwt_extended.verify_jwt_in_request",
				"flask_jwt_extended.get_jwt":
				ra.jwt = true
				if len(c.m.Auth.JWTCookies) > 0 {
					ra.cookie = true
					if ra.evidence == "" {
						ra.evidence = "a JWT read from cookies"
					}
				} else {
					ra.header = true
				}
			case "hmac.compare_digest", "hmac.new", "hmac.HMAC", "hmac.digest":
				ra.signature = true
			}
		case *ast.Subscript:
			c.noteHeader(ra, headerRead(n))
			c.noteBody(ra, f, n, bodies)
		case *ast.Call:
			if a, ok := n.Func.(*ast.Attribute); ok && a.Attr == "construct_event" {
				ra.signature = true // stripe.Webhook.construct_event verifies the signature
			}
			c.noteHeader(ra, headerRead(n))
			c.noteBody(ra, f, n, bodies)
		case *ast.Constant:
			// A decorator answering 401 with WWW-Authenticate asks for HTTP
			// authentication (the Authorization header).
			if str, ok := n.Str(); ok && strings.EqualFold(str, "WWW-Authenticate") {
				ra.header = true
			}
		}
		return true
	})
}

// credentialKeys are body fields that carry an API credential.
var credentialKeys = map[string]bool{"api_key": true, "apikey": true, "api_token": true, "access_token": true,
	"auth_token": true, "token": true, "secret": true, "client_secret": true, "app_key": true}

// noteBody records a read of an API credential from the request body:
// request.get_json()["api_key"], payload.get("token") on a local
// assigned the JSON body, request.form["api_token"].
func (c *check) noteBody(ra *routeAuth, f *project.File, n ast.Node, bodies map[string]bool) {
	var holder, key ast.Expr
	switch x := n.(type) {
	case *ast.Subscript:
		holder, key = x.Value, x.Slice
	case *ast.Call:
		a, ok := x.Func.(*ast.Attribute)
		if !ok || a.Attr != "get" {
			return
		}
		holder, key = a.Value, flask.Arg(x, 0, "key")
	}
	k, ok := flask.StrConst(key)
	if !ok || !credentialKeys[strings.ToLower(strings.ReplaceAll(k, "-", "_"))] {
		return
	}
	switch x := holder.(type) {
	case *ast.Call:
		if a, ok := x.Func.(*ast.Attribute); ok && a.Attr == "get_json" {
			ra.body = true
		}
	case *ast.Attribute:
		switch c.ix.QualName(f, x) {
		case "flask.request.json", "flask.globals.request.json", "flask.request.form", "flask.globals.request.form":
			ra.body = true
		}
	case *ast.Name:
		// payload = request.get_json(); payload["api_key"]
		if bodies[x.ID] {
			ra.body = true
		}
	}
}

// bodyLocals returns the local names a function assigns the request body
// to: request.get_json(...), request.json, request.form.
func (c *check) bodyLocals(f *project.File, fn ast.Node) map[string]bool {
	out := map[string]bool{}
	ast.Inspect(fn, func(n ast.Node) bool {
		a, ok := n.(*ast.Assign)
		if !ok {
			return n != nil
		}
		body := false
		switch v := a.Value.(type) {
		case *ast.Call:
			if at, ok := v.Func.(*ast.Attribute); ok && at.Attr == "get_json" && c.isRequestIn(f, at.Value) {
				body = true
			}
		case *ast.Attribute:
			body = (v.Attr == "json" || v.Attr == "form") && c.isRequestIn(f, v.Value)
		}
		if body {
			for _, t := range a.Targets {
				if tn, ok := t.(*ast.Name); ok {
					out[tn.ID] = true
				}
			}
		}
		return true
	})
	return out
}

func (c *check) isRequestIn(f *project.File, e ast.Expr) bool {
	q := c.ix.QualName(f, e)
	return q == "flask.request" || q == "flask.globals.request"
}

// noteHeader records what reading a request header says about how the
// route authenticates.
func (c *check) noteHeader(ra *routeAuth, name string) {
	l := strings.ToLower(name)
	switch {
	case l == "":
	case l == "authorization" || l == "x-api-key" || l == "x-auth-token" || l == "api-key":
		ra.header = true
	case strings.Contains(l, "csrf") || strings.Contains(l, "xsrf"):
	case strings.Contains(l, "api-key") || strings.Contains(l, "apikey") || strings.Contains(l, "api_key") ||
		strings.HasSuffix(l, "-token") || strings.HasSuffix(l, "_token") || strings.HasSuffix(l, "-auth"):
		ra.header = true // X-Service-Api-Key, X-Access-Token, X-Gitlab-Token
	case strings.Contains(l, "signature"):
		ra.signature = true // X-Hub-Signature-256, Stripe-Signature, X-Slack-Signature...
	}
}

// headerRead returns the header name of X.headers["Name"] or
// X.headers.get("Name"), or "".
func headerRead(n ast.Node) string { return flask.KeyedRead(n, "headers") }

// httpAuth reports whether a decorator name like "auth.login_required"
// belongs to a Flask-HTTPAuth object.
func (c *check) httpAuth(name string) bool {
	recv := strings.TrimSuffix(name, ".login_required")
	if recv == name || recv == "" {
		return false
	}
	for _, e := range c.m.Extensions {
		if e.Var == recv && strings.HasPrefix(e.Qual, "flask_httpauth") {
			return true
		}
	}
	return false
}

// manualToken reports a hand-written CSRF token check in the view, its
// repository decorators or a before_request hook: a comparison (or
// hmac.compare_digest) involving a value named like a CSRF token, or a
// call to a repository function named like a CSRF check.
func (c *check) manualToken(r *flask.Route) bool {
	nodes := []ast.Node{r.Func}
	for _, h := range c.m.Hooks {
		if strings.HasPrefix(h.Kind, "before") {
			nodes = append(nodes, h.Func)
		}
	}
	for _, d := range r.Decorators {
		e := d
		if call, ok := d.(*ast.Call); ok {
			e = call.Func
		}
		if q := c.ix.QualName(r.File, e); q != "" {
			if fn := c.ix.Func(q); fn != nil {
				nodes = append(nodes, fn.Node)
			}
		}
	}
	for _, n := range nodes {
		if checksTokenByHand(n) {
			return true
		}
	}
	return false
}

// checksTokenByHand reports whether a function checks a CSRF token
// itself: a comparison (==, !=, hmac.compare_digest,
// secrets.compare_digest) of a value named like a CSRF token, or of a
// local read from one (token = session.get("csrf"), sent =
// request.headers.get("X-CSRF-Token")), that guards an abort, a raise or
// a return; or a call to a function named like a CSRF check, or
// csrf.protect().
func checksTokenByHand(fn ast.Node) bool {
	fl := newFuncLocals(fn)
	found := false
	ast.Inspect(fn, func(x ast.Node) bool {
		if found || x == nil {
			return false
		}
		switch x := x.(type) {
		case *ast.Compare:
			if len(x.Ops) == 1 && (x.Ops[0] == ast.Eq || x.Ops[0] == ast.NotEq) &&
				(fl.tokenish(x.Left, 0) || fl.tokenish(x.Comparators[0], 0)) && fl.guards(x) {
				found = true
			}
		case *ast.Call:
			name := strings.ToLower(last(flask.Dotted(x.Func)))
			if name == "compare_digest" && len(x.Args) == 2 && (fl.tokenish(x.Args[0], 0) || fl.tokenish(x.Args[1], 0)) && fl.guards(x) {
				found = true
			}
			if strings.Contains(name, "csrf") && (strings.Contains(name, "check") || strings.Contains(name, "verify") ||
				strings.Contains(name, "validate")) {
				found = true
			}
			// csrf.protect() in a hook or decorator (WTF_CSRF_CHECK_DEFAULT=False set-ups).
			if name == "protect" && strings.Contains(strings.ToLower(flask.Dotted(x.Func)), "csrf") {
				found = true
			}
		}
		return true
	})
	return found
}

// funcLocals is what checksTokenByHand knows of a function's locals: the
// values assigned to each name, and the statements of its body.
type funcLocals struct {
	values map[string][]ast.Expr
	stmts  []ast.Stmt // every statement, nested ones included, in source order
}

func newFuncLocals(fn ast.Node) *funcLocals {
	fl := &funcLocals{values: map[string][]ast.Expr{}}
	ast.Inspect(fn, func(x ast.Node) bool {
		switch x := x.(type) {
		case nil:
			return false
		case *ast.Assign:
			for _, t := range x.Targets {
				if n, ok := t.(*ast.Name); ok {
					fl.values[n.ID] = append(fl.values[n.ID], x.Value)
				}
			}
		case *ast.AnnAssign:
			if n, ok := x.Target.(*ast.Name); ok && x.Value != nil {
				fl.values[n.ID] = append(fl.values[n.ID], x.Value)
			}
		case *ast.NamedExpr:
			if n, ok := x.Target.(*ast.Name); ok {
				fl.values[n.ID] = append(fl.values[n.ID], x.Value)
			}
		}
		if st, ok := x.(ast.Stmt); ok && x != fn {
			fl.stmts = append(fl.stmts, st)
		}
		return true
	})
	return fl
}

// maxFollow bounds how many assignments tokenish follows.
const maxFollow = 4

// tokenish reports whether e is, or reads, a CSRF token: it mentions one
// by name (session["csrf"], request.form.get("csrf_token"),
// request.headers.get("X-CSRF-Token")), or it is a local assigned such a
// value.
func (fl *funcLocals) tokenish(e ast.Expr, depth int) bool {
	if e == nil || depth > maxFollow {
		return false
	}
	if mentionsToken(e) {
		return true
	}
	found := false
	ast.Inspect(e, func(x ast.Node) bool {
		if found || x == nil {
			return false
		}
		if n, ok := x.(*ast.Name); ok {
			for _, v := range fl.values[n.ID] {
				if fl.tokenish(v, depth+1) {
					found = true
				}
			}
		}
		return true
	})
	return found
}

// guards reports whether the comparison cmp decides whether the request
// goes on: it sits in the test of an if, while or assert whose branches
// abort, raise or return, directly or through a local it is assigned to
// (ok = compare_digest(...); if not ok: abort(403)).
func (fl *funcLocals) guards(cmp ast.Node) bool {
	verdicts := map[string]bool{}
	for _, s := range fl.stmts {
		if a, ok := s.(*ast.Assign); ok && contains(a.Value, cmp) {
			for _, t := range a.Targets {
				if n, ok := t.(*ast.Name); ok {
					verdicts[n.ID] = true
				}
			}
		}
	}
	decides := func(test ast.Expr) bool {
		if contains(test, cmp) {
			return true
		}
		found := false
		ast.Inspect(test, func(x ast.Node) bool {
			if n, ok := x.(*ast.Name); ok && verdicts[n.ID] {
				found = true
			}
			return !found && x != nil
		})
		return found
	}
	for _, s := range fl.stmts {
		switch s := s.(type) {
		case *ast.If:
			if decides(s.Test) && (exits(s.Body) || exits(s.Orelse)) {
				return true
			}
		case *ast.While:
			if decides(s.Test) && exits(s.Body) {
				return true
			}
		case *ast.Assert:
			if decides(s.Test) {
				return true
			}
		}
	}
	return false
}

// exits reports whether a block stops the request: abort(), a raise or a
// return, outside nested functions.
func exits(body []ast.Stmt) bool {
	found := false
	for _, s := range body {
		ast.Inspect(s, func(x ast.Node) bool {
			if found || x == nil {
				return false
			}
			switch x := x.(type) {
			case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.Lambda, *ast.ClassDef:
				return false
			case *ast.Raise, *ast.Return:
				found = true
			case *ast.Call:
				if last(flask.Dotted(x.Func)) == "abort" {
					found = true
				}
			}
			return true
		})
	}
	return found
}

// contains reports whether inner lies within outer's source range.
func contains(outer, inner ast.Node) bool {
	if outer == nil || inner == nil {
		return false
	}
	return !inner.Pos().Before(outer.Pos()) && !outer.End().Before(inner.End())
}

// mentionsToken reports whether an expression mentions a CSRF token by
// name (a string or an identifier containing csrf or xsrf).
func mentionsToken(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if found || x == nil {
			return false
		}
		var s string
		switch x := x.(type) {
		case *ast.Constant:
			s, _ = x.Str()
		case *ast.Name:
			s = x.ID
		case *ast.Attribute:
			s = x.Attr
		}
		l := strings.ToLower(s)
		if strings.Contains(l, "csrf") || strings.Contains(l, "xsrf") {
			found = true
		}
		return true
	})
	return found
}

func (c *check) routeLoc(r *flask.Route) rules.Location {
	// The route decorator (or add_url_rule call) of a function view; the
	// method's def line for a class-based view.
	loc := rules.NodeLocation(r.File, r.Header())
	loc.Route = r.String()
	loc.Function = r.FuncName
	return loc
}

// reportRoute reports an unprotected route and returns the finding's
// confidence, and whether the finding is shown at default settings.
func (c *check) reportRoute(r *flask.Route, rc *flask.RouteCSRF, ra routeAuth) (rules.Confidence, bool) {
	conf := rules.HighConfidence
	sev := rules.Severity(0)
	uses := "the app authenticates with cookies (" + c.cookieEvidence() + ")"
	login := c.loginView(r)
	if ra.cookie {
		uses = "the view relies on the cookie session (" + ra.evidence + ")"
	} else if !login {
		conf = rules.MediumConfidence
	}
	var note string
	readOnly := !login && c.readOnly(r)
	gate := ""
	if !login {
		gate = c.reauthGate(r)
	}
	switch {
	case login && !strings.HasPrefix(ra.evidence, "@"): // signs in, and no login-required decorator
		// Login CSRF: a cross-site form signs the victim into the
		// attacker's account. Real, but far from a forged state change.
		sev = rules.Low
		note = " This is a pre-authentication login or sign-up form: the risk is login CSRF (the victim is signed " +
			"into an account the attacker controls), reported at Low severity."
	case gate != "":
		sev = rules.Low
		note = " The change requires " + gate + ", which a cross-site page cannot supply; reported at Low severity " +
			"as defence in depth."
	case readOnly:
		conf = rules.LowConfidence
		note = " No state change was found on POST (a search or preview form?): verify that the view only reads."
	}
	var msg, fix string
	switch {
	case len(rc.HeaderChecks) > 0:
		hc := rc.HeaderChecks[0]
		same := "SESSION_COOKIE_SAMESITE is not set for production"
		conf = rules.MediumConfidence
		switch c.samesite {
		case "":
		case "?":
			same = fmt.Sprintf("SESSION_COOKIE_SAMESITE is computed at run time (%s); verify it is 'Lax' or 'Strict'", c.sameWhy)
			conf = rules.LowConfidence
		default:
			same = fmt.Sprintf("SESSION_COOKIE_SAMESITE is %q for production (%s)", c.samesite, c.sameWhy)
		}
		msg = fmt.Sprintf("%s checks the %s header (%s:%d) but %s: the spec's minimum needs both a required "+
			"custom header and SameSite Lax or Strict.", r.String(), hc.Header, hc.File.Path, hc.Line(), same)
		fix = "Set SESSION_COOKIE_SAMESITE='Lax' (or 'Strict') in the production configuration to complete the " +
			"custom-header defence, or better, initialise CSRFProtect and send the token."
	default:
		msg = fmt.Sprintf("%s changes state without CSRF protection (no CSRFProtect, form validation, token or "+
			"custom-header check) while %s.", r.String(), uses)
		// What a cross-site page can actually send lowers the confidence:
		// forms send only GET and POST; other methods and JSON bodies need
		// a CORS preflight the app must also get wrong.
		switch {
		case !r.Has("POST"):
			conf = min(conf, rules.MediumConfidence)
			msg += " Browsers send cross-site PUT, PATCH and DELETE only after a CORS preflight, which lowers " +
				"the risk unless CORS allows other origins with credentials."
		case c.jsonOnly(r):
			conf = min(conf, rules.MediumConfidence)
			msg += " The view reads its body with request.get_json(), which rejects the content types a " +
				"cross-site form can send; force=True, a parser change or a permissive CORS policy would open it."
		}
		fix = fmt.Sprintf("Initialise CSRFProtect for the app (csrf.init_app(app)) and send the token with the "+
			"form or fetch call that reaches %s; at a minimum, require a custom header such as X-Requested-With "+
			"in a before_request hook and set SESSION_COOKIE_SAMESITE='Lax'.", r.Rule)
	}
	if also := c.otherRoutes(r); len(also) > 0 {
		msg += " The same view also serves " + strings.Join(also, " and ") + "."
	}
	msg += note
	c.pass.Report(rules.Finding{Location: c.routeLoc(r), Severity: sev, Confidence: conf, Message: msg, Fix: fix})
	return conf, conf > rules.LowConfidence
}

// otherRoutes names the other state-changing routes of r's view.
func (c *check) otherRoutes(r *flask.Route) []string {
	var out []string
	for _, o := range c.m.Routes {
		if o != r && o.Func == r.Func && o.StateChanging() {
			out = append(out, o.String())
		}
	}
	return out
}

// writeVerbs start the names of calls that may write through an API the
// effects analysis does not know.
var writeVerbs = []string{"save", "delete", "remove", "update", "create", "add", "insert", "set", "put", "post",
	"patch", "write", "commit", "send", "change", "reset", "restart", "approve", "transfer", "upload", "register",
	"edit", "modify", "destroy", "purge", "publish", "submit", "import", "toggle", "enable", "disable", "grant",
	"revoke", "invite", "assign", "move", "rename", "archive", "execute", "run", "apply"}

// readOnly reports whether a view changes nothing on POST: the effects
// analysis finds no state change (bookkeeping aside), the view writes
// nothing into the session, and it calls nothing whose name starts with
// a write verb (a search or preview form that accepts POST).
func (c *check) readOnly(r *flask.Route) bool {
	method := "POST"
	if !r.Has("POST") {
		return false
	}
	for _, e := range effects.Of(c.pass.Project).View(r, method) {
		if !e.Bookkeeping {
			return false
		}
	}
	for _, w := range c.m.Auth.SessionWrites {
		if w.File == r.File && containsLine(r.Func, int(w.Node.Pos().Line)) {
			return false
		}
	}
	writes := false
	flask.InspectBody(flask.FuncBody(r.Func), func(n ast.Node) bool {
		if writes || n == nil {
			return false
		}
		switch x := n.(type) {
		case *ast.Call:
			var name string
			switch fx := x.Func.(type) {
			case *ast.Name:
				name = fx.ID
			case *ast.Attribute:
				name = fx.Attr
			}
			name = strings.ToLower(strings.TrimLeft(name, "_"))
			for _, v := range writeVerbs {
				if strings.HasPrefix(name, v) {
					writes = true
				}
			}
		case *ast.Assign, *ast.AugAssign, *ast.Delete:
			// An attribute or item of an object changed (user.email = ...).
			var targets []ast.Expr
			switch s := x.(type) {
			case *ast.Assign:
				targets = s.Targets
			case *ast.AugAssign:
				targets = []ast.Expr{s.Target}
			case *ast.Delete:
				targets = s.Targets
			}
			for _, t := range targets {
				switch t.(type) {
				case *ast.Attribute, *ast.Subscript:
					writes = true
				}
			}
		}
		return !writes
	})
	return !writes
}

// reauthGate describes what a view requires before it changes anything,
// besides the cookie: the current password checked again, or a one-time
// code (TOTP) verified. "" when it requires neither.
func (c *check) reauthGate(r *flask.Route) string {
	gate := ""
	ast.Inspect(r.Func, func(n ast.Node) bool {
		call, ok := n.(*ast.Call)
		if gate != "" || n == nil {
			return false
		}
		if !ok {
			return true
		}
		name := strings.ToLower(last(flask.Dotted(call.Func)))
		if a, isAttr := call.Func.(*ast.Attribute); isAttr {
			name = strings.ToLower(a.Attr)
		}
		switch {
		case name == "check_password_hash" || name == "check_password" || name == "verify_password" || name == "checkpw":
			gate = "the current password"
		case strings.Contains(name, "totp") || strings.Contains(name, "otp") && strings.Contains(name, "verify"):
			gate = "a one-time code"
		case name == "verify":
			recv := ""
			if a, isAttr := call.Func.(*ast.Attribute); isAttr {
				recv = strings.ToLower(flask.Dotted(a.Value))
			}
			if strings.Contains(recv, "totp") || strings.Contains(recv, "otp") {
				gate = "a one-time code"
			}
		}
		return gate == ""
	})
	return gate
}

// jsonOnly reports whether a view reads its request body only as JSON
// through request.get_json() / request.json without force=True, and
// reads no form fields, files or raw data.
func (c *check) jsonOnly(r *flask.Route) bool {
	jsonRead, other := false, false
	ast.Inspect(r.Func, func(n ast.Node) bool {
		switch n := n.(type) {
		case nil:
			return false
		case *ast.Call:
			if a, ok := n.Func.(*ast.Attribute); ok && (a.Attr == "get_json" || a.Attr == "get_data") && c.isRequest(r, a.Value) {
				if a.Attr == "get_data" {
					other = true
				} else if f, ok := flask.BoolConst(flask.Kwarg(n, "force")); ok && f {
					other = true
				} else {
					jsonRead = true
				}
			}
		case *ast.Attribute:
			if c.isRequest(r, n.Value) {
				switch n.Attr {
				case "json":
					jsonRead = true
				case "form", "values", "files", "data", "stream", "input_stream":
					other = true
				}
			}
		}
		return true
	})
	return jsonRead && !other
}

func (c *check) isRequest(r *flask.Route, e ast.Expr) bool {
	q := c.ix.QualName(r.File, e)
	return q == "flask.request" || q == "flask.globals.request"
}

func (c *check) reportExempt(r *flask.Route, rc *flask.RouteCSRF, ra routeAuth) {
	conf := rules.HighConfidence
	why := "the view relies on the cookie session (" + ra.evidence + ")"
	if !ra.cookie {
		conf = rules.LowConfidence
		why = "the app authenticates with cookies; verify that this view does not rely on them"
	}
	if len(rc.HeaderChecks) > 0 && (c.samesite == "Lax" || c.samesite == "Strict") {
		return // exempt from tokens but covered by the custom-header minimum
	}
	if c.manualToken(r) {
		return
	}
	if !c.loginView(r) && c.readOnly(r) {
		// Nothing to forge: a cross-site request to a view that changes
		// no state does nothing the attacker can use.
		return
	}
	if c.loginView(r) && idpResponse(r) {
		// A SAML assertion consumer or an OAuth callback: the identity
		// provider posts or redirects cross-site by design, and the view
		// acts only on the provider's signed response.
		return
	}
	loc := c.routeLoc(r)
	sev := rules.Severity(0)
	if ra.header && conf == rules.HighConfidence {
		// A decorator asks for HTTP authentication (WWW-Authenticate):
		// current_user may come from the Authorization header alone.
		conf = rules.MediumConfidence
		why += "; it also asks for HTTP authentication, so verify whether a session cookie alone is accepted"
	}
	if c.loginView(r) && !strings.HasPrefix(ra.evidence, "@") {
		// A sign-in endpoint (a SAML assertion consumer, a login form):
		// the identity provider posts cross-site by design, and the risk
		// is login CSRF.
		sev = rules.Low
		why += "; it signs users in, so the risk is login CSRF (the victim signed into an attacker's account), " +
			"reported at Low severity"
	}
	c.pass.Report(rules.Finding{
		Location:   loc,
		Severity:   sev,
		Confidence: conf,
		Message: fmt.Sprintf("%s is exempted from CSRFProtect (%s:%d) while %s.", r.String(),
			rc.Exempt.File.Path, rc.Exempt.Line(), why),
		Trace: []rules.TraceStep{{Path: rc.Exempt.File.Path, Line: rc.Exempt.Line(), Note: "csrf.exempt"}},
		Fix: "Remove csrf.exempt and send the CSRF token with the request (X-CSRFToken header for fetch calls). " +
			"Exempt only endpoints that do not use the cookie, such as webhooks that verify an HMAC signature.",
	})
}

func (c *check) cookieEvidence() string {
	if len(c.auth) == 0 {
		return "cookies"
	}
	return c.auth[0].String()
}

// loginView reports whether the route logs users in (login CSRF).
// idpResponses are the calls of SAML and OAuth client libraries that
// verify an identity provider's signed response or exchange its code.
var idpResponses = map[string]bool{
	"process_response": true, "parse_authn_request_response": true, "authorize_access_token": true,
	"authorized_response": true, "fetch_token": true, "fetch_access_token": true,
}

// idpResponse reports whether a view hands the request to an identity
// provider's response check (auth.process_response(),
// oauth.authorize_access_token()).
func idpResponse(r *flask.Route) bool {
	found := false
	flask.InspectBody(flask.FuncBody(r.Func), func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		if call, ok := n.(*ast.Call); ok {
			if a, ok := call.Func.(*ast.Attribute); ok && idpResponses[a.Attr] {
				found = true
			}
		}
		return !found
	})
	return found
}

func (c *check) loginView(r *flask.Route) bool {
	for _, e := range c.auth {
		if e.File == r.File && e.Node != nil && containsLine(r.Func, e.Line()) {
			return true
		}
	}
	return false
}

func containsLine(n ast.Node, line int) bool {
	return int(n.Pos().Line) <= line && line <= int(n.End().Line)
}

func (c *check) reportApp(unprotected []*flask.Route, conf rules.Confidence, allReported bool) {
	app := c.appOf(unprotected)
	if app == nil {
		return
	}
	var trace []rules.TraceStep
	for i, r := range unprotected {
		if i == 8 {
			break
		}
		loc := c.routeLoc(r)
		trace = append(trace, rules.TraceStep{Path: loc.Path, Line: loc.StartLine, Col: loc.StartCol, Note: r.String()})
	}
	loc := rules.NodeLocation(app.File, app.Call)
	msg := fmt.Sprintf("The app authenticates with cookies (%s) but initialises no CSRF protection "+
		"(CSRFProtect or SeaSurf); %d state-changing route(s) have neither a token nor the custom-header "+
		"and SameSite minimum.", c.evidenceNear(app), len(unprotected))
	sev := rules.Severity(0)
	if allReported {
		// Every route is reported on its own: this finding only shows where
		// the one fix goes, and must not count the problem twice.
		sev = rules.Low
		msg = fmt.Sprintf("The app authenticates with cookies (%s) but initialises no CSRF protection "+
			"(CSRFProtect or SeaSurf): the fix for the %d route finding(s) of this rule goes here.",
			c.evidenceNear(app), len(unprotected))
	}
	c.pass.Report(rules.Finding{
		Location:   loc,
		Severity:   sev,
		Confidence: conf,
		Message:    msg,
		Trace:      trace,
		Fix: "Create `csrf = CSRFProtect()` and call `csrf.init_app(app)` in the app factory, render " +
			"{{ csrf_token() }} in every form and send it as X-CSRFToken from JavaScript.",
	})
}

// appOf returns the app the unprotected routes belong to: the one most of
// them are on; when the model does not know, a production app that has
// routes of its own (not a helper Flask() of a script that serves none).
func (c *check) appOf(unprotected []*flask.Route) *flask.App {
	count := map[*flask.App]int{}
	var best *flask.App
	for _, r := range unprotected {
		if r.App == nil || r.App.Test {
			continue
		}
		count[r.App]++
		if best == nil || count[r.App] > count[best] {
			best = r.App
		}
	}
	if best != nil {
		return best
	}
	routed := map[*flask.App]bool{}
	for _, r := range c.m.Routes {
		if r.App != nil {
			routed[r.App] = true
		}
	}
	var fallback *flask.App
	for _, a := range c.m.ProductionApps() {
		if routed[a] {
			return a
		}
		if fallback == nil && !helperPath(a.File.Path) {
			fallback = a
		}
	}
	return fallback
}

// helperPath reports whether a file lies in a folder of scripts, tools,
// examples, docs or migrations, whose Flask() apps are helpers.
func helperPath(p string) bool {
	for _, part := range strings.Split(p, "/") {
		switch strings.ToLower(part) {
		case "scripts", "script", "bin", "tools", "examples", "example", "docs", "doc", "migrations", "contrib":
			return true
		}
	}
	return false
}

// evidenceNear returns the cookie-authentication evidence closest to an
// app: in its own folder if there is some, else the first.
func (c *check) evidenceNear(app *flask.App) string {
	dir := ""
	if app != nil && app.File != nil {
		if i := strings.LastIndexByte(app.File.Path, '/'); i >= 0 {
			dir = app.File.Path[:i+1]
		}
	}
	for _, e := range c.auth {
		if e.File != nil && strings.HasPrefix(e.File.Path, dir) {
			return e.String()
		}
	}
	return c.cookieEvidence()
}

// titleCase returns "Lax" for "lax" or "LAX".
func titleCase(s string) string {
	if s == "" {
		return s
	}
	l := strings.ToLower(s)
	return strings.ToUpper(l[:1]) + l[1:]
}
