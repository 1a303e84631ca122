package rules

import (
	"errors"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/project"
)

type brokenKey struct{}
type dependentKey struct{}

// TestSharedAnalysisFailure checks that a shared analysis that panics is
// reported once, naming every rule it made skip, that an analysis built
// on it passes the root cause on, and that the other rules' findings are
// kept.
func TestSharedAnalysisFailure(t *testing.T) {
	proj := project.New("/root", []*project.File{{Path: "a.py", Kind: project.Python, Src: []byte("x = 1\n")}}, nil)
	broken := func() int {
		return project.Cached(proj, brokenKey{}, func() int { panic("index out of range") })
	}
	dependent := func() string {
		return project.Cached(proj, dependentKey{}, func() string { return strings.Repeat("x", broken()) })
	}
	r1 := testRule(func(*Pass) error { broken(); return nil })
	r1.ID = "FLASKSEC-TEST-011"
	r2 := testRule(func(*Pass) error { dependent(); return nil })
	r2.ID = "FLASKSEC-TEST-012"
	r3 := testRule(func(*Pass) error { broken(); return nil })
	r3.ID = "FLASKSEC-TEST-013"
	good := testRule(func(p *Pass) error {
		p.Report(Finding{Location: Location{Path: "a.py", StartLine: 1}})
		return nil
	})
	fs, errs := Run(proj, []*Rule{r1, r2, good, r3})
	if len(fs) != 1 {
		t.Errorf("got %d findings, want the good rule's 1", len(fs))
	}
	if len(errs) != 1 {
		t.Fatalf("got %d errors, want 1 for the one failed analysis: %v", len(errs), errs)
	}
	first, _, _ := strings.Cut(errs[0].Error(), "\n")
	for _, want := range []string{"rules.brokenKey", "index out of range", "FLASKSEC-TEST-011, FLASKSEC-TEST-012, FLASKSEC-TEST-013"} {
		if !strings.Contains(first, want) {
			t.Errorf("error %q does not name %q", first, want)
		}
	}
	var f *project.AnalysisFailure
	if !errors.As(errs[0], &f) {
		t.Errorf("error %v does not wrap the AnalysisFailure", errs[0])
	}
	if strings.Contains(first, "interface conversion") {
		t.Errorf("a later caller got a nil result: %q", first)
	}
}
