package headers

import (
	"fmt"
	"sort"
	"strings"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/rules"
)

// ProxyTrust is FLASK-PROXY-001.
var ProxyTrust = &rules.Rule{
	ID:       "FLASK-PROXY-001",
	Title:    "Forwarded headers are trusted more than the proxy chain warrants",
	Severity: rules.Medium,
	CWE:      348,
	Spec:     "4 FLASK-PROXY-001",
	Category: rules.CatHeaders,
	Doc: rules.Doc{
		What: "Finds ProxyFix configured to trust more than one proxy hop for X-Forwarded-For/-Proto/-Host/-Port/" +
			"-Prefix, and security decisions on the client address or host: comparisons of request.remote_addr, " +
			"request.access_route, X-Forwarded-For/X-Real-IP headers or request.host (IP allowlists, admin checks, " +
			"host checks), request.scheme/is_secure behind a ProxyFix trusting several X-Forwarded-Proto hops, and " +
			"Flask-Limiter rate limits keyed on forwarded headers. IP-based access control is High; a remote_addr " +
			"check is reported only when the repository shows it can be wrong (an over-trusting ProxyFix, or a " +
			"proxy without ProxyFix).",
		Why: "X-Forwarded-* headers are ordinary request headers: any client can send them. ProxyFix must trust " +
			"exactly as many hops as there are proxies that overwrite them; with more, the client's own values " +
			"become request.remote_addr, request.host and request.scheme. Behind a proxy without ProxyFix, " +
			"remote_addr is the proxy's address for everyone.",
		Insecure: "app.wsgi_app = ProxyFix(app.wsgi_app, x_for=5, x_host=5)\n\n" +
			"@app.before_request\ndef internal_only():\n    if request.remote_addr != \"10.0.0.5\":\n        abort(403)",
		Secure: "# one load balancer in front: trust one hop\napp.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)\n\n" +
			"@admin.before_request\n@login_required\ndef require_admin():\n    if not current_user.is_admin:\n        abort(403)",
		Impact: "Clients spoof their IP address to pass allowlists or rate limits, or spoof the host and scheme " +
			"used in generated links and redirects.",
		Fix: "Set ProxyFix's counts to the number of proxies that set each header (usually x_for=1, x_proto=1), " +
			"keep TRUSTED_HOSTS set, and authorise by user identity rather than by IP address; where an IP check " +
			"is needed, enforce it at the proxy or firewall.",
		Mitigation: "Make the proxy overwrite (not append to) X-Forwarded-For and drop client-supplied " +
			"X-Forwarded-Host, and restrict admin endpoints at the network level.",
		FalsePositives: "The hop count may be right if that many proxies really sit in front (CDN + load balancer + " +
			"ingress); not visible in app code; verify at runtime/config.",
	},
	Run: runProxy,
}

// forwardedHeaders are request headers that carry client addresses.
var forwardedHeaders = map[string]bool{"x-forwarded-for": true, "x-real-ip": true, "true-client-ip": true,
	"cf-connecting-ip": true, "x-client-ip": true, "forwarded": true, "x-cluster-client-ip": true,
	"http_x_forwarded_for": true, "http_x_real_ip": true, "http_true_client_ip": true}

// ipSource classifies an expression reading the client's address:
// "forwarded" for a forwarded header read directly, "remote_addr" for
// request.remote_addr / access_route / REMOTE_ADDR, "host" for
// request.host; "" otherwise.
func ipSource(imp map[string]string, e ast.Expr) (kind, what string) {
	switch x := e.(type) {
	case *ast.Attribute:
		if isRequest(imp, x.Value) {
			switch x.Attr {
			case "remote_addr", "access_route":
				return "remote_addr", "request." + x.Attr
			case "host":
				return "host", "request.host"
			case "scheme", "is_secure":
				return "scheme", "request." + x.Attr
			}
		}
	case *ast.Subscript:
		// request.headers["X-Forwarded-For"], request.environ["REMOTE_ADDR"], request.access_route[0]
		if k, what := ipSource(imp, x.Value); k != "" {
			return k, what
		}
		if a, ok := x.Value.(*ast.Attribute); ok && isRequest(imp, a.Value) && (a.Attr == "headers" || a.Attr == "environ") {
			if name, ok := flask.StrConst(x.Slice); ok {
				return headerKind(name)
			}
		}
	case *ast.Call:
		if a, ok := x.Func.(*ast.Attribute); ok {
			if a.Attr == "get" {
				if h, ok := a.Value.(*ast.Attribute); ok && isRequest(imp, h.Value) && (h.Attr == "headers" || h.Attr == "environ") {
					if name, ok := flask.StrConst(flask.Arg(x, 0, "")); ok {
						return headerKind(name)
					}
				}
			}
			// request.headers.get("X-Forwarded-For", "").split(",")[0].strip()
			switch a.Attr {
			case "split", "strip", "lower", "partition", "rsplit":
				return ipSource(imp, a.Value)
			}
		}
		if n, ok := x.Func.(*ast.Name); ok && n.ID == "get_remote_address" {
			return "remote_addr", "get_remote_address()"
		}
		if d := flask.Dotted(x.Func); d == "ipaddress.ip_address" || d == "ip_address" {
			if len(x.Args) == 1 {
				return ipSource(imp, x.Args[0])
			}
		}
	case *ast.BoolOp:
		for _, v := range x.Values {
			if k, w := ipSource(imp, v); k != "" {
				return k, w
			}
		}
	}
	return "", ""
}

func headerKind(name string) (string, string) {
	l := strings.ToLower(name)
	switch {
	case forwardedHeaders[l]:
		return "forwarded", "the " + name + " header"
	case l == "remote_addr":
		return "remote_addr", "REMOTE_ADDR"
	case l == "host" || l == "http_host" || l == "x-forwarded-host" || l == "http_x_forwarded_host":
		return "host", "the " + name + " header"
	}
	return "", ""
}

// decision is one comparison on a client-controlled address or host.
type decision struct {
	file *project.File
	node ast.Node
	kind string
	what string
}

// decisions finds comparisons (==, !=, in, not in, startswith) whose
// operand reads the client's address or host, directly or through a
// local variable assigned from it in the same function.
func decisions(p *project.Project) []decision {
	var out []decision
	for _, f := range pyFiles(p) {
		imp := imports(f)
		var scan func(body []ast.Stmt)
		scan = func(body []ast.Stmt) {
			vars := map[string][2]string{}
			for _, s := range body {
				ast.Inspect(s, func(n ast.Node) bool {
					switch x := n.(type) {
					case nil:
						return false
					case *ast.FunctionDef:
						scan(x.Body)
						return false
					case *ast.AsyncFunctionDef:
						scan(x.Body)
						return false
					case *ast.Assign:
						if k, w := ipSource(imp, x.Value); k != "" {
							for _, t := range x.Targets {
								if nm, ok := t.(*ast.Name); ok {
									vars[nm.ID] = [2]string{k, w}
								}
							}
						}
					case *ast.If:
						// if not request.is_secure: / if request.host: ...
						t := x.Test
						if u, ok := t.(*ast.UnaryOp); ok && u.Op == ast.Not {
							t = u.Operand
						}
						if k, w := ipSource(imp, t); k == "scheme" {
							out = append(out, decision{f, t, k, w})
						}
					case *ast.Compare:
						source := func(e ast.Expr) (string, string) {
							k, w := ipSource(imp, e)
							if nm, ok := e.(*ast.Name); ok && k == "" {
								if v, ok := vars[nm.ID]; ok {
									k, w = v[0], v[1]
								}
							}
							return k, w
						}
						if !accessCompare(x, func(e ast.Expr) bool { k, _ := source(e); return k != "" }) {
							return true
						}
						for _, e := range append([]ast.Expr{x.Left}, x.Comparators...) {
							if k, w := source(e); k != "" {
								out = append(out, decision{f, x, k, w})
								return false
							}
						}
					case *ast.Call:
						if a, ok := x.Func.(*ast.Attribute); ok && (a.Attr == "startswith" || a.Attr == "endswith") {
							if s, ok := flask.StrConst(flask.Arg(x, 0, "")); ok && separator(s) {
								return true // parsing (host.endswith("]")), not a check
							}
							k, w := ipSource(imp, a.Value)
							if nm, ok := a.Value.(*ast.Name); ok && k == "" {
								if v, ok := vars[nm.ID]; ok {
									k, w = v[0], v[1]
								}
							}
							if k != "" {
								out = append(out, decision{f, x, k, w})
							}
						}
					}
					return true
				})
			}
		}
		scan(f.AST.Body)
	}
	return out
}

// accessCompare reports whether a comparison reading the client's
// address or host (isSource) can be an access decision: it compares the
// value with something else. A test against None or "" (is it there?),
// a separator looked up in it (":" in request.host, to split off the
// port) and a comparison of two readings of the request's own address
// (access_route == [remote_addr], working out the proxy path) decide
// nothing about who the client is.
func accessCompare(c *ast.Compare, isSource func(ast.Expr) bool) bool {
	operands := append([]ast.Expr{c.Left}, c.Comparators...)
	sources := 0
	for i, e := range operands {
		if isSource(e) || sourceList(e, isSource) {
			sources++
			continue
		}
		if k, ok := e.(*ast.Constant); ok {
			if k.IsNone() {
				return false
			}
			if s, ok := k.Str(); ok && (s == "" || (i == 0 && separator(s) && len(c.Ops) == 1 && (c.Ops[0] == ast.In || c.Ops[0] == ast.NotIn))) {
				return false
			}
		}
	}
	return sources < len(operands)
}

// sourceList reports whether e is a list or tuple of client address
// readings ([request.remote_addr]).
func sourceList(e ast.Expr, isSource func(ast.Expr) bool) bool {
	var elts []ast.Expr
	switch x := e.(type) {
	case *ast.List:
		elts = x.Elts
	case *ast.Tuple:
		elts = x.Elts
	default:
		return false
	}
	for _, el := range elts {
		if !isSource(el) {
			return false
		}
	}
	return len(elts) > 0
}

// separator reports whether s is a short run of punctuation (":", "]",
// ","): text looked for to split an address or host, not a value an
// access check compares with.
func separator(s string) bool {
	if s == "" || len(s) > 2 {
		return false
	}
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func runProxy(pass *rules.Pass) error {
	m := flask.ModelOf(pass.Project)
	overTrust := ""
	overConf := rules.HighConfidence
	for _, pf := range m.ProxyFixes {
		if flask.IsTestFile(pf.File) {
			continue
		}
		// Proxies the repository shows: one per web server configuration.
		edges := edgeFiles(pass.Project)
		seen := int64(len(edges))
		var over []string
		var most int64
		keys := make([]string, 0, len(pf.Hops))
		for k := range pf.Hops {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if n := pf.Hops[k]; n > 1 && n > seen {
				over = append(over, fmt.Sprintf("%s=%d", k, n))
				most = max(most, n)
			}
		}
		if len(over) == 0 {
			continue
		}
		overTrust = fmt.Sprintf("ProxyFix(%s) at %s:%d", strings.Join(over, ", "), pf.File.Path, pf.Call.Pos().Line)
		proxies := "the repository shows " + noEdge(pass.Project)
		if len(edges) > 0 {
			proxies = fmt.Sprintf("the repository shows %d proxy configuration(s) (%s)", len(edges), edgeSummary(edges))
		}
		conf := rules.MediumConfidence
		if most == seen+1 {
			// One hop more than the repository shows: a cloud load balancer
			// in front would explain it.
			conf = rules.LowConfidence
			proxies += "; a load balancer outside the repository would account for one more hop"
		}
		if conf == rules.LowConfidence {
			overConf = rules.LowConfidence
		}
		pass.ReportNode(pf.File, pf.Call, rules.Finding{Confidence: conf,
			Message: fmt.Sprintf("ProxyFix trusts %s hops of forwarded headers; %s, so clients can supply their own address, host or scheme unless that many proxies overwrite them.",
				strings.Join(over, ", "), proxies)})
	}
	hasProxyFix := len(m.ProxyFixes) > 0
	behindProxy := len(edgeFiles(pass.Project)) > 0
	trusted := !m.Config.Lookup("TRUSTED_HOSTS", flask.Production).Unset()
	seenLine := map[string]bool{}
	for _, d := range decisions(pass.Project) {
		// One finding per line and reading: `":" in request.host and not
		// request.host.endswith("]")` is one check, not two.
		key := fmt.Sprintf("%s:%d:%s", d.file.Path, d.node.Pos().Line, d.what)
		if seenLine[key] {
			continue
		}
		seenLine[key] = true
		f := rules.Finding{Location: at(m, d.file, d.node)}
		switch d.kind {
		case "forwarded":
			f.Severity = rules.High
			f.Message = fmt.Sprintf("An access decision compares %s, which any client can set; IP-based access control on it is spoofable.", d.what)
		case "remote_addr":
			switch {
			case overTrust != "":
				f.Severity, f.Confidence = rules.High, overConf
				f.Message = fmt.Sprintf("An access decision compares %s, which %s lets clients choose through X-Forwarded-For.", d.what, overTrust)
			case behindProxy && !hasProxyFix:
				f.Severity, f.Confidence = rules.High, rules.MediumConfidence
				f.Message = fmt.Sprintf("An access decision compares %s, but the app sits behind a proxy (%s) without ProxyFix, so it sees the proxy's address for every client.",
					d.what, edgeSummary(edgeFiles(pass.Project)))
			default:
				continue
			}
		case "scheme":
			if !overScheme(m) {
				continue
			}
			f.Confidence = rules.MediumConfidence
			f.Message = fmt.Sprintf("A decision reads %s, which the over-trusting ProxyFix (x_proto > 1) lets clients set through X-Forwarded-Proto.", d.what)
		case "host":
			if trusted && overTrust == "" {
				continue
			}
			f.Confidence = rules.MediumConfidence
			f.Message = fmt.Sprintf("A decision compares %s, which the client chooses (TRUSTED_HOSTS unset or host forwarding over-trusted).", d.what)
		}
		pass.Report(f)
	}
	checkLimiterKeys(pass, m)
	return nil
}

// overScheme reports whether a ProxyFix trusts more than one
// X-Forwarded-Proto hop.
func overScheme(m *flask.Model) bool {
	for _, pf := range m.ProxyFixes {
		if pf.Hops["x_proto"] > 1 {
			return true
		}
	}
	return false
}

// checkLimiterKeys reports Flask-Limiter rate limits keyed on a forwarded
// header any client can set: the key_func of Limiter(...) or of a
// @limiter.limit(...) decorator, as a lambda or a function of the
// repository reading X-Forwarded-For and alike.
func checkLimiterKeys(pass *rules.Pass, m *flask.Model) {
	limiters := m.ExtensionsNamed("Limiter")
	if len(limiters) == 0 {
		return
	}
	check := func(f *project.File, kf ast.Expr) {
		if kf == nil {
			return
		}
		imp := imports(f)
		var body ast.Node = kf
		if n, ok := kf.(*ast.Name); ok {
			if fn := topFunc(f, n.ID); fn != nil {
				body = fn
			}
		}
		what := ""
		ast.Inspect(body, func(n ast.Node) bool {
			if e, ok := n.(ast.Expr); ok && what == "" {
				if k, w := ipSource(imp, e); k == "forwarded" {
					what = w
				}
			}
			return what == ""
		})
		if what != "" {
			pass.Report(rules.Finding{Location: at(m, f, kf), Confidence: rules.HighConfidence,
				Message: fmt.Sprintf("The rate limit is keyed on %s, which any client can set: each request can claim a new address and escape the limit.", what)})
		}
	}
	for _, l := range limiters {
		if l.Test {
			continue
		}
		check(l.File, l.Option("key_func"))
		if len(l.Call.Args) > 0 {
			check(l.File, l.Call.Args[0])
		}
	}
	for _, r := range m.Routes {
		for _, d := range r.Decorators {
			if c, ok := d.(*ast.Call); ok {
				if a, ok := c.Func.(*ast.Attribute); ok && (a.Attr == "limit" || a.Attr == "shared_limit") {
					check(r.File, flask.Kwarg(c, "key_func"))
				}
			}
		}
	}
}

// topFunc returns the module-level function named name in f, or nil.
func topFunc(f *project.File, name string) ast.Node {
	for _, s := range f.AST.Body {
		if flask.FuncName(s) == name {
			return s
		}
	}
	return nil
}
