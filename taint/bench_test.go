package taint_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flasksec/flasksec/config"
	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/rules/all"
	"github.com/flasksec/flasksec/scan"
	"github.com/flasksec/flasksec/taint"
)

// taintRules are the rules that read the taint engine's results.
var taintRules = map[string]bool{
	"FLASK-INJECT-001": true, "FLASK-INJECT-002": true, "FLASK-SSTI-001": true, "FLASK-XSS-001": true,
	"FLASK-PATH-001": true, "FLASK-UPLOAD-001": true, "FLASK-SSRF-001": true, "FLASK-REDIRECT-001": true,
	"FLASKSEC-DESERIALIZE-001": true, "FLASKSEC-EVAL-001": true,
}

// writeApp writes GenerateApp(n) into dir and returns the number of SQL
// flows the scan must find.
func writeApp(tb testing.TB, dir string, n int) int {
	tb.Helper()
	files, flows := taint.GenerateApp(n)
	for rel, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return flows
}

// peakHeap samples the live heap while f runs and returns its maximum.
func peakHeap(f func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	var mu sync.Mutex
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			mu.Lock()
			if v := sample[0].Value.Uint64(); v > peak {
				peak = v
			}
			mu.Unlock()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	f()
	close(done)
	wg.Wait()
	return peak
}

// BenchmarkScan measures the whole scan pipeline (load, parse, resolve,
// Flask model, rules, report filtering) on a generated 2,000-file app,
// with every rule and with the rules that use the taint engine left out.
// It reports the peak live heap as peak-heap-MB.
func BenchmarkScan(b *testing.B) {
	dir := b.TempDir()
	want := writeApp(b, dir, 2000)
	var without []*rules.Rule
	for _, r := range all.Rules() {
		if !taintRules[r.ID] {
			without = append(without, r)
		}
	}
	for _, bc := range []struct {
		name  string
		rules []*rules.Rule
		taint bool
	}{
		{"with-taint", all.Rules(), true},
		{"without-taint", without, false},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var peak uint64
			for i := 0; i < b.N; i++ {
				var res *scan.Result
				var err error
				p := peakHeap(func() {
					res, err = scan.Run(context.Background(), scan.Options{Root: dir, Config: &config.Config{},
						ParsePython: parser.ParseFile, Rules: bc.rules})
				})
				if err != nil {
					b.Fatal(err)
				}
				if p > peak {
					peak = p
				}
				sql := 0
				for _, f := range res.Findings {
					if f.RuleID == "FLASK-INJECT-001" && strings.HasSuffix(f.Location.Path, ".py") {
						sql++
					}
				}
				if bc.taint && sql != want {
					b.Fatalf("%d SQL findings, want %d", sql, want)
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}
