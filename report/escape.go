package report

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Printable returns s with everything a terminal or a text viewer would
// interpret rather than show written as an escape, so that text from the
// scanned files (file names, code, messages quoting code) cannot move the
// cursor, rewrite the screen or the window title, ring the bell, break a
// report line in two, or reorder what the reader sees:
//
//   - a newline and a carriage return as \n and \r;
//   - every other C0 control character (ESC, BEL, ...) but the tab, and
//     DEL, as \xNN (ESC is \x1b);
//   - the C1 controls U+0080-U+009F, the bidirectional controls
//     (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and the line
//     and paragraph separators U+2028, U+2029 as \uNNNN;
//   - each byte that is not part of valid UTF-8 as \xNN.
//
// Everything else, tabs and backslashes included, is kept, so that code
// reads as written. Text with nothing to escape is returned as is.
func Printable(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' || c == 0x7f {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || escapedRune(r) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\n':
				b.WriteString(`\n`)
			case c == '\r':
				b.WriteString(`\r`)
			case c < 0x20 && c != '\t' || c == 0x7f:
				fmt.Fprintf(&b, `\x%02x`, c)
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, c)
		case escapedRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// escapedRune reports whether Printable escapes the non-ASCII rune r.
func escapedRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r == 0x2028, r == 0x2029:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// printableLines escapes each line of a multi-line text (see Printable),
// keeping the line breaks and dropping the carriage return of a CRLF line
// ending.
func printableLines(s string) []string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = Printable(strings.TrimSuffix(l, "\r"))
	}
	return lines
}

// printableText escapes a multi-line text line by line (see
// printableLines) and joins the lines again.
func printableText(s string) string {
	if Printable(s) == s {
		return s
	}
	return strings.Join(printableLines(s), "\n")
}
