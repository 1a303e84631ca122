package scanner

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/flasksec/flasksec/python/token"
)

// The encodings Decode knows.
type encoding uint8

const (
	encUTF8 encoding = iota
	encLatin1
	encASCII
	encCP1252
	encLatin9
	encKOI8R
	encISO8859_5
)

// Decode turns a file's raw bytes into UTF-8 source as CPython reads it:
// it strips a UTF-8 byte order mark, honours a PEP 263 coding declaration
// on line 1 or 2, rejects bytes that the encoding cannot decode, and
// translates "\r\n" and "\r" line endings to "\n" (as CPython does before
// tokenizing, so that positions are unchanged). Errors are *Error values
// positioned at the offending byte, worded as CPython words them.
// Supported encodings: UTF-8, Latin-1, ASCII, cp1252, ISO-8859-15,
// ISO-8859-5 and KOI8-R, under CPython's spellings and aliases.
// When src needs no change, the result shares its memory.
func Decode(filename string, src []byte) ([]byte, error) {
	bom := bytes.HasPrefix(src, []byte("\xef\xbb\xbf"))
	if bom {
		src = src[3:]
	}
	enc := encUTF8
	if name, line, ok := codingSpec(src); ok {
		normal := normalName(name)
		e, known := lookupEncoding(normal)
		if !known {
			return nil, &Error{Filename: filename, Pos: token.Pos{Line: line}, Msg: "unknown encoding: " + name}
		}
		if bom && normal != "utf-8" {
			// CPython only accepts its own spellings of UTF-8 here
			// (get_normal_name), not codec aliases such as "utf8".
			return nil, &Error{Filename: filename, Pos: token.Pos{Line: line}, Msg: "encoding problem: " + normal + " with BOM"}
		}
		enc = e
	}
	if enc == encUTF8 || enc == encASCII {
		if err := checkText(filename, src, enc); err != nil {
			return nil, err
		}
		if bytes.IndexByte(src, '\r') < 0 {
			return src, nil
		}
		return normaliseNewlines(src), nil
	}
	var table *[128]uint16
	switch enc {
	case encCP1252:
		table = &cp1252
	case encLatin9:
		table = &iso8859_15
	case encKOI8R:
		table = &koi8R
	case encISO8859_5:
		table = &iso8859_5
	}
	out := make([]byte, 0, len(src)+len(src)/8)
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\r':
			out = append(out, '\n')
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
		case c < utf8.RuneSelf:
			out = append(out, c)
		case table == nil: // Latin-1
			out = utf8.AppendRune(out, rune(c))
		default:
			r := table[c-0x80]
			if r == 0xFFFF {
				return nil, &Error{Filename: filename, Pos: rawPos(src, i),
					Msg: "'charmap' codec can't decode byte 0x" + hex2(c) + " in position " + strconv.Itoa(i) + ": character maps to <undefined>"}
			}
			out = utf8.AppendRune(out, rune(r))
		}
	}
	return out, nil
}

// checkText reports the first byte of src that is not valid UTF-8 (or not
// ASCII, for enc == encASCII).
func checkText(filename string, src []byte, enc encoding) error {
	if enc == encUTF8 && utf8.Valid(src) {
		return nil
	}
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		if enc == encASCII {
			return &Error{Filename: filename, Pos: rawPos(src, i),
				Msg: "'ascii' codec can't decode byte 0x" + hex2(c) + " in position " + strconv.Itoa(i) + ": ordinal not in range(128)"}
		}
		r, n := utf8.DecodeRune(src[i:])
		if r != utf8.RuneError || n > 1 {
			i += n
			continue
		}
		p := rawPos(src, i)
		return &Error{Filename: filename, Pos: p,
			Msg: "(unicode error) 'utf-8' codec can't decode byte 0x" + hex2(c) + " in position " + strconv.Itoa(int(p.Col)) + ": " + utf8Problem(src[i:])}
	}
	return nil
}

// utf8Problem says why the sequence at the start of b is not UTF-8, in the
// words of Python's UTF-8 decoder.
func utf8Problem(b []byte) string {
	c := b[0]
	var n int
	lo, hi := byte(0x80), byte(0xBF)
	switch {
	case c >= 0xC2 && c <= 0xDF:
		n = 1
	case c >= 0xE0 && c <= 0xEF:
		n = 2
		if c == 0xE0 {
			lo = 0xA0
		} else if c == 0xED {
			hi = 0x9F
		}
	case c >= 0xF0 && c <= 0xF4:
		n = 3
		if c == 0xF0 {
			lo = 0x90
		} else if c == 0xF4 {
			hi = 0x8F
		}
	default:
		return "invalid start byte"
	}
	for k := 1; k <= n; k++ {
		if k >= len(b) {
			return "unexpected end of data"
		}
		if b[k] < lo || b[k] > hi {
			return "invalid continuation byte"
		}
		lo, hi = 0x80, 0xBF
	}
	return "invalid continuation byte"
}

// rawPos returns the line and column of offset i in undecoded src.
func rawPos(src []byte, i int) token.Pos {
	line := 1
	ls := 0
	for j := 0; j < i; j++ {
		switch src[j] {
		case '\n':
			line++
			ls = j + 1
		case '\r':
			if j+1 < len(src) && src[j+1] == '\n' {
				continue
			}
			line++
			ls = j + 1
		}
	}
	return token.Pos{Line: int32(line), Col: int32(i - ls)}
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}

// normaliseNewlines translates "\r\n" and "\r" to "\n".
func normaliseNewlines(src []byte) []byte {
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\r' {
			c = '\n'
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
		}
		out = append(out, c)
	}
	return out
}

// codingSpec finds a PEP 263 declaration as CPython does: on line 1, or on
// line 2 when line 1 is blank or only a comment. The line must be a
// comment; the name follows "coding:" or "coding=".
func codingSpec(src []byte) (name string, line int32, ok bool) {
	for line = 1; line <= 2; line++ {
		end := bytes.IndexAny(src, "\r\n")
		l := src
		if end >= 0 {
			l = src[:end]
		}
		if name, ok := codingInLine(l); ok {
			return name, line, true
		}
		// Only a blank or comment-only first line lets line 2 declare.
		i := 0
		for i < len(l) && (l[i] == ' ' || l[i] == '\t' || l[i] == '\f') {
			i++
		}
		if end < 0 || (i < len(l) && l[i] != '#') {
			return "", 0, false
		}
		next := end + 1
		if src[end] == '\r' && next < len(src) && src[next] == '\n' {
			next++
		}
		src = src[next:]
	}
	return "", 0, false
}

// codingInLine returns the encoding name declared in one line.
func codingInLine(l []byte) (string, bool) {
	i := 0
	for ; i < len(l); i++ {
		if l[i] == '#' {
			break
		}
		if l[i] != ' ' && l[i] != '\t' && l[i] != '\f' {
			return "", false
		}
	}
	for ; i+6 < len(l); i++ {
		if string(l[i:i+6]) != "coding" || (l[i+6] != ':' && l[i+6] != '=') {
			continue
		}
		t := i + 7
		for t < len(l) && (l[t] == ' ' || l[t] == '\t') {
			t++
		}
		b := t
		for t < len(l) && (isAlnum(l[t]) || l[t] == '-' || l[t] == '_' || l[t] == '.') {
			t++
		}
		if t > b {
			return string(l[b:t]), true
		}
	}
	return "", false
}

func isAlnum(c byte) bool {
	return isDigit(c) || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// normalName maps the spellings of UTF-8 and Latin-1 that CPython's
// tokenizer recognises itself (get_normal_name) to "utf-8" and
// "iso-8859-1"; other names are returned as they are.
func normalName(s string) string {
	b := []byte(s)
	if len(b) > 12 {
		b = b[:12]
	}
	for i, c := range b {
		if c == '_' {
			b[i] = '-'
		} else if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	t := string(b)
	switch {
	case t == "utf-8" || strings.HasPrefix(t, "utf-8-"):
		return "utf-8"
	case t == "latin-1" || t == "iso-8859-1" || t == "iso-latin-1" ||
		strings.HasPrefix(t, "latin-1-") || strings.HasPrefix(t, "iso-8859-1-") || strings.HasPrefix(t, "iso-latin-1-"):
		return "iso-8859-1"
	}
	return s
}

// lookupEncoding finds a codec by name as Python's codec registry does:
// case-insensitively, with runs of punctuation other than '.' read as '_',
// through the registry's aliases.
func lookupEncoding(name string) (encoding, bool) {
	var b strings.Builder
	punct := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if isAlnum(c) || c == '.' {
			if punct && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteByte(c)
			punct = false
		} else {
			punct = true
		}
	}
	switch b.String() {
	case "utf_8", "utf8", "u8", "utf", "cp65001", "utf8_ucs2", "utf8_ucs4":
		return encUTF8, true
	case "latin_1", "iso8859_1", "8859", "cp819", "csisolatin1", "ibm819", "iso8859", "iso_8859_1",
		"iso_8859_1_1987", "iso_ir_100", "l1", "latin", "latin1":
		return encLatin1, true
	case "ascii", "646", "ansi_x3.4_1968", "ansi_x3.4_1986", "ansi_x3_4_1968", "cp367", "csascii",
		"ibm367", "iso646_us", "iso_646.irv_1991", "iso_ir_6", "us", "us_ascii":
		return encASCII, true
	case "cp1252", "windows_1252", "1252":
		return encCP1252, true
	case "iso8859_15", "iso_8859_15", "l9", "latin9":
		return encLatin9, true
	case "koi8_r", "cskoi8r":
		return encKOI8R, true
	case "iso8859_5", "csisolatincyrillic", "cyrillic", "iso_8859_5", "iso_8859_5_1988", "iso_ir_144":
		return encISO8859_5, true
	}
	return 0, false
}
