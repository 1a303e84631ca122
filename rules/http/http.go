// Package http implements FLASK-HTTP-001: state changes over GET and
// secrets carried in URLs.
package http

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/flasksec/flasksec/effects"
	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
	"github.com/flasksec/flasksec/rules"
)

// Rule is FLASK-HTTP-001.
var Rule = &rules.Rule{
	ID:       "FLASK-HTTP-001",
	Title:    "State change over GET, or a secret in the URL",
	Severity: rules.Medium,
	CWE:      650,
	Spec:     "4 FLASK-HTTP-001",
	Category: rules.CatCSRF,
	Doc: rules.Doc{
		What: "Reports routes that answer GET and change state when they do: database writes, commits and deletes, " +
			"ending the session (logout), logging a user in, sending mail, calling another service with POST/PUT/" +
			"PATCH/DELETE, writing or removing files. The view and the repository helpers it calls are followed, " +
			"and the finding names the call path; code under `if request.method == \"POST\":` or " +
			"`form.validate_on_submit()` does not count for GET, also inside a helper the view calls, and neither does code " +
			"behind `if x:` on a route that leaves the parameter x at its None default. Bookkeeping is not a state " +
			"change: audit and event log rows, analytics, last-seen timestamps and counters, caches filled by a " +
			"getter on first use, update-check results, a write in the handler of a missing-resource error " +
			"(except TemplateNotFound: reset the theme); nor is a session dropped on the failure path of a check of " +
			"the current user's session (the user no longer exists, the password changed). Routes that are GET by " +
			"design are not reported for their state changes: OAuth/SSO callbacks, emailed links whose path token " +
			"the view verifies, sign-ins of the user a front proxy names (REMOTE_USER), and webhooks that first " +
			"check a request header a link or cross-site form cannot send. " +
			"A view registered under several rules gives one finding naming them. It also reports secrets in URLs: query parameters " +
			"named token, api_key, key, password, secret, reset_token... read from request.args or request.values " +
			"(not when the view checks the value as a signed token with an expiry, loads(token, max_age=...)), " +
			"and such values put into url_for(...) keywords or redirect query strings. A route finding sits on the " +
			"route decorator (on the method's def line for class-based views) and covers both problems of the " +
			"route; reads outside views and url_for/redirect calls are reported where they are. A url_for() " +
			"keyword that the target route reads from the query string is reported once, at that route; one that " +
			"fills a path parameter (an emailed /reset/<token> link) is Low confidence.",
		Why: "Browsers, crawlers, link previews and prefetchers issue GET requests freely, and any page can make a " +
			"visitor's browser send one with an <img> tag, without CSRF protection applying. Query strings are " +
			"written to server and proxy logs, browser history and Referer headers, so secrets in them leak.",
		Insecure: "@bp.route(\"/account/delete\")\ndef delete_account():\n    delete_user(session[\"user_id\"])\n" +
			"    return redirect(url_for(\"auth.login\"))\n\n@bp.route(\"/reset\")\ndef reset():\n" +
			"    user = check_token(request.args[\"token\"])",
		Secure: "@bp.post(\"/account/delete\")          # a form with the CSRF token posts here\ndef delete_account():\n" +
			"    delete_user(session[\"user_id\"])\n    return redirect(url_for(\"auth.login\"))\n\n" +
			"@bp.post(\"/reset\")\ndef reset():\n    user = check_token(request.form[\"token\"])",
		Impact: "Another site can make a logged-in user delete data, log out or trigger mail with a link or an " +
			"image; tokens and keys in URLs end up in logs, history and third parties' Referer headers, where " +
			"anyone reading them can reuse them.",
		Fix: "Accept only POST (or PUT/PATCH/DELETE) for routes that change state, send them from a form or fetch " +
			"call carrying the CSRF token, and keep GET for reads. Move secrets from the query string to the request " +
			"body or a header (Authorization); for emailed links, show a page that submits the token with POST.",
		Mitigation: "Make tokens in links single-use and short-lived, send Referrer-Policy: no-referrer (or " +
			"same-origin) on pages reached with them, scrub query strings from access logs, and set " +
			"SESSION_COOKIE_SAMESITE='Lax' so cross-site subrequests carry no session.",
		FalsePositives: "Logging out over GET is reported because it ends the session, but logout CSRF is low " +
			"impact; moving it to POST is still cleaner. Writes that only record analytics (a view counter, " +
			"last_seen) change nothing a user cares about: verify and suppress with a reason. OAuth/SSO callbacks " +
			"and emailed sign-in links must be GET by design and are not reported: make their tokens " +
			"single-use and verify the OAuth state. A parameter named key or token may not be secret (a sort key, a pagination token): check " +
			"what it holds.",
	},
	Run: run,
}

// secretNames are query parameter names that hold secrets.
var secretNames = map[string]bool{
	"token": true, "api_key": true, "apikey": true, "key": true, "password": true, "passwd": true, "pwd": true,
	"secret": true, "reset_token": true, "access_token": true, "auth_token": true, "refresh_token": true,
	"client_secret": true, "secret_key": true, "private_key": true, "session_id": true, "sessionid": true,
	"otp": true, "passcode": true, "pin": true, "jwt": true, "auth": true, "credentials": true,
}

// secretName reports whether a parameter name designates a secret, and
// whether the name is strong evidence (not a word with other meanings).
func secretName(name string) (secret, strong bool) {
	n := strings.ToLower(strings.ReplaceAll(name, "-", "_"))
	if strings.Contains(n, "page") || strings.Contains(n, "cursor") || strings.HasPrefix(n, "next") ||
		strings.Contains(n, "csrf") || strings.Contains(n, "xsrf") {
		return false, false
	}
	if secretNames[n] {
		return true, n != "key" && n != "pin" && n != "auth"
	}
	for _, suf := range []string{"_token", "_secret", "_password", "_apikey", "_api_key"} {
		if strings.HasSuffix(n, suf) {
			return true, true
		}
	}
	return false, false
}

// secretRead is a read of a secret-named query parameter.
type secretRead struct {
	file   *project.File
	node   ast.Node
	name   string
	source string // "request.args"
	strong bool
}

func run(pass *rules.Pass) error {
	p := pass.Project
	m := flask.ModelOf(p)
	ix := resolve.Of(p)
	ea := effects.Of(p)

	// Secret reads, by function.
	reads := map[*resolve.Func][]secretRead{}
	// Query parameters a view checks as expiring signed tokens, by view:
	// url_for(..., token=...) links to them are not reported either.
	expiring := map[*resolve.Func][]string{}
	var moduleReads []secretRead
	for _, f := range p.FilesOf(project.Python) {
		if f.AST == nil || flask.IsTestFile(f) {
			continue
		}
		ast.Inspect(f.AST, func(n ast.Node) bool {
			e, ok := n.(ast.Expr)
			if !ok {
				return n != nil
			}
			sr, ok := secretQuery(ix, f, e)
			if !ok {
				return true
			}
			if fn := ix.FuncAt(f, int(e.Pos().Line)); fn != nil {
				if expiringCheck(fn.Node, e) {
					// A short-lived signed link (a download link for wget):
					// the expiry is the mitigation this rule asks for.
					expiring[fn] = append(expiring[fn], sr.name)
					return true
				}
				reads[fn] = append(reads[fn], sr)
			} else {
				moduleReads = append(moduleReads, sr)
			}
			return true
		})
	}
	viewFuncs := map[ast.Node]bool{}
	reportedParams := map[*flask.Route]map[string]bool{}
	for _, r := range m.Routes {
		viewFuncs[r.Func] = true
	}
	// A view registered under several rules (stacked @route decorators) is
	// one problem: one finding, at its first route, naming every route
	// the problem holds for.
	var order []ast.Node
	byView := map[ast.Node][]*flask.Route{}
	for _, r := range m.Routes {
		if r.File == nil || flask.IsTestFile(r.File) || (r.App != nil && r.App.Test) {
			continue
		}
		if byView[r.Func] == nil {
			order = append(order, r.Func)
		}
		byView[r.Func] = append(byView[r.Func], r)
	}
	for _, view := range order {
		var first *flask.Route
		var firstSrs []secretRead
		var firstEffs []effects.Effect
		var also []*flask.Route
		for _, r := range byView[view] {
			fn := ix.FuncAt(r.File, int(r.Func.Pos().Line))
			var srs []secretRead
			if fn != nil && fn.Node == r.Func {
				srs = reads[fn]
				for _, name := range expiring[fn] {
					if reportedParams[r] == nil {
						reportedParams[r] = map[string]bool{}
					}
					reportedParams[r][name] = true
				}
			}
			var effs []effects.Effect
			if r.Has("GET") {
				effs = stateChanges(ea.View(r, "GET"))
			}
			if len(srs) == 0 && len(effs) == 0 {
				continue
			}
			if reportedParams[r] == nil {
				reportedParams[r] = map[string]bool{}
			}
			for _, sr := range srs {
				reportedParams[r][sr.name] = true
			}
			if first == nil {
				first, firstSrs, firstEffs = r, srs, effs
			} else {
				also = append(also, r)
			}
		}
		if first != nil {
			byDesign := ""
			switch {
			case headerGate(ix, first) != "":
				byDesign = "requires the " + headerGate(ix, first) + " header, which a link or a cross-site form cannot send,"
			case proxySignIn(first):
				byDesign = "signs in the user named by the front proxy's REMOTE_USER (GET by design: the proxy authenticates)"
			case oauthCallback(ix, first):
				byDesign = "is an OAuth/SSO callback (GET by design: the provider redirects the browser here)"
			case emailedLink(first):
				byDesign = "opens an emailed link carrying a token in its path (GET by design: mail clients open links with GET)"
			}
			if byDesign != "" {
				// GET is what these routes are for: on the real corpus
				// not one of them was a state change an attacker could
				// forge (issue 11, round 2), so their state changes are not
				// reported; a secret read from the query string still is.
				firstEffs = nil
				if len(firstSrs) == 0 {
					continue
				}
			}
			reportRoute(pass, first, also, firstSrs, firstEffs)
		}
	}
	// Reads of secret parameters outside views.
	var loose []secretRead
	for fn, srs := range reads {
		if viewFuncs[fn.Node] {
			continue
		}
		loose = append(loose, srs...)
	}
	loose = append(loose, moduleReads...)
	sort.Slice(loose, func(i, j int) bool {
		if loose[i].file.Path != loose[j].file.Path {
			return loose[i].file.Path < loose[j].file.Path
		}
		return loose[i].node.Pos().Before(loose[j].node.Pos())
	})
	for _, sr := range loose {
		conf := rules.MediumConfidence
		if !sr.strong {
			conf = rules.LowConfidence
		}
		loc := rules.NodeLocation(sr.file, sr.node)
		if r := m.RouteAt(sr.file.Path, loc.StartLine); r != nil {
			loc.Route = r.String()
		}
		pass.Report(rules.Finding{
			Location:   loc,
			Confidence: conf,
			Message:    fmt.Sprintf("The secret-looking parameter %q is read from the query string (%s).", sr.name, sr.source),
			Fix:        secretFix,
		})
	}
	// Secrets put into URLs: url_for keywords, redirect query strings.
	for _, f := range p.FilesOf(project.Python) {
		if f.AST == nil || flask.IsTestFile(f) {
			continue
		}
		ast.Inspect(f.AST, func(n ast.Node) bool {
			c, ok := n.(*ast.Call)
			if !ok {
				return n != nil
			}
			switch ix.QualName(f, c.Func) {
			case "flask.url_for", "flask.helpers.url_for":
				urlFor(pass, m, f, c, reportedParams)
			case "flask.redirect", "flask.helpers.redirect", "werkzeug.utils.redirect":
				redirectQuery(pass, m, ix, f, c)
			}
			return true
		})
	}
	return nil
}

const secretFix = "Take the secret from the request body (request.form / request.get_json()) or a header such as " +
	"Authorization instead of the query string; for links sent by email, open a page that submits the token " +
	"with POST, and make the token single-use and short-lived."

// expiringCheck reports whether a function hands the value read by e,
// directly or through one local name, to a signed-token check with an
// expiry: unserialize(token, max_age=3600), serializer.loads(t, max_age=...).
func expiringCheck(fn ast.Node, e ast.Expr) bool {
	local := ""
	ast.Inspect(fn, func(n ast.Node) bool {
		if a, ok := n.(*ast.Assign); ok && a.Value == e && len(a.Targets) == 1 {
			if t, ok := a.Targets[0].(*ast.Name); ok {
				local = t.ID
			}
		}
		return local == "" && n != nil
	})
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		c, ok := n.(*ast.Call)
		if found || n == nil {
			return false
		}
		if !ok || len(c.Args) == 0 {
			return true
		}
		expiry := false
		for _, k := range c.Keywords {
			if k.Arg == "max_age" {
				expiry = true
			}
		}
		if !expiry {
			return true
		}
		switch a := c.Args[0].(type) {
		case *ast.Name:
			found = local != "" && a.ID == local
		default:
			found = c.Args[0] == e
		}
		return !found
	})
	return found
}

// secretQuery recognises request.args["token"], request.args.get("api_key"),
// request.values.get("password").
func secretQuery(ix *resolve.Index, f *project.File, e ast.Expr) (secretRead, bool) {
	var holder, key ast.Expr
	switch e := e.(type) {
	case *ast.Subscript:
		holder, key = e.Value, e.Slice
	case *ast.Call:
		a, ok := e.Func.(*ast.Attribute)
		if !ok || (a.Attr != "get" && a.Attr != "getlist") {
			return secretRead{}, false
		}
		holder, key = a.Value, flask.Arg(e, 0, "key")
	default:
		return secretRead{}, false
	}
	q := ix.QualName(f, holder)
	var source string
	switch q {
	case "flask.request.args", "flask.globals.request.args":
		source = "request.args"
	case "flask.request.values", "flask.globals.request.values":
		source = "request.values"
	default:
		return secretRead{}, false
	}
	name, ok := flask.StrConst(key)
	if !ok {
		return secretRead{}, false
	}
	secret, strong := secretName(name)
	if !secret {
		return secretRead{}, false
	}
	return secretRead{file: f, node: e, name: name, source: source, strong: strong}, true
}

// hardKinds are effects whose presence in a GET route is clear harm.
var hardKinds = map[effects.Kind]bool{effects.DBDelete: true, effects.Mail: true, effects.Outbound: true}

// stateChanges keeps the effects of a view on GET that change state in
// the spec's sense: bookkeeping writes (audit and event rows, analytics,
// timestamps, caches, update checks) are left out, and so are the
// sign-in, account and token writes of an OAuth/OIDC callback, which the
// protocol makes a GET carrying the state parameter.
func stateChanges(effs []effects.Effect) []effects.Effect {
	var out []effects.Effect
	for _, e := range effs {
		if !e.Bookkeeping {
			out = append(out, e)
		}
	}
	return out
}

// headerGate returns the name of a request header the view compares
// with an expected value before doing anything, returning or aborting
// when it does not match (a webhook's channel token, an API key): a GET
// a browser is tricked into sending carries no such header. "" when
// there is none.
func headerGate(ix *resolve.Index, r *flask.Route) string {
	body := flask.FuncBody(r.Func)
	for _, st := range body {
		ifs, ok := st.(*ast.If)
		if !ok || !endsRequest(ifs.Body) {
			continue
		}
		name := ""
		ast.Inspect(ifs.Test, func(n ast.Node) bool {
			cmp, ok := n.(*ast.Compare)
			if !ok || name != "" {
				return n != nil && name == ""
			}
			if len(cmp.Ops) != 1 || cmp.Ops[0] != ast.NotEq {
				return true
			}
			for _, side := range []ast.Expr{cmp.Left, cmp.Comparators[0]} {
				if h := flask.KeyedRead(side, "headers"); h != "" {
					if a := headerHolder(side); a != nil {
						if q := ix.QualName(r.File, a); q == "flask.request" || q == "flask.globals.request" {
							name = h
						}
					}
				}
			}
			return name == ""
		})
		if name != "" {
			return name
		}
	}
	return ""
}

// headerHolder returns R of R.headers[...] or R.headers.get(...).
func headerHolder(e ast.Expr) ast.Expr {
	var h ast.Expr
	switch x := e.(type) {
	case *ast.Subscript:
		h = x.Value
	case *ast.Call:
		if a, ok := x.Func.(*ast.Attribute); ok {
			h = a.Value
		}
	}
	if a, ok := h.(*ast.Attribute); ok && a.Attr == "headers" {
		return a.Value
	}
	return nil
}

// endsRequest reports whether a block returns, raises or aborts.
func endsRequest(body []ast.Stmt) bool {
	if len(body) == 0 {
		return false
	}
	switch s := body[len(body)-1].(type) {
	case *ast.Return, *ast.Raise:
		return true
	case *ast.ExprStmt:
		if c, ok := s.Value.(*ast.Call); ok {
			d := flask.Dotted(c.Func)
			return d == "abort" || strings.HasSuffix(d, ".abort")
		}
	}
	return false
}

// emailedLink reports whether a view answers a link sent by email: a
// path parameter of the route is handed to a token check
// (verify_email_confirm_token(data), serializer.loads(token),
// confirm_token(token), verify(token), activate_account(token)). Confirming an address or signing in through
// such a link is what the link is for.
func emailedLink(r *flask.Route) bool {
	params := map[string]bool{}
	for _, p := range r.Params {
		params[p.Name] = true
	}
	if strings.Contains(r.Rule, "<dynamic>") {
		// The rule is built at run time (org_scoped_rule("/verify/<token>")):
		// the view's parameters stand for its path parameters.
		for _, a := range viewParams(r.Func) {
			params[a] = true
		}
	}
	if len(params) == 0 {
		return false
	}
	found := false
	ast.Inspect(r.Func, func(n ast.Node) bool {
		c, ok := n.(*ast.Call)
		if found || n == nil {
			return false
		}
		if !ok {
			return true
		}
		var name string
		switch fx := c.Func.(type) {
		case *ast.Name:
			name = strings.ToLower(fx.ID)
		case *ast.Attribute:
			name = strings.ToLower(fx.Attr)
		}
		// A token check: verify_email_token(x), confirm_token(x),
		// serializer.loads(x) / unsign(x) of a signed token; verify(x) or
		// confirm(x) only when the parameter is named like a token (a
		// decode_id(item_id) or verify_owner(item_id) is no token check).
		signed := strings.Contains(name, "token") || name == "loads" || name == "unsign"
		checks := signed || strings.Contains(name, "verify") || strings.Contains(name, "confirm") ||
			strings.Contains(name, "activate")
		if !checks {
			return true
		}
		for _, a := range c.Args {
			n, ok := a.(*ast.Name)
			if !ok || !params[n.ID] {
				continue
			}
			if signed || strings.Contains(strings.ToLower(n.ID), "token") {
				found = true
			}
		}
		return !found
	})
	return found
}

// tokenExchanges are the calls of OAuth client libraries that exchange
// an authorization code for tokens: a view calling one is the callback.
var tokenExchanges = map[string]bool{
	"authorize_access_token": true, "authorized_response": true, "fetch_token": true, "fetch_access_token": true,
	"step2_exchange": true, "exchange_code": true, "exchange_code_for_token": true, "parse_request_body_response": true,
	"get_access_token_from_code": true, "acquire_token_by_authorization_code": true,
	"acquire_token_by_auth_code_flow": true, "process_response": true, "process_slo": true,
}

// oauthCallback reports whether a view is the redirect endpoint of an
// OAuth/OIDC (or SAML) sign-in: it reads the state parameter from the
// query string, calls a library's code-for-token exchange, checks a
// Flask-Dance blueprint's `authorized` before using the provider, or
// finishes the sign-in from the provider token its callback stored in
// the session (`if "google_token" in session:`).
func oauthCallback(ix *resolve.Index, r *flask.Route) bool {
	found := false
	ast.Inspect(r.Func, func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		switch n := n.(type) {
		case *ast.Call:
			if a, ok := n.Func.(*ast.Attribute); ok && tokenExchanges[a.Attr] {
				found = true
			}
		case *ast.If:
			ast.Inspect(n.Test, func(x ast.Node) bool {
				if a, ok := x.(*ast.Attribute); ok && a.Attr == "authorized" {
					found = true
				}
				if c, ok := x.(*ast.Compare); ok && sessionToken(ix, r.File, c) && signsIn(ix, r.File, n.Body) {
					found = true
				}
				return !found && x != nil
			})
		}
		if e, ok := n.(ast.Expr); ok {
			if sr, ok := queryRead(ix, r.File, e); ok && sr == "state" {
				found = true
			}
		}
		return !found
	})
	return found
}

// sessionToken recognises `"google_token" in session`: the view finishes a
// sign-in with the provider token its OAuth callback stored in the session.
func sessionToken(ix *resolve.Index, f *project.File, c *ast.Compare) bool {
	if len(c.Ops) != 1 || c.Ops[0] != ast.In {
		return false
	}
	key, ok := flask.StrConst(c.Left)
	if !ok || !strings.HasSuffix(strings.ToLower(key), "token") {
		return false
	}
	q := ix.QualName(f, c.Comparators[0])
	return q == "flask.session" || q == "flask.globals.session"
}

// signsIn reports whether a block writes the session (session["user_id"]
// = ...) or calls login_user(): a sign-in, not a logout or a read.
func signsIn(ix *resolve.Index, f *project.File, body []ast.Stmt) bool {
	found := false
	flask.InspectBody(body, func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		switch x := n.(type) {
		case *ast.Assign:
			for _, t := range x.Targets {
				if sub, ok := t.(*ast.Subscript); ok {
					if q := ix.QualName(f, sub.Value); q == "flask.session" || q == "flask.globals.session" {
						found = true
					}
				}
			}
		case *ast.Call:
			if q := ix.QualName(f, x.Func); q == "flask_login.login_user" || q == "flask_login.utils.login_user" {
				found = true
			}
		}
		return !found
	})
	return found
}

// proxySignIn reports whether a view signs in the user a front proxy
// names: it reads a REMOTE_USER header or environ key (literal, or a
// setting named so: request.headers.get(settings.REMOTE_USER_HEADER)),
// or request.remote_user.
func proxySignIn(r *flask.Route) bool {
	found := false
	ast.Inspect(r.Func, func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		if h := strings.ToUpper(strings.ReplaceAll(flask.KeyedRead(n, "headers")+flask.KeyedRead(n, "environ"), "-", "_")); strings.Contains(h, "REMOTE_USER") {
			found = true
		}
		switch x := n.(type) {
		case *ast.Attribute:
			if x.Attr == "remote_user" {
				found = true
			}
		case *ast.Call:
			if a, ok := x.Func.(*ast.Attribute); ok && a.Attr == "get" && len(x.Args) > 0 {
				if h, ok := a.Value.(*ast.Attribute); ok && (h.Attr == "headers" || h.Attr == "environ") &&
					strings.Contains(strings.ToUpper(flask.Dotted(x.Args[0])), "REMOTE_USER") {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// queryRead returns the literal name of a request.args read
// (request.args["state"], request.args.get("state")).
func queryRead(ix *resolve.Index, f *project.File, e ast.Expr) (string, bool) {
	var holder, key ast.Expr
	switch e := e.(type) {
	case *ast.Subscript:
		holder, key = e.Value, e.Slice
	case *ast.Call:
		a, ok := e.Func.(*ast.Attribute)
		if !ok || a.Attr != "get" {
			return "", false
		}
		holder, key = a.Value, flask.Arg(e, 0, "key")
	default:
		return "", false
	}
	switch ix.QualName(f, holder) {
	case "flask.request.args", "flask.globals.request.args", "flask.request.values", "flask.globals.request.values":
		return flask.StrConst(key)
	}
	return "", false
}

func reportRoute(pass *rules.Pass, r *flask.Route, also []*flask.Route, srs []secretRead, effs []effects.Effect) {
	conf := rules.Confidence(0)
	raise := func(c rules.Confidence) {
		if c > conf {
			conf = c
		}
	}
	var parts []string
	var trace []rules.TraceStep
	var fixes []string
	if len(srs) > 0 {
		seen := map[string]bool{}
		var names []string
		for _, sr := range srs {
			if sr.strong {
				raise(rules.HighConfidence)
			} else {
				raise(rules.MediumConfidence)
			}
			pos := sr.node.Pos()
			trace = append(trace, rules.TraceStep{Path: sr.file.Path, Line: int(pos.Line), Col: int(pos.Col) + 1,
				Note: fmt.Sprintf("reads %q from %s", sr.name, sr.source)})
			if !seen[sr.name] {
				seen[sr.name] = true
				names = append(names, fmt.Sprintf("%q", sr.name))
			}
		}
		// Names joined with "and": a quoted secret name followed by a comma
		// would make the redaction mask the rest of the message.
		var sources []string
		for _, sr := range srs {
			if !seen[sr.source] {
				seen[sr.source] = true
				sources = append(sources, sr.source)
			}
		}
		parts = append(parts, fmt.Sprintf("takes the secret %s from the query string (%s)", strings.Join(names, " and "),
			strings.Join(sources, " and ")))
		fixes = append(fixes, secretFix)
	}
	// session.clear() next to a login is the session being regenerated,
	// not a logout.
	login := false
	for _, e := range effs {
		if e.Kind == effects.Login {
			login = true
		}
	}
	if login {
		kept := effs[:0:0]
		for _, e := range effs {
			if e.Kind != effects.SessionEnd {
				kept = append(kept, e)
			}
		}
		effs = kept
	}
	if len(effs) > 0 {
		var what []string
		onlyLogout, onlyLogin := true, true
		for _, e := range effs {
			switch {
			case hardKinds[e.Kind]:
				raise(rules.HighConfidence)
			case e.Kind == effects.Login:
				raise(rules.LowConfidence)
			default:
				raise(rules.MediumConfidence)
			}
			if e.Kind != effects.SessionEnd {
				onlyLogout = false
			}
			if e.Kind != effects.Login {
				onlyLogin = false
			}
			what = append(what, e.Kind.String()+" ("+e.Describe()+")")
			trace = append(trace, e.Trace()...)
		}
		verb := "changes state on GET: "
		if len(srs) > 0 {
			verb = "and " + verb
		}
		parts = append(parts, verb+strings.Join(what, "; "))
		switch {
		case onlyLogout:
			fixes = append(fixes, "Make logout a POST route submitted from a small form (or fetch) carrying the CSRF "+
				"token; logout CSRF is low impact, but GET should not change the session.")
		case onlyLogin && len(srs) > 0:
			// The secret's fix (a page that POSTs the token) covers the login.
		case onlyLogin:
			fixes = append(fixes, "If this is a sign-in link or an OAuth/SSO callback it must stay GET: make the "+
				"token single-use and short-lived and verify the OAuth state parameter; otherwise accept only POST.")
		default:
			fixes = append(fixes, fmt.Sprintf("Accept only POST (or DELETE) for %s, e.g. methods=[\"POST\"], "+
				"send it from a form or fetch call carrying the CSRF token, and keep GET for reads.", r.Rule))
		}
	}
	loc := routeLoc(r)
	loc.Route = r.String()
	loc.Function = r.FuncName
	name := r.String()
	if len(also) > 0 {
		names := []string{r.String()}
		for _, a := range also {
			names = append(names, a.String())
		}
		name = "The view of " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	pass.Report(rules.Finding{
		Location:   loc,
		Confidence: conf,
		Message:    name + " " + strings.Join(parts, ", ") + ".",
		Trace:      trace,
		Fix:        strings.Join(fixes, " "),
	})
}

// urlFor reports url_for(..., token=...) keywords that put a secret into
// the URL, unless the target route reads it from the query string and is
// reported there.
func urlFor(pass *rules.Pass, m *flask.Model, f *project.File, c *ast.Call, reported map[*flask.Route]map[string]bool) {
	ep, _ := flask.StrConst(flask.Arg(c, 0, "endpoint"))
	var targets []*flask.Route // several when apps share endpoint names
	if ep != "" {
		for _, r := range m.Routes {
			if r.Endpoint == ep || (strings.HasPrefix(ep, ".") && strings.HasSuffix(r.Endpoint, ep)) {
				targets = append(targets, r)
			}
		}
	}
	for _, k := range c.Keywords {
		if k.Arg == "" || strings.HasPrefix(k.Arg, "_") {
			continue
		}
		secret, strong := secretName(k.Arg)
		if !secret {
			continue
		}
		conf := rules.MediumConfidence
		if !strong {
			conf = rules.LowConfidence
		}
		where := "the query string"
		skip := false
		for _, target := range targets {
			if reported[target][k.Arg] {
				skip = true // reported where the route reads it
			}
			for _, prm := range target.Params {
				if prm.Name == k.Arg {
					where = "the URL path of " + target.Rule
					conf = rules.LowConfidence
				}
			}
		}
		if skip {
			continue
		}
		loc := rules.NodeLocation(f, c)
		if r := m.RouteAt(f.Path, loc.StartLine); r != nil {
			loc.Route = r.String()
		}
		fix := "Do not put the " + k.Arg + " into a URL: send it in a POST body or a header. For an emailed one-time " +
			"link, make the token single-use and short-lived, have the page it opens submit it with POST, and send " +
			"Referrer-Policy: no-referrer."
		pass.Report(rules.Finding{
			Location:   loc,
			Confidence: conf,
			Message:    fmt.Sprintf("url_for() puts the secret-looking value %q into %s.", k.Arg, where),
			Fix:        fix,
		})
	}
}

var queryParamRE = regexp.MustCompile(`[?&]([A-Za-z_][A-Za-z0-9_\-]*)=`)

// redirectQuery reports redirect() targets whose literal parts put a
// secret-named parameter into a query string.
func redirectQuery(pass *rules.Pass, m *flask.Model, ix *resolve.Index, f *project.File, c *ast.Call) {
	arg := flask.Arg(c, 0, "location")
	if arg == nil {
		return
	}
	if n, ok := arg.(*ast.Name); ok {
		if v := assignedOnce(ix, f, n); v != nil {
			arg = v
		}
	}
	var found string
	strong := false
	ast.Inspect(arg, func(n ast.Node) bool {
		if found != "" || n == nil {
			return false
		}
		switch k := n.(type) {
		case *ast.Constant:
			if s, ok := k.Str(); ok {
				for _, mm := range queryParamRE.FindAllStringSubmatch(s, -1) {
					if secret, st := secretName(mm[1]); secret {
						found, strong = mm[1], st
						return false
					}
				}
			}
		case *ast.Call:
			// urlencode({"token": t}) or urlencode(dict(token=t)) in the target.
			if q := ix.QualName(f, k.Func); q == "urllib.parse.urlencode" {
				ast.Inspect(k, func(x ast.Node) bool {
					var name string
					switch x := x.(type) {
					case *ast.Dict:
						for _, key := range x.Keys {
							if s, ok := flask.StrConst(key); ok {
								if secret, st := secretName(s); secret && found == "" {
									found, strong = s, st
								}
							}
						}
					case *ast.Keyword:
						name = x.Arg
					}
					if name != "" {
						if secret, st := secretName(name); secret && found == "" {
							found, strong = name, st
						}
					}
					return x != nil && found == ""
				})
				if found != "" {
					return false
				}
			}
		}
		return true
	})
	if found == "" {
		return
	}
	conf := rules.MediumConfidence
	if !strong {
		conf = rules.LowConfidence
	}
	loc := rules.NodeLocation(f, c)
	if r := m.RouteAt(f.Path, loc.StartLine); r != nil {
		loc.Route = r.String()
	}
	pass.Report(rules.Finding{
		Location:   loc,
		Confidence: conf,
		Message:    fmt.Sprintf("The redirect target carries the secret-looking parameter %q in its query string.", found),
		Fix:        secretFix,
	})
}

// viewParams returns the names of a view function's positional
// parameters.
func viewParams(fn ast.Node) []string {
	var args *ast.Arguments
	switch f := fn.(type) {
	case *ast.FunctionDef:
		args = f.Args
	case *ast.AsyncFunctionDef:
		args = f.Args
	}
	if args == nil {
		return nil
	}
	var out []string
	for _, a := range append(append([]*ast.Arg{}, args.PosOnlyArgs...), args.Args...) {
		if a.Arg != "self" {
			out = append(out, a.Arg)
		}
	}
	return out
}

// routeLoc is where a route finding goes: the route decorator (or
// add_url_rule call) of a function view; the method's def line for a
// class-based view, whose add_url_rule covers every method.
func routeLoc(r *flask.Route) rules.Location {
	return rules.NodeLocation(r.File, r.Header())
}

// assignedOnce returns the value a local name is assigned when the
// enclosing function assigns it exactly once, or nil.
func assignedOnce(ix *resolve.Index, f *project.File, n *ast.Name) ast.Expr {
	fn := ix.FuncAt(f, int(n.Pos().Line))
	if fn == nil {
		return nil
	}
	var val ast.Expr
	count := 0
	for _, s := range fn.Body {
		ast.Inspect(s, func(x ast.Node) bool {
			switch x := x.(type) {
			case nil, *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.Lambda:
				return false
			case *ast.Assign:
				for _, t := range x.Targets {
					if tn, ok := t.(*ast.Name); ok && tn.ID == n.ID {
						val = x.Value
						count++
					}
				}
			}
			return true
		})
	}
	if count != 1 {
		return nil
	}
	return val
}
