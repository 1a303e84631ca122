package rules

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/flasksec/flasksec/project"
)

// TestRunContext checks that RunContext hands its context to the project
// (where the shared analyses read it) and starts no rule once it is
// cancelled.
func TestRunContext(t *testing.T) {
	var ran atomic.Int32
	var sawCancelled atomic.Bool
	r := testRule(func(p *Pass) error {
		ran.Add(1)
		sawCancelled.Store(p.Project.Cancelled())
		return nil
	})
	proj := project.New("/root", nil, nil)
	if _, errs := RunContext(context.Background(), proj, []*Rule{r}); len(errs) != 0 || ran.Load() != 1 || sawCancelled.Load() {
		t.Fatalf("live context: errors %v, %d runs, cancelled %v; want no error, 1 run, not cancelled", errs, ran.Load(), sawCancelled.Load())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	proj = project.New("/root", nil, nil)
	if fs, _ := RunContext(ctx, proj, []*Rule{r, r}); len(fs) != 0 || ran.Load() != 1 {
		t.Errorf("cancelled context: %d findings, %d runs in all; want the rules not started", len(fs), ran.Load())
	}
	if !proj.Cancelled() {
		t.Error("the project does not see the cancelled context")
	}
}
