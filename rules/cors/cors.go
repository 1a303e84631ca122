// Package cors implements FLASK-CORS-001: CORS must be explicit and
// least-privilege.
package cors

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

// Rule is FLASK-CORS-001.
var Rule = &rules.Rule{
	ID:       "FLASK-CORS-001",
	Title:    "CORS allows any origin, reflects the Origin header, or matches too much",
	Severity: rules.Medium,
	CWE:      942,
	Spec:     "4 FLASK-CORS-001",
	Category: rules.CatHeaders,
	Doc: rules.Doc{
		What: "Reads Flask-CORS set-ups (CORS(app, ...), init_app options, per-resource options, CORS_* config keys, " +
			"@cross_origin(...)) and hand-written Access-Control-Allow-Origin headers. Reports the default or an " +
			"explicit wildcard origin; a wildcard or reflected origin together with supports_credentials=True or " +
			"Access-Control-Allow-Credentials: true (High: Flask-CORS then echoes any Origin back with credentials " +
			"allowed); Access-Control-Allow-Origin set from the request's Origin header without an allowlist check; " +
			"and origin regular expressions that match other hosts: an unescaped dot between host labels, `.*` " +
			"running into a domain name, or no `$` anchor (Flask-CORS matches regexes with re.match, which anchors " +
			"only the start); the \"null\" origin; and hand-written checks that accept an Origin by startswith() or " +
			"by endswith() without a leading dot. A set-up that only development or tests get is Low confidence. " +
			"A wildcard without credentials on an app that does not authenticate with cookies (a " +
			"public or bearer-token API) is reported at Low confidence: browsers send no cookies with it, so it " +
			"exposes only what anyone can fetch.",
		Why: "CORS tells browsers which other sites may read responses. A reflected or broad origin combined with " +
			"credentials lets any site read what a logged-in user can see and act with their session.",
		Insecure: "CORS(app, origins=\"*\", supports_credentials=True)\n\n@app.after_request\ndef cors(resp):\n" +
			"    resp.headers[\"Access-Control-Allow-Origin\"] = request.headers.get(\"Origin\")\n" +
			"    resp.headers[\"Access-Control-Allow-Credentials\"] = \"true\"\n    return resp",
		Secure: "CORS(app, resources={r\"/api/*\": {\"origins\": [\"https://app.example.com\"]}},\n" +
			"     supports_credentials=True, methods=[\"GET\", \"POST\"])",
		Impact: "A malicious site visited by a logged-in user reads their data through the API and, with " +
			"credentials allowed, makes authenticated requests on their behalf.",
		Fix: "List the trusted origins explicitly (origins=[\"https://app.example.com\"]) for the paths that need " +
			"CORS, keep supports_credentials off unless those origins need cookies, and restrict methods and " +
			"headers. When building the header by hand, echo the Origin only after checking it against an allowlist.",
		Mitigation: "Keep CSRF protection and SameSite cookies on state-changing endpoints; they limit what a " +
			"cross-origin caller can do even if CORS is too broad.",
		FalsePositives: "An API that serves only public data without cookies may allow every origin by design; " +
			"confirm no cookie or IP-based access control applies. A pattern without `$` is reported at Medium " +
			"confidence: Flask-CORS has matched origin patterns with re.match (start anchored only), but check how " +
			"the installed release matches. In an app authenticated only by header tokens (no cookie authentication), " +
			"findings are Low confidence and at most Medium severity: browsers attach no header token cross-site. " +
			"@cross_origin without origins uses the app's CORS_ORIGINS, and one configured setting used by many " +
			"decorators is one finding. CORS headers added at the edge (proxy, CDN) are " +
			"not visible in app code; verify at runtime/config.",
	},
	Run: run,
}

// originKind classifies an allowed-origin setting.
type originKind uint8

const (
	unknownOrigin originKind = iota // computed, from the environment: not judged
	allowlist                       // explicit origins
	wildcard                        // "*" or the default
	reflected                       // the request's Origin echoed without a check
	broadRegex                      // a pattern matching more hosts than intended
)

type origin struct {
	kind   originKind
	why    string   // for broadRegex: what is wrong
	node   ast.Node // the value that decides
	defaul bool     // the Flask-CORS default (no origins given)
	// unanchored is set for a pattern whose only fault is a missing $.
	unanchored bool
	// sendsStar is set when Flask-CORS sends "*" instead of echoing the
	// origin (send_wildcard=True): browsers then refuse credentials.
	sendsStar bool
}

type checker struct {
	pass   *rules.Pass
	m      *flask.Model
	ix     *resolve.Index
	cookie bool
	// headerOnly says the app authenticates with header tokens and shows
	// no cookie authentication.
	headerOnly bool
	// configured holds the @cross_origin decorators that take their
	// origins from the app's CORS_ORIGINS: one setting, so one finding
	// per credentials choice (see reportConfigured).
	configured []configuredUse
	// extConfigured records, by credentials choice, that a CORS(...)
	// object taking the same configured origins was judged: its finding
	// already covers decorators with that choice.
	extConfigured map[bool]bool
}

// configuredUse is one @cross_origin(...) judged by the configured
// origins.
type configuredUse struct {
	r     *flask.Route
	call  *ast.Call
	og    origin
	creds bool
}

// reportConfigured reports the decorators that take a bad CORS_ORIGINS
// from the configuration: once for those allowing credentials and once
// for the others, at the first of each, with how many there are.
func (c *checker) reportConfigured() {
	for _, creds := range []bool{true, false} {
		var uses []configuredUse
		for _, u := range c.configured {
			if u.creds == creds {
				uses = append(uses, u)
			}
		}
		if len(uses) == 0 || c.extConfigured[creds] {
			continue
		}
		first := uses[0]
		og := first.og
		if len(uses) > 1 {
			og.why = strings.TrimSpace(fmt.Sprintf("%s; the same origins apply to %d @cross_origin routes", og.why, len(uses)))
		}
		c.report(first.r.File, first.call, "@cross_origin(...)", og, creds, first.r.String())
	}
}

func run(pass *rules.Pass) error {
	p := pass.Project
	m := flask.ModelOf(p)
	c := &checker{pass: pass, m: m, ix: resolve.Of(p), cookie: len(effects.CookieAuth(m)) > 0}
	c.headerOnly = !c.cookie && len(m.Auth.Header) > 0
	for _, e := range m.Extensions {
		if e.Test || e.Name != "CORS" || !strings.HasPrefix(e.Qual, "flask_cors") {
			continue
		}
		c.extension(e)
	}
	seen := map[ast.Node]bool{} // a view with several rules shares its decorators
	for _, r := range m.Routes {
		if r.File == nil || flask.IsTestFile(r.File) {
			continue
		}
		for _, d := range r.Decorators {
			call, ok := d.(*ast.Call)
			if !ok || seen[call] {
				continue
			}
			seen[call] = true
			q := c.ix.QualName(r.File, call.Func)
			if q != "flask_cors.cross_origin" && q != "flask_cors.decorator.cross_origin" {
				continue
			}
			c.decorator(r, call)
		}
	}
	c.reportConfigured()
	for _, f := range p.FilesOf(project.Python) {
		if f.AST != nil && !flask.IsTestFile(f) {
			c.manual(f)
		}
	}
	return nil
}

// extension judges one CORS(...) object.
func (c *checker) extension(e *flask.Extension) {
	opt := func(name string) ast.Expr { return e.Option(name) }
	anchorFile, anchor := e.File, ast.Node(e.Call)
	if len(e.Call.Args) == 0 && flask.Kwarg(e.Call, "app") == nil && len(e.InitCalls) > 0 {
		anchorFile, anchor = e.InitCalls[0].File, e.InitCalls[0].Call
	}
	// Flask-CORS falls back to the app's CORS_* configuration keys.
	cfg := c.m.Config
	app := e.App
	if app == nil && len(e.InitCalls) > 0 {
		app = e.InitCalls[0].App
	}
	if app != nil && app.Config != nil {
		cfg = app.Config
	}
	creds := c.truthy(anchorFile, opt("supports_credentials"))
	if opt("supports_credentials") == nil {
		creds = configTrue(cfg, "CORS_SUPPORTS_CREDENTIALS")
	}
	originsExpr := opt("origins")
	var og origin
	if originsExpr != nil {
		og = c.origins(anchorFile, originsExpr)
	} else {
		og = c.configuredOrigins(cfg)
		if !og.defaul && opt("resources") == nil {
			if c.extConfigured == nil {
				c.extConfigured = map[bool]bool{}
			}
			c.extConfigured[creds] = true
		}
	}
	// Per-resource options override the app-wide ones for their paths.
	if res, ok := c.constant(anchorFile, opt("resources")).(*ast.Dict); ok {
		worst := origin{kind: unknownOrigin}
		worstCreds := false
		path := ""
		for i, k := range res.Keys {
			d, ok := res.Values[i].(*ast.Dict)
			if k == nil || !ok {
				continue
			}
			ro, rc := og, creds
			for j, kk := range d.Keys {
				name, _ := flask.StrConst(kk)
				switch name {
				case "origins":
					ro = c.origins(anchorFile, d.Values[j])
				case "supports_credentials":
					rc = c.truthy(anchorFile, d.Values[j])
				}
			}
			if rank(ro, rc) > rank(worst, worstCreds) {
				worst, worstCreds = ro, rc
				path, _ = flask.StrConst(k)
			}
		}
		og, creds = worst, worstCreds
		if path != "" {
			og.why = strings.TrimSpace(og.why + " (resource " + path + ")")
		}
	}
	if og.kind == wildcard && creds && c.truthy(anchorFile, opt("send_wildcard")) {
		og.sendsStar = true
	}
	c.report(anchorFile, anchor, "CORS(...)", og, creds, "")
}

// rank orders settings by how bad they are.
func rank(o origin, creds bool) int {
	r := 0
	switch o.kind {
	case wildcard:
		r = 2
	case broadRegex:
		r = 3
	case reflected:
		r = 4
	case allowlist:
		r = 1
	}
	if creds && r > 1 {
		r += 10
	}
	return r
}

// configuredOrigins judges the origins Flask-CORS takes from the app's
// CORS_ORIGINS when the call gives none: the worst literal value
// production may get (computed values are not judged), or the default,
// every origin, when the key is not set.
func (c *checker) configuredOrigins(cfg *flask.Config) origin {
	vals := cfg.Lookup("CORS_ORIGINS", flask.Production).Values
	if len(vals) == 0 {
		// A settings module the app loads in a way the model does not
		// follow (a Config object built by a helper) may still set it.
		if f, v := c.settingsValue("CORS_ORIGINS"); v != nil {
			og := c.origins(f, v)
			if og.kind > allowlist {
				og.why = strings.TrimSpace(og.why + " (CORS_ORIGINS at " + f.Path + ")")
			}
			return og
		}
		return origin{kind: wildcard, defaul: true}
	}
	og := origin{kind: unknownOrigin}
	for _, v := range vals {
		if v.Origin != flask.Literal || v.File == nil {
			continue
		}
		if o := c.origins(v.File, v.Expr); o.kind > og.kind {
			og = o
			if o.kind > allowlist {
				og.why = strings.TrimSpace(og.why + " (CORS_ORIGINS at " + v.Where() + ")")
			}
		}
	}
	return og
}

// settingsValue returns the value of a module-level assignment to key
// in a non-test module of the project (settings.py: CORS_ORIGINS = [...]).
func (c *checker) settingsValue(key string) (*project.File, ast.Expr) {
	for _, f := range c.pass.Project.FilesOf(project.Python) {
		if f.AST == nil || flask.IsTestFile(f) {
			continue
		}
		for _, st := range f.AST.Body {
			a, ok := st.(*ast.Assign)
			if !ok || len(a.Targets) != 1 {
				continue
			}
			if n, ok := a.Targets[0].(*ast.Name); ok && n.ID == key {
				return f, a.Value
			}
		}
	}
	return nil, nil
}

// decorator judges one @cross_origin(...). Like CORS(...), the decorator
// falls back to the app's CORS_* configuration for options it does not
// give (Flask-CORS merges them at request time).
func (c *checker) decorator(r *flask.Route, call *ast.Call) {
	cfg := c.m.Config
	if r.App != nil && r.App.Config != nil {
		cfg = r.App.Config
	}
	var og origin
	fromConfig := false
	if o := flask.Arg(call, 0, "origins"); o != nil {
		og = c.origins(r.File, o)
	} else {
		og = c.configuredOrigins(cfg)
		fromConfig = !og.defaul
	}
	if og.kind == unknownOrigin || og.kind == allowlist {
		return
	}
	credsExpr := flask.Kwarg(call, "supports_credentials")
	creds := c.truthy(r.File, credsExpr)
	if credsExpr == nil {
		creds = configTrue(cfg, "CORS_SUPPORTS_CREDENTIALS")
	}
	if fromConfig {
		c.configured = append(c.configured, configuredUse{r: r, call: call, og: og, creds: creds})
		return
	}
	c.report(r.File, call, "@cross_origin(...)", og, creds, r.String())
}

func (c *checker) report(f *project.File, n ast.Node, what string, og origin, creds bool, route string) {
	var msg string
	sev := rules.Medium
	conf := rules.HighConfidence
	switch og.kind {
	case wildcard:
		src := "origins=\"*\""
		if og.defaul {
			src = "the default origins (every origin)"
		}
		switch {
		case creds && og.sendsStar:
			conf = rules.MediumConfidence
			msg = fmt.Sprintf("%s allows %s with credentials supported and send_wildcard on: browsers refuse "+
				"credentials with \"*\", so the set-up is broken rather than exploitable, but it shows credentialed "+
				"cross-origin access is intended for every site.", what, src)
		case creds:
			sev = rules.High
			msg = fmt.Sprintf("%s allows %s with credentials supported: Flask-CORS then echoes every site's Origin "+
				"back and allows credentials (the Access-Control-Allow-Credentials header), so every site can make credentialed requests and "+
				"read the responses.", what, src)
		default:
			msg = fmt.Sprintf("%s allows %s to read responses cross-origin.", what, src)
			if !c.cookie {
				conf = rules.LowConfidence
				msg += " The app shows no cookie authentication and credentials are off, so this exposes only what " +
					"anyone can fetch; keep it that way or list the origins."
			} else {
				conf = rules.MediumConfidence
			}
		}
	case broadRegex:
		msg = fmt.Sprintf("%s accepts origins other than the intended ones: %s.", what, og.why)
		if creds {
			sev = rules.High
			msg = strings.TrimSuffix(msg, ".") + ", with credentials supported."
		}
		if og.unanchored {
			// Newer Flask-CORS releases may match the whole origin.
			conf = rules.MediumConfidence
		}
	default:
		return
	}
	if c.headerOnly && (creds || og.kind != wildcard) {
		sev, conf, msg = noAmbientCredentials(sev, msg)
	}
	if env, _ := c.m.EnvAt(f, int(n.Pos().Line)); env&flask.Production == 0 {
		// Set up only in development or tests (`if app.debug: CORS(app)`).
		conf = rules.LowConfidence
		msg += " It is set up only outside production (" + env.String() + ")."
	}
	loc := rules.NodeLocation(f, n)
	loc.Route = route
	if route == "" {
		if r := c.m.RouteAt(f.Path, loc.StartLine); r != nil {
			loc.Route = r.String()
		}
	}
	c.pass.Report(rules.Finding{Location: loc, Severity: sev, Confidence: conf, Message: msg, Fix: fixFor(og, creds)})
}

// noAmbientCredentials lowers a finding of an app that authenticates
// with header tokens and shows no cookie authentication: other sites can
// read only what a browser fetches without the user's session, since
// header tokens are not attached cross-site. Severity drops from High (the spec's "with credentials")
// to Medium and confidence to Low, and the message says why.
func noAmbientCredentials(sev rules.Severity, msg string) (rules.Severity, rules.Confidence, string) {
	if sev > rules.Medium {
		sev = rules.Medium
	}
	msg = strings.TrimSpace(msg) + " The app authenticates with header tokens and shows no cookie authentication (headers are not " +
		"attached cross-site), so no user session is exposed: verify that no cookie or HTTP authentication reaches these routes."
	return sev, rules.LowConfidence, msg
}

func fixFor(og origin, creds bool) string {
	s := "Replace the wildcard with the origins that need access: origins=[\"https://app.example.com\"], only on " +
		"the paths that need it (resources={r\"/api/*\": {...}}), with the methods and headers they use."
	if og.kind == broadRegex {
		s = "Escape the dots (\\.), anchor the pattern with ^...$, and prefer an explicit list of origins over a " +
			"regular expression."
	}
	if creds {
		s += " With supports_credentials=True the list must name exact, trusted origins; drop credentials if " +
			"the callers do not need cookies."
	}
	return s
}

// configTrue reports whether key may be True in production.
func configTrue(cfg *flask.Config, key string) bool {
	for _, v := range cfg.Lookup(key, flask.Production).Values {
		if b, ok := v.Bool(); ok && b {
			return true
		}
	}
	return false
}

// truthy reports whether e is the literal True (or a name bound to it).
func (c *checker) truthy(f *project.File, e ast.Expr) bool {
	e = c.constant(f, e)
	b, ok := flask.BoolConst(e)
	return ok && b
}

// constant follows a name to its single module-level value.
func (c *checker) constant(f *project.File, e ast.Expr) ast.Expr {
	n, ok := e.(*ast.Name)
	if !ok {
		return e
	}
	if c.ix.FuncAt(f, int(n.Pos().Line)) != nil {
		// A local name may shadow the module's; only follow module names
		// the function does not bind.
		if c.ix.QualName(f, n) == "" {
			return e
		}
	}
	mod := c.ix.Module(f)
	if mod == nil {
		return e
	}
	if vs := mod.Assigns[n.ID]; len(vs) == 1 {
		return vs[0]
	}
	// A constant imported from another module of the repository.
	if q := c.ix.QualName(f, n); q != "" {
		if i := strings.LastIndexByte(q, '.'); i > 0 {
			if other := c.ix.ModuleNamed(q[:i]); other != nil && other != mod {
				if vs := other.Assigns[q[i+1:]]; len(vs) == 1 {
					return vs[0]
				}
			}
		}
	}
	return e
}

// origins classifies an origins= value.
func (c *checker) origins(f *project.File, e ast.Expr) origin {
	e = c.constant(f, e)
	if s, ok := flask.StrConst(e); ok {
		return classifyString(s, e, false)
	}
	switch x := e.(type) {
	case *ast.List, *ast.Tuple, *ast.Set:
		var elts []ast.Expr
		switch x := x.(type) {
		case *ast.List:
			elts = x.Elts
		case *ast.Tuple:
			elts = x.Elts
		case *ast.Set:
			elts = x.Elts
		}
		res := origin{kind: allowlist, node: e}
		for _, el := range elts {
			o := c.origins(f, el)
			if o.kind > res.kind {
				res = o
			}
		}
		return res
	case *ast.Call:
		q := c.ix.QualName(f, x.Func)
		if q == "re.compile" {
			if s, ok := flask.StrConst(flask.Arg(x, 0, "pattern")); ok {
				return classifyString(s, e, true)
			}
		}
		if key := configKey(e); key != "" {
			return c.configOrigins(key, e)
		}
	case *ast.Subscript:
		if key := configKey(e); key != "" {
			return c.configOrigins(key, e)
		}
	}
	return origin{kind: unknownOrigin, node: e}
}

// configKey returns KEY for app.config["KEY"] and app.config.get("KEY").
func configKey(e ast.Expr) string { return flask.KeyedRead(e, "config") }

// configOrigins classifies the production value of a config key used as
// the origins: only a single literal value is judged.
func (c *checker) configOrigins(key string, n ast.Expr) origin {
	v := c.m.Config.Lookup(key, flask.Production).Only()
	if v == nil || v.Origin != flask.Literal || v.File == nil || v.Expr == nil {
		return origin{kind: unknownOrigin, node: n}
	}
	og := c.origins(v.File, v.Expr)
	if og.kind > allowlist {
		og.why = strings.TrimSpace(og.why + " (" + key + " at " + v.Where() + ")")
	}
	return og
}

// regexChars are the characters that make Flask-CORS treat an origin
// string as a regular expression.
const regexChars = `*\]?$^[]()+|{}`

// classifyString classifies one origin string; re says it is a compiled
// pattern.
func classifyString(s string, n ast.Node, re bool) origin {
	if s == "*" {
		return origin{kind: wildcard, node: n}
	}
	if strings.EqualFold(s, "null") {
		return origin{kind: broadRegex, node: n,
			why: "the \"null\" origin is allowed, and any site can send it from a sandboxed iframe"}
	}
	if !re && !strings.ContainsAny(s, regexChars) {
		return origin{kind: allowlist, node: n}
	}
	if why := broadPattern(s); why != "" {
		return origin{kind: broadRegex, why: fmt.Sprintf("%q: %s", s, why), node: n, unanchored: why == noAnchor}
	}
	return origin{kind: allowlist, node: n}
}

// broadPattern explains why an origin pattern matches hosts it should
// not, or returns "".
//
// Decisions: a pattern that is only `.*` (or `https?://.*`) is a wildcard;
// an unescaped `.` followed by a letter or digit joins host labels and
// also matches any character ("app.example.com" matches
// "appXexample.com"); `.*` or `.+` followed directly by a letter lets the
// attacker's domain end in the trusted name ("evilexample.com"); a pattern
// without `$` (or `\Z`) accepts any suffix, because Flask-CORS uses
// re.match ("https://app\.example\.com.evil.net").
func broadPattern(p string) string {
	trim := strings.TrimPrefix(p, "^")
	switch trim {
	case ".*", ".+", "https?://.*", "https://.*", "http://.*", ".*$":
		return "it matches every origin"
	}
	inClass := false
	for i := 0; i < len(p); i++ {
		ch := p[i]
		switch {
		case ch == '\\':
			i++
		case ch == '[':
			inClass = true
		case ch == ']':
			inClass = false
		case ch == '.' && !inClass && i+1 < len(p):
			next := p[i+1]
			if next == '*' || next == '+' {
				if i+2 < len(p) && isAlnum(p[i+2]) {
					return "`" + p[i:i+2] + "` runs straight into a host name, so any domain ending in it matches"
				}
				continue
			}
			if isAlnum(next) {
				return "an unescaped `.` matches any character, not only a dot"
			}
		}
	}
	if strings.HasSuffix(p, ".*") {
		// An origin has no path: a trailing .* after the host accepts any
		// suffix ("https://app\.example\.com.*" matches
		// "https://app.example.com.evil.net") unless a required "/"
		// ends the host first.
		if !strings.HasSuffix(strings.TrimSuffix(p, ".*"), "/") {
			return "a trailing `.*` after the host accepts any suffix, so \"https://trusted.example.evil.net\" matches"
		}
		return ""
	}
	if !strings.HasSuffix(p, "$") && !strings.HasSuffix(p, `\Z`) {
		return noAnchor
	}
	return ""
}

const noAnchor = "no `$` anchor, so any origin that starts with a trusted one matches (re.match anchors only the start)"

func isAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}
