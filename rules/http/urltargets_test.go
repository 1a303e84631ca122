package http_test

import (
	"strings"
	"testing"

	httprule "github.com/flasksec/flasksec/rules/http"
	"github.com/flasksec/flasksec/rules/rulestest"
)

// TestPathSegmentMessage checks that a secret-named url_for keyword that
// fills a path segment of the target route is called a path segment.
func TestPathSegmentMessage(t *testing.T) {
	// url_for targets whose rule a helper builds (a path segment, not the
	// query string); the annotations check the confidences.
	found := false
	for _, f := range rulestest.Run(t, "testdata/url_targets", httprule.Rule) {
		if f.Location.StartLine != 18 {
			continue
		}
		found = true
		if !strings.Contains(f.Message, "into the URL path of /<tenant>/boards/<token>") {
			t.Errorf("message %q", f.Message)
		}
	}
	if !found {
		t.Fatal("no finding at app.py:18")
	}
}
