// Package ssti implements FLASK-SSTI-001: server-side template injection.
package ssti

import (
	"strings"

	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/taint"
)

// Rule is FLASK-SSTI-001: an untrusted template source.
var Rule = &rules.Rule{
	ID:       "FLASK-SSTI-001",
	Title:    "Template source controlled by the user (server-side template injection)",
	Severity: rules.Critical,
	CWE:      1336,
	Spec:     "4 FLASK-SSTI-001",
	Category: rules.CatTemplate,
	Doc: rules.Doc{
		What: "Follows request data, and at low confidence templates read back from the database, into the " +
			"source of a Jinja template: render_template_string(), jinja2.Template(), Environment.from_string(); " +
			"and into the format string of str.format()/format_map() (request data only: a format string read " +
			"back from the database or a provider's response is the app's own text). Values passed as template context " +
			"(render_template_string(\"Hi {{ name }}\", name=name)) are safe and not reported.",
		Why: "Jinja templates are code: {{ }} evaluates Python-like expressions with access to objects from " +
			"which the interpreter's internals can be reached. Whoever writes the template runs code on the " +
			"server. A user-controlled format string can read attributes of the objects passed to format() " +
			"(\"{user.__class__.__init__.__globals__}\"), leaking secrets.",
		Insecure: "@app.get(\"/hello\")\ndef hello():\n    name = request.args.get(\"name\", \"\")\n" +
			"    return render_template_string(\"<h1>Hello \" + name + \"</h1>\")",
		Secure: "@app.get(\"/hello\")\ndef hello():\n    name = request.args.get(\"name\", \"\")\n" +
			"    return render_template_string(\"<h1>Hello {{ name }}</h1>\", name=name)",
		Impact: "Remote code execution on the server with the application's privileges, or disclosure of " +
			"configuration and secrets (SECRET_KEY, database credentials).",
		Fix: "Keep template sources constant (files under templates/ or literals) and pass user data only as " +
			"context variables. For user-defined message templates, use string.Template or str.replace on a " +
			"fixed set of placeholders; if real templates are required, render them in a SandboxedEnvironment.",
		Mitigation: "Run the application with least privilege and without secrets in its environment it does " +
			"not need; keep Jinja2 up to date.",
		FalsePositives: "Check whether the template text can really be influenced by users (an admin-only " +
			"editor may be acceptable by design) and whether a sanitiser the scanner does not know strips " +
			"template syntax.",
	},
	Run: run,
}

func run(pass *rules.Pass) error {
	res := taint.Of(pass.Project)
	for _, kind := range []knowledge.SinkKind{knowledge.Template, knowledge.FormatString} {
		for _, fl := range res.Flows(kind) {
			if fl.Origin == knowledge.Param || (kind == knowledge.FormatString && dateFormat(fl.Node)) {
				continue
			}
			if kind == knowledge.FormatString && fl.Origin.Indirect() {
				// A format string read back from the database or from a
				// provider's response is the app's own text (a configured
				// message, a date's format method): on the real-app corpus
				// none of these was attacker-chosen. A stored Jinja
				// template source is still reported (low confidence).
				continue
			}
			f := fl.Finding()
			if kind == knowledge.FormatString {
				f.Message = fl.Message() + " as the format string"
				f.Fix = "Use a constant format string and pass the user's text as an argument, or substitute " +
					"fixed placeholders with str.replace/string.Template."
			} else {
				f.Message = fl.Message() + " as the template source"
			}
			pass.Report(f)
		}
	}
	return taint.Of(pass.Project).Err()
}

// dateTokens are the pattern tokens of arrow, pendulum and moment-style
// date formats ("YYYY-MM-DD HH:mm:ss").
var dateTokens = []string{"YYYY", "YY", "MM", "DD", "HH", "hh", "mm", "ss"}

// dateFormat reports whether call is f().format("YYYY-MM-DD") or
// obj.attr.format(...) with only a constant date pattern as its
// argument: the format() of a date object (arrow, pendulum), which reads
// no attributes, not str.format(); the pattern has no {} field for a
// string receiver to fill.
func dateFormat(n ast.Node) bool {
	call, ok := n.(*ast.Call)
	if !ok || len(call.Args) != 1 || len(call.Keywords) != 0 {
		return false
	}
	a, ok := call.Func.(*ast.Attribute)
	if !ok || a.Attr != "format" {
		return false
	}
	switch a.Value.(type) {
	case *ast.Call, *ast.Attribute:
		// arrow.now().shift(...).format(), cert.not_after.format()
	default:
		return false // a plain name may well hold a string
	}
	c, ok := call.Args[0].(*ast.Constant)
	if !ok {
		return false
	}
	pat, ok := c.Str()
	if !ok || strings.ContainsAny(pat, "{}") {
		return false
	}
	for _, t := range dateTokens {
		if strings.Contains(pat, t) {
			return true
		}
	}
	return false
}
