package supply

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/deps"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/rules/rulestest"
)

// TestFixtures runs the rule over every fixture folder and checks the
// findings against the folder's want annotations.
func TestFixtures(t *testing.T) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			rulestest.Run(t, filepath.Join("testdata", e.Name()), Rule)
		})
	}
}

func findingAt(t *testing.T, fs []rules.Finding, path string, line int) rules.Finding {
	t.Helper()
	for _, f := range fs {
		if f.Location.Path == path && f.Location.StartLine == line {
			return f
		}
	}
	t.Fatalf("no finding at %s:%d", path, line)
	return rules.Finding{}
}

// TestVulnerableDetails checks what a vulnerable-pin finding says: the
// advisories, the fixed release and the severity rule (the spec's Low,
// Medium when an advisory is rated high, High when one is rated critical,
// with the reason in the message).
func TestVulnerableDetails(t *testing.T) {
	fs := rulestest.Run(t, "testdata/vulnerable_pins", Rule)
	wz := findingAt(t, fs, "requirements.txt", 3)
	if wz.Severity != rules.Medium || !strings.Contains(wz.Message, "raised from the spec's Low to Medium because") {
		t.Errorf("werkzeug 2.2.2: severity %s, want Medium with the reason: %s", wz.Severity, wz.Message)
	}
	for _, s := range []string{"GHSA-xg9f-g7g7-2323", "CVE-2023-25577", "fixed in 2.2.3", "GHSA-hgf8-39gv-g3f2",
		"matters only on Windows deployments"} {
		if !strings.Contains(wz.Message, s) {
			t.Errorf("werkzeug message lacks %q: %s", s, wz.Message)
		}
	}
	if !strings.HasPrefix(wz.Fix, "upgrade werkzeug to >= 3.1.6") {
		t.Errorf("werkzeug fix = %q", wz.Fix)
	}
	if wz.Evidence != "Werkzeug==2.2.2  # want: FLASK-SUPPLY-001" {
		t.Errorf("evidence = %q", wz.Evidence)
	}
	gu := findingAt(t, fs, "requirements.txt", 7)
	if gu.Severity != rules.Medium || !strings.Contains(gu.Fix, "no fixed release is recorded for GHSA-w3h3-4rj7-4ph4") {
		t.Errorf("gunicorn 21.2.0: severity %s, fix %q", gu.Severity, gu.Fix)
	}
	cors := findingAt(t, fs, "requirements.txt", 8)
	if cors.Severity != rules.Low || !strings.Contains(cors.Message, "Severity Low, the spec's rating") {
		t.Errorf("flask-cors 4.0.0 (moderate advisory): severity %s, want Low with the reason: %s", cors.Severity, cors.Message)
	}
}

func TestWindowsOnly(t *testing.T) {
	fs := rulestest.Run(t, "testdata/windows_safe_join", Rule)
	f := findingAt(t, fs, "requirements.txt", 2)
	if f.Severity != rules.Low || !strings.Contains(f.Message, "only when the app runs on Windows") ||
		!strings.Contains(f.Message, "send_from_directory is used at app.py:8") || !strings.Contains(f.Message, "CVE-2025-66221") {
		t.Errorf("severity %s, message %q", f.Severity, f.Message)
	}
}

func TestUnpinnedDetails(t *testing.T) {
	fs := rulestest.Run(t, "testdata/unpinned_no_lock", Rule)
	f := findingAt(t, fs, "requirements.txt", 1)
	if f.Severity != rules.Low || !strings.Contains(f.Message, "allows a range of versions (>=2.2)") ||
		!strings.Contains(f.Message, "admits flask 2.2, affected by") {
		t.Errorf("severity %s, message %q", f.Severity, f.Message)
	}
	vcs := findingAt(t, fs, "requirements.txt", 4)
	if !strings.Contains(vcs.Message, "is installed from git+https://") {
		t.Errorf("VCS requirement message %q", vcs.Message)
	}
}

// TestUserAdvisories checks that a database given with UseAdvisories
// replaces the embedded one for the scan.
func TestUserAdvisories(t *testing.T) {
	dir := t.TempDir()
	rec := `{"id":"TEST-2026-1","modified":"2026-01-01T00:00:00Z","summary":"Test issue",
		"database_specific":{"severity":"CRITICAL"},
		"affected":[{"package":{"ecosystem":"PyPI","name":"requests"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"3.0"}]}]}]}`
	if err := os.WriteFile(filepath.Join(dir, "TEST-2026-1.json"), []byte(rec), 0o644); err != nil {
		t.Fatal(err)
	}
	db, errs, err := deps.LoadAdvisories(dir)
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	proj := rulestest.Load(t, "testdata/vulnerable_pins")
	if err := deps.UseAdvisories(proj, db); err != nil {
		t.Fatal(err)
	}
	if err := deps.UseAdvisories(proj, deps.EmbeddedAdvisories()); err == nil {
		t.Error("a second UseAdvisories succeeded")
	}
	fs, runErrs := rules.Run(proj, []*rules.Rule{Rule})
	if len(runErrs) > 0 {
		t.Fatal(runErrs)
	}
	if len(fs) != 1 || fs[0].Location.StartLine != 9 || fs[0].Severity != rules.High ||
		!strings.Contains(fs[0].Message, "TEST-2026-1") || !strings.Contains(fs[0].Message, "rated critical") {
		t.Fatalf("findings = %+v, want one on requests (line 9) from TEST-2026-1", fs)
	}
}

func TestSafeFloor(t *testing.T) {
	db := deps.EmbeddedAdvisories()
	tests := []struct{ key, want string }{
		{"werkzeug", "no older than 3.1.6, the newest fix in the advisory data"},
		{"flask-cors", "newer than 4.0.0, the last affected release in the advisory data"},
		{"itsdangerous", ""},
	}
	for _, tt := range tests {
		if got := safeFloor(tt.key, db); got != tt.want {
			t.Errorf("safeFloor(%s) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

// TestJoinedManifests checks that one dependency problem declared in
// several manifests is one finding at the lock file, with the other
// declarations as related locations, and that a low-rated advisory stays
// Low.
func TestJoinedManifests(t *testing.T) {
	fs := rulestest.Run(t, "testdata/manifests_joined", Rule)
	fl := findingAt(t, fs, "uv.lock", 10)
	var rel []string
	for _, r := range fl.Related {
		rel = append(rel, r.Path)
	}
	if strings.Join(rel, " ") != "requirements.txt pyproject.toml requirements-dev.txt" {
		t.Errorf("flask related = %v", rel)
	}
	if fl.Severity != rules.Low || !strings.Contains(fl.Message, "is rated low") ||
		!strings.Contains(fl.Message, "declared in 3 more file(s)") {
		t.Errorf("flask 3.1.1 (low advisory): severity %s, message %q", fl.Severity, fl.Message)
	}
	wz := findingAt(t, fs, "uv.lock", 15)
	if wz.Severity != rules.Medium || len(wz.Related) != 2 || wz.Related[0].Note != "werkzeug 3.0.1 (pinned in requirements.txt)" {
		t.Errorf("werkzeug 3.0.1: severity %s, related %+v", wz.Severity, wz.Related)
	}
	rs := rulestest.Run(t, "testdata/ranges_joined", Rule)
	wtf := findingAt(t, rs, "requirements.txt", 2)
	if len(wtf.Related) != 1 || wtf.Related[0].Path != "pyproject.toml" || wtf.Related[0].Line != 6 ||
		!strings.Contains(wtf.Related[0].Note, ">=1.1") {
		t.Errorf("flask-wtf related = %+v", wtf.Related)
	}
}

func TestSeverityOf(t *testing.T) {
	tests := []struct {
		sev     deps.Severity
		windows bool
		want    rules.Severity
	}{
		{deps.SeverityCritical, false, rules.High},
		{deps.SeverityHigh, false, rules.Medium},
		{deps.SeverityHigh, true, rules.Low},
		{deps.SeverityModerate, false, rules.Low},
		{deps.SeverityLow, false, rules.Low},
		{deps.SeverityUnknown, false, rules.Low},
	}
	for _, tt := range tests {
		got, why := severityOf(&deps.Advisory{ID: "X-1", Severity: tt.sev}, tt.windows)
		if got != tt.want || !strings.Contains(why, "X-1") {
			t.Errorf("severityOf(%v, windows=%v) = %v, %q; want %v", tt.sev, tt.windows, got, why, tt.want)
		}
	}
}
