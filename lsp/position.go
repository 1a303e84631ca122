package lsp

import (
	"strings"
	"unicode/utf8"
)

// Findings use 1-based lines and 1-based character (code point) columns;
// LSP positions use 0-based lines and columns counted in the code units
// of the position encoding agreed at initialisation: UTF-16 unless the
// client offers UTF-8 or UTF-32 and not UTF-16.

// posEncoding is a position encoding.
type posEncoding uint8

const (
	encUTF16 posEncoding = iota
	encUTF8
	encUTF32
)

var encodingNames = [...]string{encUTF16: "utf-16", encUTF8: "utf-8", encUTF32: "utf-32"}

// String returns the encoding's protocol name ("utf-16").
func (e posEncoding) String() string { return encodingNames[e] }

// chooseEncoding picks the position encoding from the client's list
// (general.positionEncodings): UTF-16 when the list is empty or has it,
// which every client supports; otherwise the first the server knows.
func chooseEncoding(offered []string) posEncoding {
	if len(offered) == 0 {
		return encUTF16
	}
	for _, o := range offered {
		if o == "utf-16" {
			return encUTF16
		}
	}
	for _, o := range offered {
		for e, name := range encodingNames {
			if o == name {
				return posEncoding(e)
			}
		}
	}
	return encUTF16
}

// runeUnits is the number of code units of r in the encoding.
func (e posEncoding) runeUnits(r rune) int {
	switch e {
	case encUTF8:
		if r == utf8.RuneError {
			return 1 // an invalid byte counts as itself
		}
		return utf8.RuneLen(r)
	case encUTF32:
		return 1
	}
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// units is the length of s in code units.
func (e posEncoding) units(s string) int {
	if e == encUTF8 {
		return len(s)
	}
	n := 0
	for _, r := range s {
		n += e.runeUnits(r)
	}
	return n
}

// fromRunes returns the column, in code units, of the 0-based code point
// offset n of line; offsets past the end give the end of the line.
func (e posEncoding) fromRunes(line string, n int) int {
	col := 0
	for _, r := range line {
		if n <= 0 {
			break
		}
		col += e.runeUnits(r)
		n--
	}
	return col
}

// fromBytes returns the column, in code units, of byte offset b of line
// (clamped to the line; an offset inside a character counts from its
// start).
func (e posEncoding) fromBytes(line string, b int) int {
	b = max(0, min(b, len(line)))
	for b > 0 && b < len(line) && !utf8.RuneStart(line[b]) {
		b--
	}
	return e.units(line[:b])
}

// toBytes returns the byte offset in line of the column col in code
// units, clamped to the line; a column inside a character (half of a
// UTF-16 surrogate pair) gives the character's start.
func (e posEncoding) toBytes(line string, col int) int {
	units := 0
	for i, r := range line {
		n := e.runeUnits(r)
		if units+n > col {
			return i
		}
		units += n
	}
	return len(line)
}

// lineStarts returns the byte offset of the start of each line of text;
// lines end at "\n", "\r\n" or "\r", as LSP counts them.
func lineStarts(text string) []int {
	starts := []int{0}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineAt returns the text of 0-based line n of text without its line
// ending, with the line starts of lineStarts; "" past the end.
func lineAt(text string, starts []int, n int) string {
	if n < 0 || n >= len(starts) {
		return ""
	}
	end := len(text)
	if n+1 < len(starts) {
		end = starts[n+1]
	}
	return strings.TrimRight(text[starts[n]:end], "\r\n")
}

// offset returns the byte offset of p in text, clamped to the text (a
// line past the end is the end of the text; a column past the end of its
// line is the end of the line).
func (e posEncoding) offset(text string, starts []int, p Position) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(starts) {
		return len(text)
	}
	return starts[p.Line] + e.toBytes(lineAt(text, starts, p.Line), max(p.Character, 0))
}

// applyChange applies one content change: the whole text when r is nil,
// else the replacement of range r.
func (e posEncoding) applyChange(text string, r *Range, newText string) string {
	if r == nil {
		return newText
	}
	starts := lineStarts(text)
	from, to := e.offset(text, starts, r.Start), e.offset(text, starts, r.End)
	if to < from {
		from, to = to, from
	}
	return text[:from] + newText + text[to:]
}

// eol returns the line ending text mostly uses ("\n" when it has none).
func eol(text string) string {
	crlf := strings.Count(text, "\r\n")
	if crlf > 0 && crlf*2 >= strings.Count(text, "\n") {
		return "\r\n"
	}
	return "\n"
}
