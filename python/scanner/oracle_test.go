package scanner

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/python/token"
)

// oracleScript runs in python3 (read from stdin). It tokenizes every .py
// file under the standard library directory given as argv[1] (skipping
// site-packages) with the tokenize module and prints one JSON line per
// file: {"f": path, "t": [[kind, line, col, endline, endcol], ...]} with
// columns converted to UTF-8 byte offsets, or {"f": path, "err": msg}
// when tokenize rejects the file. kind is the operator's spelling for OP
// tokens and the token type name otherwise. With Python 3.12 or newer,
// whose tokenize splits f-strings as PEP 701 does, FSTRING_MIDDLE tokens
// are left out (CPython cuts literal text at "{{" where we do not).
const oracleScript = `
import io, json, os, sys, tokenize
root = sys.argv[1]
# Python 3.12's tokenize gives the end column of a token that spans lines
# in UTF-8 bytes already (other columns are in characters).
multiline_bytes = sys.version_info >= (3, 12)
paths = []
for d, dirs, files in os.walk(root):
    dirs[:] = sorted(x for x in dirs if x != 'site-packages')
    for f in sorted(files):
        if f.endswith('.py'):
            paths.append(os.path.join(d, f))
out = sys.stdout
for p in paths:
    try:
        data = open(p, 'rb').read()
        enc, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        lines = data.decode(enc).split('\n')
        def bcol(row, col):
            if row - 1 >= len(lines):
                return col
            l = lines[row - 1]
            if l.isascii():
                return col
            if col > len(l):
                return len(l.encode('utf-8')) + col - len(l)
            return len(l[:col].encode('utf-8'))
        toks = []
        for t in tokenize.tokenize(io.BytesIO(data).readline):
            if t.type == tokenize.ENCODING or tokenize.tok_name[t.type] == 'FSTRING_MIDDLE':
                continue
            if t.type == tokenize.ERRORTOKEN:
                raise SyntaxError('error token %r' % t.string)
            kind = t.string if t.type == tokenize.OP else tokenize.tok_name[t.type]
            end = t.end[1] if multiline_bytes and t.start[0] != t.end[0] else bcol(*t.end)
            toks.append([kind, t.start[0], bcol(*t.start), t.end[0], end])
        out.write(json.dumps({'f': p, 't': toks}) + '\n')
    except Exception as e:
        out.write(json.dumps({'f': p, 'err': '%s: %s' % (type(e).__name__, e)}) + '\n')
`

// oracleToken is one token as both tokenizers are compared.
type oracleToken struct {
	kind                      string
	line, col, endLine, endCo int32
}

func (t oracleToken) String() string {
	return fmt.Sprintf("%s %d:%d-%d:%d", t.kind, t.line, t.col, t.endLine, t.endCo)
}

// ourTokens scans src and maps the stream to tokenize's view: keywords are
// NAME, operators are their spelling, and, unless split is set (for
// Python 3.12+), a whole f-string (FSTRING_START to its FSTRING_END) is
// one STRING; with split, FSTRING_MIDDLE tokens are left out.
func ourTokens(path string, src []byte, split bool) ([]oracleToken, ErrorList) {
	var errs ErrorList
	var s Scanner
	s.Init(path, src, &errs, ScanComments)
	var toks []oracleToken
	depth := 0
	var fstart token.Pos
	for {
		tok, pos, end, _ := s.Scan()
		switch {
		case split && tok == token.FSTRING_MIDDLE:
			continue
		case split && (tok == token.FSTRING_START || tok == token.FSTRING_END):
			toks = append(toks, oracleToken{tok.String(), pos.Line, pos.Col, end.Line, end.Col})
			continue
		case tok == token.FSTRING_START:
			if depth == 0 {
				fstart = pos
			}
			depth++
			continue
		case tok == token.FSTRING_END:
			depth--
			if depth == 0 {
				toks = append(toks, oracleToken{"STRING", fstart.Line, fstart.Col, end.Line, end.Col})
			}
			continue
		case !split && depth > 0 && tok != token.EOF:
			continue
		}
		var kind string
		switch {
		case tok == token.EOF:
			kind = "ENDMARKER"
		case tok.IsKeyword():
			kind = "NAME"
		case tok.IsOperator():
			kind = tok.String()
		default:
			kind = tok.String()
		}
		toks = append(toks, oracleToken{kind, pos.Line, pos.Col, end.Line, end.Col})
		if tok == token.EOF {
			return toks, errs
		}
	}
}

// sameToken compares two tokens; for NEWLINE and NL only the start is
// compared, because tokenize gives "\r\n" a width of 2 and the implicit
// final newline a width of 1, where CPython's own tokenizer (and ours)
// reads the translated "\n".
//
// With split (Python 3.12+), the end column of a token that spans lines
// is not compared: 3.12's tokenize miscounts it after a backslash-newline
// inside a string (test_pegen.py line 1037: tokenize says 26, ast and we
// say 27); the 3.11 oracle checks those columns.
func sameToken(want, got oracleToken, split bool) bool {
	if want.kind == "NEWLINE" || want.kind == "NL" {
		return want.kind == got.kind && want.line == got.line && want.col == got.col
	}
	if split && want.line != want.endLine {
		want.endCo, got.endCo = 0, 0
	}
	return want == got
}

// TestOracleStdlib compares our token stream with python3's tokenize
// module on every file of the local CPython standard library.
func TestOracleStdlib(t *testing.T) {
	if testing.Short() {
		t.Skip("oracle test skipped in -short mode")
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found: the tokenize oracle needs it")
	}
	runOracle(t, py, false)
}

// TestOracleStdlib312 does the same with CPython 3.12 or newer, whose
// tokenize module reports f-strings as PEP 701 tokens, on that Python's
// own standard library. It skips without a working python3.12+
// (PYTHON312 may name one).
func TestOracleStdlib312(t *testing.T) {
	if testing.Short() {
		t.Skip("oracle test skipped in -short mode")
	}
	py := python312()
	if py == "" {
		t.Skip("no working python3.12 or newer (set PYTHON312 to one): the PEP 701 stdlib oracle needs it")
	}
	runOracle(t, py, true)
}

// runOracle runs the oracle script with the interpreter py over its
// standard library and compares every file's tokens with ours.
func runOracle(t *testing.T, py string, split bool) {
	out, err := exec.Command(py, "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
	if err != nil {
		t.Skipf("%s cannot report its stdlib directory: %v", py, err)
	}
	root := strings.TrimSpace(string(out))
	var files, rejected, tokens, identicalFiles, identicalTokens, bytesRead int
	var diffs []string
	type oracleRecord struct {
		F   string
		T   [][5]any
		Err string
	}
	pythonJSONLines(t, py, oracleScript, 1<<30, func(rec oracleRecord) {
		files++
		src, err := os.ReadFile(rec.F)
		if err != nil {
			t.Fatalf("reading %s: %v", rec.F, err)
		}
		bytesRead += len(src)
		got, errs := ourTokens(rec.F, src, split)
		rel, _ := filepath.Rel(root, rec.F)
		if rec.Err != "" {
			rejected++
			if len(errs) == 0 {
				t.Logf("%s: tokenize rejects it (%s) and we accept it", rel, rec.Err)
			}
			return
		}
		want := make([]oracleToken, len(rec.T))
		for i, r := range rec.T {
			want[i] = oracleToken{r[0].(string), int32(r[1].(float64)), int32(r[2].(float64)), int32(r[3].(float64)), int32(r[4].(float64))}
		}
		tokens += len(want)
		same := 0
		for same < len(want) && same < len(got) && sameToken(want[same], got[same], split) {
			same++
		}
		identicalTokens += same
		if same == len(want) && len(got) == len(want) && len(errs) == 0 {
			identicalFiles++
			return
		}
		if len(errs) > 0 && cpythonRejects(py, rec.F) {
			// tokenize is laxer than CPython's compiler (old octal and long
			// literals, invalid identifiers): both reject the file.
			rejected++
			tokens -= len(want)
			identicalTokens -= same
			return
		}
		var msg string
		switch {
		case len(errs) > 0 && same == len(want):
			msg = fmt.Sprintf("%s: unexpected error %v", rel, errs[0])
		case same < len(want) && same < len(got):
			msg = fmt.Sprintf("%s: token %d: got %v, want %v", rel, same, got[same], want[same])
		case same < len(want):
			msg = fmt.Sprintf("%s: stream ends early at token %d, want %v (errors: %v)", rel, same, want[same], errs.Err())
		default:
			msg = fmt.Sprintf("%s: extra token %v", rel, got[same])
		}
		diffs = append(diffs, msg)
	}, root)
	t.Logf("stdlib %s: %d files (%.1f MB), %d rejected by tokenize or compile, %d tokens compared, %d identical tokens, %d/%d files identical",
		root, files, float64(bytesRead)/1e6, rejected, tokens, identicalTokens, identicalFiles, files-rejected)
	if files == 0 {
		t.Fatal("the oracle found no file")
	}
	for i, d := range diffs {
		if i == 50 {
			t.Errorf("... and %d more differing files", len(diffs)-50)
			break
		}
		t.Error(d)
	}
}

// cpythonRejects reports whether py's compile() rejects the file with a
// SyntaxError.
func cpythonRejects(py, path string) bool {
	script := "import sys\ntry:\n    compile(open(sys.argv[1], 'rb').read(), sys.argv[1], 'exec')\nexcept SyntaxError:\n    print('rejected')\n"
	out, err := exec.Command(py, "-c", script, path).Output()
	return err == nil && strings.TrimSpace(string(out)) == "rejected"
}
