// Package pipeline benchmarks the whole scan pipeline (every rule) on
// real trees, for profiling with go test -bench -cpuprofile/-memprofile.
// It has no code of its own; the benchmarks skip when their tree is
// missing.
package pipeline

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/rules/all"
	"github.com/flasksec/flasksec/scan"
)

// benchScan scans root once per iteration with every rule.
func benchScan(b *testing.B, root string) {
	b.Helper()
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		b.Skipf("no tree at %q", root)
	}
	b.ReportAllocs()
	for b.Loop() {
		res, err := scan.Run(context.Background(), scan.Options{Root: root, ParsePython: parser.ParseFile, Rules: all.Rules()})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(res.Findings)), "findings")
	}
}

// BenchmarkStdlib scans the local CPython standard library (python3's,
// or $FLASKSEC_BENCH_STDLIB).
func BenchmarkStdlib(b *testing.B) {
	root := os.Getenv("FLASKSEC_BENCH_STDLIB")
	if root == "" {
		out, err := exec.Command("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
		if err != nil {
			b.Skipf("no python3: %v", err)
		}
		root = strings.TrimSpace(string(out))
	}
	benchScan(b, root)
}

// BenchmarkApp scans a generated Flask app: bench/gen's output, at
// $FLASKSEC_BENCH_APP.
func BenchmarkApp(b *testing.B) {
	benchScan(b, os.Getenv("FLASKSEC_BENCH_APP"))
}
