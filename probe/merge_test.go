package probe

import (
	"strings"
	"testing"

	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

func TestMerge(t *testing.T) {
	static := func(id, msg string) rules.Finding {
		return rules.Finding{RuleID: id, Severity: rules.Medium, Confidence: rules.MediumConfidence, Message: msg,
			Evidence: "app = Flask(__name__)", Location: rules.Location{Path: "app/__init__.py", StartLine: 3}}
	}
	res := &scan.Result{Findings: []rules.Finding{
		static(ruleHeaders, "No CSP is set; not visible in app code; verify at runtime/config."),
		static(ruleCORS, "CORS may be added at the edge; verify at runtime/config."),
		static(ruleLimits, "MAX_CONTENT_LENGTH is not set; verify at runtime/config."),
		static("FLASK-XSS-001", "Markup(q) renders request data"),
		static(ruleHost, "TRUSTED_HOSTS is not set"),
	}}
	pr := &Result{Target: "http://127.0.0.1:5000/",
		Findings: []rules.Finding{
			{RuleID: ruleHeaders, Severity: rules.Medium, Message: "No Content-Security-Policy header is sent (observed at runtime)", Evidence: "GET / -> HTTP/1.1 200 OK\nContent-Security-Policy: (absent)",
				Location: rules.Location{Path: "http://127.0.0.1:5000/"}},
			{RuleID: ruleDevSrv, Severity: rules.High, Message: "served by Werkzeug (observed at runtime)", Location: rules.Location{Path: "http://127.0.0.1:5000/"}},
		},
		Checked: map[string]string{ruleHeaders: "x", ruleDevSrv: "y", ruleCORS: "an unrelated Origin is not allowed", ruleHost: "rejected"},
	}
	Merge(res, pr, nil)
	got := map[string]rules.Finding{}
	for _, f := range res.Findings {
		got[f.RuleID+" "+f.Location.Path] = f
	}
	h, ok := got[ruleHeaders+" app/__init__.py"]
	if !ok || h.Confidence != rules.HighConfidence || !strings.Contains(h.Evidence, "app = Flask") || !strings.Contains(h.Evidence, "Content-Security-Policy: (absent)") {
		t.Errorf("want the static HEADERS finding confirmed with both evidences, got %+v", h)
	}
	if _, ok := got[ruleHeaders+" http://127.0.0.1:5000/"]; ok {
		t.Errorf("the probe's HEADERS finding confirmed a static one and should not be listed again")
	}
	if _, ok := got[ruleCORS+" app/__init__.py"]; ok {
		t.Errorf("want the CORS finding resolved (dropped)")
	}
	for _, k := range []string{ruleLimits + " app/__init__.py", "FLASK-XSS-001 app/__init__.py", ruleHost + " app/__init__.py", ruleDevSrv + " http://127.0.0.1:5000/"} {
		if _, ok := got[k]; !ok {
			t.Errorf("want %s kept or added; findings: %v", k, res.Findings)
		}
	}
	obs := strings.Join(res.Observations, "\n")
	if !strings.Contains(obs, "resolved by the probe: FLASK-CORS-001 at app/__init__.py:3 (an unrelated Origin is not allowed)") {
		t.Errorf("want the resolution in the observations, got %q", obs)
	}
	if n := res.Counts[rules.Medium] + res.Counts[rules.High]; n != len(res.Findings) {
		t.Errorf("counts %v do not match %d findings", res.Counts, len(res.Findings))
	}
}
