package report

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/rules"
)

// TestRelated checks that a finding's related locations appear in every
// format, under the JSON keys docs/json.md lists.
func TestRelated(t *testing.T) {
	res := sampleResult()
	res.Findings[0].Related = []rules.RelatedLocation{
		{Path: "requirements-dev.txt", Line: 7, Note: "flask 2.3.3 pinned in requirements-dev.txt"},
	}
	var doc struct {
		Findings []map[string]json.RawMessage `json:"findings"`
	}
	if err := json.Unmarshal(render(t, "json", res, Options{}), &doc); err != nil {
		t.Fatal(err)
	}
	var rel []map[string]any
	if err := json.Unmarshal(doc.Findings[0]["related"], &rel); err != nil {
		t.Fatalf("findings[0].related: %v", err)
	}
	if len(rel) != 1 || rel[0]["path"] != "requirements-dev.txt" || rel[0]["line"] != float64(7) ||
		rel[0]["note"] != "flask 2.3.3 pinned in requirements-dev.txt" || len(rel[0]) != 3 {
		t.Errorf("related = %v", rel)
	}
	if _, ok := doc.Findings[1]["related"]; ok {
		t.Errorf("a finding without related locations has a related key")
	}
	for _, format := range []string{"text", "markdown", "sarif"} {
		out := string(render(t, format, res, Options{}))
		if !strings.Contains(out, "requirements-dev.txt") || !strings.Contains(out, "flask 2.3.3 pinned in requirements-dev.txt") {
			t.Errorf("%s output lacks the related location:\n%s", format, out)
		}
	}
}
