// Package xss implements FLASK-XSS-001: cross-site scripting through
// HTML built in Python (Markup, HTML responses, autoescape disabled) and
// through Jinja templates (|safe, autoescape blocks, unquoted attributes,
// URL, event-handler and script contexts).
package xss

import (
	"errors"

	"github.com/flasksec/flasksec/rules"
)

// Rule is FLASK-XSS-001. One rule value covers both halves: the Python
// side (python.go) and the template side (templates.go).
var Rule = &rules.Rule{
	ID:       "FLASK-XSS-001",
	Title:    "Untrusted data reaches HTML without escaping",
	Severity: rules.High,
	CWE:      79,
	Spec:     "4 FLASK-XSS-001",
	Category: rules.CatTemplate,
	Doc: rules.Doc{
		What: "Finds request data that reaches an HTML page without Jinja's autoescaping: values wrapped in " +
			"Markup() or passed through |safe, HTML strings built in a view and returned, templates rendered " +
			"with autoescaping disabled, template expressions in unquoted attributes, in URL attributes " +
			"(href, src, action) without a scheme check, and in event handlers or <script> blocks without |tojson.",
		Why: "Jinja escapes every {{ expression }} in .html templates. Each of these patterns switches that " +
			"protection off for one value; when the value comes from a user, the user's markup and scripts " +
			"run in other users' browsers with their session.",
		Insecure: "@app.get(\"/hello\")\ndef hello():\n    name = request.args.get(\"name\", \"\")\n" +
			"    return Markup(f\"<h1>Hello {name}</h1>\")",
		Secure: "@app.get(\"/hello\")\ndef hello():\n    name = request.args.get(\"name\", \"\")\n" +
			"    return render_template(\"hello.html\", name=name)  # {{ name }} is escaped",
		Impact: "An attacker who gets a victim to open a crafted link (reflected XSS), or who stores content " +
			"other users view (stored XSS), runs JavaScript in the victim's session: account takeover, data " +
			"theft, actions on the victim's behalf.",
		Fix: "Let Jinja escape the value: render it with {{ value }} in a template and drop Markup()/|safe. " +
			"If HTML from users must be shown, clean it with a maintained sanitiser (nh3, bleach) first. " +
			"Quote every attribute, pass values into scripts with |tojson, and allow only http(s) URLs in links.",
		Mitigation: "Deploy a Content-Security-Policy without 'unsafe-inline' (nonces or hashes for the " +
			"scripts you need) so an injected script does not run; set HttpOnly on session cookies.",
		FalsePositives: "Verify where the value comes from: a constant, an admin-only setting or a value " +
			"already cleaned by a sanitiser the tool does not know is not exploitable. Register custom " +
			"sanitisers in [tool.flasksec] sanitizers.",
	},
	Run: run,
}

func run(pass *rules.Pass) error {
	return errors.Join(checkPython(pass), checkTemplates(pass))
}
