package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/rules/supply"
)

// TestAdvisoriesFlag checks --advisories: a user's OSV folder replaces the
// embedded data (its advisory is reported and its date stamps the report),
// a malformed record is listed as a scan error and skipped, and an
// unreadable path is a usage error.
func TestAdvisoriesFlag(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"app/requirements.txt": "flask==3.1.1\n",
		"osv/LOCAL-2026-1.json": `{"schema_version": "1.6.0", "id": "LOCAL-2026-1", "modified": "2026-11-20T08:00:00Z",
  "summary": "A test advisory that only a user's export holds.",
  "affected": [{"package": {"ecosystem": "PyPI", "name": "Flask"},
    "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "3.0.0"}, {"fixed": "3.1.9"}]}]}],
  "database_specific": {"severity": "HIGH"}}`,
		"osv/broken.json": `{"id": "BROKEN-1", "affected": [`,
	})
	e, out, errb := testEnv(dir)
	e.rules = func() []*rules.Rule { return []*rules.Rule{supply.Rule} }
	code := run(context.Background(), []string{"scan", "--format", "json", "--advisories", "osv", "app"}, e)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (a finding); stderr: %s", code, errb)
	}
	var rep struct {
		Tool struct {
			AdvisoryDate string `json:"advisory_data_date"`
		} `json:"tool"`
		Findings []rules.Finding `json:"findings"`
		Errors   []struct {
			Kind, Message string
		} `json:"errors"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Tool.AdvisoryDate != "2026-11-20" {
		t.Errorf("advisory_data_date = %q, want the user data's 2026-11-20", rep.Tool.AdvisoryDate)
	}
	found := false
	for _, f := range rep.Findings {
		found = found || strings.Contains(f.Message, "LOCAL-2026-1")
	}
	if !found {
		t.Errorf("no finding names the user's advisory: %+v", rep.Findings)
	}
	if len(rep.Errors) != 1 || rep.Errors[0].Kind != "advisories" || !strings.Contains(rep.Errors[0].Message, "broken.json") {
		t.Errorf("errors = %+v, want one advisories error naming broken.json", rep.Errors)
	}

	e, _, errb = testEnv(dir)
	if code := run(context.Background(), []string{"scan", "--advisories", filepath.Join(dir, "nope"), "app"}, e); code != 2 {
		t.Errorf("missing advisories path: exit %d, want 2", code)
	}
	if !strings.Contains(errb.String(), "--advisories") {
		t.Errorf("stderr %q does not name the flag", errb)
	}
}
