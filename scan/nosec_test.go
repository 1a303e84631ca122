package scan

import (
	"fmt"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/config"
	"github.com/flasksec/flasksec/python/parser"
)

// TestNosecCovers checks the Bandit-ID mapping: an ID silences a finding
// only when it maps to the finding's rule.
func TestNosecCovers(t *testing.T) {
	for _, tc := range []struct {
		ids  []string
		rule string
		want bool
	}{
		{nil, "FLASK-INJECT-002", true},
		{[]string{"B602"}, "FLASK-INJECT-002", true},
		{[]string{"B404"}, "FLASK-INJECT-002", false}, // import subprocess: unrelated
		{[]string{"B404", "B607"}, "FLASK-INJECT-002", true},
		{[]string{"B602"}, "FLASK-INJECT-001", false},
		{[]string{"B608"}, "FLASK-INJECT-001", true},
		{[]string{"B201"}, "FLASK-DEPLOY-002", true},
		{[]string{"FLASK-XSS-001"}, "FLASK-XSS-001", true},
		{[]string{"FLASK-XSS-001"}, "FLASK-SSTI-001", false},
	} {
		if got := nosecCovers(tc.ids, tc.rule); got != tc.want {
			t.Errorf("nosecCovers(%v, %s) = %v, want %v", tc.ids, tc.rule, got, tc.want)
		}
	}
}

// TestNosecWithIDs checks the scan: "# nosec B404" does not silence a
// finding of another rule and is reported as unused under --strict; a
// bare "# nosec" and one naming the rule do silence it.
func TestNosecWithIDs(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"app.py": strings.Join([]string{
			"a = DANGER  # nosec B404",              // 1 kept, unused
			"b = DANGER  # nosec",                   // 2 silenced
			"c = DANGER  # nosec FLASKSEC-TEST-001", // 3 silenced
			"d = DANGER  # nosec B602, B607",        // 4 kept, unused
			"",
		}, "\n"),
	})
	res := run(t, Options{Root: dir, Strict: true, Config: &config.Config{Nosec: true}})
	if got, want := brief(res.Findings), "app.py:1 FLASKSEC-TEST-001\napp.py:4 FLASKSEC-TEST-001\n"; got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
	var probs []string
	for _, p := range res.Errors {
		probs = append(probs, fmt.Sprintf("%d %s", p.Line, p.Message))
	}
	got := strings.Join(probs, "\n")
	if len(probs) != 2 || !strings.Contains(got, "1 unused suppression: this # nosec B404 silences no flasksec finding") ||
		!strings.Contains(got, "4 unused suppression: this # nosec B602, B607") {
		t.Errorf("strict problems:\n%s", got)
	}
}

// TestSuppressionOnLaterLineOfStatement checks that a suppression on any
// line of a multi-line statement (black style) covers a finding reported
// at the statement's first line, and does not reach the next statement.
func TestSuppressionOnLaterLineOfStatement(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"app.py": strings.Join([]string{
			"result = run_it(", // 1 finding here, silenced by line 3
			"    DANGER,",
			")  # flasksec: ignore[FLASKSEC-TEST-001] constant command",
			"other = run_it(DANGER)", // 4 kept: another statement
			"x = call(",              // 5 kept: the comment names another rule
			"    DANGER,  # flasksec: ignore[FLASKSEC-TEST-002] wrong rule",
			")",
			"",
		}, "\n"),
	})
	// The test rule reports the line that holds DANGER (line 2), inside
	// the statement, not on the comment's line.
	res := run(t, Options{Root: dir, ParsePython: parser.ParseFile})
	got := brief(res.Findings)
	if strings.Contains(got, "app.py:2 ") || !strings.Contains(got, "app.py:4 ") || !strings.Contains(got, "app.py:6 ") {
		t.Errorf("findings:\n%s\nwant line 2 silenced, 4 and 6 kept", got)
	}
	if res.Hidden.Suppressed != 1 {
		t.Errorf("suppressed %d, want 1", res.Hidden.Suppressed)
	}
}
