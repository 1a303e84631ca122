package scanner

import (
	"github.com/flasksec/flasksec/python/token"
)

// scanFStringMiddle scans in f-string literal mode: literal text (or a
// format spec) up to a replacement field, the end of a format spec, or
// the closing quote. Literal text is returned as FSTRING_MIDDLE exactly
// as written ("{{", "}}" and escapes are left for the parser to decode).
func (s *Scanner) scanFStringMiddle(fs *fstring) (token.Token, token.Pos, token.Pos, string) {
	src := s.src
	start := s.off
	pos := s.pos(start)
	inSpec := fs.exprStart >= 0
	i := start
	// middle returns the literal text scanned so far, or false when empty.
	for {
		if i >= len(src) {
			if i > start {
				s.off = i
				return token.FSTRING_MIDDLE, pos, s.pos(i), src[start:i]
			}
			s.off = i
			s.unterminatedFString(*fs)
			s.parens = s.parens[:fs.parenBase]
			s.fstrings = s.fstrings[:len(s.fstrings)-1]
			return token.ILLEGAL, pos, pos, ""
		}
		c := src[i]
		switch c {
		case fs.quote:
			if fs.triple && !(i+2 < len(src) && src[i+1] == c && src[i+2] == c) {
				i++
				continue
			}
			if i > start {
				s.off = i
				return token.FSTRING_MIDDLE, pos, s.pos(i), src[start:i]
			}
			n := 1
			if fs.triple {
				n = 3
			}
			if fs.exprStart >= 0 {
				// The f-string ends inside a format spec: its field is
				// never closed.
				s.errorAt(pos, "f-string: expecting '}'")
			}
			s.off = i + n
			s.parens = s.parens[:fs.parenBase]
			s.fstrings = s.fstrings[:len(s.fstrings)-1]
			return token.FSTRING_END, pos, s.pos(s.off), src[i:s.off]
		case '\n', '\r':
			if fs.triple {
				s.off = i
				s.newline()
				i = s.off
				continue
			}
			if inSpec {
				s.errorAt(s.pos(i), "f-string: newlines are not allowed in format specifiers for single quoted f-strings")
			} else {
				s.unterminatedFString(*fs)
			}
			s.off = i
			s.parens = s.parens[:fs.parenBase]
			s.fstrings = s.fstrings[:len(s.fstrings)-1]
			return token.ILLEGAL, pos, s.pos(i), src[start:i]
		case '{':
			if !inSpec && i+1 < len(src) && src[i+1] == '{' {
				i += 2
				continue
			}
			if i > start {
				s.off = i
				return token.FSTRING_MIDDLE, pos, s.pos(i), src[start:i]
			}
			fs.exprStart++
			if fs.exprStart >= maxExprNesting {
				s.errorAt(pos, "f-string: expressions nested too deeply")
			}
			fs.literal = false
			return s.scanToken()
		case '}':
			if inSpec {
				if i > start {
					s.off = i
					return token.FSTRING_MIDDLE, pos, s.pos(i), src[start:i]
				}
				fs.literal = false
				return s.scanToken()
			}
			if i+1 < len(src) && src[i+1] == '}' {
				i += 2
				continue
			}
			s.errorAt(s.pos(i), "f-string: single '}' is not allowed")
			i++
		case '\\':
			i++
			if i >= len(src) {
				continue
			}
			switch src[i] {
			case '{', '}':
				// A backslash does not escape a brace.
			case '\n', '\r':
				s.off = i
				s.newline()
				i = s.off
			case 'N':
				i++
				if !fs.raw && i < len(src) && src[i] == '{' {
					// \N{NAME}: the braces belong to the escape (a '{'
					// inside the name starts a replacement field, as in
					// CPython).
					i++
					for i < len(src) && src[i] != '}' && src[i] != '{' && src[i] != '\n' && src[i] != '\r' && src[i] != fs.quote {
						i++
					}
					if i < len(src) && src[i] == '}' {
						i++
					}
				}
			default:
				i++
			}
		default:
			i++
		}
	}
}
