package parser

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/flasksec/flasksec/python/ast"
)

var (
	oracleFilter = flag.String("oracle.run", "", "only compare the stdlib files whose path matches this regexp")
	oracleShow   = flag.Int("oracle.show", 8, "number of differing files to show with a diff")
	oracleSite   = flag.Bool("oracle.site", false, "also compare the files of site-packages (third-party code)")
)

// oracleScript runs in one python3 process: it reads file names on stdin
// and writes, for each, "OK <sha256 of the dump>" or "ERR <message>" to the
// file named by argv[1], one line per input line. With argv[2] == "full"
// it writes the dumps themselves, separated by NUL bytes.
const oracleScript = `
import ast, sys, hashlib
full = len(sys.argv) > 2 and sys.argv[2] == "full"
out = open(sys.argv[1], "wb")
for line in sys.stdin:
    path = line.rstrip("\n")
    try:
        with open(path, "rb") as f:
            src = f.read()
        d = ast.dump(ast.parse(src), include_attributes=True).encode("utf-8", "surrogatepass")
        if full:
            out.write(b"OK " + d + b"\0")
        else:
            out.write(b"OK " + hashlib.sha256(d).hexdigest().encode() + b"\n")
    except (SyntaxError, ValueError, MemoryError, RecursionError) as e:
        msg = ("ERR %s: %s" % (type(e).__name__, e)).replace("\n", " ").replace("\0", " ")
        out.write(msg.encode("utf-8", "backslashreplace") + (b"\0" if full else b"\n"))
out.close()
`

// runOracle runs oracleScript over files and returns its output records.
func runOracle(t *testing.T, python string, files []string, full bool) []string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "oracle.out")
	args := []string{"-c", oracleScript, out}
	if full {
		args = append(args, "full")
	}
	cmd := exec.Command(python, args...)
	cmd.Stdin = strings.NewReader(strings.Join(files, "\n") + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("running the python3 oracle: %v\n%s", err, stderr.String())
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("reading the oracle output: %v", err)
	}
	sep := "\n"
	if full {
		sep = "\x00"
	}
	recs := strings.Split(strings.TrimSuffix(string(data), sep), sep)
	if len(recs) != len(files) {
		t.Fatalf("oracle returned %d records for %d files", len(recs), len(files))
	}
	return recs
}

// stdlibFiles lists the .py files of python3's standard library, sorted.
func stdlibFiles(t testing.TB, python string) []string {
	t.Helper()
	out, err := exec.Command(python, "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
	if err != nil {
		t.Fatalf("asking python3 for its stdlib: %v", err)
	}
	root := strings.TrimSpace(string(out))
	var re *regexp.Regexp
	if *oracleFilter != "" {
		re = regexp.MustCompile(*oracleFilter)
	}
	var files []string
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "site-packages" && !*oracleSite {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".py") && (re == nil || re.MatchString(path)) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walking %s: %v", root, err)
	}
	sort.Strings(files)
	return files
}

// ourResult is the outcome of parsing one file with this package.
type ourResult struct {
	dump  string // the dump, when kept
	hash  string // sha256 of the dump
	err   error
	lines int
	size  int
}

// TestOracleStdlib compares the dump of every file of the local CPython
// standard library (test suite included) with CPython's own
// ast.dump(ast.parse(src), include_attributes=True).
func TestOracleStdlib(t *testing.T) {
	if testing.Short() {
		t.Skip("the stdlib oracle runs python3 over thousands of files: skipped in -short mode")
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed: the CPython oracle cannot run")
	}
	files := stdlibFiles(t, python)
	if len(files) == 0 {
		t.Fatal("no .py files found in the stdlib")
	}
	oracle := runOracle(t, python, files, false)

	results := make([]ourResult, len(files))
	var wg sync.WaitGroup
	work := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				src, err := os.ReadFile(files[i])
				if err != nil {
					results[i].err = err
					continue
				}
				mod, perr := ParseFile(files[i], src)
				r := ourResult{err: perr, size: len(src), lines: bytes.Count(src, []byte("\n"))}
				if perr == nil {
					sum := sha256.Sum256([]byte(ast.Dump(mod)))
					r.hash = hex.EncodeToString(sum[:])
				}
				results[i] = r
			}
		}()
	}
	for i := range files {
		work <- i
	}
	close(work)
	wg.Wait()

	var identical, rejectedBoth, lines, size int
	var differ []int
	var msgs []string
	for i, rec := range oracle {
		r := results[i]
		lines += r.lines
		size += r.size
		theirOK := strings.HasPrefix(rec, "OK ")
		switch {
		case theirOK && r.err == nil && rec[3:] == r.hash:
			identical++
		case !theirOK && r.err != nil:
			rejectedBoth++
		case !theirOK:
			differ = append(differ, i)
			msgs = append(msgs, fmt.Sprintf("%s: CPython rejects (%s), we accept", files[i], rec))
		case r.err != nil:
			differ = append(differ, i)
			msgs = append(msgs, fmt.Sprintf("%s: CPython accepts, we reject: %v", files[i], r.err))
		default:
			differ = append(differ, i)
			msgs = append(msgs, fmt.Sprintf("%s: dumps differ", files[i]))
		}
	}
	t.Logf("stdlib oracle: %d files, %d lines, %.1f MB: %d identical, %d rejected by both, %d differ",
		len(files), lines, float64(size)/1e6, identical, rejectedBoth, len(differ))
	if len(differ) == 0 {
		return
	}
	// Show diffs for the first few dump differences.
	var show []string
	for k, i := range differ {
		if strings.HasSuffix(msgs[k], "dumps differ") && len(show) < *oracleShow {
			show = append(show, files[i])
		}
	}
	details := map[string]string{}
	if len(show) > 0 {
		full := runOracle(t, python, show, true)
		for j, f := range show {
			src, _ := os.ReadFile(f)
			mod, _ := ParseFile(f, src)
			details[f] = shortDiff(strings.TrimPrefix(full[j], "OK "), ast.Dump(mod))
		}
	}
	var sb strings.Builder
	for k, i := range differ {
		if k >= 40 {
			fmt.Fprintf(&sb, "... and %d more\n", len(differ)-k)
			break
		}
		sb.WriteString(msgs[k])
		sb.WriteByte('\n')
		if d, ok := details[files[i]]; ok {
			sb.WriteString(d)
		}
	}
	t.Errorf("%d of %d files differ from CPython:\n%s", len(differ), len(files), sb.String())
}

// shortDiff shows where two dumps first differ, with some context.
func shortDiff(want, got string) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	from := i - 300
	if from < 0 {
		from = 0
	}
	clip := func(s string) string {
		if i+200 < len(s) {
			return s[from : i+200]
		}
		if from > len(s) {
			return ""
		}
		return s[from:]
	}
	var sb strings.Builder
	w := bufio.NewWriter(&sb)
	fmt.Fprintf(w, "  at byte %d\n  cpython: ...%s...\n  ours:    ...%s...\n", i, clip(want), clip(got))
	w.Flush()
	return sb.String()
}
