// Package redirect implements FLASK-REDIRECT-001: open redirects.
package redirect

import (
	"strings"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/taint"
)

// Rule is FLASK-REDIRECT-001: redirects to user-controlled URLs.
var Rule = &rules.Rule{
	ID:       "FLASK-REDIRECT-001",
	Title:    "Redirect to a URL controlled by the user (open redirect)",
	Severity: rules.Low,
	CWE:      601,
	Spec:     "4 FLASK-REDIRECT-001",
	Category: rules.CatRedirect,
	Doc: rules.Doc{
		What: "Follows request data (next=, return_to=, the Referer header...) into redirect() and into Location " +
			"headers of hand-built responses. The flow is stopped by the checks that make a target safe: " +
			"urlparse(target).netloc empty or in an allowlist, a relative-path check that also rejects `//` and " +
			"backslashes, a url_has_allowed_host_and_scheme/is_safe_url-style helper, or url_for(). A target that " +
			"starts with a fixed path (\"/shop/\" + x, f\"/app/{x}\", the APPLICATION_ROOT checked to be other than " +
			"\"/\") or with a constant absolute URL that fixes host and path (\"https://cdn.example/images\" + x) " +
			"stays on that site and is not reported.",
		Why: "A link to your domain that lands the user on an attacker's site borrows your domain's trust: " +
			"phishing pages that look like your login, OAuth flows that leak codes or tokens to the attacker.",
		Insecure: "@app.get(\"/login\")\ndef login():\n    ...\n    return redirect(request.args.get(\"next\", \"/\"))",
		Secure: "@app.get(\"/login\")\ndef login():\n    ...\n    target = request.args.get(\"next\", \"/\")\n" +
			"    if urlparse(target).netloc or not target.startswith(\"/\") or target.startswith(\"//\") or \"\\\\\" in target:\n" +
			"        target = url_for(\"index\")\n    return redirect(target)",
		Impact: "Phishing and credential theft through trusted-looking links; token leakage in OAuth/SSO flows.",
		Fix: "Redirect only to relative paths you validate (start with a single /, no //, no backslash) or to hosts " +
			"in an allowlist; fall back to a fixed page otherwise. Prefer url_for() with an endpoint name from an allowlist.",
		Mitigation: "Show an interstitial page for external destinations.",
		FalsePositives: "A validation helper the scanner does not recognise may already check the target; declare it " +
			"in [tool.flasksec] sanitizers.",
	},
	Run: run,
}

func run(pass *rules.Pass) error {
	for _, fl := range taint.Of(pass.Project).Flows(knowledge.Redirect) {
		switch fl.Origin {
		case knowledge.Param, knowledge.Stored, knowledge.External:
			continue
		}
		if sameSitePrefix(fl) {
			continue
		}
		f := fl.Finding()
		f.Message = fl.Message() + " without a same-site or allowlist check"
		pass.Report(f)
	}
	return taint.Of(pass.Project).Err()
}

// sameSitePrefix reports whether a redirect target is built by appending
// to a fixed path prefix of the app ("/shop" + request.full_path, or the
// APPLICATION_ROOT checked to be other than "/"): whatever follows a
// prefix like "/shop" stays a path on the same site, so no request data
// can make it point elsewhere.
func sameSitePrefix(fl *taint.Flow) bool {
	if n, ok := fl.Arg.(*ast.Name); ok {
		// path = f"/app/{x}/" + rest; path += "?" + qs; redirect(path)
		vals, ok := localValues(fl, n)
		if !ok || len(vals) == 0 {
			return false
		}
		for _, v := range vals {
			if !prefixed(fl, v) {
				return false
			}
		}
		return true
	}
	return prefixed(fl, fl.Arg)
}

// prefixed reports whether a target expression starts with a fixed path
// prefix: "/shop" + x, f"/shop/{x}", "/shop/{}".format(x), "/shop/%s" % x,
// or the checked APPLICATION_ROOT + x.
func prefixed(fl *taint.Flow, e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.JoinedStr:
		if len(x.Values) > 0 {
			if lit, ok := flask.StrConst(x.Values[0]); ok {
				return pathPrefix(lit)
			}
		}
		return false
	case *ast.Call:
		if a, ok := x.Func.(*ast.Attribute); ok && a.Attr == "format" {
			if lit, ok := flask.StrConst(a.Value); ok {
				return pathPrefix(lit)
			}
		}
		return false
	case *ast.BinOp:
		if x.Op == ast.Mod {
			if lit, ok := flask.StrConst(x.Left); ok {
				return pathPrefix(lit)
			}
			return false
		}
	}
	start := e
	for {
		b, ok := start.(*ast.BinOp)
		if !ok || b.Op != ast.Add {
			break
		}
		start = b.Left
	}
	if start == e {
		return false // not a concatenation
	}
	if lit, ok := flask.StrConst(start); ok {
		return pathPrefix(lit) || hostPrefix(lit)
	}
	if _, ok := start.(*ast.JoinedStr); ok {
		return prefixed(fl, start)
	}
	if n, ok := start.(*ast.Name); ok {
		// A module constant: KOBO_CDN = "https://cdn.example.com/images".
		if lit, ok := moduleConst(fl.File, n.ID); ok {
			return pathPrefix(lit) || hostPrefix(lit)
		}
	}
	return appRoot(fl, start)
}

// hostPrefix reports whether a literal is an absolute http(s) URL that
// fixes the host and starts its path ("https://cdn.example.com/images"):
// whatever is appended stays on that host. Without the path's "/",
// appending "@evil.net" would turn the host into user information.
func hostPrefix(s string) bool {
	for _, scheme := range []string{"https://", "http://"} {
		if rest, ok := strings.CutPrefix(strings.ToLower(s), scheme); ok {
			i := strings.IndexByte(rest, '/')
			return i > 0 && !strings.ContainsAny(rest[:i], "@\\")
		}
	}
	return false
}

// moduleConst returns the string a module-level name of f is assigned,
// when it is assigned exactly once, to a literal.
func moduleConst(f *project.File, name string) (string, bool) {
	if f == nil || f.AST == nil {
		return "", false
	}
	val, count := "", 0
	isLit := false
	for _, st := range f.AST.Body {
		a, ok := st.(*ast.Assign)
		if !ok {
			continue
		}
		for _, t := range a.Targets {
			if tn, ok := t.(*ast.Name); ok && tn.ID == name {
				count++
				val, isLit = flask.StrConst(a.Value)
			}
		}
	}
	return val, count == 1 && isLit
}

// localValues returns the values assigned to a local name in the function
// holding the flow's sink; appends (name += ...) keep the prefix and are
// skipped. ok is false when the name is bound another way (a loop, a
// with, a parameter it shadows).
func localValues(fl *taint.Flow, n *ast.Name) (vals []ast.Expr, ok bool) {
	fn := enclosing(fl.File, fl.Node)
	if fn == nil {
		return nil, false
	}
	ok = true
	flask.InspectBody(flask.FuncBody(fn), func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.Assign:
			for _, t := range x.Targets {
				switch t := t.(type) {
				case *ast.Name:
					if t.ID == n.ID {
						vals = append(vals, x.Value)
					}
				default:
					ast.Inspect(t, func(y ast.Node) bool {
						if yn, isName := y.(*ast.Name); isName && yn.ID == n.ID {
							ok = false // tuple unpacking
						}
						return y != nil
					})
				}
			}
		case *ast.AugAssign:
			if t, isName := x.Target.(*ast.Name); isName && t.ID == n.ID && x.Op != ast.Add {
				ok = false
			}
		case *ast.For, *ast.With, *ast.AnnAssign, *ast.NamedExpr:
			ast.Inspect(x, func(y ast.Node) bool {
				switch y := y.(type) {
				case *ast.For:
					if tn, isName := y.Target.(*ast.Name); isName && tn.ID == n.ID {
						ok = false
					}
				case *ast.NamedExpr:
					if tn, isName := y.Target.(*ast.Name); isName && tn.ID == n.ID {
						ok = false
					}
				case *ast.AnnAssign:
					if tn, isName := y.Target.(*ast.Name); isName && tn.ID == n.ID {
						ok = false
					}
				}
				return y != nil
			})
		}
		return true
	})
	for _, a := range funcArgs(fn) {
		if a == n.ID {
			ok = false
		}
	}
	return vals, ok
}

// enclosing returns the innermost function of f whose body holds n.
func enclosing(f *project.File, n ast.Node) ast.Node {
	if f == nil || f.AST == nil || n == nil {
		return nil
	}
	var best ast.Node
	ast.Inspect(f.AST, func(x ast.Node) bool {
		switch x.(type) {
		case *ast.FunctionDef, *ast.AsyncFunctionDef:
			if !n.Pos().Before(x.Pos()) && !x.End().Before(n.End()) {
				best = x
			}
		}
		return x != nil
	})
	return best
}

// funcArgs returns the parameter names of a function.
func funcArgs(fn ast.Node) []string {
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
	for _, group := range [][]*ast.Arg{args.PosOnlyArgs, args.Args, args.KwOnlyArgs} {
		for _, a := range group {
			out = append(out, a.Arg)
		}
	}
	if args.Vararg != nil {
		out = append(out, args.Vararg.Arg)
	}
	if args.Kwarg != nil {
		out = append(out, args.Kwarg.Arg)
	}
	return out
}

// pathPrefix reports whether a literal is a path with at least one
// segment ("/shop", "/shop/"): not "", "/", "//host" or "/\host".
func pathPrefix(s string) bool {
	return len(s) > 1 && s[0] == '/' && s[1] != '/' && s[1] != '\\'
}

// appRoot reports whether e holds the app's APPLICATION_ROOT (read from
// the config into a local, or read in place) in a file that checks it
// is not "/" before building the target.
func appRoot(fl *taint.Flow, e ast.Expr) bool {
	f := fl.File
	if f == nil || f.AST == nil {
		return false
	}
	readsRoot := func(x ast.Node) bool {
		found := false
		ast.Inspect(x, func(n ast.Node) bool {
			if c, ok := n.(*ast.Constant); ok {
				if s, ok := c.Str(); ok && s == "APPLICATION_ROOT" {
					found = true
				}
			}
			return !found && n != nil
		})
		return found
	}
	name := ""
	switch x := e.(type) {
	case *ast.Name:
		name = x.ID
	default:
		if !readsRoot(e) {
			return false
		}
	}
	assigned, guarded := name == "", false
	ast.Inspect(f.AST, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.Assign:
			for _, t := range x.Targets {
				if tn, ok := t.(*ast.Name); ok && tn.ID == name && readsRoot(x.Value) {
					assigned = true
				}
			}
		case *ast.Compare:
			// application_root != "/" (or the config read compared in place).
			if len(x.Ops) == 1 && x.Ops[0] == ast.NotEq {
				if lit, ok := flask.StrConst(x.Comparators[0]); ok && lit == "/" {
					if n, ok := x.Left.(*ast.Name); ok && n.ID == name && name != "" || name == "" && readsRoot(x.Left) {
						guarded = true
					}
				}
			}
		}
		return n != nil
	})
	return assigned && guarded
}
