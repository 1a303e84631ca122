package scanner

import (
	"regexp"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/python/token"
)

// TestErrorTable checks CPython 3.11's messages and positions (Pos is
// 0-based: CPython's 1-based offset minus one) for lexical errors, and
// that scanning goes on to EOF after them.
func TestErrorTable(t *testing.T) {
	tests := []struct {
		src       string
		msg       string // regexp matched against the first error
		line, col int32
	}{
		// Numbers.
		{"1_a", `^invalid decimal literal$`, 1, 1},
		{"1__0", `^invalid decimal literal$`, 1, 1},
		{"1_", `^invalid decimal literal$`, 1, 1},
		{"0_", `^invalid decimal literal$`, 1, 1},
		{"1e", `^invalid decimal literal$`, 1, 0},
		{"1ea", `^invalid decimal literal$`, 1, 0},
		{"1.e", `^invalid decimal literal$`, 1, 1},
		{"1e+", `^invalid decimal literal$`, 1, 2},
		{"1.0_", `^invalid decimal literal$`, 1, 3},
		{"5.abc", `^invalid decimal literal$`, 1, 1},
		{"1jx", `^invalid imaginary literal$`, 1, 1},
		{"0x", `^invalid hexadecimal literal$`, 1, 1},
		{"0x_", `^invalid hexadecimal literal$`, 1, 2},
		{"0xfg", `^invalid hexadecimal literal$`, 1, 2},
		{"0o", `^invalid octal literal$`, 1, 1},
		{"0o8", `^invalid digit '8' in octal literal$`, 1, 2},
		{"0o19", `^invalid digit '9' in octal literal$`, 1, 3},
		{"0b", `^invalid binary literal$`, 1, 1},
		{"0b1_", `^invalid binary literal$`, 1, 3},
		{"0b2", `^invalid digit '2' in binary literal$`, 1, 2},
		{"0b12", `^invalid digit '2' in binary literal$`, 1, 3},
		{"012", `^leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers$`, 1, 0},
		// Strings.
		{"x = 'abc\n", `^unterminated string literal \(detected at line 1\)$`, 1, 4},
		{"x = 'abc", `^unterminated string literal \(detected at line 1\)$`, 1, 4},
		{"x = '''abc\n\n", `^unterminated triple-quoted string literal \(detected at line 2\)$`, 1, 4},
		{"x = 1\ny = b'''abc\nd", `^unterminated triple-quoted string literal \(detected at line 3\)$`, 2, 4},
		{"f'abc", `^unterminated string literal \(detected at line 1\)$`, 1, 0},
		{"f'''abc\n", `^unterminated triple-quoted string literal \(detected at line 1\)$`, 1, 0},
		{"f'{x'", `^f-string: expecting '}'$`, 1, 4},
		{"f'}'", `^f-string: single '}' is not allowed$`, 1, 2},
		{"f'{x:{y:{z:{w}}}}'", `^f-string: expressions nested too deeply$`, 1, 11},
		// Brackets.
		{"(1,\n", `^'\(' was never closed$`, 1, 0},
		{"x = [1,\n(2,\n", `^'\(' was never closed$`, 2, 0},
		{")", `^unmatched '\)'$`, 1, 0},
		{"{x}}", `^unmatched '}'$`, 1, 3},
		{"(]", `^closing parenthesis '\]' does not match opening parenthesis '\('$`, 1, 1},
		{"[1,2)\nx=1\n", `^closing parenthesis '\)' does not match opening parenthesis '\['$`, 1, 4},
		{"(\n]\n", `^closing parenthesis '\]' does not match opening parenthesis '\(' on line 1$`, 2, 0},
		// Line continuation.
		{"a \\ b", `^unexpected character after line continuation character$`, 1, 3},
		{"a = \\", `^unexpected EOF while parsing$`, 1, 5},
		{"'a' \\\n", `^unexpected EOF while parsing$`, 1, 5},
		// Indentation.
		{"if 1:\n  a\n b\n", `^unindent does not match any outer indentation level$`, 3, 1},
		{"if 1:\n\ta\n        b\n", `^inconsistent use of tabs and spaces in indentation$`, 3, 0},
		{"if 1:\n    \tb\n        c\n", `^inconsistent use of tabs and spaces in indentation$`, 3, 0},
		// Characters.
		{"x = \u20ac", `^invalid character '€' \(U\+20AC\)$`, 1, 4},
		{"\u20acx = 1", `^invalid character '€' \(U\+20AC\)$`, 1, 0},
		{"a\u20ac = 1", `^invalid character '€' \(U\+20AC\)$`, 1, 1},
		{"x = \u00a0", `^invalid non-printable character U\+00A0$`, 1, 4},
		{"x\x01", `^invalid non-printable character U\+0001$`, 1, 1},
		{"a\x00b", `^source code cannot contain null bytes$`, 1, 1},
		{"$", `^invalid syntax$`, 1, 0},
		{"x ?", `^invalid syntax$`, 1, 2},
		{"`", `^invalid syntax$`, 1, 0},
		// Decoding.
		{"\xff", `^\(unicode error\) 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte$`, 1, 0},
		{"x = 1\ny = '\xe9'", `^\(unicode error\) 'utf-8' codec can't decode byte 0xe9 in position 5: (invalid continuation byte|unexpected end of data)$`, 2, 5},
		{"# coding: foo\n", `^unknown encoding: foo$`, 1, 0},
		{"\xef\xbb\xbf# coding: latin-1\n", `^encoding problem: iso-8859-1 with BOM$`, 1, 0},
		{"# coding: ascii\nx='\xe9'", `^'ascii' codec can't decode byte 0xe9 in position 19: ordinal not in range\(128\)$`, 2, 3},
		{"# coding: cp1252\nx='\x81'", `^'charmap' codec can't decode byte 0x81 in position 20: character maps to <undefined>$`, 2, 3},
	}
	for _, tt := range tests {
		got, errs := scanAll(t, tt.src, ScanComments)
		if len(errs) == 0 {
			t.Errorf("%q: no error; tokens %v", tt.src, got)
			continue
		}
		e := errs[0]
		if !regexp.MustCompile(tt.msg).MatchString(e.Msg) {
			t.Errorf("%q: error %q, want match for %s", tt.src, e.Msg, tt.msg)
		}
		if want := (token.Pos{Line: tt.line, Col: tt.col}); e.Pos != want {
			t.Errorf("%q: error %q at %d:%d, want %d:%d", tt.src, e.Msg, e.Pos.Line, e.Pos.Col, want.Line, want.Col)
		}
	}
}

// TestLimits checks CPython's nesting limits on inputs far beyond
// them: one error, no crash, and the scan reaches EOF.
func TestLimits(t *testing.T) {
	deep := func(open, close string, n int) string {
		b := make([]byte, 0, n*(len(open)+len(close)))
		for i := 0; i < n; i++ {
			b = append(b, open...)
		}
		for i := 0; i < n; i++ {
			b = append(b, close...)
		}
		return string(b)
	}
	var indented []byte
	for i := 0; i < 150; i++ {
		for j := 0; j < i; j++ {
			indented = append(indented, ' ')
		}
		indented = append(indented, "if x:\n"...)
	}
	tests := []struct {
		name, src, msg string
	}{
		{"parentheses", deep("(", ")", 100000), "too many nested parentheses"},
		{"brackets", "x = " + deep("[", "]", 300) + "\n", "too many nested parentheses"},
		{"indentation", string(indented), "too many levels of indentation"},
		{"f-string specs", "f'" + deep("{x:", "}", 50) + "'", "f-string: expressions nested too deeply"},
	}
	for _, tt := range tests {
		_, errs := scanAll(t, tt.src, 0)
		found := false
		for _, e := range errs {
			if e.Msg == tt.msg {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no %q error in %v", tt.name, tt.msg, errs)
		}
		if len(errs) > 10 {
			t.Errorf("%s: %d errors, want a handful", tt.name, len(errs))
		}
	}
}

// TestBoundedState checks that hostile inputs cannot grow the scanner's
// state or the error list without bound.
func TestBoundedState(t *testing.T) {
	var errs ErrorList
	var s Scanner
	s.Init("deep.py", []byte(strings.Repeat("f'{", 20000)), &errs, 0)
	maxF := 0
	for {
		tok, _, _, _ := s.Scan()
		if len(s.fstrings) > maxF {
			maxF = len(s.fstrings)
		}
		if tok == token.EOF {
			break
		}
	}
	if maxF > maxFStringLevel {
		t.Errorf("%d nested f-strings tracked, want at most %d", maxF, maxFStringLevel)
	}
	if len(errs) == 0 || errs[0].Msg != "too many nested f-strings" {
		t.Errorf("errors %v, want \"too many nested f-strings\" first", errs)
	}

	_, errs = scanAll(t, strings.Repeat("'abc\n", 5000), 0)
	if len(errs) != maxErrors {
		t.Errorf("%d errors for 5000 bad lines, want the first %d", len(errs), maxErrors)
	}
}
