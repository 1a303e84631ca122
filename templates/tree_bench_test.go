package templates

import (
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/resolve"
)

// loadTree loads and parses a tree on disk and builds its resolve index,
// outside the timed loop; it skips when the tree is missing.
func loadTree(b *testing.B, root string) *project.Project {
	b.Helper()
	if st, err := os.Stat(root); root == "" || err != nil || !st.IsDir() {
		b.Skipf("no tree at %q", root)
	}
	p, err := project.Load(root, project.Options{ParsePython: parser.ParseFile})
	if err != nil {
		b.Fatal(err)
	}
	resolve.Of(p)
	flask.ModelOf(p)
	return p
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchBuild builds the template model of p once per iteration and reports the
// process CPU time per build beside the wall time.
func benchBuild(b *testing.B, p *project.Project) {
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	n := 0
	for b.Loop() {
		build(p)
		n++
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(n)/1e6, "cpu-ms/op")
}

// BenchmarkBuildStdlib builds the model of the local CPython standard
// library (no Flask app: the cost of a large non-Flask tree), or of
// $FLASKSEC_BENCH_STDLIB.
func BenchmarkBuildStdlib(b *testing.B) {
	root := os.Getenv("FLASKSEC_BENCH_STDLIB")
	if root == "" {
		out, err := exec.Command("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
		if err != nil {
			b.Skipf("no python3: %v", err)
		}
		root = strings.TrimSpace(string(out))
	}
	benchBuild(b, loadTree(b, root))
}

// BenchmarkBuildApp builds the model of a generated Flask app (bench/gen's
// output) at $FLASKSEC_BENCH_APP.
func BenchmarkBuildApp(b *testing.B) {
	benchBuild(b, loadTree(b, os.Getenv("FLASKSEC_BENCH_APP")))
}
