package scanner

import (
	"regexp"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/python/token"
)

// scanToEOF scans src to the end (failing if the scanner does not stop)
// and returns the errors and the tokens seen.
func scanToEOF(t *testing.T, src string) (ErrorList, []token.Token) {
	t.Helper()
	var errs ErrorList
	var s Scanner
	s.Init("e.py", []byte(src), &errs, ScanComments)
	var toks []token.Token
	for i := 0; ; i++ {
		if i > 4*len(src)+100 {
			t.Fatalf("%q: no EOF after %d tokens", src, i)
		}
		tok, _, _, _ := s.Scan()
		toks = append(toks, tok)
		if tok == token.EOF {
			return errs, toks
		}
	}
}

// TestScanErrorsMatchCPython checks the first error of malformed inputs: its message
// (CPython 3.11's words) and its position (0-based byte column; where
// CPython's tokenizer gives one, col+1 is CPython's SyntaxError.offset).
func TestScanErrorsMatchCPython(t *testing.T) {
	cases := []struct {
		src  string
		msg  string // regexp
		line int32
		col  int32
	}{
		// strings
		{"x = 'abc\n", `^unterminated string literal \(detected at line 1\)$`, 1, 4},
		{"x = '''abc\n", `^unterminated triple-quoted string literal \(detected at line 1\)$`, 1, 4},
		{"x = '''abc\ndef", `^unterminated triple-quoted string literal \(detected at line 2\)$`, 1, 4},
		{"x = 'ab\\\ncd\n", `^unterminated string literal \(detected at line 2\)$`, 1, 4},
		{"a = 'x' 'y\n", `^unterminated string literal \(detected at line 1\)$`, 1, 8},
		{"x = rb'abc\r\ny = 1\r\n", `^unterminated string literal \(detected at line 1\)$`, 1, 4},
		{"x = 1 # é ok\ny = 'é\n", `^unterminated string literal \(detected at line 2\)$`, 2, 4},
		// numbers
		{"x = 1abc\n", `^invalid decimal literal$`, 1, 4},
		{"x = 0x\n", `^invalid hexadecimal literal$`, 1, 5},
		{"x = 0xg\n", `^invalid hexadecimal literal$`, 1, 5},
		{"x = 0x_\n", `^invalid hexadecimal literal$`, 1, 6},
		{"x = 0o8\n", `^invalid digit '8' in octal literal$`, 1, 6},
		{"x = 0o\n", `^invalid octal literal$`, 1, 5},
		{"x = 0b102\n", `^invalid digit '2' in binary literal$`, 1, 8},
		{"x = 0b\n", `^invalid binary literal$`, 1, 5},
		{"x = 0b1_\n", `^invalid binary literal$`, 1, 7},
		{"x = 012\n", `^leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers$`, 1, 4},
		{"x = 0_7\n", `^leading zeros in decimal integer literals are not permitted`, 1, 4},
		{"x = 09\n", `^leading zeros in decimal integer literals are not permitted`, 1, 4},
		{"x = 1_\n", `^invalid decimal literal$`, 1, 5},
		{"x = 1__0\n", `^invalid decimal literal$`, 1, 5},
		{"x = 1_000_\n", `^invalid decimal literal$`, 1, 9},
		{"x = 0_\n", `^invalid decimal literal$`, 1, 5},
		{"x = 1e\n", `^invalid decimal literal$`, 1, 4},
		{"x = 0e\n", `^invalid decimal literal$`, 1, 4},
		{"x = .5e\n", `^invalid decimal literal$`, 1, 5},
		{"x = 1e+\n", `^invalid decimal literal$`, 1, 6},
		{"x = 1.5_\n", `^invalid decimal literal$`, 1, 7},
		{"x = 1e5x\n", `^invalid decimal literal$`, 1, 6},
		{"x = 1.__class__\n", `^invalid decimal literal$`, 1, 5},
		{"x = 5j1\n", `^invalid imaginary literal$`, 1, 5},
		// characters
		{"x = a€b\n", `^invalid character '€' \(U\+20AC\)$`, 1, 5},
		{"x = €\n", `^invalid character '€' \(U\+20AC\)$`, 1, 4},
		{"x = \u00a0\n", `^invalid non-printable character U\+00A0$`, 1, 4},
		{"x = 1\x01\n", `^invalid non-printable character U\+0001$`, 1, 5},
		{"x = $\n", `^invalid syntax$`, 1, 4},
		{"x = `a`\n", `^invalid syntax$`, 1, 4},
		{"x = ?\n", `^invalid syntax$`, 1, 4},
		{"x = 1\x00\n", `^source code cannot contain null bytes$`, 1, 5},
		{"x = 1\ny = '\x00'\n", `^source code cannot contain null bytes$`, 2, 5},
		// indentation
		{"if x:\n    a\n  b\n", `^unindent does not match any outer indentation level$`, 3, 2},
		{"def f():\n  x\n y\n", `^unindent does not match any outer indentation level$`, 3, 1},
		{"if x:\n\ta\n        b\n", `^inconsistent use of tabs and spaces in indentation$`, 3, 0},
		{"if x:\n  a\n\tb\n", `^inconsistent use of tabs and spaces in indentation$`, 3, 0},
		{"if x:\n        a\n\tb\n", `^inconsistent use of tabs and spaces in indentation$`, 3, 0},
		// brackets and continuation lines
		{"x = (1\n", `^'\(' was never closed$`, 1, 4},
		{"x = [1,\n2\n", `^'\[' was never closed$`, 1, 4},
		{"x = {\n", `^'\{' was never closed$`, 1, 4},
		{"x = 1)\n", `^unmatched '\)'$`, 1, 5},
		{"x = ]\n", `^unmatched '\]'$`, 1, 4},
		{"x = (1]\n", `^closing parenthesis '\]' does not match opening parenthesis '\('$`, 1, 6},
		{"x = (\n1]\n", `^closing parenthesis '\]' does not match opening parenthesis '\(' on line 1$`, 2, 1},
		{"x = 1 \\ y\n", `^unexpected character after line continuation character$`, 1, 7},
		{"x = 1 \\", `^unexpected EOF while parsing$`, 1, 7},
		{"x = 1 +\\\n", `^unexpected EOF while parsing$`, 1, 8},
		// f-strings (positions point at the offending character)
		{"x = f'abc\n", `^unterminated string literal \(detected at line 1\)$`, 1, 4},
		{"x = f'''abc\n", `^unterminated triple-quoted string literal \(detected at line 1\)$`, 1, 4},
		{"x = f'{a'\n", `^f-string: expecting '\}'$`, 1, 8},
		{"x = f'{a!r'\n", `^f-string: expecting '\}'$`, 1, 9},
		{"x = f'}'\n", `^f-string: single '\}' is not allowed$`, 1, 6},
		{"x = f'{a}}'\n", `^f-string: single '\}' is not allowed$`, 1, 9},
		{"x = f'{)}'\n", `^f-string: unmatched '\)'$`, 1, 7},
		{"x = f'{a:\n}'\n", `^f-string: newlines are not allowed in format specifiers for single quoted f-strings$`, 1, 9},
		{"x = f'{a:{b:{c:{d}}}}'\n", `^f-string: expressions nested too deeply$`, 1, 15},
		{"x = f'{a", `^unterminated string literal \(detected at line 1\)$`, 1, 4},
		// encodings
		{"x = 1\ny = '\xff'\n", `^\(unicode error\) 'utf-8' codec can't decode byte 0xff in position \d+: invalid start byte$`, 2, 5},
		{"# coding: foo\nx=1\n", `^unknown encoding: foo$`, 1, 0},
	}
	for _, tc := range cases {
		errs, _ := scanToEOF(t, tc.src)
		if len(errs) == 0 {
			t.Errorf("%q: no error, want %q", tc.src, tc.msg)
			continue
		}
		e := errs[0]
		if !regexp.MustCompile(tc.msg).MatchString(e.Msg) {
			t.Errorf("%q: error %q, want %q", tc.src, e.Msg, tc.msg)
		}
		if e.Pos.Line != tc.line || e.Pos.Col != tc.col {
			t.Errorf("%q: error at %d:%d, want %d:%d (%s)", tc.src, e.Pos.Line, e.Pos.Col, tc.line, tc.col, e.Msg)
		}
	}
}

// TestScanAccepts checks inputs close to the error cases that CPython
// accepts.
func TestScanAccepts(t *testing.T) {
	for _, src := range []string{
		"x = 1if y else 2\n", "x = 1in y\n", "x = 0in y\n", "x = 0x1for y\n", "x = 1or 2\n", "x = 1and 2\n", "x = 1is 2\n", "x = 1not in y\n",
		"x=00\n", "x = 00_0\n", "x = 09.5\n", "x = 09j\n", "x = 0o_1\n", "x = 1.e5\n", "x = 1_0.0_1e-1_0j\n", "x = 0xDEAD_beef\n",
		"é = 1\n", "x = ᵢ\n", "ﬁle = 1\n", "x = a·b\n",
		"x = f'{a!=b}'\n", "x = f'{(lambda y: y)(1)}'\n", "x = f'{d[\"k\"]:>{w}.{p}}'\n", "x = f\"{'a' if b else \"c\"}\"\n",
		"x = f'''{\na\n# comment\n}'''\n", "x = f'{\"\\n\".join(a)}'\n", "x = f'\\{x}'\n", "x = f'\\N{BULLET} {x}'\n", "x = rf'\\N{x}'\n",
		"if x:\n\tif y:\n\t\tpass\n", "if x:\n \f   pass\n", "\f\nx = 1\n", "x = (\n  1,\n)\r\ny = 2\r", "x = 1 \\\n  + 2\n",
		"# -*- coding: latin-1 -*-\nx = '\xe9'\n", "\xef\xbb\xbfx = 1\n", "\xef\xbb\xbf# coding: utf-8\nx = 1\n",
	} {
		if errs, _ := scanToEOF(t, src); len(errs) > 0 {
			t.Errorf("%q: unexpected error %v", src, errs)
		}
	}
}

// TestScanDeepInputs checks the nesting and indentation caps: deep inputs
// give an error, never a crash, and the scanner still reaches EOF.
func TestScanDeepInputs(t *testing.T) {
	cases := []struct {
		name string
		src  string
		msg  string
	}{
		{"parens 200", strings.Repeat("(", 200) + strings.Repeat(")", 200) + "\n", ""},
		{"parens 201", strings.Repeat("(", 201) + strings.Repeat(")", 201) + "\n", "too many nested parentheses"},
		{"parens 100000", strings.Repeat("(", 100000) + "\n", "too many nested parentheses"},
		{"brackets 100000 closed", strings.Repeat("[", 100000) + strings.Repeat("]", 100000), "too many nested parentheses"},
		{"indent 99", deepIfs(99), ""},
		{"indent 100", deepIfs(100), "too many levels of indentation"},
		{"indent 10000", deepIfs(10000), "too many levels of indentation"},
		{"f-strings 200", strings.Repeat("f'{", 200) + strings.Repeat("}'", 200) + "\n", "too many nested"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			errs, _ := scanToEOF(t, tc.src)
			if tc.msg == "" {
				if len(errs) > 0 {
					t.Fatalf("unexpected error %v", errs[0])
				}
				return
			}
			if len(errs) == 0 || !strings.Contains(errs[0].Msg, tc.msg) {
				t.Fatalf("errors %v, want %q first", errs.Err(), tc.msg)
			}
			if len(errs) > 10 {
				t.Errorf("%d errors: one per line is enough", len(errs))
			}
		})
	}
}

// deepIfs returns n nested if statements, one level of indentation each.
func deepIfs(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat(" ", i))
		b.WriteString("if x:\n")
	}
	b.WriteString(strings.Repeat(" ", n))
	b.WriteString("pass\n")
	return b.String()
}

// TestScanRecovers checks that the scanner goes on after an error, so that
// the parser can report later problems and recover statements.
func TestScanRecovers(t *testing.T) {
	src := "x = 'abc\ny = 1abc\nz = $ + 2\nw = (1]\nok = 3\n"
	errs, toks := scanToEOF(t, src)
	if len(errs) != 4 {
		t.Errorf("got %d errors (%v), want one for each of the 4 bad lines", len(errs), errs)
	}
	var names, newlines int
	for _, tok := range toks {
		switch tok {
		case token.NAME:
			names++
		case token.NEWLINE:
			newlines++
		}
	}
	if names != 5 || newlines != 5 {
		t.Errorf("got %d names and %d NEWLINEs, want 5 and 5: %v", names, newlines, toks)
	}
}

// TestNormalizeName checks NFKC folding of identifiers.
func TestNormalizeName(t *testing.T) {
	for in, want := range map[string]string{"ﬁle": "file", "ℌ": "H", "x": "x", "é": "é", "e\u0301": "é", "ᵢ": "i"} {
		if got := NormalizeName(in); got != want {
			t.Errorf("NormalizeName(%q) = %q, want %q", in, got, want)
		}
	}
}
