package scanner

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/python/token"
)

// fstringScript runs in python3.12 or newer (read from stdin): it derives
// mutated snippets from the standard library's lines that hold f-strings
// and prints, for each, one JSON line with what that CPython says (its
// tokenize module reports PEP 701 tokens from the C tokenizer):
//
//	{"src": s, "compiles": bool, "toks": [[name, string, line, col, endline, endcol], ...]}
//	{"src": s, "compiles": bool, "err": msg}
//
// Operators are named by their exact type (LBRACE, EXCLAMATION...).
const fstringScript = `import io, json, os, random, sys, sysconfig, tokenize, warnings
warnings.simplefilter('ignore')
n = int(sys.argv[1])
root = sysconfig.get_paths()['stdlib']
lines = []
for d, dirs, files in os.walk(root):
    dirs[:] = sorted(x for x in dirs if x not in ('site-packages',))
    for name in sorted(files):
        if name.endswith('.py'):
            try:
                with open(os.path.join(d, name), encoding='utf-8') as f:
                    for l in f.read().split('\n'):
                        low = l.lower()
                        if ("f'" in low or 'f"' in low) and l.isascii():
                            lines.append(l.strip())
            except (UnicodeDecodeError, OSError):
                pass
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
alphabet = list('\'"\\\n{}{}{}!:=#()[]rRfF 0123456789xab.,') + ['{{', '}}', '!r', ':>{w}', '{x}', 'f"', "f'", '"""', "'''", '\\N{DASH}']
def mutate(s):
    s = list(s)
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        i = rng.randint(0, len(s))
        if op < 0.45:
            s.insert(i, rng.choice(alphabet))
        elif op < 0.7 and i < len(s):
            del s[i]
        elif i < len(s):
            s[i] = rng.choice(alphabet)
    return ''.join(s)
for _ in range(n):
    src = rng.choice(lines)
    if rng.random() < 0.85:
        src = mutate(src)
    src += '\n'
    rec = {'src': src}
    try:
        toks = []
        for t in tokenize.generate_tokens(io.StringIO(src).readline):
            name = tokenize.tok_name[t.exact_type] if t.type == tokenize.OP else tokenize.tok_name[t.type]
            toks.append([name, t.string, t.start[0], t.start[1], t.end[0], t.end[1]])
        rec['toks'] = toks
    except (SyntaxError, tokenize.TokenError) as e:
        rec['err'] = '%s: %s' % (type(e).__name__, getattr(e, 'msg', e))
    try:
        compile(src, 'f.py', 'exec')
        rec['compiles'] = True
    except Exception:
        rec['compiles'] = False
    print(json.dumps(rec))
`

// tokenNames maps our token kinds to CPython's token names; read-only.
var tokenNames = func() map[token.Token]string {
	m := map[token.Token]string{
		token.NAME: "NAME", token.NUMBER: "NUMBER", token.STRING: "STRING",
		token.FSTRING_START: "FSTRING_START", token.FSTRING_MIDDLE: "FSTRING_MIDDLE", token.FSTRING_END: "FSTRING_END",
		token.LPAR: "LPAR", token.RPAR: "RPAR", token.LSQB: "LSQB", token.RSQB: "RSQB", token.LBRACE: "LBRACE", token.RBRACE: "RBRACE",
		token.COLON: "COLON", token.COMMA: "COMMA", token.SEMI: "SEMI", token.PLUS: "PLUS", token.MINUS: "MINUS", token.STAR: "STAR",
		token.SLASH: "SLASH", token.VBAR: "VBAR", token.AMPER: "AMPER", token.LESS: "LESS", token.GREATER: "GREATER", token.EQUAL: "EQUAL",
		token.DOT: "DOT", token.PERCENT: "PERCENT", token.EQEQUAL: "EQEQUAL", token.NOTEQUAL: "NOTEQUAL", token.LESSEQUAL: "LESSEQUAL",
		token.GREATEREQUAL: "GREATEREQUAL", token.TILDE: "TILDE", token.CIRCUMFLEX: "CIRCUMFLEX", token.LEFTSHIFT: "LEFTSHIFT",
		token.RIGHTSHIFT: "RIGHTSHIFT", token.DOUBLESTAR: "DOUBLESTAR", token.PLUSEQUAL: "PLUSEQUAL", token.MINEQUAL: "MINEQUAL",
		token.STAREQUAL: "STAREQUAL", token.SLASHEQUAL: "SLASHEQUAL", token.PERCENTEQUAL: "PERCENTEQUAL", token.AMPEREQUAL: "AMPEREQUAL",
		token.VBAREQUAL: "VBAREQUAL", token.CIRCUMFLEXEQUAL: "CIRCUMFLEXEQUAL", token.LEFTSHIFTEQUAL: "LEFTSHIFTEQUAL",
		token.RIGHTSHIFTEQUAL: "RIGHTSHIFTEQUAL", token.DOUBLESTAREQUAL: "DOUBLESTAREQUAL", token.DOUBLESLASH: "DOUBLESLASH",
		token.DOUBLESLASHEQUAL: "DOUBLESLASHEQUAL", token.AT: "AT", token.ATEQUAL: "ATEQUAL", token.RARROW: "RARROW",
		token.ELLIPSIS: "ELLIPSIS", token.COLONEQUAL: "COLONEQUAL", token.EXCLAMATION: "EXCLAMATION",
	}
	return m
}()

// fstringCompared reports whether a CPython token takes part in the
// f-string comparison. FSTRING_MIDDLE is left out because CPython splits
// literal text at "{{" and "}}" (keeping one brace) where we keep the
// text as written in one token; line structure is checked by the stdlib
// oracle.
func fstringCompared(name string) bool {
	switch name {
	case "FSTRING_MIDDLE", "NL", "COMMENT", "NEWLINE", "INDENT", "DEDENT", "ENDMARKER", "ERRORTOKEN", "OP":
		return false
	}
	return true
}

// TestFStringsAgainstPython312 compares our PEP 701 f-string tokens with
// those of CPython 3.12's tokenizer on generated snippets: the same
// tokens (FSTRING_MIDDLE aside) at the same positions, an error from us
// only where CPython 3.12 refuses to compile, and an error wherever its
// tokenizer raises. It needs python3.12 (or newer, named in PYTHON312)
// and skips without it.
func TestFStringsAgainstPython312(t *testing.T) {
	if testing.Short() {
		t.Skip("f-string oracle skipped in -short mode")
	}
	py := python312()
	if py == "" {
		t.Skip("no working python3.12 or newer (set PYTHON312 to one): the PEP 701 oracle needs it")
	}
	var cases, withF, agree int
	var report []string
	type fstringRecord struct {
		Src      string
		Compiles bool
		Toks     [][6]any
		Err      string
	}
	pythonJSONLines(t, py, fstringScript, 1<<26, func(rec fstringRecord) {
		cases++
		var want []string
		for _, r := range rec.Toks {
			if name := r[0].(string); fstringCompared(name) {
				if name == "FSTRING_START" {
					withF++
				}
				want = append(want, fmt.Sprintf("%s %v:%v-%v:%v", name, r[2], r[3], r[4], r[5]))
			}
		}
		var errs ErrorList
		var s Scanner
		s.Init("f.py", []byte(rec.Src), &errs, 0)
		var got []string
		for i := 0; i < 10*len(rec.Src)+100; i++ {
			tok, pos, end, _ := s.Scan()
			if tok == token.EOF {
				break
			}
			name := tokenNames[tok]
			if tok.IsKeyword() {
				name = "NAME"
			}
			if name == "" || !fstringCompared(name) {
				continue
			}
			got = append(got, fmt.Sprintf("%s %d:%d-%d:%d", name, pos.Line, pos.Col, end.Line, end.Col))
		}
		problem := ""
		switch {
		case len(errs) > 0 && rec.Compiles:
			problem = fmt.Sprintf("we report %q, CPython 3.12 compiles it", errs[0])
		case rec.Err != "" && len(errs) == 0:
			problem = fmt.Sprintf("CPython 3.12's tokenizer says %q, we report nothing", rec.Err)
		case rec.Err == "" && len(errs) == 0 && strings.Join(got, "\n") != strings.Join(want, "\n"):
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			g, w := "(end)", "(end)"
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			problem = fmt.Sprintf("token %d: got %s, want %s", i, g, w)
		}
		if problem == "" {
			agree++
			return
		}
		if len(report) < 40 {
			report = append(report, fmt.Sprintf("%q: %s", rec.Src, problem))
		}
	}, "3000")
	t.Logf("%d snippets (%d f-strings): %d agree", cases, withF, agree)
	if cases == 0 {
		t.Fatal("no snippet")
	}
	for _, r := range report {
		t.Error(r)
	}
}

// python312 finds a working CPython 3.12 or newer: $PYTHON312, else
// python3.13 or python3.12 on the PATH; "" when there is none.
func python312() string {
	candidates := []string{os.Getenv("PYTHON312"), "python3.13", "python3.12"}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		path, err := exec.LookPath(c)
		if err != nil {
			continue
		}
		out, err := exec.Command(path, "-c", "import sys; print(sys.version_info >= (3, 12))").Output()
		if err == nil && strings.TrimSpace(string(out)) == "True" {
			return path
		}
	}
	return ""
}
