package lsp

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkChangeToDiagnostics measures the time from a didChange to the
// publishDiagnostics of the changed buffer, without debounce: reading
// and parsing the buffer, analysing the whole project with every rule,
// converting and writing the diagnostics. The tree is the bundled
// vulnerable example, or the folder in FLASKSEC_LSP_BENCH_APP, e.g. one
// written by `go run ./bench/gen -n 2000 -o DIR`:
//
//	go test ./lsp -run '^$' -bench ChangeToDiagnostics -benchtime 20x
//	FLASKSEC_LSP_BENCH_APP=DIR go test ./lsp -run '^$' -bench ChangeToDiagnostics/env -benchtime 10x
func BenchmarkChangeToDiagnostics(b *testing.B) {
	b.Run("examples-vulnerable", func(b *testing.B) {
		benchChanges(b, filepath.Join("..", "examples", "vulnerable"))
	})
	if dir := os.Getenv("FLASKSEC_LSP_BENCH_APP"); dir != "" {
		b.Run("env", func(b *testing.B) { benchChanges(b, dir) })
	}
}

func benchChanges(b *testing.B, root string) {
	root, err := filepath.Abs(root)
	if err != nil {
		b.Fatal(err)
	}
	file := pickViewFile(b, root)
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	c := startServer(b, Options{})
	start := time.Now()
	c.initialize(root, nil, nil)
	uri := pathToURI(file)
	c.open(uri, string(orig), 1)
	c.diagnostics(uri, "the first analysis", func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == 1 })
	b.Logf("%s: initial load and analysis, first diagnostics after %v", filepath.Base(root), time.Since(start).Round(time.Millisecond))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v := i + 2
		// Alternate two contents: an edit that adds a line, and back.
		text := string(orig)
		if i%2 == 0 {
			text = "# edited\n" + text
		}
		c.change(uri, text, v)
		c.diagnostics(uri, "the analysis of the change", func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == v })
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/change")
	c.shutdown()
	if os.Getenv("FLASKSEC_LSP_BENCH_LOG") != "" {
		b.Logf("server log:\n%s", c.logs.String())
	}
}

// pickViewFile returns the first Python file of the tree, in path order,
// that reads the request: a file a developer edits.
func pickViewFile(b *testing.B, root string) string {
	var found string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || found != "" || d.IsDir() || !strings.HasSuffix(p, ".py") {
			return nil
		}
		if src, err := os.ReadFile(p); err == nil && strings.Contains(string(src), "request.") {
			found = p
		}
		return nil
	})
	if found == "" {
		b.Fatalf("no Python file reading the request in %s", root)
	}
	return found
}
