package scanner

import (
	"errors"
	"regexp"
	"testing"

	"github.com/flasksec/flasksec/python/token"
)

// TestDecode checks PEP 263 declarations under CPython's spellings, the
// BOM, the supported code pages and newline translation. The expected
// results were checked with CPython 3.11's compile().
func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // decoded source, when err is empty
		err  string // regexp matched against the error
		pos  token.Pos
	}{
		{"plain UTF-8", "s = 'é'\n", "s = 'é'\n", "", token.Pos{}},
		{"BOM stripped", "\xef\xbb\xbfx = 1\n", "x = 1\n", "", token.Pos{}},
		{"BOM with utf-8 declaration", "\xef\xbb\xbf# coding: utf-8\nx\n", "# coding: utf-8\nx\n", "", token.Pos{}},
		{"emacs latin-1", "# -*- coding: latin-1 -*-\ns = '\xe9'\n", "# -*- coding: latin-1 -*-\ns = 'é'\n", "", token.Pos{}},
		{"vim on line 2", "#!/usr/bin/python\n# vim: set fileencoding=iso-8859-1 :\ns = '\xe9'\n", "#!/usr/bin/python\n# vim: set fileencoding=iso-8859-1 :\ns = 'é'\n", "", token.Pos{}},
		{"iso-latin-1", "# coding: iso-latin-1\ns = '\xe9'\n", "# coding: iso-latin-1\ns = 'é'\n", "", token.Pos{}},
		{"latin-1-unix", "# coding: latin-1-unix\ns = '\xe9'\n", "# coding: latin-1-unix\ns = 'é'\n", "", token.Pos{}},
		{"Latin-1 capitalised", "# coding: Latin-1\ns = '\xe9'\n", "# coding: Latin-1\ns = 'é'\n", "", token.Pos{}},
		{"iso8859-1", "# coding=iso8859-1\ns = '\xe9'\n", "# coding=iso8859-1\ns = 'é'\n", "", token.Pos{}},
		{"l1 alias", "# coding: l1\ns = '\xe9'\n", "# coding: l1\ns = 'é'\n", "", token.Pos{}},
		{"cp1252", "# coding: cp1252\ns = '\x80\xe9'\n", "# coding: cp1252\ns = '€é'\n", "", token.Pos{}},
		{"windows-1252", "# coding: windows-1252\ns = '\x93'\n", "# coding: windows-1252\ns = '\u201c'\n", "", token.Pos{}},
		{"koi8-r", "# coding: koi8-r\ns = '\xe9'\n", "# coding: koi8-r\ns = 'И'\n", "", token.Pos{}},
		{"iso-8859-5", "# coding: iso-8859-5\ns = '\xe9'\n", "# coding: iso-8859-5\ns = 'щ'\n", "", token.Pos{}},
		{"latin9", "# coding: latin9\ns = '\xa4'\n", "# coding: latin9\ns = '€'\n", "", token.Pos{}},
		{"utf_8 spelling", "# coding: utf_8\ns = 'é'\n", "# coding: utf_8\ns = 'é'\n", "", token.Pos{}},
		{"CRLF and CR translated", "a\r\nb\rc\n", "a\nb\nc\n", "", token.Pos{}},
		{"CR in latin-1", "# coding: latin-1\r\ns = '\xe9'\r", "# coding: latin-1\ns = 'é'\n", "", token.Pos{}},
		{"declaration after code is ignored", "x = 1\n# coding: latin-1\ns = '\xe9'\n", "",
			`^\(unicode error\) 'utf-8' codec can't decode byte 0xe9 in position 5: `, token.Pos{Line: 3, Col: 5}},
		{"declaration on line 3 is ignored", "#\n#\n# coding: latin-1\n\xe9\n", "",
			`^\(unicode error\) 'utf-8' codec can't decode byte 0xe9 in position 0: `, token.Pos{Line: 4, Col: 0}},
		{"unknown encoding", "# coding: foo\n", "", `^unknown encoding: foo$`, token.Pos{Line: 1}},
		{"BOM with utf8 (a codec alias, not one of CPython's spellings)", "\xef\xbb\xbf#coding: utf8\n", "", `^encoding problem: utf8 with BOM$`, token.Pos{Line: 1}},
		{"BOM with utf_8", "\xef\xbb\xbf# coding: utf_8\nx\n", "# coding: utf_8\nx\n", "", token.Pos{}},
		{"BOM with latin-1", "\xef\xbb\xbf# coding: latin-1\n", "", `^encoding problem: iso-8859-1 with BOM$`, token.Pos{Line: 1}},
		{"ascii", "# coding: us-ascii\ns = '\xe9'\n", "", `^'ascii' codec can't decode byte 0xe9 in position 24: ordinal not in range\(128\)$`, token.Pos{Line: 2, Col: 5}},
		{"cp1252 hole", "# coding: cp1252\nx='\x81'", "", `^'charmap' codec can't decode byte 0x81 in position 20: character maps to <undefined>$`, token.Pos{Line: 2, Col: 3}},
		{"invalid start byte", "x = 1\n\xff\n", "", `^\(unicode error\) 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte$`, token.Pos{Line: 2, Col: 0}},
		{"truncated sequence", "x = '\xe2\x82", "", `^\(unicode error\) 'utf-8' codec can't decode byte 0xe2 in position 5: unexpected end of data$`, token.Pos{Line: 1, Col: 5}},
		{"surrogate", "x = '\xed\xa0\x80'", "", `^\(unicode error\) 'utf-8' codec can't decode byte 0xed in position 5: invalid continuation byte$`, token.Pos{Line: 1, Col: 5}},
	}
	for _, tt := range tests {
		got, err := Decode("d.py", []byte(tt.src))
		if tt.err == "" {
			if err != nil {
				t.Errorf("%s: unexpected error %v", tt.name, err)
			} else if string(got) != tt.want {
				t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: error %v (%T), want an *Error matching %s", tt.name, err, err, tt.err)
			continue
		}
		if !regexp.MustCompile(tt.err).MatchString(e.Msg) {
			t.Errorf("%s: error %q, want match for %s", tt.name, e.Msg, tt.err)
		}
		if e.Pos != tt.pos || e.Filename != "d.py" {
			t.Errorf("%s: error at %s:%d:%d, want d.py:%d:%d", tt.name, e.Filename, e.Pos.Line, e.Pos.Col, tt.pos.Line, tt.pos.Col)
		}
	}
}

// TestDecodeSharesMemory checks that UTF-8 input that needs no change is
// returned as it is, without a copy.
func TestDecodeSharesMemory(t *testing.T) {
	src := []byte("x = 'é'\n")
	got, err := Decode("d.py", src)
	if err != nil {
		t.Fatal(err)
	}
	if &got[0] != &src[0] {
		t.Error("Decode copied input that needed no change")
	}
}
