package redact

import "strings"

// tokKind is the kind of a token.
type tokKind uint8

const (
	tName    tokKind = iota + 1 // identifier or keyword
	tNum                        // number
	tStr                        // string literal, prefix and quotes included
	tOp                         // operator or bracket
	tNL                         // end of a line
	tComment                    // # comment, to the end of the line
)

// token is a token of the text; cs:ce is the content of a string (inside
// its quotes) or of a comment (after the #).
type token struct {
	kind       tokKind
	start, end int
	cs, ce     int
	f          bool // an f-string: {...} holds code
}

// isNameStart reports whether c can start a name (non-ASCII bytes count,
// as Python identifiers may be Unicode).
func isNameStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// isNameChar reports whether c can continue a name.
func isNameChar(c byte) bool { return isNameStart(c) || c >= '0' && c <= '9' }

// stringPrefix reports whether s is a Python string prefix (r, b, f, u,
// rb, fr, ...).
func stringPrefix(s string) bool {
	switch strings.ToLower(s) {
	case "r", "b", "f", "u", "rb", "br", "fr", "rf", "t", "tr", "rt":
		return true
	}
	return false
}

// tokenize splits text into tokens, skipping white space. A quote right
// after a letter is an apostrophe ("don't"), unless the letters are a
// string prefix. An unterminated single-quoted string ends at the end of
// its line; an unterminated triple-quoted one at the end of the text.
func tokenize(text string, mode redactMode) []token {
	var toks []token
	n := len(text)
	for i := 0; i < n; {
		c := text[i]
		switch {
		case c == '\n':
			toks = append(toks, token{kind: tNL, start: i, end: i + 1})
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f':
			i++
		case c == '\\' && i+1 < n && text[i+1] == '\n':
			i += 2 // a continuation line: no end of line
		case c == '#' && mode != modeProse && (mode == modeCode || i == 0 || text[i-1] == ' ' || text[i-1] == '\t' || text[i-1] == '\n'):
			end := strings.IndexByte(text[i:], '\n')
			if end < 0 {
				end = n
			} else {
				end += i
			}
			toks = append(toks, token{kind: tComment, start: i, end: end, cs: i + 1, ce: end})
			i = end
		case c == '"' || c == '\'':
			if i > 0 && isNameChar(text[i-1]) || i >= 3 && text[i-3:i] == "***" {
				i++ // an apostrophe inside a word, or the rest of a masked value
				continue
			}
			t := scanString(text, i, i, false)
			toks = append(toks, t)
			i = t.end
		case isNameStart(c):
			j := i + 1
			for j < n && (isNameChar(text[j]) || mode == modeConfig && (text[j] == '-' || text[j] == '.') && j+1 < n && isNameChar(text[j+1])) {
				j++
			}
			if j < n && (text[j] == '"' || text[j] == '\'') && stringPrefix(text[i:j]) {
				t := scanString(text, i, j, strings.ContainsAny(text[i:j], "fFtT"))
				toks = append(toks, t)
				i = t.end
				continue
			}
			toks = append(toks, token{kind: tName, start: i, end: j})
			i = j
		case c >= '0' && c <= '9':
			j := i + 1
			for j < n && (isNameChar(text[j]) || text[j] == '.') {
				j++
			}
			toks = append(toks, token{kind: tNum, start: i, end: j})
			i = j
		default:
			j := i + 1
			if j < n {
				switch text[i : j+1] {
				case "==", "!=", "<=", ">=", ":=", "->", "**", "//":
					j++
				}
			}
			toks = append(toks, token{kind: tOp, start: i, end: j})
			i = j
		}
	}
	return toks
}

// scanString scans the string literal whose prefix starts at start and
// whose quote is at q.
func scanString(text string, start, q int, f bool) token {
	n := len(text)
	quote := text[q : q+1]
	if strings.HasPrefix(text[q:], strings.Repeat(quote, 3)) {
		quote = text[q : q+3]
	}
	triple := len(quote) == 3
	cs := q + len(quote)
	depth := 0 // f-string replacement fields
	for i := cs; i < n; i++ {
		c := text[i]
		switch {
		case c == '\\':
			i++
		case c == '\n' && !triple && depth == 0:
			return token{kind: tStr, start: start, end: i, cs: cs, ce: i, f: f}
		case f && c == '{':
			if depth == 0 && i+1 < n && text[i+1] == '{' {
				i++
				continue
			}
			depth++
		case f && c == '}' && depth > 0:
			depth--
		case f && depth > 0 && (c == '"' || c == '\''):
			// A string inside a replacement field (PEP 701).
			inner := scanString(text, i, i, false)
			i = inner.end - 1
		case depth == 0 && strings.HasPrefix(text[i:], quote):
			return token{kind: tStr, start: start, end: i + len(quote), cs: cs, ce: i, f: f}
		}
	}
	return token{kind: tStr, start: start, end: n, cs: cs, ce: n, f: f}
}
