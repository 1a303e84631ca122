package sizes

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/flasksec/flasksec/config"
	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/rules/all"
	"github.com/flasksec/flasksec/scan"
)

// scanShape writes the project of shape s with n units to a temporary
// folder and scans it with every rule; max_file_size is raised so that
// large sizes are read.
func scanShape(tb testing.TB, s Shape, n int) *scan.Result {
	tb.Helper()
	dir := tb.TempDir()
	if err := s.Write(dir, n); err != nil {
		tb.Fatal(err)
	}
	res, err := scan.Run(context.Background(), scan.Options{Root: dir, ParsePython: parser.ParseFile,
		Rules: all.Rules(), Config: &config.Config{MaxFileSize: 1 << 30}})
	if err != nil {
		tb.Fatalf("%s, n=%d: %v", s.Name, n, err)
	}
	return res
}

// TestPathologicalSizes scans, per shape, a file of a size that once
// crashed the scan (stack overflow), ran for minutes or exhausted memory,
// and checks that the scan completes with at most the one expected
// per-file error and the findings of the rest. The time each takes is
// the benchmarks' business (bench/sizes.sh), not this test's.
func TestPathologicalSizes(t *testing.T) {
	tests := []struct {
		shape   string
		n       int
		wantErr string // the per-file error expected on app.py; "" for none
	}{
		// Minutes and 12 GB before; CPython rejects it too.
		{"terms", 100_000, "nested too deeply"},
		// Stack overflow before.
		{"terms", 2_000_000, "nested too deeply"},
		// Quadratic before: 0.25 s and 220 MB.
		{"terms", 2_990, ""},
		// Over 120 s before.
		{"attrs", 250_000, "nested too deeply"},
		{"attrs", 2_000_000, "nested too deeply"},
		{"attrs", 2_990, ""},
		// Stack overflow before.
		{"calls", 1_500_000, "nested too deeply"},
		{"calls", 2_990, ""},
		// 6 s and 3.2 GB at 1,000 links before, out of memory at 1,490.
		{"links", 1_400, ""},
		{"links", 10_000, "nested too deeply"},
		// 5.6 s at 16,000 services before, over 60 s at 50,000.
		{"compose", 50_000, ""},
		{"stmts", 100_000, ""},
		// 4.4 s at 200,000 links before (token buffer copies), a
		// minute and more at a million.
		{"template", 1_000_000, "nested too deeply"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s-%d", tc.shape, tc.n), func(t *testing.T) {
			s, ok := Lookup(tc.shape)
			if !ok {
				t.Fatalf("no shape %q", tc.shape)
			}
			res := scanShape(t, s, tc.n)
			if len(res.Errors) > 1 {
				t.Fatalf("%d errors, want at most 1: %+v", len(res.Errors), res.Errors)
			}
			got := ""
			if len(res.Errors) == 1 {
				e := res.Errors[0]
				wantLine := 1 // a template's only line
				if s.File == "app.py" {
					wantLine = 3 // after the two lines of header
				}
				if e.Path != s.File || e.Line != wantLine || e.Kind != "parse" {
					t.Errorf("error %+v, want a parse error at %s:%d", e, s.File, wantLine)
				}
				got = e.Message
			}
			if (tc.wantErr == "") != (got == "") || !strings.Contains(got, tc.wantErr) {
				t.Errorf("error %q, want %q", got, tc.wantErr)
			}
			// The two lines of header are analysed whatever the third:
			// the app is there (the debug-mode and secret-key rules
			// need it), and the file counts as analysed.
			if res.Files < 1 {
				t.Errorf("%d files analysed", res.Files)
			}
		})
	}
}

// The sizes of the benchmarks: 250 and 2,500 links stay below the
// parser's depth limit (3,000 nodes), so their ratio measures the whole
// analysis of a long chain; from 1,000 on (10,000 for chains) the parser
// rejects the statement, and the ratios measure the way there.
var (
	chainSizes   = []int{250, 2_500, 1_000, 10_000, 100_000, 1_000_000}
	linkSizes    = []int{120, 1_200, 1_000, 10_000, 100_000, 1_000_000}
	stmtSizes    = []int{1_000, 10_000, 100_000, 1_000_000}
	composeSizes = []int{1_000, 10_000, 100_000}
)

// BenchmarkSizes scans each shape at each of its sizes; bench/sizes.sh
// runs it and checks that the time grows linearly (n to 10n costs about
// 10 times more, not 100).
func BenchmarkSizes(b *testing.B) {
	for _, s := range Shapes {
		sizes := chainSizes
		switch s.Name {
		case "links":
			sizes = linkSizes
		case "stmts":
			sizes = stmtSizes
		case "compose":
			sizes = composeSizes
		case "template":
			sizes = stmtSizes
		}
		for _, n := range sizes {
			b.Run(fmt.Sprintf("%s/n=%d", s.Name, n), func(b *testing.B) {
				dir := b.TempDir()
				if err := s.Write(dir, n); err != nil {
					b.Fatal(err)
				}
				opts := scan.Options{Root: dir, ParsePython: parser.ParseFile, Rules: all.Rules(),
					Config: &config.Config{MaxFileSize: 1 << 30}}
				b.ReportAllocs()
				// CPU time besides wall time: on a shared machine the
				// slope of the CPU time is the steadier one.
				cpu0, runs := cpuTime(), 0
				for b.Loop() {
					if _, err := scan.Run(context.Background(), opts); err != nil {
						b.Fatal(err)
					}
					runs++
				}
				b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Millisecond)/float64(runs), "cpu-ms/op")
			})
		}
	}
}

// TestCancelMidScan cancels a scan of a large generated module while its
// analyses run: the scan must return the context's error (and not crash:
// every engine stops between units of work, leaving valid partial
// results).
func TestCancelMidScan(t *testing.T) {
	s, _ := Lookup("stmts")
	dir := t.TempDir()
	if err := s.Write(dir, 100_000); err != nil {
		t.Fatal(err)
	}
	for _, delay := range []time.Duration{0, 20 * time.Millisecond, 200 * time.Millisecond} {
		ctx, cancel := context.WithCancel(context.Background())
		// The stage the scan is in, and the one it was in when cancelled:
		// once post-processing has started, the scan no longer stops.
		var stage, stageAtCancel atomic.Value
		stage.Store("")
		timer := time.AfterFunc(delay, func() {
			stageAtCancel.Store(stage.Load())
			cancel()
		})
		start := time.Now()
		res, err := scan.Run(ctx, scan.Options{Root: dir, ParsePython: parser.ParseFile,
			Rules: all.Rules(), Config: &config.Config{MaxFileSize: 1 << 30},
			Stage: func(s string) { stage.Store(s) }})
		took := time.Since(start)
		fired := !timer.Stop()
		cancel()
		switch {
		case err == nil && (!fired || stageAtCancel.Load() == "post-processing findings"):
			t.Logf("delay %v: the scan's analyses finished first (%v)", delay, took)
		case err == nil:
			t.Errorf("delay %v: scan cancelled while %q returned %d findings and no error", delay, stageAtCancel.Load(), len(res.Findings))
		case !errors.Is(err, context.Canceled):
			t.Errorf("delay %v: error %v, want context.Canceled", delay, err)
		}
	}
}
