// Package redirect implements FLASK-REDIRECT-001: open redirects.
package redirect

import (
	"github.com/flasksec/flasksec/knowledge"
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
			"backslashes, a url_has_allowed_host_and_scheme/is_safe_url-style helper, or url_for().",
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
		f := fl.Finding()
		f.Message = fl.Message() + " without a same-site or allowlist check"
		pass.Report(f)
	}
	return taint.Of(pass.Project).Err()
}
