package scanner

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/flasksec/flasksec/python/token"
)

// utf8BOM is the UTF-8 byte order mark that CPython strips from a file.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Decode turns a file's raw bytes into UTF-8 source as CPython reads it:
// it strips a UTF-8 byte order mark, honours a PEP 263 coding declaration
// on line 1 or 2, and rejects bytes that the declared encoding cannot
// decode. The error, if any, is an *Error naming the position of the
// offending byte. When src is already valid UTF-8 without a BOM, the
// returned slice shares src's memory.
func Decode(filename string, src []byte) ([]byte, error) {
	bom := bytes.HasPrefix(src, utf8BOM)
	if bom {
		src = src[len(utf8BOM):]
	}
	name, declLine := codingSpec(src)
	if name == "" {
		return validateUTF8(filename, src)
	}
	norm := normalName(name)
	if bom && norm != "utf-8" {
		return nil, &Error{Filename: filename, Pos: token.Pos{Line: 1}, Msg: fmt.Sprintf("encoding problem: %s with BOM", norm)}
	}
	codec, ok := lookupCodec(norm)
	if !ok {
		return nil, &Error{Filename: filename, Pos: token.Pos{Line: int32(declLine)}, Msg: "unknown encoding: " + name}
	}
	switch codec {
	case codecUTF8:
		return validateUTF8(filename, src)
	case codecASCII:
		for i, c := range src {
			if c >= 0x80 {
				pos := offsetPos(src, i)
				return nil, &Error{Filename: filename, Pos: pos, Msg: fmt.Sprintf(
					"(unicode error) 'ascii' codec can't decode byte 0x%02x in position %d: ordinal not in range(128)", c, pos.Col)}
			}
		}
		return src, nil
	}
	cm := charmaps[codec]
	out := make([]byte, 0, len(src)+len(src)/8)
	for i, c := range src {
		if c < 0x80 {
			out = append(out, c)
			continue
		}
		r := cm.DecodeByte(c)
		if r == utf8.RuneError || codec == codecCP1252 && (c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D) {
			pos := offsetPos(src, i)
			return nil, &Error{Filename: filename, Pos: pos, Msg: fmt.Sprintf(
				"(unicode error) 'charmap' codec can't decode byte 0x%02x in position %d: character maps to <undefined>", c, pos.Col)}
		}
		out = utf8.AppendRune(out, r)
	}
	return out, nil
}

// validateUTF8 checks that src is valid UTF-8 and reports the first bad
// byte in CPython's words.
func validateUTF8(filename string, src []byte) ([]byte, error) {
	if utf8.Valid(src) {
		return src, nil
	}
	i := 0
	for i < len(src) {
		c := src[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r != utf8.RuneError || size != 1 {
			i += size
			continue
		}
		pos := offsetPos(src, i)
		return nil, &Error{Filename: filename, Pos: pos, Msg: utf8ErrorMessage(src[i:], pos.Col)}
	}
	return src, nil
}

// utf8ErrorMessage words a UTF-8 decoding failure at the start of b as
// CPython's utf-8 codec does.
func utf8ErrorMessage(b []byte, col int32) string {
	c := b[0]
	need := 0
	switch {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c >= 0xE0 && c <= 0xEF:
		need = 2
	case c >= 0xF0 && c <= 0xF4:
		need = 3
	default:
		return fmt.Sprintf("(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %d: invalid start byte", c, col)
	}
	// Count the valid continuation bytes, with CPython's stricter ranges
	// for the second byte of E0, ED, F0 and F4 sequences.
	got := 0
	for k := 1; k <= need; k++ {
		if k >= len(b) {
			if got == 0 {
				return fmt.Sprintf("(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %d: unexpected end of data", c, col)
			}
			return fmt.Sprintf("(unicode error) 'utf-8' codec can't decode bytes in position %d-%d: unexpected end of data", col, col+int32(got))
		}
		lo, hi := byte(0x80), byte(0xBF)
		if k == 1 {
			switch c {
			case 0xE0:
				lo = 0xA0
			case 0xED:
				hi = 0x9F
			case 0xF0:
				lo = 0x90
			case 0xF4:
				hi = 0x8F
			}
		}
		if b[k] < lo || b[k] > hi {
			break
		}
		got++
	}
	if got == 0 {
		return fmt.Sprintf("(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %d: invalid continuation byte", c, col)
	}
	return fmt.Sprintf("(unicode error) 'utf-8' codec can't decode bytes in position %d-%d: invalid continuation byte", col, col+int32(got))
}

// offsetPos converts a byte offset in src into a line and column, counting
// CRLF, CR and LF as line ends.
func offsetPos(src []byte, off int) token.Pos {
	line, lineStart := int32(1), 0
	for i := 0; i < off; i++ {
		switch src[i] {
		case '\n':
			line++
			lineStart = i + 1
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				continue
			}
			line++
			lineStart = i + 1
		}
	}
	return token.Pos{Line: line, Col: int32(off - lineStart)}
}

// codingSpec finds a PEP 263 coding declaration on line 1, or on line 2
// when line 1 holds nothing but a comment or whitespace. It returns the
// declared name as written and its line, or "" when there is none.
func codingSpec(src []byte) (string, int) {
	rest := src
	for lineNo := 1; lineNo <= 2 && len(rest) > 0; lineNo++ {
		end := bytes.IndexAny(rest, "\r\n")
		var line []byte
		if end < 0 {
			line, rest = rest, nil
		} else {
			line = rest[:end]
			next := end + 1
			if rest[end] == '\r' && next < len(rest) && rest[next] == '\n' {
				next++
			}
			rest = rest[next:]
		}
		name, commentOnly := lineCodingSpec(line)
		if name != "" {
			return name, lineNo
		}
		if !commentOnly {
			break
		}
	}
	return "", 0
}

// lineCodingSpec applies CPython's get_coding_spec to one line (without
// its line end): the declaration must sit in a comment that is the only
// thing on the line. commentOnly reports whether the line holds only
// whitespace and a comment, so that line 2 may be examined.
func lineCodingSpec(line []byte) (name string, commentOnly bool) {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f') {
		i++
	}
	if i == len(line) {
		return "", true
	}
	if line[i] != '#' {
		return "", false
	}
	for j := i; j+6 < len(line); j++ {
		if string(line[j:j+6]) != "coding" {
			continue
		}
		t := j + 6
		if line[t] != ':' && line[t] != '=' {
			continue
		}
		t++
		for t < len(line) && (line[t] == ' ' || line[t] == '\t') {
			t++
		}
		begin := t
		for t < len(line) && isCodingChar(line[t]) {
			t++
		}
		if begin < t {
			return string(line[begin:t]), true
		}
	}
	return "", true
}

func isCodingChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.'
}

// normalName is CPython's get_normal_name: it folds the utf-8 and latin-1
// spellings (including Emacs-style suffixes such as "-unix") to
// "utf-8" and "iso-8859-1", and returns other names unchanged.
func normalName(s string) string {
	n := len(s)
	if n > 12 {
		n = 12
	}
	buf := make([]byte, n)
	for i := 0; i < n; i++ {
		c := s[i]
		if c == '_' {
			c = '-'
		} else if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	b := string(buf)
	switch {
	case b == "utf-8" || strings.HasPrefix(b, "utf-8-"):
		return "utf-8"
	case b == "latin-1" || b == "iso-8859-1" || b == "iso-latin-1" ||
		strings.HasPrefix(b, "latin-1-") || strings.HasPrefix(b, "iso-8859-1-") || strings.HasPrefix(b, "iso-latin-1-"):
		return "iso-8859-1"
	}
	return s
}

// The codecs Decode supports.
const (
	codecUTF8 = iota
	codecASCII
	codecLatin1
	codecCP1252
	codecLatin2
	codecLatin5
	codecLatin9
	codecCyrillic
	codecKOI8R
	codecKOI8U
	codecCP1250
	codecCP1251
	codecGreek
	codecCP437
	codecCP850
	codecMacRoman
)

// charmaps holds the single-byte code pages; read-only.
var charmaps = map[int]*charmap.Charmap{
	codecLatin1:   charmap.ISO8859_1,
	codecCP1252:   charmap.Windows1252,
	codecLatin2:   charmap.ISO8859_2,
	codecLatin5:   charmap.ISO8859_9,
	codecLatin9:   charmap.ISO8859_15,
	codecCyrillic: charmap.ISO8859_5,
	codecKOI8R:    charmap.KOI8R,
	codecKOI8U:    charmap.KOI8U,
	codecCP1250:   charmap.Windows1250,
	codecCP1251:   charmap.Windows1251,
	codecGreek:    charmap.ISO8859_7,
	codecCP437:    charmap.CodePage437,
	codecCP850:    charmap.CodePage850,
	codecMacRoman: charmap.Macintosh,
}

// codecAliases maps Python's normalised codec names (lower case, runs of
// punctuation folded to "_", as encodings.normalize_encoding does) to our
// codecs; read-only.
var codecAliases = map[string]int{
	"utf_8": codecUTF8, "utf8": codecUTF8, "u8": codecUTF8, "utf": codecUTF8, "cp65001": codecUTF8, "utf8_ucs2": codecUTF8, "utf8_ucs4": codecUTF8,
	"ascii": codecASCII, "646": codecASCII, "us_ascii": codecASCII, "us": codecASCII, "ansi_x3.4_1968": codecASCII, "ansi_x3_4_1968": codecASCII,
	"ansi_x3.4_1986": codecASCII, "cp367": codecASCII, "csascii": codecASCII, "ibm367": codecASCII, "iso646_us": codecASCII, "iso_646.irv_1991": codecASCII, "iso_ir_6": codecASCII,
	"latin_1": codecLatin1, "latin1": codecLatin1, "latin": codecLatin1, "l1": codecLatin1, "iso8859_1": codecLatin1, "iso_8859_1": codecLatin1, "iso8859": codecLatin1,
	"8859": codecLatin1, "cp819": codecLatin1, "ibm819": codecLatin1, "iso_ir_100": codecLatin1, "csisolatin1": codecLatin1, "iso_8859_1_1987": codecLatin1,
	"cp1252": codecCP1252, "windows_1252": codecCP1252, "1252": codecCP1252,
	"iso8859_2": codecLatin2, "iso_8859_2": codecLatin2, "latin2": codecLatin2, "l2": codecLatin2,
	"iso8859_9": codecLatin5, "iso_8859_9": codecLatin5, "latin5": codecLatin5, "l5": codecLatin5,
	"iso8859_15": codecLatin9, "iso_8859_15": codecLatin9, "latin9": codecLatin9, "l9": codecLatin9,
	"iso8859_5": codecCyrillic, "iso_8859_5": codecCyrillic, "cyrillic": codecCyrillic,
	"koi8_r": codecKOI8R, "cskoi8r": codecKOI8R, "koi8_u": codecKOI8U,
	"cp1250": codecCP1250, "windows_1250": codecCP1250, "1250": codecCP1250,
	"cp1251": codecCP1251, "windows_1251": codecCP1251, "1251": codecCP1251,
	"iso8859_7": codecGreek, "iso_8859_7": codecGreek, "greek": codecGreek, "greek8": codecGreek,
	"cp437": codecCP437, "437": codecCP437, "ibm437": codecCP437,
	"cp850": codecCP850, "850": codecCP850, "ibm850": codecCP850,
	"mac_roman": codecMacRoman, "macroman": codecMacRoman, "macintosh": codecMacRoman,
}

// lookupCodec finds the codec for a declared encoding name, normalising it
// as Python's codec registry does.
func lookupCodec(name string) (int, bool) {
	var b strings.Builder
	punct := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' {
			if punct && b.Len() > 0 {
				b.WriteByte('_')
			}
			punct = false
			b.WriteByte(c)
		} else {
			punct = true
		}
	}
	codec, ok := codecAliases[b.String()]
	return codec, ok
}
