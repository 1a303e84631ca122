package scanner

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/python/token"
)

// differentialScript runs in python3 (read from stdin). From a fixed seed
// it derives mutated snippets (lines of the standard library with
// characters inserted, deleted and replaced from an alphabet of lexically
// interesting ones) and prints, for each, one JSON line with what
// CPython's own C tokenizer and compiler say:
//
//	{"src": s, "compiles": bool, "toks": [[type, line, col, endline, endcol], ...]}
//	{"src": s, "compiles": false, "err": msg}
//
// "err" is set when the C tokenizer raises; "toks" (byte columns) when it
// completes. Snippets with f-strings are left out: Python 3.11 tokenizes
// them as one STRING, where we follow PEP 701.
const differentialScript = `
import json, os, random, sys, sysconfig, tokenize, warnings
warnings.simplefilter('ignore')
n = int(sys.argv[1])
root = sysconfig.get_paths()['stdlib']
lines = []
for name in sorted(os.listdir(root)):
    if name.endswith('.py'):
        try:
            with open(os.path.join(root, name), encoding='utf-8') as f:
                lines.extend(l for l in f.read().split('\n') if l.strip())
        except (UnicodeDecodeError, OSError):
            pass
rng = random.Random(20240601)
alphabet = list('\'"\\\n\r\t\f #({[]})0123456789_xXoObBeEjJ.+-*/=!<>:;,@rRbBuU') + ['\u00e9', '\u20ac', '\u00a0', '\x00', '\x01', '$', '?', '\ufb01', '\u00b7', '   ', '    ', '\t']
def mutate(s):
    s = list(s)
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        i = rng.randint(0, len(s))
        if op < 0.4:
            s.insert(i, rng.choice(alphabet))
        elif op < 0.7 and i < len(s):
            del s[i]
        elif i < len(s):
            s[i] = rng.choice(alphabet)
    return ''.join(s)
seen = 0
while seen < n:
    k = rng.randint(1, 4)
    start = rng.randrange(len(lines))
    src = '\n'.join(lines[start:start + k]) + rng.choice(['\n', '', '\r\n'])
    if rng.random() < 0.8:
        src = mutate(src)
    low = src.lower()
    if "f'" in low or 'f"' in low:
        continue
    seen += 1
    rec = {'src': src}
    try:
        compile(src, 'd.py', 'exec')
        rec['compiles'] = True
    except (SyntaxError, ValueError):
        rec['compiles'] = False
    except Exception:
        rec['compiles'] = False
    try:
        toks = []
        for t in tokenize._generate_tokens_from_c_tokenizer(src):
            toks.append([tokenize.tok_name[t.type], t.start[0], t.start[1], t.end[0], t.end[1]])
        rec['toks'] = toks
    except SyntaxError as e:
        rec['err'] = e.msg
    except Exception as e:
        rec['err'] = '%s: %s' % (type(e).__name__, e)
    sys.stdout.write(json.dumps(rec) + '\n')
`

// TestDifferentialCPython compares the scanner with CPython 3.11's C
// tokenizer on generated malformed snippets: when we report an error,
// CPython must refuse to compile the snippet; when CPython's tokenizer
// raises, we must report the same message; when it completes, our NAME,
// NUMBER, STRING and operator tokens must be the same, at the same
// positions, up to our first error.
func TestDifferentialCPython(t *testing.T) {
	if testing.Short() {
		t.Skip("differential test skipped in -short mode")
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found: the differential test needs it")
	}
	var cases, spurious, missed, wrongMsg, tokDiffs, agree int
	var report []string
	type diffRecord struct {
		Src      string
		Compiles bool
		Toks     [][5]any
		Err      string
	}
	pythonJSONLines(t, py, differentialScript, 1<<26, func(rec diffRecord) {
		cases++
		errs, toks := diffScan(rec.Src)
		// CPython reports a tokenizer error found anywhere in the file in
		// preference to the parser's "invalid syntax" for a stray $, ? or
		// backquote: compare with our first tokenizer error.
		for len(errs) > 1 && errs[0].Msg == msgInvalidSyntax {
			errs = errs[1:]
		}
		problem := ""
		switch {
		case len(errs) > 0 && rec.Compiles:
			spurious++
			problem = fmt.Sprintf("we report %q, CPython compiles it", errs[0])
		case rec.Err != "" && len(errs) == 0:
			missed++
			problem = fmt.Sprintf("CPython's tokenizer says %q, we report nothing", rec.Err)
		case rec.Err != "" && !sameMessage(rec.Src, rec.Err, errs[0].Msg):
			wrongMsg++
			problem = fmt.Sprintf("CPython's tokenizer says %q, we say %q", rec.Err, errs[0].Msg)
		case rec.Err == "":
			want := cTokens(rec.Toks)
			for i := 0; i < len(want) || i < len(toks); i++ {
				if i >= len(want) || i >= len(toks) {
					if len(errs) == 0 {
						problem = fmt.Sprintf("token streams differ in length: %d against CPython's %d", len(toks), len(want))
					}
					break
				}
				if want[i] != toks[i] {
					if len(errs) == 0 || !errs[0].Pos.Before(token.Pos{Line: toks[i].line, Col: toks[i].col}) {
						problem = fmt.Sprintf("token %d: got %v, want %v", i, toks[i], want[i])
					}
					break
				}
			}
			if problem != "" {
				tokDiffs++
			}
		}
		if problem == "" {
			agree++
			return
		}
		if len(report) < 40 {
			report = append(report, fmt.Sprintf("%q: %s", rec.Src, problem))
		}
	}, "4000")
	t.Logf("%d snippets: %d agree; %d errors CPython does not have, %d tokenizer errors we miss, %d different messages, %d token differences",
		cases, agree, spurious, missed, wrongMsg, tokDiffs)
	if cases == 0 {
		t.Fatal("python3 produced no snippet")
	}
	for _, r := range report {
		t.Error(r)
	}
}

// sameMessage compares CPython's message with ours. CPython's string API
// words a NUL byte differently from its file reader (whose words we use),
// and when a file ends with "\r\n" its "detected at line N" counts one
// line more than for "\n" (we count as for "\n": Decode translates line
// ends before scanning).
func sameMessage(src, cpython, ours string) bool {
	if cpython == ours {
		return true
	}
	if cpython == "ValueError: embedded null character" && ours == "source code cannot contain null bytes" {
		return true
	}
	if strings.HasSuffix(src, "\r\n") || strings.HasSuffix(src, "\r") {
		cut := func(m string) string {
			if i := strings.Index(m, "(detected at line"); i >= 0 {
				return m[:i]
			}
			return m
		}
		return cut(cpython) == cut(ours) && cut(ours) != ours
	}
	return false
}

// diffScan scans src and returns the errors and the NAME, NUMBER, STRING
// and operator tokens, in the comparison's form.
func diffScan(src string) (ErrorList, []oracleToken) {
	var errs ErrorList
	var s Scanner
	s.Init("d.py", []byte(src), &errs, 0)
	var toks []oracleToken
	for i := 0; i < 10*len(src)+100; i++ {
		tok, pos, end, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		var kind string
		switch {
		case tok == token.NAME || tok.IsKeyword():
			kind = "NAME"
		case tok == token.NUMBER || tok == token.STRING:
			kind = tok.String()
		case tok.IsOperator():
			kind = "OP"
		case tok == token.ILLEGAL && (lit == "$" || lit == "?" || lit == "`"):
			kind = "OP" // CPython's tokenizer returns them as operators for the parser to reject
		default:
			continue
		}
		toks = append(toks, oracleToken{kind, pos.Line, pos.Col, end.Line, end.Col})
	}
	return errs, toks
}

// cTokens keeps the NAME, NUMBER, STRING and operator tokens of CPython's
// C tokenizer, in the comparison's form.
func cTokens(raw [][5]any) []oracleToken {
	var out []oracleToken
	for _, r := range raw {
		kind := r[0].(string)
		switch kind {
		case "NAME", "NUMBER", "STRING":
		case "ASYNC", "AWAIT":
			kind = "NAME" // keywords, which the comparison calls NAME
		case "NEWLINE", "NL", "INDENT", "DEDENT", "COMMENT", "ENDMARKER", "ERRORTOKEN", "TYPE_COMMENT", "TYPE_IGNORE", "SOFT_KEYWORD":
			continue
		default:
			kind = "OP"
		}
		out = append(out, oracleToken{kind, int32(r[1].(float64)), int32(r[2].(float64)), int32(r[3].(float64)), int32(r[4].(float64))})
	}
	return out
}

// indentScript runs in python3 (read from stdin): from a fixed seed it
// builds small blocks whose lines are indented with random mixes of
// spaces, tabs and form feeds (with blank and comment lines, bracketed
// continuation and backslash continuation), and prints one JSON line per
// block: {"src": s, "err": "msg|line", "compiles": false} for an
// IndentationError or TabError raised by CPython's tokenizer, else "err"
// is "" and "compiles" tells whether CPython compiles the block.
const indentScript = `
import json, random, sys
rng = random.Random(5)
ws = [' ', '  ', '    ', '\t', '\f', ' \t', '\t ', '        ']
tokenizer_errors = ('unindent does not match', 'inconsistent use of tabs', 'too many levels')
for _ in range(int(sys.argv[1])):
    lines = ['if x:']
    for _ in range(rng.randint(1, 6)):
        ind = ''.join(rng.choice(ws) for _ in range(rng.randint(0, 3)))
        lines.append(ind + rng.choice(['pass', 'if y:', '# c', '', 'a = (1,', '2)', 'b = 1 \\', 'while z:']))
    lines.append(rng.choice(['', '    pass', '\tpass']))
    src = '\n'.join(lines) + '\n'
    err, ok = '', True
    try:
        compile(src, 'i.py', 'exec')
    except SyntaxError as e:
        ok = False
        if e.msg.startswith(tokenizer_errors):
            err = '%s|%d' % (e.msg, e.lineno)
    print(json.dumps({'src': src, 'err': err, 'compiles': ok}))
`

// TestIndentationAgainstCPython checks the indentation rules (tab stops,
// form feeds, the tabs-and-spaces consistency check, dedent matching)
// against CPython's compile() on generated blocks: where CPython raises
// an indentation error, our first error (in position order) is the same
// message on the same line; where CPython compiles the block, we report
// no indentation error.
func TestIndentationAgainstCPython(t *testing.T) {
	if testing.Short() {
		t.Skip("differential test skipped in -short mode")
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found: the indentation oracle needs it")
	}
	cmd := exec.Command(py, "-", "5000")
	cmd.Stdin = strings.NewReader(indentScript)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var cases, withErr, bad int
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var rec struct {
			Src, Err string
			Compiles bool
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("bad line from python3: %v", err)
		}
		cases++
		var errs ErrorList
		var s Scanner
		s.Init("i.py", []byte(rec.Src), &errs, 0)
		for i := 0; i < 10*len(rec.Src)+100; i++ {
			if tok, _, _, _ := s.Scan(); tok == token.EOF {
				break
			}
		}
		errs.Sort()
		got := ""
		if len(errs) > 0 {
			got = fmt.Sprintf("%s|%d", errs[0].Msg, errs[0].Pos.Line)
		}
		indentErr := strings.Contains(got, "indent") || strings.Contains(got, "tabs")
		switch {
		case rec.Err != "":
			withErr++
			if got != rec.Err {
				bad++
				if bad <= 20 {
					t.Errorf("%q: CPython says %q, we say %q", rec.Src, rec.Err, got)
				}
			}
		case indentErr && rec.Compiles:
			// (When CPython stops on a parser error first, an indentation
			// error of ours later in the block is not a difference.)
			bad++
			if bad <= 20 {
				t.Errorf("%q: we say %q, CPython compiles it", rec.Src, got)
			}
		}
	}
	t.Logf("%d blocks, %d with an indentation error in CPython, %d differences", cases, withErr, bad)
}
