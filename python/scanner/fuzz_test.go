package scanner

import (
	"strings"
	"testing"

	"github.com/flasksec/flasksec/python/token"
)

// FuzzScan checks that the scanner never panics, always reaches EOF in a
// bounded number of tokens, and returns positions that lie inside the
// decoded source and never go backwards.
func FuzzScan(f *testing.F) {
	for _, seed := range []string{
		"x = 1\n",
		"if a:\n    b\n\tc\n",
		"def f(a, *b, **c) -> int:\n    return a @ b\n",
		"x = f'{a!r:>{w}} {b=} {{c}}' rb'\\x00' '''t\n'''\n",
		"f\"{f'{x:{y}}'}\" f'''{\nx\n}'''\n",
		"0x_1 1e 1_ 012 0o8 1.5j .5 1if x else 2\n",
		"(]\n)\n[\n",
		"\\\n\\",
		"# coding: latin-1\nx = '\xe9'\n",
		"\xef\xbb\xbfx = 1\r\ny = 2\rz = 3",
		"a\x00b\xff\xfe",
		"class C:\n  match x:\n    case [1, *_]: pass\n",
		"x = \u20ac + \u00a0 + caf\u00e9\n",
		"f'{'\nf'}'\nf'{x:\n}'\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var errs ErrorList
		var s Scanner
		s.Init("fuzz.py", src, &errs, ScanComments)
		text := s.SourceString()
		// After a decoding error the raw bytes are scanned, CRs included.
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
		lines := strings.Split(text, "\n")
		inside := func(p token.Pos) bool {
			if p.Line < 1 || int(p.Line) > len(lines) || p.Col < 0 {
				return false
			}
			n := len(lines[p.Line-1])
			if int(p.Line) < len(lines) {
				n++ // the line's "\n"
			}
			return int(p.Col) <= n
		}
		var last token.Pos
		limit := 4*len(text) + 100
		for i := 0; ; i++ {
			if i > limit {
				t.Fatalf("no EOF after %d tokens", i)
			}
			tok, pos, end, lit := s.Scan()
			if !inside(pos) || !inside(end) {
				t.Fatalf("token %d %v %q at %v-%v: outside the source (%d lines)", i, tok, lit, pos, end, len(lines))
			}
			if end.Before(pos) {
				t.Fatalf("token %d %v %q ends (%v) before it starts (%v)", i, tok, lit, end, pos)
			}
			if pos.Before(last) {
				t.Fatalf("token %d %v %q at %v comes before the previous token (%v)", i, tok, lit, pos, last)
			}
			last = pos
			if tok == token.EOF {
				break
			}
		}
		for i := 0; i < 3; i++ {
			if tok, _, _, _ := s.Scan(); tok != token.EOF {
				t.Fatalf("after EOF: %v", tok)
			}
		}
	})
}
