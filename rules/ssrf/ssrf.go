// Package ssrf implements FLASK-SSRF-001: server-side request forgery.
package ssrf

import (
	"sort"
	"strings"

	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/taint"
)

// Rule is FLASK-SSRF-001: outbound requests to user-controlled URLs.
var Rule = &rules.Rule{
	ID:       "FLASK-SSRF-001",
	Title:    "Outbound request to a URL or host controlled by the user (SSRF)",
	Severity: rules.Medium,
	CWE:      918,
	Spec:     "4 FLASK-SSRF-001",
	Category: rules.CatSSRF,
	Doc: rules.Doc{
		What: "Follows request data into the URL or host of outbound requests: requests, httpx, urllib.request, urllib3, " +
			"aiohttp and http.client. A host allowlist check (urlparse(url).hostname in ALLOWED), a constant " +
			"scheme-and-host prefix, or a URL-validation helper stops the flow; a scheme check alone does not. " +
			"URLs read back from the database or from another service's response are not followed: they are " +
			"nearly always the app's own configuration or a provider's answer. A missing timeout= is mentioned in the message of a reported flow; a request without a timeout to a " +
			"URL the user does not control is not reported (that is robustness, not SSRF).",
		Why: "The server can reach what the user cannot: localhost services, the internal network, cloud metadata " +
			"endpoints (169.254.169.254) that hand out credentials. urllib also follows file:// URLs and reads local " +
			"files. Without a timeout, a slow endpoint ties up a worker indefinitely.",
		Insecure: "@app.get(\"/preview\")\ndef preview():\n    return requests.get(request.args[\"url\"]).text",
		Secure: "ALLOWED_HOSTS = {\"images.example.com\"}\n\n@app.get(\"/preview\")\ndef preview():\n" +
			"    url = request.args[\"url\"]\n    parts = urlparse(url)\n" +
			"    if parts.scheme != \"https\" or parts.hostname not in ALLOWED_HOSTS:\n        abort(400)\n" +
			"    return requests.get(url, timeout=5, allow_redirects=False).text",
		Impact: "Access to internal services and cloud credentials, port scanning from the server, reading local " +
			"files through non-HTTP schemes, and worker exhaustion.",
		Fix: "Allow only https (and http if needed) and only hosts from an allowlist; resolve the host and reject " +
			"private, loopback and link-local addresses if arbitrary hosts must be supported; disable redirects or " +
			"re-check each hop; always set a timeout.",
		Mitigation: "Restrict the server's egress at the network level and block the metadata endpoint; run " +
			"fetchers in an isolated service.",
		FalsePositives: "A validation helper the scanner does not recognise may already restrict the host; declare " +
			"it in [tool.flasksec] sanitizers. For small standalone apps with nothing else on the network the risk " +
			"is lower.",
	},
	Run: run,
}

// noDefaultTimeout are clients whose requests wait forever unless given a
// timeout. A reported flow into one of them without timeout= says so in
// its message; the missing timeout alone is not reported: it is a
// robustness concern, not SSRF, and on real apps it was never a finding
// worth reading (issue 11: 60 low-tier findings, none real SSRF).
var noDefaultTimeout = map[string]bool{
	"requests.get": true, "requests.post": true, "requests.put": true, "requests.patch": true,
	"requests.delete": true, "requests.head": true, "requests.options": true, "requests.request": true,
	"urllib.request.urlopen": true,
}

func run(pass *rules.Pass) error {
	res := taint.Of(pass.Project)
	quals := make([]string, 0, len(noDefaultTimeout))
	for q := range noDefaultTimeout {
		quals = append(quals, q)
	}
	sort.Strings(quals)
	waits := res.CallsTo(quals...) // calls that wait forever without timeout=
	waitsForever := map[ast.Node]bool{}
	for _, cs := range waits {
		waitsForever[cs.Call] = !hasKeyword(cs.Call, "timeout")
	}
	for _, fl := range res.Flows(knowledge.URL) {
		if fl.Origin == knowledge.Param || fl.Origin.Indirect() {
			continue
		}
		f := fl.Finding()
		msg := fl.Message() + " without a host allowlist"
		if strings.Contains(fl.Sink, "urlopen") || strings.Contains(fl.Sink, "urlretrieve") || strings.Contains(fl.Sink, "Request(") {
			msg += "; urllib also accepts file:, ftp: and data: URLs"
		}
		if waitsForever[fl.Node] {
			msg += ", and without a timeout"
		}
		f.Message = msg
		pass.Report(f)
	}
	return res.Err()
}

func hasKeyword(call *ast.Call, name string) bool {
	for _, k := range call.Keywords {
		if k.Arg == name || k.Arg == "" {
			return true
		}
	}
	return false
}
