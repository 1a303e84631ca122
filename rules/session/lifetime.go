package session

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/rules"
)

// Lifecycle is FLASK-SESS-002.
var Lifecycle = &rules.Rule{
	ID:       "FLASK-SESS-002",
	Title:    "Session is not renewed on login, lives too long, or holds secrets",
	Severity: rules.Medium,
	CWE:      384,
	Spec:     "4 FLASK-SESS-002",
	Category: rules.CatSession,
	Doc: rules.Doc{
		What: "Finds login code that puts the user into the session (session['user_id'] = ..., login_user()) " +
			"without clearing or regenerating the session first (login_user() for the user already logged in, after a " +
			"profile change, is not a login); passwords (pw, pass, passwd...), PINs, one-time " +
			"codes, tokens, API keys and personal data (SSN, card numbers, CVV) stored in Flask's default cookie " +
			"session (not when a server-side session interface is installed: Flask-Session, app.session_interface, " +
			"or a Flask subclass's session_interface), by key name or by the name of what is stored (names that describe a secret, such as " +
			"password_reset_sent or otp_verified, and Flask-WTF's csrf_token are not secrets); PERMANENT_SESSION_LIFETIME longer than " +
			"31 days (Flask's default) in production; session.permanent = True with no lifetime configured; and " +
			"(at low confidence) Flask-Login remember-me logins with the default one-year REMEMBER_COOKIE_DURATION.",
		Why: "Keeping the pre-login session lets a value planted before login survive into the authenticated " +
			"session (fixation). Flask's default session is a signed, not encrypted, cookie: anyone holding it can " +
			"base64-decode and read what is inside. Long-lived sessions give a stolen cookie a long life.",
		Insecure: "@app.post(\"/login\")\ndef login():\n    user = check(request.form)\n    session[\"user_id\"] = user.id\n" +
			"    session[\"password\"] = request.form[\"password\"]",
		Secure: "@app.post(\"/login\")\ndef login():\n    user = check(request.form)\n    session.clear()\n" +
			"    session[\"user_id\"] = user.id  # an identifier only\n\n" +
			"app.config[\"PERMANENT_SESSION_LIFETIME\"] = timedelta(hours=8)",
		Impact: "An attacker who fixes or steals a session keeps it usable for weeks, and anyone who sees the " +
			"cookie (logs, a shared machine, a proxy) reads the secrets stored in it.",
		Fix: "Call session.clear() (or session.regenerate() with Flask-Session) before writing the user into the " +
			"session on login and on privilege changes; store only identifiers in the session and keep secrets " +
			"server-side; set PERMANENT_SESSION_LIFETIME to the shortest period the app can live with " +
			"(hours for privileged users) and make sessions permanent only on purpose.",
		Mitigation: "Use server-side sessions (Flask-Session) so the cookie carries only an opaque identifier, " +
			"and re-authenticate before sensitive actions.",
		FalsePositives: "A login helper elsewhere may clear the session before this view writes it; the stored " +
			"value may be a non-secret despite its name. Check the flow before changing it.",
	},
	Run: runLifecycle,
}

// userKey matches session keys that identify the logged-in user.
var userKey = regexp.MustCompile(`(?i)^(user(_?id|name)?|uid|account(_id)?|logged_in|is_authenticated|auth(enticated)?|_user_id|member_id|admin|is_admin|role)$`)

// secretWords are the words of a name that make it a secret or personal
// data on their own ("pw", "remember_pw", "user_ssn").
var secretWords = map[string]bool{
	"password": true, "passwd": true, "pwd": true, "pw": true, "pass": true, "passphrase": true,
	"passcode": true, "pin": true, "otp": true, "totp": true, "hotp": true, "secret": true,
	"ssn": true, "cvv": true, "cvv2": true, "cvc": true, "iban": true, "apikey": true,
	"token": true, "bearer": true, "credentials": true, "creds": true,
}

// keyQualifiers make a following "key" a secret ("api_key", "private_key").
var keyQualifiers = map[string]bool{"api": true, "private": true, "secret": true, "signing": true,
	"encryption": true, "access": true, "license": true}

// cardWords make a "card" word a card number ("card", "card_number").
var cardWords = map[string]bool{"number": true, "no": true, "num": true, "nr": true, "details": true, "data": true}

// metaWords after a secret word make the name describe the secret rather
// than hold it: a flag, a time, a count or a type ("password_reset_sent",
// "otp_verified", "token_expires", "pin_attempts", "card_id").
var metaWords = map[string]bool{
	"sent": true, "changed": true, "set": true, "required": true, "expired": true, "expires": true,
	"expiry": true, "expiration": true, "exp": true, "verified": true, "valid": true, "ok": true,
	"checked": true, "confirmed": true, "enabled": true, "needed": true, "shown": true, "attempts": true,
	"tries": true, "count": true, "len": true, "length": true, "at": true, "time": true,
	"timestamp": true, "date": true, "hint": true, "strength": true, "policy": true, "type": true,
	"id": true, "last4": true, "last": true, "brand": true, "step": true, "pending": true, "flag": true,
	"mac": true, "hmac": true, "signature": true, "sig": true, // keyed MACs: no secret without the server key
}

// nameWords splits an identifier or key into lower-case words at
// underscores, dashes, dots, spaces and camelCase boundaries.
func nameWords(name string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(name)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
			continue
		case unicode.IsUpper(r) && i > 0 && unicode.IsLower(rs[i-1]):
			flush()
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

// secretName reports whether a session key or a variable name names a
// secret or personal data: a password ("pw", "pass", "passwd"), a PIN or
// one-time code, a token or API key (but not a CSRF token, which
// Flask-WTF keeps in the session by design), a card number, an SSN. A
// name that describes a secret instead of holding it ("password_reset_sent",
// "otp_verified", "token_expires") is not one.
func secretName(name string) bool {
	words := nameWords(name)
	last := -1
	for i, w := range words {
		switch {
		case w == "csrf" || w == "xsrf" || w == "nonce" || w == "state":
			return false
		case secretWords[w]:
			last = i
		case w == "key" && i > 0 && keyQualifiers[words[i-1]]:
			last = i
		case w == "card" && (i == len(words)-1 || cardWords[words[i+1]]):
			last = i
		case (w == "security" || w == "insurance") && i+1 < len(words) && words[i+1] == "number":
			last = i + 1
		case w == "social" && i+1 < len(words) && words[i+1] == "security":
			last = i + 1
		}
	}
	if last < 0 {
		return false
	}
	for _, w := range words[last+1:] {
		if metaWords[w] {
			return false
		}
	}
	return true
}

// maxLifetime is the longest PERMANENT_SESSION_LIFETIME not reported:
// Flask's own default, 31 days.
const maxLifetime = 31 * 24 * 3600

func runLifecycle(pass *rules.Pass) error {
	m := flask.ModelOf(pass.Project)
	checkFixation(pass, m)
	checkSecrets(pass, m)
	checkLifetime(pass, m)
	return nil
}

// clears reports whether the function clears or regenerates the session
// before line, itself or through a helper of the same file.
func clears(f *project.File, fn ast.Node, line int) bool {
	return clearsDepth(f, fn, line, 0)
}

// clearsDepth is clears, following calls to functions of the same file
// (a reset_session() helper that calls session.clear()).
func clearsDepth(f *project.File, fn ast.Node, line, depth int) bool {
	found := false
	flask.InspectBody(funcStmts(fn), func(n ast.Node) bool {
		if found {
			return false
		}
		call, ok := n.(*ast.Call)
		if !ok || int(call.Pos().Line) > line {
			return true
		}
		if a, ok := call.Func.(*ast.Attribute); ok && isSessionExpr(a.Value) {
			switch a.Attr {
			case "clear", "regenerate", "invalidate", "new":
				found = true
			}
		}
		if n, ok := call.Func.(*ast.Name); ok && depth < 2 && f != nil && f.AST != nil {
			for _, s := range f.AST.Body {
				if flask.FuncName(s) == n.ID && s != fn && clearsDepth(f, s, 1<<30, depth+1) {
					found = true
				}
			}
		}
		return true
	})
	return found
}

func funcStmts(fn ast.Node) []ast.Stmt {
	switch f := fn.(type) {
	case *ast.FunctionDef:
		return f.Body
	case *ast.AsyncFunctionDef:
		return f.Body
	}
	return nil
}

// enclosingFunc returns the innermost function of f containing line.
func enclosingFunc(f *project.File, line int) ast.Node {
	var best ast.Node
	ast.Inspect(f.AST, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		switch n.(type) {
		case *ast.FunctionDef, *ast.AsyncFunctionDef:
			if int(n.Pos().Line) <= line && line <= int(n.End().Line) {
				best = n
			}
		}
		return int(n.Pos().Line) <= line && line <= int(n.End().Line) || n == f.AST
	})
	return best
}

func isSessionExpr(e ast.Expr) bool {
	d := flask.Dotted(e)
	return d == "session" || d == "flask.session"
}

func checkFixation(pass *rules.Pass, m *flask.Model) {
	reported := map[ast.Node]bool{}
	// session["user_id"] = ... writes.
	for _, w := range m.Auth.SessionWrites {
		if w.Func == nil || reported[w.Func] || !userKey.MatchString(w.Key) || flask.IsTestFile(w.File) {
			continue
		}
		if clears(w.File, w.Func, int(w.Node.Pos().Line)) || loginInternals(w.Func, w.Key) {
			continue
		}
		reported[w.Func] = true
		msg := fmt.Sprintf("%s() writes the logged-in user into the session (session['%s']) without clearing the session first (session fixation).",
			flask.FuncName(w.Func), w.Key)
		conf := rules.HighConfidence
		if len(m.Auth.ServerSide) == 0 {
			// Flask's signed cookie session is re-issued with the new
			// contents at login, so a pre-login cookie an attacker planted
			// does not become authenticated; what survives is the values
			// set before login.
			conf = rules.MediumConfidence
			msg = fmt.Sprintf("%s() writes the logged-in user into the session (session['%s']) without clearing it first: "+
				"values set before login survive into the authenticated session (with Flask's signed cookie session the "+
				"cookie itself is re-issued, so this is hardening rather than classic fixation).",
				flask.FuncName(w.Func), w.Key)
		}
		pass.Report(rules.Finding{Location: at(m, w.File, w.Node), Confidence: conf, Message: msg})
	}
	// login_user(...) calls.
	for _, ev := range m.Auth.Cookie {
		if ev.What != "login_user() called" || flask.IsTestFile(ev.File) {
			continue
		}
		fn := enclosingFunc(ev.File, ev.Line())
		if fn == nil || reported[fn] || clears(ev.File, fn, ev.Line()) {
			continue
		}
		if call, ok := ev.Node.(*ast.Call); ok && (sameUser(fn, flask.Arg(call, 0, "user")) || guardedSameUser(fn, call)) {
			continue // the logged-in user logged in again (after a profile change): no new identity
		}
		reported[fn] = true
		pass.Report(rules.Finding{
			Confidence: rules.MediumConfidence,
			Location:   at(m, ev.File, ev.Node),
			Message: fmt.Sprintf("%s() logs the user in with login_user() without clearing the session first; values set before login survive into the authenticated session.",
				flask.FuncName(fn)),
			Fix: "Call session.clear() before login_user() (keep anything you need, such as the next URL, in a local variable first)."})
	}
}

// loginInternals reports whether a session write is the implementation
// of Flask-Login rather than an app's login code: its login_user() and
// remember-cookie loader (_load_user_from_...) writing Flask-Login's own
// "_user_id" key, when the repository vendors a copy of the library.
func loginInternals(fn ast.Node, key string) bool {
	name := flask.FuncName(fn)
	return key == "_user_id" && (name == "login_user" || strings.HasPrefix(name, "_load_user"))
}

// sameUser reports whether the user given to login_user is the one
// already logged in: current_user (or g.user), directly or through a
// local of fn assigned from it (user = current_user._get_current_object()).
// Refreshing the login after a profile update changes no identity, so
// nothing planted before it gains a new user.
func sameUser(fn ast.Node, arg ast.Expr) bool {
	if arg == nil {
		return false
	}
	if mentionsCurrentUser(arg) {
		return true
	}
	n, ok := arg.(*ast.Name)
	if !ok {
		return false
	}
	count, fromCurrent := 0, 0
	flask.InspectBody(funcStmts(fn), func(x ast.Node) bool {
		a, ok := x.(*ast.Assign)
		if !ok {
			return x != nil
		}
		for _, t := range a.Targets {
			if tn, ok := t.(*ast.Name); ok && tn.ID == n.ID {
				count++
				if mentionsCurrentUser(a.Value) {
					fromCurrent++
				}
			}
		}
		return true
	})
	return count > 0 && count == fromCurrent
}

// guardedSameUser reports whether a login_user(x) call runs only when x
// is the logged-in user: it sits under `if current_user.id == x.id:` (or
// `x == current_user`, `x.id == current_user.id`), the way an account
// update refreshes the session of the user who changed their own details.
func guardedSameUser(fn ast.Node, call *ast.Call) bool {
	arg, ok := flask.Arg(call, 0, "user").(*ast.Name)
	if !ok {
		return false
	}
	mentions := func(e ast.Expr) bool {
		found := false
		ast.Inspect(e, func(x ast.Node) bool {
			if n, ok := x.(*ast.Name); ok && n.ID == arg.ID {
				found = true
			}
			return !found && x != nil
		})
		return found
	}
	found := false
	flask.InspectBody(funcStmts(fn), func(x ast.Node) bool {
		st, ok := x.(*ast.If)
		if !ok || found {
			return !found && x != nil
		}
		if !(st.Body[0].Pos().Line <= call.Pos().Line && call.End().Line <= st.Body[len(st.Body)-1].End().Line) {
			return true
		}
		cmp, ok := st.Test.(*ast.Compare)
		if ok && len(cmp.Ops) == 1 && (cmp.Ops[0] == ast.Eq || cmp.Ops[0] == ast.Is) {
			l, r := cmp.Left, cmp.Comparators[0]
			if mentionsCurrentUser(l) && mentions(r) || mentionsCurrentUser(r) && mentions(l) {
				found = true
			}
		}
		return !found
	})
	return found
}

// mentionsCurrentUser reports whether e is, or is read from,
// current_user or g.user (current_user._get_current_object(),
// User.query.get(current_user.id)).
func mentionsCurrentUser(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(x ast.Node) bool {
		if found || x == nil {
			return false
		}
		switch x := x.(type) {
		case *ast.Name:
			found = x.ID == "current_user"
		case *ast.Attribute:
			found = x.Attr == "current_user" || flask.Dotted(x) == "g.user"
		}
		return !found
	})
	return found
}

// at returns the location of n with the route of the view containing it.
func at(m *flask.Model, f *project.File, n ast.Node) rules.Location {
	loc := rules.NodeLocation(f, n)
	if r := m.RouteAt(f.Path, int(n.Pos().Line)); r != nil {
		loc.Route = r.String()
	}
	return loc
}

// secretIn returns the secret-looking name an expression reads
// (request.form["password"], user.api_key, token), or "". The arguments
// of a call are looked into only when the call passes them through
// (str(), json.dumps(), pw.strip()): login(u, pw) returns a user or a
// status, not the password.
func secretIn(e ast.Expr) string {
	found := ""
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if found != "" || n == nil {
			return false
		}
		var name string
		switch n := n.(type) {
		case *ast.Name:
			name = n.ID
		case *ast.Attribute:
			name = n.Attr
		case *ast.Subscript:
			name, _ = flask.StrConst(n.Slice)
		case *ast.Call:
			if a, ok := n.Func.(*ast.Attribute); ok && a.Attr == "get" {
				name, _ = flask.StrConst(flask.Arg(n, 0, ""))
			}
			fn := strings.ToLower(flask.Dotted(n.Func))
			for _, w := range []string{"hash", "len", "hmac", "digest", "sha", "md5", "blake", "mac", "sign"} {
				if strings.Contains(fn, w) {
					return false // a hash, MAC, signature or length of a secret is not the secret
				}
			}
			a, isAttr := n.Func.(*ast.Attribute)
			if fn := flask.Dotted(n.Func); !knowledge.PassThrough(fn) && !(isAttr && knowledge.StrMethod(a.Attr)) && !secretName(name) {
				if !knowledge.Verdict(fn) {
					ast.Inspect(n.Func, visit) // get_api_key(), user.token.hex()
				}
				return false
			}
		}
		if name != "" && secretName(name) {
			found = name
		}
		return true
	}
	ast.Inspect(e, visit)
	return found
}

func checkSecrets(pass *rules.Pass, m *flask.Model) {
	if len(m.Auth.ServerSide) > 0 {
		return // server-side sessions: the cookie holds only an identifier
	}
	for _, w := range m.Auth.SessionWrites {
		if flask.IsTestFile(w.File) {
			continue
		}
		if c, ok := w.Value.(*ast.Constant); ok {
			if _, isStr := c.Str(); !isStr {
				continue // a flag or a number (session["password_changed"] = True) is not a secret
			}
		}
		key := strings.ToLower(w.Key)
		if strings.Contains(key, "csrf") || strings.Contains(key, "state") || strings.Contains(key, "nonce") {
			continue
		}
		var what string
		conf := rules.HighConfidence
		switch {
		case w.Key != "" && secretName(w.Key):
			what = fmt.Sprintf("session['%s']", w.Key)
		case w.Value != nil && secretIn(w.Value) != "":
			what = fmt.Sprintf("a value read from %s", secretIn(w.Value))
			conf = rules.MediumConfidence
		default:
			continue
		}
		pass.Report(rules.Finding{Confidence: conf,
			Location: at(m, w.File, w.Node),
			Message:  fmt.Sprintf("%s is stored in Flask's default session, a signed but unencrypted cookie anyone holding it can read.", what),
			Fix:      "Keep the secret server-side (database, cache, or Flask-Session) and store only an identifier in the session."})
	}
}

// seconds returns the number of seconds of a lifetime expression: an int
// literal or timedelta(days=..., hours=..., ...).
func seconds(e ast.Expr) (int64, bool) {
	if n, ok := flask.IntConst(e); ok {
		return n, true
	}
	call, ok := e.(*ast.Call)
	if !ok {
		if a, ok := e.(*ast.Attribute); ok && a.Attr == "max" && strings.HasSuffix(flask.Dotted(a.Value), "timedelta") {
			return 1 << 40, true
		}
		return 0, false
	}
	fn := flask.Dotted(call.Func)
	if fn != "timedelta" && fn != "datetime.timedelta" {
		return 0, false
	}
	units := map[string]int64{"weeks": 7 * 86400, "days": 86400, "hours": 3600, "minutes": 60, "seconds": 1}
	positional := []string{"days", "seconds"}
	var total int64
	for i, a := range call.Args {
		if i >= len(positional) {
			break
		}
		n, ok := flask.IntConst(a)
		if !ok {
			return 0, false
		}
		total += n * units[positional[i]]
	}
	for _, k := range call.Keywords {
		u, known := units[k.Arg]
		if !known {
			continue
		}
		n, ok := flask.IntConst(k.Value)
		if !ok {
			return 0, false
		}
		total += n * u
	}
	return total, true
}

func checkLifetime(pass *rules.Pass, m *flask.Model) {
	if m.Config == nil {
		return
	}
	for _, v := range m.Config.Lookup("PERMANENT_SESSION_LIFETIME", flask.Production).Values {
		if v.Expr == nil {
			continue
		}
		secs, ok := seconds(v.Expr)
		if !ok || secs <= maxLifetime {
			continue
		}
		pass.ReportNode(v.File, v.Node, rules.Finding{Confidence: confidenceFor(m, v),
			Message: fmt.Sprintf("PERMANENT_SESSION_LIFETIME is %s, longer than Flask's 31-day default: a stolen session stays valid that long.", human(secs))})
	}
	for _, key := range []string{"REMEMBER_COOKIE_DURATION"} {
		for _, v := range m.Config.Lookup(key, flask.Production).Values {
			if secs, ok := seconds(v.Expr); ok && secs > 365*86400 {
				pass.ReportNode(v.File, v.Node, rules.Finding{Confidence: confidenceFor(m, v),
					Message: fmt.Sprintf("%s is %s: Flask-Login's remember-me cookie stays valid that long.", key, human(secs))})
			}
		}
	}
	// login_user(..., remember=...) with Flask-Login's default one-year
	// remember-me cookie.
	if !m.Config.Set("REMEMBER_COOKIE_DURATION") {
		for _, ev := range m.Auth.Cookie {
			call, ok := ev.Node.(*ast.Call)
			if !ok || ev.What != "login_user() called" || flask.IsTestFile(ev.File) {
				continue
			}
			rem := flask.Arg(call, 1, "remember")
			if rem == nil {
				continue
			}
			if b, ok := flask.BoolConst(rem); ok && !b {
				continue
			}
			pass.Report(rules.Finding{Confidence: rules.LowConfidence, Location: at(m, ev.File, call),
				Message: "login_user() can set Flask-Login's remember-me cookie and REMEMBER_COOKIE_DURATION is not configured: the cookie stays valid for the default 365 days.",
				Fix:     "Set REMEMBER_COOKIE_DURATION to a justified period (e.g. timedelta(days=14)) and REMEMBER_COOKIE_SECURE=True in production."})
		}
	}
	if m.Config.Set("PERMANENT_SESSION_LIFETIME") {
		return
	}
	// session.permanent = True with Flask's default lifetime.
	for _, f := range pass.Project.FilesOf(project.Python) {
		if f.AST == nil || flask.IsTestFile(f) {
			continue
		}
		ast.Inspect(f.AST, func(n ast.Node) bool {
			a, ok := n.(*ast.Assign)
			if !ok {
				return n != nil
			}
			for _, t := range a.Targets {
				attr, ok := t.(*ast.Attribute)
				if !ok || attr.Attr != "permanent" || !isSessionExpr(attr.Value) {
					continue
				}
				if b, ok := flask.BoolConst(a.Value); ok && b {
					pass.Report(rules.Finding{Confidence: rules.MediumConfidence,
						Location: at(m, f, a),
						Message:  "session.permanent = True with no PERMANENT_SESSION_LIFETIME configured: sessions last Flask's default 31 days.",
						Fix:      "Set PERMANENT_SESSION_LIFETIME to a justified value (e.g. timedelta(hours=12)) in the configuration."})
				}
			}
			return true
		})
	}
}

func human(secs int64) string {
	switch {
	case secs >= 1<<40:
		return "unbounded (timedelta.max)"
	case secs%86400 == 0:
		return fmt.Sprintf("%d days", secs/86400)
	case secs%3600 == 0:
		return fmt.Sprintf("%d hours", secs/3600)
	}
	return fmt.Sprintf("%d seconds", secs)
}
