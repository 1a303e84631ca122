package cors

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/rules"
)

const (
	acao = "access-control-allow-origin"
	acac = "access-control-allow-credentials"
)

// headerSet is one place the code sets a CORS response header.
type headerSet struct {
	node  ast.Node // the assignment, call or dict entry value
	name  string   // lower-case header name
	value ast.Expr
}

// manual judges Access-Control-Allow-Origin headers set by hand in f.
func (c *checker) manual(f *project.File) {
	if !mentionsCORSHeader(f.Src) {
		return // cheap pre-check: most files set no CORS header
	}
	sets := c.headerSets(f)
	if len(sets) == 0 {
		return
	}
	fileCreds := false
	for _, s := range sets {
		if s.name == acac && credsValue(s.value) {
			fileCreds = true
		}
	}
	for _, s := range sets {
		if s.name != acao {
			continue
		}
		var body []ast.Stmt
		if fn := c.ix.FuncAt(f, int(s.node.Pos().Line)); fn != nil {
			body = fn.Body
		} else {
			body = f.AST.Body
		}
		vars := c.originVars(f, body)
		v := s.value
		var og origin
		switch {
		case isStar(v):
			og = origin{kind: wildcard, node: v}
		case isNull(v):
			og = origin{kind: broadRegex, node: v,
				why: "the \"null\" origin is allowed, and any site can send it from a sandboxed iframe"}
		case c.fromOrigin(f, v, vars):
			switch check, weak := c.originChecked(f, body, vars); {
			case weak != "":
				og = origin{kind: broadRegex, why: weak, node: v}
			case !check:
				og = origin{kind: reflected, node: v}
			default:
				continue
			}
		default:
			continue
		}
		c.reportManual(f, s.node, og, fileCreds)
	}
}

func (c *checker) reportManual(f *project.File, n ast.Node, og origin, creds bool) {
	sev := rules.Medium
	conf := rules.HighConfidence
	var msg, fix string
	switch og.kind {
	case reflected:
		msg = "Access-Control-Allow-Origin is set to the request's Origin header without checking it against an allowlist"
		fix = "Echo the Origin only when it is in an explicit set of trusted origins (if origin in ALLOWED_ORIGINS:), " +
			"and add Vary: Origin; otherwise send no CORS headers."
		if creds {
			sev = rules.High
			msg += ", and credentials are allowed (the Access-Control-Allow-Credentials header): any site can make credentialed requests and read the responses."
		} else {
			msg += ": any site can read the responses."
		}
	case wildcard:
		msg = "Access-Control-Allow-Origin: * lets every site read these responses"
		fix = "Send the header only for trusted origins from an allowlist, or not at all if cross-origin reads are not needed."
		if creds {
			msg += "; it is also paired with credentials allowed (browsers refuse that pair, " +
				"a sign the code intends credentialed cross-origin access)."
		} else {
			msg += "."
		}
		if !c.cookie && !creds {
			conf = rules.LowConfidence
		} else {
			conf = rules.MediumConfidence
		}
	case broadRegex:
		msg = "Access-Control-Allow-Origin accepts origins it should not: " + og.why + "."
		fix = "Compare the Origin with an explicit set of trusted origins; if you must match subdomains, check for " +
			"the scheme and a leading dot (\".example.com\") on the parsed host."
		conf = rules.MediumConfidence
		if creds {
			sev = rules.High
		}
	}
	if c.headerOnly && og.kind != wildcard {
		sev, conf, msg = noAmbientCredentials(sev, msg)
	}
	loc := rules.NodeLocation(f, n)
	if r := c.m.RouteAt(f.Path, loc.StartLine); r != nil {
		loc.Route = r.String()
	}
	c.pass.Report(rules.Finding{Location: loc, Severity: sev, Confidence: conf, Message: msg, Fix: fix})
}

// headerSets finds CORS headers set anywhere in a module:
// resp.headers["Access-Control-Allow-Origin"] = v, headers.add/set/
// setdefault(name, v), {"Access-Control-Allow-Origin": v} dicts and
// ("Access-Control-Allow-Origin", v) pairs.
func (c *checker) headerSets(f *project.File) []headerSet {
	mod := f.AST
	var out []headerSet
	// headers= of outbound requests are request headers, not responses'.
	skip := map[ast.Node]bool{}
	ast.Inspect(mod, func(n ast.Node) bool {
		call, ok := n.(*ast.Call)
		if !ok {
			return n != nil
		}
		q := c.ix.QualName(f, call.Func)
		for _, p := range []string{"requests.", "httpx.", "aiohttp.", "urllib."} {
			if strings.HasPrefix(q, p) {
				if h := flask.Kwarg(call, "headers"); h != nil {
					skip[h] = true
				}
			}
		}
		return true
	})
	isCORS := func(e ast.Expr) (string, bool) {
		s, ok := flask.StrConst(e)
		if !ok {
			return "", false
		}
		l := strings.ToLower(s)
		return l, l == acao || l == acac
	}
	ast.Inspect(mod, func(n ast.Node) bool {
		if skip[n] {
			return false
		}
		switch n := n.(type) {
		case nil:
			return false
		case *ast.Assign:
			for _, t := range n.Targets {
				if sub, ok := t.(*ast.Subscript); ok {
					if name, ok := isCORS(sub.Slice); ok {
						out = append(out, headerSet{node: n, name: name, value: n.Value})
					}
				}
			}
		case *ast.Call:
			if a, ok := n.Func.(*ast.Attribute); ok && len(n.Args) >= 2 {
				switch a.Attr {
				case "add", "set", "setdefault", "add_header", "__setitem__":
					if name, ok := isCORS(n.Args[0]); ok {
						out = append(out, headerSet{node: n, name: name, value: n.Args[1]})
					}
				}
			}
		case *ast.Dict:
			for i, k := range n.Keys {
				if k == nil {
					continue
				}
				if name, ok := isCORS(k); ok {
					out = append(out, headerSet{node: k, name: name, value: n.Values[i]})
				}
			}
		case *ast.Tuple:
			if len(n.Elts) == 2 {
				if name, ok := isCORS(n.Elts[0]); ok {
					out = append(out, headerSet{node: n, name: name, value: n.Elts[1]})
				}
			}
		}
		return true
	})
	return out
}

func isStar(e ast.Expr) bool {
	s, ok := flask.StrConst(e)
	return ok && strings.TrimSpace(s) == "*"
}

func isNull(e ast.Expr) bool {
	s, ok := flask.StrConst(e)
	return ok && strings.EqualFold(strings.TrimSpace(s), "null")
}

func credsValue(e ast.Expr) bool {
	if s, ok := flask.StrConst(e); ok {
		return strings.EqualFold(strings.TrimSpace(s), "true")
	}
	b, ok := flask.BoolConst(e)
	return ok && b
}

// originRead reports whether e reads the request's Origin header:
// request.headers["Origin"], request.headers.get("Origin"),
// request.origin, request.environ.get("HTTP_ORIGIN").
func (c *checker) originRead(f *project.File, e ast.Expr) bool {
	isReq := func(x ast.Expr) bool {
		q := c.ix.QualName(f, x)
		return q == "flask.request" || q == "flask.globals.request"
	}
	holderOK := func(x ast.Expr) bool {
		a, ok := x.(*ast.Attribute)
		return ok && (a.Attr == "headers" || a.Attr == "environ") && isReq(a.Value)
	}
	nameOK := func(k ast.Expr) bool {
		s, ok := flask.StrConst(k)
		return ok && (strings.EqualFold(s, "origin") || s == "HTTP_ORIGIN")
	}
	switch x := e.(type) {
	case *ast.Attribute:
		return x.Attr == "origin" && isReq(x.Value)
	case *ast.Subscript:
		return holderOK(x.Value) && nameOK(x.Slice)
	case *ast.Call:
		if a, ok := x.Func.(*ast.Attribute); ok && a.Attr == "get" && holderOK(a.Value) {
			return nameOK(flask.Arg(x, 0, "key"))
		}
	}
	return false
}

// originVars returns the local names a body assigns from the Origin
// header.
func (c *checker) originVars(f *project.File, body []ast.Stmt) map[string]bool {
	vars := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for _, s := range body {
			ast.Inspect(s, func(n ast.Node) bool {
				a, ok := n.(*ast.Assign)
				if !ok {
					return n != nil
				}
				if !c.fromOrigin(f, a.Value, vars) {
					return true
				}
				for _, t := range a.Targets {
					if nm, ok := t.(*ast.Name); ok && !vars[nm.ID] {
						vars[nm.ID] = true
						changed = true
					}
				}
				return true
			})
		}
	}
	return vars
}

// fromOrigin reports whether e is (or contains, in an `or` default or a
// conditional) the Origin header or a variable holding it.
func (c *checker) fromOrigin(f *project.File, e ast.Expr, vars map[string]bool) bool {
	switch x := e.(type) {
	case *ast.Name:
		return vars[x.ID]
	case *ast.BoolOp:
		for _, v := range x.Values {
			if c.fromOrigin(f, v, vars) {
				return true
			}
		}
		return false
	case *ast.IfExp:
		return c.fromOrigin(f, x.Body, vars) || c.fromOrigin(f, x.Orelse, vars)
	}
	return c.originRead(f, e)
}

// originChecked reports whether a body compares the Origin with
// something (membership, equality, a regex match, a prefix or suffix
// test); weak explains why, when the only checks are startswith() (which
// "https://app.example.com.evil.net" passes) or endswith() of a name
// without a leading dot ("evilexample.com" passes).
func (c *checker) originChecked(f *project.File, body []ast.Stmt, vars map[string]bool) (checked bool, weak string) {
	isOrigin := func(e ast.Expr) bool { return c.fromOrigin(f, e, vars) }
	other := false
	for _, s := range body {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case nil:
				return false
			case *ast.BinOp:
				// set(["*", origin]) & ALLOWED_ORIGINS: membership in a
				// configured set, written as an intersection.
				if n.Op == ast.BitAnd && (c.mentionsOrigin(f, n.Left, vars) || c.mentionsOrigin(f, n.Right, vars)) {
					other = true
				}
			case *ast.Compare:
				if len(n.Ops) == 1 {
					switch n.Ops[0] {
					case ast.In, ast.NotIn, ast.Eq, ast.NotEq:
						if isOrigin(n.Left) || isOrigin(n.Comparators[0]) {
							other = true
						}
					}
				}
			case *ast.Call:
				argOrigin := false
				for _, arg := range n.Args {
					if isOrigin(arg) {
						argOrigin = true
					}
				}
				a, ok := n.Func.(*ast.Attribute)
				if !ok {
					// origin_allowed(origin), is_trusted_origin(origin): a
					// function of the app deciding on the Origin.
					if fn, isName := n.Func.(*ast.Name); isName && argOrigin && (checkerName(fn.ID) || strings.HasPrefix(fn.ID, "fnmatch")) {
						other = true
					}
					return true
				}
				switch a.Attr {
				case "endswith":
					if isOrigin(a.Value) {
						lit, _ := flask.StrConst(flask.Arg(n, 0, ""))
						if lit != "" && !strings.HasPrefix(lit, ".") && !strings.Contains(lit, "://") {
							weak = fmt.Sprintf("the Origin is accepted when it ends with %q, which \"https://evil%s\" also does", lit, lit)
						} else {
							other = true
						}
					}
				case "startswith":
					if isOrigin(a.Value) {
						lit, _ := flask.StrConst(flask.Arg(n, 0, ""))
						if lit != "" {
							weak = fmt.Sprintf("the Origin is accepted when it starts with %q, which \"%s.evil.net\" also does", lit, lit)
						} else {
							other = true
						}
					}
				case "intersection", "issubset", "isdisjoint":
					if argOrigin || c.mentionsOrigin(f, a.Value, vars) {
						other = true
					}
				case "match", "fullmatch", "search", "fnmatch", "fnmatchcase":
					if argOrigin {
						other = true
					}
				}
				if checkerName(a.Attr) && argOrigin {
					other = true // cors.is_allowed_origin(origin)
				}
			}
			return true
		})
	}
	if other {
		return true, ""
	}
	return weak != "", weak
}

// mentionsOrigin reports whether an expression contains the Origin
// header or a variable holding it (set(["*", origin])).
func (c *checker) mentionsOrigin(f *project.File, e ast.Expr, vars map[string]bool) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if x, ok := n.(ast.Expr); ok && !found && c.fromOrigin(f, x, vars) {
			found = true
		}
		return !found && n != nil
	})
	return found
}

// checkerName reports whether a function name says it decides whether
// an origin is acceptable (is_allowed_origin, origin_permitted,
// valid_origin, check_origin, trusted_origin).
func checkerName(name string) bool {
	l := strings.ToLower(name)
	for _, w := range []string{"allowed", "allow_", "permitted", "valid", "trusted", "whitelist", "allowlist", "check"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// mentionsCORSHeader reports whether source text names an
// Access-Control-Allow-* header, in any case.
func mentionsCORSHeader(src []byte) bool {
	h := []byte("access-control-allow-")
	for i := 0; i+len(h) <= len(src); i++ {
		if (src[i] == 'A' || src[i] == 'a') && bytes.EqualFold(src[i:i+len(h)], h) {
			return true
		}
	}
	return false
}
