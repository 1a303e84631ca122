package headers

import (
	"fmt"
	"strings"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/rules"
)

// TrustedHosts is FLASK-HOST-001.
var TrustedHosts = &rules.Rule{
	ID:       "FLASK-HOST-001",
	Title:    "Host header is not validated (TRUSTED_HOSTS unset)",
	Severity: rules.Low,
	CWE:      644,
	Spec:     "4 FLASK-HOST-001",
	Category: rules.CatHeaders,
	Doc: rules.Doc{
		What: "Reports production configurations without TRUSTED_HOSTS, at each place the app builds an absolute " +
			"URL from the request (url_for(..., _external=True), request.host_url, request.url_root, " +
			"request.base_url) and once for the app. Severity rises to Medium where the URL goes into e-mails, " +
			"password resets or confirmation links. SERVER_NAME is not a host restriction and does not count, but " +
			"with SERVER_NAME set url_for(..., _external=True) builds links on it, so those calls are not reported. " +
			"Reads that only compare the host (same-site checks such as is_safe_url) build no link and are not reported.",
		Why: "The Host header is chosen by the client. Without TRUSTED_HOSTS, Flask accepts any value and builds " +
			"absolute URLs from it: an attacker requests a password reset for a victim with Host: evil.example, " +
			"and the e-mailed link sends the victim's token to the attacker.",
		Insecure: "link = url_for(\"auth.reset\", token=token, _external=True)\nsend_mail(user.email, link)",
		Secure:   "app.config[\"TRUSTED_HOSTS\"] = [\"shop.example.com\", \".shop.example.com\"]",
		Impact: "Password-reset and confirmation links that point at an attacker's server (token theft, account " +
			"takeover), poisoned caches, links in e-mails to phishing hosts.",
		Fix: "Set TRUSTED_HOSTS (Flask 3.1+) in the production configuration to the domains the app serves; build " +
			"links for e-mails from a configured base URL rather than from the request.",
		Mitigation: "Have the reverse proxy reject unknown Host values (an nginx default server that returns 444) " +
			"and keep ProxyFix's x_host off unless the proxy sets X-Forwarded-Host itself.",
		FalsePositives: "A reverse proxy that only forwards known hosts makes this safe; not visible in app code; " +
			"verify at runtime/config. Apps on Flask before 3.1 need an equivalent before_request check.",
	},
	Run: runHost,
}

// sensitiveContext matches names of functions and files that send links by
// e-mail or handle password resets and confirmations.
func sensitiveContext(names ...string) bool {
	for _, n := range names {
		l := strings.ToLower(n)
		for _, w := range []string{"reset", "password", "mail", "verify", "confirm", "invite", "activat", "magic", "forgot"} {
			if strings.Contains(l, w) {
				return true
			}
		}
	}
	return false
}

// externalURL is one place that builds an absolute URL from the request.
type externalURL struct {
	file *project.File
	node ast.Node
	what string
	fn   ast.Node
}

func externalURLs(p *project.Project) []externalURL {
	var out []externalURL
	for _, f := range pyFiles(p) {
		imp := imports(f)
		compared := comparedOnly(f, imp)
		var stack []ast.Node
		var visit func(n ast.Node) bool
		visit = func(n ast.Node) bool {
			if n == nil {
				return false
			}
			var fn ast.Node
			if len(stack) > 0 {
				fn = stack[len(stack)-1]
			}
			switch x := n.(type) {
			case *ast.FunctionDef, *ast.AsyncFunctionDef:
				stack = append(stack, x)
				for _, s := range flask.FuncBody(x) {
					ast.Inspect(s, visit)
				}
				stack = stack[:len(stack)-1]
				return false
			case *ast.Call:
				if name := flask.Dotted(x.Func); name == "url_for" || name == "flask.url_for" {
					if v := flask.Kwarg(x, "_external"); v != nil {
						if b, ok := flask.BoolConst(v); ok && b {
							out = append(out, externalURL{f, x, "url_for(..., _external=True)", fn})
						}
					}
				}
			case *ast.Attribute:
				switch x.Attr {
				case "host_url", "url_root", "base_url":
					if isRequest(imp, x.Value) && !compared[x] {
						out = append(out, externalURL{f, x, "request." + x.Attr, fn})
					}
				}
			}
			return true
		}
		ast.Inspect(f.AST, visit)
	}
	return out
}

// urlSplitters parse a URL into parts; urljoin builds one from a base.
var urlSplitters = map[string]bool{"urlparse": true, "urlsplit": true, "urljoin": true}

// comparedOnly returns the request.host_url / url_root / base_url reads
// of f that build no link: those inside a comparison (a same-site check
// such as `request.host_url + "me" != request.referrer`), inside
// url_map.bind(...) (matching a URL against the app's routes), and those
// parsed with urlparse/urlsplit into a local name that the function only
// reads inside comparisons, url_map.bind(...) or for its path (`ref =
// urlparse(request.host_url); return ref.netloc == test.netloc`, the
// classic is_safe_url).
func comparedOnly(f *project.File, imp map[string]string) map[ast.Node]bool {
	out := map[ast.Node]bool{}
	isRead := func(n ast.Node) bool {
		a, ok := n.(*ast.Attribute)
		return ok && (a.Attr == "host_url" || a.Attr == "url_root" || a.Attr == "base_url") && isRequest(imp, a.Value)
	}
	markIn := func(root ast.Node) {
		ast.Inspect(root, func(n ast.Node) bool {
			if n != nil && isRead(n) {
				out[n] = true
			}
			return n != nil
		})
	}
	splitter := func(e ast.Expr) bool {
		c, ok := e.(*ast.Call)
		if !ok {
			return false
		}
		name := flask.Dotted(c.Func)
		return urlSplitters[name[strings.LastIndex(name, ".")+1:]]
	}
	var scan func(body []ast.Stmt)
	scan = func(body []ast.Stmt) {
		parsed := map[string][]ast.Expr{} // local name -> the urlparse calls assigned to it
		uses := map[string]int{}          // local name -> loads
		inCompare := map[string]int{}     // local name -> loads inside comparisons
		for _, st := range body {
			ast.Inspect(st, func(n ast.Node) bool {
				switch x := n.(type) {
				case nil:
					return false
				case *ast.FunctionDef:
					scan(x.Body)
					return false
				case *ast.AsyncFunctionDef:
					scan(x.Body)
					return false
				case *ast.Compare:
					markIn(x)
					ast.Inspect(x, func(m ast.Node) bool {
						if nm, ok := m.(*ast.Name); ok {
							inCompare[nm.ID]++
						}
						return m != nil
					})
				case *ast.Call:
					if a, ok := x.Func.(*ast.Attribute); ok && a.Attr == "bind" && strings.HasSuffix(flask.Dotted(a.Value), "url_map") {
						markIn(x)
						// Matching against the app's routes is a check too.
						for _, arg := range x.Args {
							ast.Inspect(arg, func(m ast.Node) bool {
								if nm, ok := m.(*ast.Name); ok {
									inCompare[nm.ID]++
								}
								return m != nil
							})
						}
					}
				case *ast.Assign:
					if len(x.Targets) == 1 && splitter(x.Value) {
						if nm, ok := x.Targets[0].(*ast.Name); ok {
							parsed[nm.ID] = append(parsed[nm.ID], x.Value)
						}
					}
				case *ast.Attribute:
					// parsed.path / .query carry no host.
					if nm, ok := x.Value.(*ast.Name); ok && (x.Attr == "path" || x.Attr == "query" || x.Attr == "fragment" || x.Attr == "params") {
						inCompare[nm.ID]++
					}
				case *ast.Name:
					uses[x.ID]++
				}
				return true
			})
		}
		for name, calls := range parsed {
			// uses counts the assignment's target too.
			if loads := uses[name] - len(calls); loads > 0 && loads == inCompare[name] {
				for _, c := range calls {
					markIn(c)
				}
			}
		}
	}
	scan(f.AST.Body)
	return out
}

// sendsMail reports whether a function calls something named like a mail sender.
func sendsMail(fn ast.Node) bool {
	found := false
	flask.InspectBody(flask.FuncBody(fn), func(n ast.Node) bool {
		if c, ok := n.(*ast.Call); ok && sensitiveContext(flask.Dotted(c.Func)) && strings.Contains(strings.ToLower(flask.Dotted(c.Func)), "mail") {
			found = true
		}
		return !found
	})
	return found
}

func runHost(pass *rules.Pass) error {
	m := flask.ModelOf(pass.Project)
	app := anchor(m)
	if app == nil || m.Config == nil {
		return nil
	}
	s := m.Config.Lookup("TRUSTED_HOSTS", flask.Production)
	if !s.Unset() {
		for _, v := range s.Values {
			if v.Origin == flask.Literal && v.IsNone() {
				pass.ReportNode(v.File, v.Node, rules.Finding{Message: "TRUSTED_HOSTS is set to None: every Host header is accepted."})
			}
		}
		return nil
	}
	serverName := m.Config.Lookup("SERVER_NAME", flask.Production)
	// With SERVER_NAME set, url_for(..., _external=True) builds links on
	// that name, not on the Host header; request.host_url and alike
	// still come from the header.
	fixedHost := serverName.Only() != nil
	external := ""
	if len(s.External) > 0 {
		external = fmt.Sprintf(" (%s may set it outside the code)", s.External[0].Via)
	}
	sites := externalURLs(pass.Project)
	seenFn := map[ast.Node]bool{}
	reported := 0
	for _, site := range sites {
		urlFor := strings.HasPrefix(site.what, "url_for")
		if urlFor && fixedHost {
			continue
		}
		if site.fn != nil && seenFn[site.fn] {
			continue
		}
		fnName := flask.FuncName(site.fn)
		sensitive := sensitiveContext(fnName, site.file.Path) || (site.fn != nil && sendsMail(site.fn))
		if urlFor && !sensitive && !serverName.Unset() {
			// The code sets SERVER_NAME when the deployment provides
			// it, and the link goes back only to the requester (a feed,
			// a page): no other user receives a forged host.
			continue
		}
		seenFn[site.fn] = true
		reported++
		f := rules.Finding{Location: at(m, site.file, site.node), Confidence: rules.MediumConfidence}
		if sensitive {
			f.Severity = rules.Medium
			f.Message = fmt.Sprintf("%s builds a link from the request's Host header in %s(), which sends or resets credentials, and TRUSTED_HOSTS is not set for production%s.",
				site.what, fnName, external)
		} else {
			f.Message = fmt.Sprintf("%s builds an absolute URL from the request's Host header and TRUSTED_HOSTS is not set for production%s.", site.what, external)
		}
		switch {
		case fixedHost:
			// Only request.* reads get here: SERVER_NAME does not change them.
			f.Message += fmt.Sprintf(" SERVER_NAME (%s) fixes the host of url_for links only, not of %s.", serverName.Only().Where(), site.what)
		case !serverName.Unset():
			f.Confidence = rules.LowConfidence
			if urlFor {
				f.Message += " SERVER_NAME may be set at run time, in which case url_for uses it instead of the Host header."
			}
		}
		if external != "" {
			f.Confidence = rules.LowConfidence
		}
		pass.Report(f)
	}
	conf := rules.LowConfidence
	if reported > 0 {
		conf = rules.MediumConfidence
	}
	msg := "TRUSTED_HOSTS is not set for production, so the app accepts any Host header" + external
	if v := serverName.Only(); v != nil {
		msg += fmt.Sprintf("; SERVER_NAME (%s) is not a host restriction", v.Where())
	}
	pass.ReportNode(app.File, app.Call, rules.Finding{Confidence: conf, Message: msg + "; not visible in app code; verify at runtime/config."})
	return nil
}
