package parser

import (
	"os"
	"os/exec"
	"testing"
)

// BenchmarkParseStdlib parses every file of python3's standard library
// (test suite included) per iteration.
func BenchmarkParseStdlib(b *testing.B) {
	python, err := exec.LookPath("python3")
	if err != nil {
		b.Skip("python3 is not installed: no stdlib to parse")
	}
	files := stdlibFiles(b, python)
	var srcs [][]byte
	total := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, src)
		total += len(src)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, src := range srcs {
			ParseFile(files[j], src)
		}
	}
}
