package xss

import (
	"strings"

	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/taint"
)

// checkPython reports the Python side of FLASK-XSS-001: untrusted data
// in Markup(), in HTML responses built in Python (strings returned from
// views, make_response, Response with an HTML type), and Jinja
// environments with autoescaping disabled.
func checkPython(pass *rules.Pass) error {
	fx := newFuncIndex(resolve.Of(pass.Project))
	for _, fl := range taint.Of(pass.Project).Flows(knowledge.HTML) {
		notHTML, dynamic := nonHTMLResponse(fl)
		if fl.Origin == knowledge.Param || notHTML != "" || renderedTemplate(fx, fl) || unescaped(fl) ||
			downloadHelper(fx, fl) != "" || placeholderMiss(pass.Project, fx, fl) != "" || containerReturn(pass.Project, fl) || upstreamProxy(fl) || pinnedParam(fl) {
			continue
		}
		f := fl.Finding()
		switch {
		case fl.Variant == "return":
			f.Message = fl.Message() + ": the view returns a string Flask sends as text/html"
			f.Fix = "Render the value through a template ({{ value }} is escaped) or escape it with " +
				"markupsafe.escape() before building the HTML; return JSON for data."
		case strings.Contains(fl.Sink, "Markup"):
			f.Message = fl.Message() + ", which marks it safe HTML without escaping"
			f.Fix = "Do not wrap untrusted text in Markup(): escape it (markupsafe.escape) or use " +
				"Markup(\"<b>{}</b>\").format(value), which escapes the arguments."
		default:
			f.Message = fl.Message() + " as an HTML response body"
		}
		if dynamic != "" {
			// A proxy or asset view passing a content type it got from
			// elsewhere: HTML only if that type is.
			f.Confidence = rules.LowConfidence
			f.Message += "; " + dynamic + ", so the body is HTML only if that type is text/html"
		}
		if where := testCode(fl.File.Path); where != "" {
			f.Confidence = rules.LowConfidence
			f.Message += "; " + where
		}
		pass.Report(f)
	}
	res := taint.Of(pass.Project)
	for _, cs := range res.CallsTo(jinjaEnvs...) {
		checkEnvironment(pass, cs)
	}
	for _, cs := range res.CallsTo("jinja2.select_autoescape", "jinja2.utils.select_autoescape") {
		if misusedSelect(cs.Call) {
			pass.ReportNode(cs.File, cs.Call, rules.Finding{
				Message: "select_autoescape() leaves .html templates unescaped",
				Fix:     "Include \"html\" and \"htm\" (and \"xml\") in enabled_extensions, or keep the defaults."})
		}
	}
	for _, file := range pass.Project.FilesOf(project.Python) {
		if file.AST != nil {
			checkAutoescapeOff(pass, file)
		}
	}
	return taint.Of(pass.Project).Err()
}

// jinjaEnvs are the Jinja environment classes whose autoescape default is off.
var jinjaEnvs = []string{"jinja2.Environment", "jinja2.environment.Environment", "jinja2.sandbox.SandboxedEnvironment"}

// checkEnvironment reports a Jinja environment created without
// autoescaping.
func checkEnvironment(pass *rules.Pass, cs taint.CallSite) {
	var ae ast.Expr
	for _, k := range cs.Call.Keywords {
		if k.Arg == "autoescape" {
			ae = k.Value
		}
		if k.Arg == "" {
			return // **options: cannot tell
		}
	}
	if ae == nil || isFalse(ae) {
		if envNonHTML(pass, cs) != "" {
			return // LaTeX, config files, CLI text: HTML escaping would corrupt them
		}
	}
	switch {
	case ae == nil:
		f := rules.Finding{Confidence: rules.MediumConfidence,
			Message: "Jinja Environment created without autoescape: it does not escape HTML by default",
			Fix:     "Pass autoescape=select_autoescape([\"html\", \"htm\", \"xml\"]) (or True) when the environment renders HTML."}
		if cmd := cliCommand(cs); cmd != "" {
			// Output of a command-line command: HTML only if it writes pages.
			f.Confidence = rules.LowConfidence
			f.Message += "; it is created in the command-line command " + cmd + ", whose output is not served by the app"
		}
		pass.ReportNode(cs.File, cs.Call, f)
	case isFalse(ae):
		pass.ReportNode(cs.File, cs.Call, rules.Finding{
			Message: "Jinja Environment created with autoescape=False: every {{ value }} is inserted as raw HTML",
			Fix:     "Use autoescape=select_autoescape([\"html\", \"htm\", \"xml\"]) or autoescape=True."})
	}
}

// checkAutoescapeOff reports assignments that switch a Jinja
// environment's autoescaping off (app.jinja_env.autoescape = False).
func checkAutoescapeOff(pass *rules.Pass, file *project.File) {
	ast.Inspect(file.AST, func(n ast.Node) bool {
		as, ok := n.(*ast.Assign)
		if !ok {
			return !isExpr(n)
		}
		for _, t := range as.Targets {
			a, ok := t.(*ast.Attribute)
			if !ok || a.Attr != "autoescape" || !isFalse(as.Value) {
				continue
			}
			pass.ReportNode(file, as, rules.Finding{
				Message: "autoescaping switched off on a Jinja environment (" + exprString(a) + " = False)",
				Fix:     "Remove the assignment: Flask enables autoescaping for .html templates."})
		}
		return false
	})
}

// isExpr reports whether n is an expression (assignments are statements:
// no need to enter expressions).
func isExpr(n ast.Node) bool {
	_, ok := n.(ast.Expr)
	return ok
}

func isFalse(x ast.Expr) bool {
	c, ok := x.(*ast.Constant)
	if !ok {
		return false
	}
	b, isBool := c.Bool()
	return (isBool && !b) || c.IsNone()
}

// misusedSelect reports whether select_autoescape's enabled_extensions
// (first argument or keyword) is a literal without "html", or
// default=False with an empty extension list.
func misusedSelect(call *ast.Call) bool {
	var exts ast.Expr
	if len(call.Args) > 0 {
		exts = call.Args[0]
	}
	for _, k := range call.Keywords {
		if k.Arg == "enabled_extensions" {
			exts = k.Value
		}
	}
	if exts == nil {
		return false
	}
	var elts []ast.Expr
	switch l := exts.(type) {
	case *ast.List:
		elts = l.Elts
	case *ast.Tuple:
		elts = l.Elts
	case *ast.Set:
		elts = l.Elts
	default:
		return false
	}
	for _, e := range elts {
		c, ok := e.(*ast.Constant)
		if !ok {
			return false
		}
		s, ok := c.Str()
		if !ok {
			return false
		}
		s = strings.TrimPrefix(strings.ToLower(s), ".")
		if s == "html" || s == "htm" {
			return false
		}
	}
	return true
}

func exprString(x ast.Expr) string {
	switch x := x.(type) {
	case *ast.Name:
		return x.ID
	case *ast.Attribute:
		return exprString(x.Value) + "." + x.Attr
	}
	return "..."
}

// testCode says when a path is test code (a tests/ folder, test_*.py,
// *_test.py, conftest.py): its Flask views serve the test suite, not
// users.
func testCode(p string) string {
	base := p[strings.LastIndexByte(p, '/')+1:]
	if strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") || base == "conftest.py" {
		return "it is in test code (" + base + "), which is not deployed"
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "tests" || seg == "test" {
			return "it is in test code (under " + seg + "/), which is not deployed"
		}
	}
	return ""
}

// cliCommand returns the name of the command-line command (a function
// decorated with @click.command, @app.cli.command, @group.command...)
// that creates the environment at cs, or "".
func cliCommand(cs taint.CallSite) string {
	if cs.File == nil || cs.File.AST == nil {
		return ""
	}
	fn := enclosingFunc(cs.File.AST, cs.Call)
	d, ok := fn.(*ast.FunctionDef)
	if !ok {
		return ""
	}
	for _, deco := range d.DecoratorList {
		if c, ok := deco.(*ast.Call); ok {
			deco = c.Func
		}
		if n := lastName(deco); n == "command" {
			return d.Name + "()"
		}
	}
	return ""
}
