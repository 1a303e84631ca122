package scanner

import (
	"fmt"
	"unicode/utf8"

	"github.com/flasksec/flasksec/python/token"
)

// scanNumber scans a number literal starting at start (a digit, or a '.'
// followed by a digit), following CPython's tokenizer step by step so
// that the same inputs are rejected with the same words.
func (s *Scanner) scanNumber(start int, pos token.Pos) (token.Token, token.Pos, token.Pos, string) {
	src := s.src
	i := start
	at := func(k int) byte {
		if k < len(src) {
			return src[k]
		}
		return 0
	}
	// fail reports msg at the byte before offset cur (CPython points at
	// the last character it read) and returns the literal plus any
	// identifier characters glued to it as one ILLEGAL token.
	fail := func(cur int, msg string) (token.Token, token.Pos, token.Pos, string) {
		p := cur - 1
		if p < start {
			p = start
		}
		s.errorAt(s.pos(p), msg)
		end := cur
		for end < len(src) && (isIdentByte(src[end]) || src[end] == '.') {
			end++
		}
		s.off = end
		return token.ILLEGAL, pos, s.pos(end), src[start:end]
	}
	// decimalTail scans digits with single underscores between them; it
	// returns the offset after them, or ok=false on a misplaced '_'.
	decimalTail := func(k int) (int, bool) {
		for {
			for isDigit(at(k)) {
				k++
			}
			if at(k) != '_' {
				return k, true
			}
			k++
			if !isDigit(at(k)) {
				return k, false
			}
		}
	}
	// endOf checks what follows a number (CPython's verify_end_of_number):
	// a keyword that may legally follow (1if x else y) is accepted, other
	// identifier characters are an error.
	endOf := func(k int, kind string) (token.Token, token.Pos, token.Pos, string) {
		c := at(k)
		ok := false
		switch c {
		case 'a':
			ok = keywordAt(src, k+1, "nd")
		case 'e':
			ok = keywordAt(src, k+1, "lse")
		case 'f':
			ok = keywordAt(src, k+1, "or")
		case 'i':
			// CPython checks one letter only: "if", "in", "is".
			c2 := at(k + 1)
			ok = c2 == 'f' || c2 == 'n' || c2 == 's'
		case 'o':
			ok = keywordAt(src, k+1, "r")
		case 'n':
			ok = keywordAt(src, k+1, "ot")
		}
		// Only ASCII letters, digits and '_' glued to a number make it
		// invalid; a non-ASCII character starts the next token.
		if !ok && k < len(src) && c < utf8.RuneSelf && isIdentByte(c) {
			return fail(k, "invalid "+kind+" literal")
		}
		s.off = k
		return token.NUMBER, pos, s.pos(k), src[start:k]
	}
	exponent := func(k int) (token.Token, token.Pos, token.Pos, string) {
		// src[k] is 'e' or 'E'.
		e := k
		k++
		c := at(k)
		if c == '+' || c == '-' {
			k++
			if !isDigit(at(k)) {
				return fail(k, "invalid decimal literal")
			}
		} else if !isDigit(c) {
			// "1e" followed by something else: the number ends before the e
			// unless the e starts an identifier glued to it.
			if tok, p, end, lit := endOf(e, "decimal"); tok != token.NUMBER {
				return tok, p, end, lit
			}
			s.off = e
			return token.NUMBER, pos, s.pos(e), src[start:e]
		}
		k, ok := decimalTail(k)
		if !ok {
			return fail(k, "invalid decimal literal")
		}
		if c := at(k); c == 'j' || c == 'J' {
			return endOf(k+1, "imaginary")
		}
		return endOf(k, "decimal")
	}
	fraction := func(k int) (token.Token, token.Pos, token.Pos, string) {
		// k is just after the '.'.
		if isDigit(at(k)) {
			var ok bool
			k, ok = decimalTail(k)
			if !ok {
				return fail(k, "invalid decimal literal")
			}
		}
		switch at(k) {
		case 'e', 'E':
			return exponent(k)
		case 'j', 'J':
			return endOf(k+1, "imaginary")
		}
		return endOf(k, "decimal")
	}

	c := src[i]
	if c == '.' {
		return fraction(i + 1)
	}
	if c == '0' {
		i++
		switch at(i) {
		case 'x', 'X':
			return s.radix(start, pos, i+1, "hexadecimal", isHex, fail, endOf)
		case 'o', 'O':
			return s.radix(start, pos, i+1, "octal", func(c byte) bool { return '0' <= c && c <= '7' }, fail, endOf)
		case 'b', 'B':
			return s.radix(start, pos, i+1, "binary", func(c byte) bool { return c == '0' || c == '1' }, fail, endOf)
		}
		// Zeros, maybe followed by other digits (an error unless the
		// literal turns out to be a float or imaginary).
		for {
			if at(i) == '_' {
				i++
				if !isDigit(at(i)) {
					return fail(i, "invalid decimal literal")
				}
			}
			if at(i) != '0' {
				break
			}
			i++
		}
		zerosEnd := i
		nonzero := false
		if isDigit(at(i)) {
			nonzero = true
			var ok bool
			i, ok = decimalTail(i)
			if !ok {
				return fail(i, "invalid decimal literal")
			}
		}
		switch at(i) {
		case '.':
			return fraction(i + 1)
		case 'e', 'E':
			return exponent(i)
		case 'j', 'J':
			return endOf(i+1, "imaginary")
		}
		if nonzero {
			s.errorAt(pos, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")
			_ = zerosEnd
			end := i
			for end < len(src) && isIdentByte(src[end]) {
				end++
			}
			s.off = end
			return token.ILLEGAL, pos, s.pos(end), src[start:end]
		}
		return endOf(i, "decimal")
	}
	i, ok := decimalTail(i)
	if !ok {
		return fail(i, "invalid decimal literal")
	}
	switch at(i) {
	case '.':
		return fraction(i + 1)
	case 'e', 'E':
		return exponent(i)
	case 'j', 'J':
		return endOf(i+1, "imaginary")
	}
	return endOf(i, "decimal")
}

// radix scans the digits of a 0x, 0o or 0b literal; k is the offset after
// the prefix.
func (s *Scanner) radix(start int, pos token.Pos, k int, kind string, digit func(byte) bool,
	fail func(int, string) (token.Token, token.Pos, token.Pos, string),
	endOf func(int, string) (token.Token, token.Pos, token.Pos, string)) (token.Token, token.Pos, token.Pos, string) {
	src := s.src
	at := func(k int) byte {
		if k < len(src) {
			return src[k]
		}
		return 0
	}
	for {
		if at(k) == '_' {
			k++
		}
		if !digit(at(k)) {
			if kind != "hexadecimal" && isDigit(at(k)) {
				return fail(k+1, fmt.Sprintf("invalid digit '%c' in %s literal", at(k), kind))
			}
			return fail(k, "invalid "+kind+" literal")
		}
		for digit(at(k)) {
			k++
		}
		if at(k) != '_' {
			break
		}
	}
	if kind != "hexadecimal" && isDigit(at(k)) {
		return fail(k+1, fmt.Sprintf("invalid digit '%c' in %s literal", at(k), kind))
	}
	return endOf(k, kind)
}

// keywordAt reports whether src[k:] starts with rest and no identifier
// character follows (CPython's lookahead after a number).
func keywordAt(src string, k int, rest string) bool {
	end := k + len(rest)
	return end <= len(src) && src[k:end] == rest && (end == len(src) || !isIdentByte(src[end]))
}
