package headers

import (
	"fmt"
	"strings"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/templates"
)

// SecurityHeaders is FLASK-HEADERS-001.
var SecurityHeaders = &rules.Rule{
	ID:       "FLASK-HEADERS-001",
	Title:    "Security headers are not set in the app or at the edge",
	Severity: rules.Medium,
	CWE:      693,
	Spec:     "4 FLASK-HEADERS-001",
	Category: rules.CatHeaders,
	Doc: rules.Doc{
		What: "Looks for Content-Security-Policy, X-Content-Type-Options: nosniff and clickjacking protection " +
			"(X-Frame-Options or CSP frame-ancestors) in every place the repository can set them: Flask-Talisman, " +
			"after_request hooks, and nginx/Apache/Caddy/Traefik configurations. Reports one finding when none is " +
			"visible, the missing ones when only some are, and a CSP that allows inline scripts. Where the " +
			"headers may come from a proxy or CDN outside the repository, the finding says so.",
		Why: "These headers are cheap defence in depth: a CSP stops most injected scripts from running even when " +
			"an XSS slips through, nosniff stops browsers from running uploaded files as scripts or HTML, and frame " +
			"protection stops other sites from framing the app to trick clicks.",
		Insecure: "app = Flask(__name__)\n# no Talisman, no after_request hook, no proxy config setting headers",
		Secure: "@app.after_request\ndef security_headers(resp):\n" +
			"    resp.headers.setdefault(\"Content-Security-Policy\", \"default-src 'self'; frame-ancestors 'self'\")\n" +
			"    resp.headers.setdefault(\"X-Content-Type-Options\", \"nosniff\")\n" +
			"    resp.headers.setdefault(\"X-Frame-Options\", \"SAMEORIGIN\")\n    return resp",
		Impact: "An XSS bug becomes full account takeover instead of a blocked script; uploaded files can be " +
			"sniffed into active content; the app can be framed for clickjacking.",
		Fix: headersFix,
		Mitigation: "Until a full CSP is ready, deploy it as Content-Security-Policy-Report-Only to collect " +
			"violations, and set nosniff and frame protection, which rarely break anything.",
		FalsePositives: "A CDN, load balancer or platform may add these headers; not visible in app code; " +
			"verify at runtime/config by looking at a live response's headers.",
	},
	Run: runHeaders,
}

// headersFix is the rule's fix text (findings add the templates' inline code).
const headersFix = "Set the headers centrally: Flask-Talisman, an after_request hook, or the reverse proxy " +
	"(nginx add_header ... always). Start the CSP from default-src 'self' and add the sources the pages " +
	"need; avoid 'unsafe-inline' by giving inline scripts a nonce or moving them to files. If the site " +
	"must be framed elsewhere, allow those origins in frame-ancestors rather than dropping the header."

// headerSet is what one place sets.
type headerSet struct {
	where string          // "Flask-Talisman at app/__init__.py:12", "after_request hook add_headers", "deploy/nginx.conf:12"
	names map[string]bool // lower-case header names
	csp   []string        // CSP values seen (literal)
	file  *project.File
	node  ast.Node // for app-side sets: the Talisman call or the hook function
	scope string   // the blueprint whose routes alone get the headers; "" for app-wide sets
	path  string   // for edge sets: the file
	line  int      // for edge sets: the directive's line
}

// loc returns where the set is: the Talisman call or hook's first line,
// or the edge directive.
func (hs *headerSet) loc() rules.Location {
	if hs.file != nil && hs.node != nil {
		l := rules.NodeLocation(hs.file, hs.node)
		l.EndLine, l.EndCol = l.StartLine, 0
		return l
	}
	return rules.Location{Path: hs.path, StartLine: hs.line, StartCol: 1, EndLine: hs.line}
}

func runHeaders(pass *rules.Pass) error {
	m := flask.ModelOf(pass.Project)
	app := anchor(m)
	if app == nil {
		return nil
	}
	var sets []*headerSet
	for _, e := range m.ExtensionsNamed("Talisman") {
		if e.Test || !e.Initialised() {
			continue
		}
		hs := &headerSet{where: fmt.Sprintf("Flask-Talisman at %s:%d", e.File.Path, e.Call.Pos().Line),
			names: map[string]bool{}, file: e.File, node: e.Call}
		if v := e.Option("content_security_policy"); v == nil || !falsy(v) {
			hs.names["content-security-policy"] = true
			hs.csp = append(hs.csp, cspText(v))
		}
		if v := e.Option("frame_options"); v == nil || !falsy(v) {
			hs.names["x-frame-options"] = true
		}
		if v := e.Option("x_content_type_options"); v == nil || !falsy(v) {
			hs.names["x-content-type-options"] = true
		}
		sets = append(sets, hs)
	}
	for _, h := range m.Hooks {
		if !strings.HasPrefix(h.Kind, "after") || flask.IsTestFile(h.File) {
			continue
		}
		hs := &headerSet{where: fmt.Sprintf("after_request hook %s() at %s:%d", flask.FuncName(h.Func), h.File.Path, h.Func.Pos().Line),
			names: map[string]bool{}, file: h.File, node: h.Func}
		if h.Blueprint != nil {
			hs.scope = h.Blueprint.Name
			hs.where = fmt.Sprintf("the %s blueprint's after_request hook %s() at %s:%d", h.Blueprint.Name,
				flask.FuncName(h.Func), h.File.Path, h.Func.Pos().Line)
		}
		hookHeaders(h.File, h.Func, hs)
		if len(hs.names) > 0 {
			sets = append(sets, hs)
		}
	}
	// Headers named elsewhere in the code (a WSGI middleware, a helper the
	// views call): counted, but only as evidence that the app sets them.
	hooked := map[ast.Node]bool{}
	for _, h := range m.Hooks {
		hooked[h.Func] = true
	}
	for _, e := range m.ExtensionsNamed("Talisman") {
		hooked[e.Call] = true
	}
	// A view setting a header on its own response protects that
	// response only: not counted as the app's, but named in the message.
	var viewSets []*headerSet
	for _, hs := range codeHeaders(pass.Project, hooked) {
		if fn, ok := hs.node.(ast.Stmt); ok && flask.FuncName(fn) != "" && m.RouteOfFunc(fn) != nil {
			hs.where = fmt.Sprintf("the view %s() at %s:%d", m.RouteOfFunc(fn).FuncName, hs.file.Path, fn.Pos().Line)
			viewSets = append(viewSets, hs)
			continue
		}
		sets = append(sets, hs)
	}
	for _, df := range edgeFiles(pass.Project) {
		for _, h := range df.Headers {
			hs := &headerSet{where: edgeWhere(df, h.Line), names: map[string]bool{strings.ToLower(h.Name): true}, path: df.Path, line: h.Line}
			if strings.EqualFold(h.Name, "Content-Security-Policy") {
				hs.csp = append(hs.csp, h.Value)
			}
			sets = append(sets, hs)
		}
	}
	has := func(name string) *headerSet {
		for _, s := range sets {
			if s.names[name] && s.scope == "" {
				return s
			}
		}
		return nil
	}
	// Sets that cover one blueprint only do not protect the other routes.
	var global, scoped []*headerSet
	for _, s := range sets {
		if s.scope == "" {
			global = append(global, s)
		} else {
			scoped = append(scoped, s)
		}
	}
	if len(global) == 0 && len(scoped) > 0 {
		f := rules.Finding{Location: scoped[0].loc(), Confidence: rules.LowConfidence,
			Message: fmt.Sprintf("Security headers are set only by %s, for that blueprint's routes; the app's other routes get none (not visible in app code; verify at runtime/config).", scoped[0].where)}
		pass.Report(f)
		return nil
	}
	sets = global
	framed := false
	for _, s := range sets {
		for _, v := range s.csp {
			if strings.Contains(strings.ToLower(v), "frame-ancestors") {
				framed = true
			}
		}
	}
	cspSet := has("content-security-policy")
	var missing []string
	if cspSet == nil {
		missing = append(missing, "Content-Security-Policy")
	}
	if has("x-content-type-options") == nil {
		missing = append(missing, "X-Content-Type-Options: nosniff")
	}
	if has("x-frame-options") == nil && !framed {
		missing = append(missing, "X-Frame-Options (or CSP frame-ancestors)")
	}
	inline := templates.Of(pass.Project).InlineCode()
	edges := edgeFiles(pass.Project)
	switch {
	case len(sets) == 0:
		looked := "no Flask-Talisman, no after_request hook"
		if len(edges) > 0 {
			looked += fmt.Sprintf(", and %s sets none", edges[0].Path)
		} else {
			looked += ", " + noEdge(pass.Project)
		}
		conf := rules.MediumConfidence
		if len(templatesCount(pass.Project)) == 0 && !rendersHTML(pass.Project) {
			// A JSON API without pages: nosniff still matters, CSP and
			// framing much less.
			conf = rules.LowConfidence
			looked += "; the app renders no templates"
		}
		anywhere := "anywhere"
		if len(viewSets) > 0 {
			anywhere = "for the app's responses"
			looked += fmt.Sprintf("; %s sets %s on its own responses only", viewSets[0].where, strings.Join(headerNames(viewSets[0]), ", "))
		}
		f := rules.Finding{Confidence: conf,
			Message: fmt.Sprintf("No Content-Security-Policy, X-Content-Type-Options or frame protection is set %s (%s); not visible in app code; verify at runtime/config.", anywhere, looked)}
		if s := inline.Summary(); s != "" {
			f.Fix = headersFix + " The templates hold " + s + "."
		}
		pass.ReportNode(app.File, app.Call, f)
	case len(missing) > 0:
		first := sets[0]
		loc := first.loc()
		conf := rules.LowConfidence
		if cspSet == nil && len(inline.Scripts)+len(templatesCount(pass.Project)) > 0 {
			conf = rules.MediumConfidence
		}
		f := rules.Finding{Location: loc, Confidence: conf,
			Message: fmt.Sprintf("%s sets some security headers but not %s; not visible in app code; verify at runtime/config.",
				first.where, strings.Join(missing, ", "))}
		if cspSet == nil {
			if s := inline.Summary(); s != "" {
				f.Fix = headersFix + " The templates hold " + s + "."
			}
		}
		pass.Report(f)
	}
	// A CSP that lets inline scripts run.
	if cspSet != nil {
		for _, v := range cspSet.csp {
			if allowsInlineScripts(v) {
				f := rules.Finding{Confidence: rules.LowConfidence,
					Message: fmt.Sprintf("The Content-Security-Policy set by %s allows 'unsafe-inline' scripts, so it does not stop injected inline scripts.", cspSet.where)}
				if s := inline.Summary(); s != "" {
					f.Fix = "Replace 'unsafe-inline' with nonces or hashes; the templates hold " + s + "."
				}
				f.Location = cspSet.loc()
				pass.Report(f)
				break
			}
		}
	}
	return nil
}

// headerNames returns the security headers a set names, as written in
// responses, in a fixed order.
func headerNames(hs *headerSet) []string {
	var out []string
	for _, n := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options"} {
		if hs.names[strings.ToLower(n)] {
			out = append(out, n)
		}
	}
	return out
}

// templatesCount returns the project's templates (the app renders HTML).
func templatesCount(p *project.Project) []*project.File { return p.FilesOf(project.Template) }

// allowsInlineScripts reports whether a CSP lets inline scripts run:
// 'unsafe-inline' in script-src, or in default-src without a script-src,
// and no nonce or hash (which make browsers ignore 'unsafe-inline').
func allowsInlineScripts(csp string) bool {
	l := strings.ToLower(csp)
	if strings.Contains(l, "'nonce-") || strings.Contains(l, "'sha256-") || strings.Contains(l, "'sha384-") || strings.Contains(l, "'sha512-") || strings.Contains(l, "'strict-dynamic'") {
		return false
	}
	var script, def string
	for _, d := range strings.Split(l, ";") {
		d = strings.TrimSpace(d)
		switch {
		case strings.HasPrefix(d, "script-src ") || d == "script-src":
			script = d
		case strings.HasPrefix(d, "default-src"):
			def = d
		}
	}
	if script != "" {
		return strings.Contains(script, "'unsafe-inline'")
	}
	return strings.Contains(def, "'unsafe-inline'")
}

// falsy reports whether e is None, False, "" or an empty dict.
func falsy(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Constant:
		if e.IsNone() {
			return true
		}
		if b, ok := e.Bool(); ok {
			return !b
		}
		if s, ok := e.Str(); ok {
			return s == ""
		}
	case *ast.Dict:
		return len(e.Keys) == 0
	}
	return false
}

// cspText renders a CSP given as a string or a Talisman dict
// ({"default-src": "'self'", "script-src": ["'self'", "cdn"]}) as text.
func cspText(e ast.Expr) string {
	if e == nil {
		return "default-src 'self'" // Talisman's default
	}
	if s, ok := flask.StrConst(e); ok {
		return s
	}
	d, ok := e.(*ast.Dict)
	if !ok {
		return ""
	}
	var parts []string
	for i, k := range d.Keys {
		ks, ok := flask.StrConst(k)
		if !ok {
			continue
		}
		var vals []string
		switch v := d.Values[i].(type) {
		case *ast.List:
			for _, x := range v.Elts {
				if s, ok := flask.StrConst(x); ok {
					vals = append(vals, s)
				}
			}
		case *ast.Tuple:
			for _, x := range v.Elts {
				if s, ok := flask.StrConst(x); ok {
					vals = append(vals, s)
				}
			}
		default:
			if s, ok := flask.StrConst(v); ok {
				vals = append(vals, s)
			}
		}
		parts = append(parts, ks+" "+strings.Join(vals, " "))
	}
	return strings.Join(parts, "; ")
}

// knownHeaders are the header names the rule looks for.
var knownHeaders = map[string]bool{"content-security-policy": true, "x-content-type-options": true, "x-frame-options": true}

// hookHeaders collects the security headers an after_request hook sets:
// string constants naming them in its body, and the keys of module-level
// dicts it reads (SECURITY_HEADERS = {...}; for k, v in SECURITY_HEADERS.items()).
func hookHeaders(f *project.File, fn ast.Node, hs *headerSet) {
	names := map[string]bool{}
	var body []ast.Stmt
	switch fn := fn.(type) {
	case *ast.FunctionDef:
		body = fn.Body
	case *ast.AsyncFunctionDef:
		body = fn.Body
	}
	flask.InspectBody(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Name:
			names[n.ID] = true
		case *ast.Assign:
			for _, t := range n.Targets {
				if sub, ok := t.(*ast.Subscript); ok {
					if k, ok := flask.StrConst(sub.Slice); ok {
						addHeader(hs, k, n.Value)
					}
				}
			}
		case *ast.Call:
			if a, ok := n.Func.(*ast.Attribute); ok && (a.Attr == "set" || a.Attr == "setdefault" || a.Attr == "add") && len(n.Args) >= 2 {
				if k, ok := flask.StrConst(n.Args[0]); ok {
					addHeader(hs, k, n.Args[1])
				}
			}
		case *ast.Dict:
			for i, k := range n.Keys {
				if ks, ok := flask.StrConst(k); ok {
					addHeader(hs, ks, n.Values[i])
				}
			}
		}
		return true
	})
	// Module-level dicts of headers the hook reads.
	if f.AST == nil {
		return
	}
	for _, s := range f.AST.Body {
		a, ok := s.(*ast.Assign)
		if !ok || len(a.Targets) != 1 {
			continue
		}
		n, ok := a.Targets[0].(*ast.Name)
		if !ok || !names[n.ID] {
			continue
		}
		if d, ok := a.Value.(*ast.Dict); ok {
			for i, k := range d.Keys {
				if ks, ok := flask.StrConst(k); ok {
					addHeader(hs, ks, d.Values[i])
				}
			}
		}
	}
}

func addHeader(hs *headerSet, name string, value ast.Expr) {
	l := strings.ToLower(name)
	if !knownHeaders[l] {
		return
	}
	hs.names[l] = true
	if l == "content-security-policy" {
		if s, ok := flask.StrConst(value); ok {
			hs.csp = append(hs.csp, s)
		} else if js, ok := value.(*ast.JoinedStr); ok {
			var b strings.Builder
			for _, v := range js.Values {
				if s, ok := flask.StrConst(v); ok {
					b.WriteString(s)
				} else {
					b.WriteString("'nonce-x'")
				}
			}
			hs.csp = append(hs.csp, b.String())
		}
	}
}

// codeHeaders finds the security header names written as string literals
// in non-test code outside the hooks and Talisman calls already counted
// (middleware classes, response helpers), one set per function.
func codeHeaders(p *project.Project, counted map[ast.Node]bool) []*headerSet {
	var out []*headerSet
	for _, f := range pyFiles(p) {
		var visit func(n ast.Node, fn ast.Node) bool
		byFn := map[ast.Node]*headerSet{}
		var order []ast.Node
		visit = func(n ast.Node, fn ast.Node) bool {
			if n == nil || counted[n] {
				return false
			}
			switch x := n.(type) {
			case *ast.FunctionDef, *ast.AsyncFunctionDef:
				for _, st := range flask.FuncBody(x) {
					ast.Inspect(st, func(c ast.Node) bool { return visit(c, x) })
				}
				return false
			case *ast.Constant:
				if s, ok := x.Str(); ok && knownHeaders[strings.ToLower(s)] {
					key := fn
					if key == nil {
						key = f.AST
					}
					hs := byFn[key]
					if hs == nil {
						hs = &headerSet{names: map[string]bool{}, file: f, node: x}
						if fn != nil {
							hs.node = fn
							hs.where = fmt.Sprintf("%s() at %s:%d", flask.FuncName(fn), f.Path, fn.Pos().Line)
						} else {
							hs.where = fmt.Sprintf("%s:%d", f.Path, x.Pos().Line)
						}
						byFn[key] = hs
						order = append(order, key)
					}
					hs.names[strings.ToLower(s)] = true
				}
			}
			return true
		}
		ast.Inspect(f.AST, func(n ast.Node) bool { return visit(n, nil) })
		for _, k := range order {
			out = append(out, byFn[k])
		}
	}
	return out
}

// rendersHTML reports whether the code renders templates or builds HTML
// strings for responses (render_template*, Markup).
func rendersHTML(p *project.Project) bool {
	found := false
	for _, f := range pyFiles(p) {
		ast.Inspect(f.AST, func(n ast.Node) bool {
			if found || n == nil {
				return false
			}
			if c, ok := n.(*ast.Call); ok {
				switch name := flask.Dotted(c.Func); {
				case strings.HasSuffix(name, "render_template"), strings.HasSuffix(name, "render_template_string"),
					strings.HasSuffix(name, "Markup"):
					found = true
				}
			}
			return true
		})
		if found {
			return true
		}
	}
	return false
}
