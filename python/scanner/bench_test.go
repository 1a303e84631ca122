package scanner

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/python/token"
)

// stdlibSources reads every .py file of python3's standard library
// (site-packages left out), sorted by path.
func stdlibSources(tb testing.TB) [][]byte {
	tb.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		tb.Skip("python3 not found: the stdlib corpus needs it")
	}
	out, err := exec.Command(py, "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
	if err != nil {
		tb.Skipf("python3 cannot report its stdlib directory: %v", err)
	}
	root := strings.TrimSpace(string(out))
	var paths []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "site-packages" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".py") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("walking %s: %v", root, err)
	}
	sort.Strings(paths)
	srcs := make([][]byte, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatalf("reading %s: %v", p, err)
		}
		srcs = append(srcs, b)
	}
	return srcs
}

// BenchmarkScanStdlib scans the whole standard library once per
// iteration; MB/s counts raw source bytes.
func BenchmarkScanStdlib(b *testing.B) {
	srcs := stdlibSources(b)
	total := 0
	for _, src := range srcs {
		total += len(src)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	tokens := 0
	for i := 0; i < b.N; i++ {
		for _, src := range srcs {
			var errs ErrorList
			var s Scanner
			s.Init("bench.py", src, &errs, 0)
			for {
				tok, _, _, _ := s.Scan()
				tokens++
				if tok == token.EOF {
					break
				}
			}
		}
	}
	b.ReportMetric(float64(tokens)/float64(b.N), "tokens/op")
}

// BenchmarkScanLongLine scans one 10 MB line of names and operators.
func BenchmarkScanLongLine(b *testing.B) {
	src := []byte("x = " + strings.Repeat("a + ", 10<<20/4) + "1\n")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var s Scanner
		s.Init("long.py", src, nil, 0)
		for {
			if tok, _, _, _ := s.Scan(); tok == token.EOF {
				break
			}
		}
	}
}
