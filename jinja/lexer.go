package jinja

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxBracketDepth bounds bracket nesting inside one tag.
const maxBracketDepth = 200

// lexer turns template source into tokens.
type lexer struct {
	src    string
	off    int
	lines  lineTable
	toks   []Token
	errs   ErrorList
	hint   int    // line index of the last position computed
	depth  int    // bracket depth inside the current tag
	closer string // "}}" or "%}" while inside a tag, "" in data
	eof    bool   // the EOF token was emitted
}

// Lex splits src into tokens. It never fails: problems are returned as
// errors and lexing goes on after them. The last token is EOF.
func Lex(src string) ([]Token, ErrorList) {
	lx := newLexer(src)
	for !lx.eof {
		lx.step()
	}
	lx.errs.sort()
	return lx.toks, lx.errs
}

func newLexer(src string) *lexer {
	return &lexer{src: src, lines: newLineTable(src), toks: make([]Token, 0, 64)}
}

func (lx *lexer) pos(off int) Pos {
	p, h := lx.lines.posHint(off, lx.hint)
	lx.hint = h
	return p
}

func (lx *lexer) errorf(off int, format string, args ...any) {
	lx.errs = append(lx.errs, &Error{Pos: lx.pos(off), Msg: fmt.Sprintf(format, args...)})
}

func (lx *lexer) emit(k Kind, val string, start, end int, trim byte) {
	lx.toks = append(lx.toks, Token{Kind: k, Val: val, Pos: lx.pos(start), End: lx.pos(end), Trim: trim})
}

// step lexes the next text chunk and tag, or emits EOF at the end.
func (lx *lexer) step() {
	if lx.off < len(lx.src) {
		lx.data()
		return
	}
	if !lx.eof {
		lx.emit(TokEOF, "", len(lx.src), len(lx.src), 0)
		lx.eof = true
	}
}

// data lexes template text up to the next tag, then the tag.
func (lx *lexer) data() {
	start := lx.off
	i := start
	for {
		j := strings.IndexByte(lx.src[i:], '{')
		if j < 0 || i+j+1 >= len(lx.src) {
			lx.text(start, len(lx.src))
			lx.off = len(lx.src)
			return
		}
		i += j
		switch lx.src[i+1] {
		case '{', '%', '#':
			lx.text(start, i)
			lx.off = i
			lx.tag()
			return
		}
		i++
	}
}

func (lx *lexer) text(start, end int) {
	if end > start {
		lx.emit(TokText, lx.src[start:end], start, end, 0)
	}
}

// trimMark returns the whitespace-control mark at off, if any.
func (lx *lexer) trimMark(off int, plusOK bool) byte {
	if off < len(lx.src) {
		switch c := lx.src[off]; {
		case c == '-', c == '+' && plusOK:
			return c
		}
	}
	return 0
}

// tag lexes one {{ }}, {% %} or {# #} starting at lx.off.
func (lx *lexer) tag() {
	start := lx.off
	switch lx.src[start+1] {
	case '#':
		lx.comment(start)
		return
	case '%':
		if lx.rawBlock(start) {
			return
		}
		trim := lx.trimMark(start+2, true)
		lx.off = start + 2
		if trim != 0 {
			lx.off++
		}
		lx.emit(TokBlockBegin, "{%", start, lx.off, trim)
		lx.inside("%}", start)
	default:
		trim := lx.trimMark(start+2, false)
		lx.off = start + 2
		if trim != 0 {
			lx.off++
		}
		lx.emit(TokVarBegin, "{{", start, lx.off, trim)
		lx.inside("}}", start)
	}
}

func (lx *lexer) comment(start int) {
	end := strings.Index(lx.src[start+2:], "#}")
	if end < 0 {
		lx.errorf(start, "unclosed comment: missing #}")
		lx.emit(TokComment, lx.src[start+2:], start, len(lx.src), 0)
		lx.off = len(lx.src)
		return
	}
	end += start + 2
	body := lx.src[start+2 : end]
	body = strings.TrimPrefix(strings.TrimPrefix(body, "-"), "+")
	body = strings.TrimSuffix(body, "-")
	lx.emit(TokComment, body, start, end+2, lx.trimMark(start+2, true))
	lx.off = end + 2
}

// matchRawTag reports whether a {% word %} tag (with optional
// whitespace control) starts at off, and returns its end offset.
func (lx *lexer) matchRawTag(off int, word string) (int, bool) {
	s := lx.src
	if !strings.HasPrefix(s[off:], "{%") {
		return 0, false
	}
	i := off + 2
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	if !strings.HasPrefix(s[i:], word) {
		return 0, false
	}
	i += len(word)
	if i < len(s) && isIdentByte(s[i]) {
		return 0, false
	}
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	if !strings.HasPrefix(s[i:], "%}") {
		return 0, false
	}
	return i + 2, true
}

// rawBlock lexes {% raw %}...{% endraw %} as one raw Text token.
func (lx *lexer) rawBlock(start int) bool {
	bodyStart, ok := lx.matchRawTag(start, "raw")
	if !ok {
		return false
	}
	for i := bodyStart; ; {
		j := strings.Index(lx.src[i:], "{%")
		if j < 0 {
			lx.errorf(start, "unclosed {%% raw %%} block: missing {%% endraw %%}")
			lx.toks = append(lx.toks, Token{Kind: TokText, Val: lx.src[bodyStart:], Pos: lx.pos(bodyStart),
				End: lx.pos(len(lx.src)), Raw: true})
			lx.off = len(lx.src)
			return true
		}
		i += j
		if end, ok := lx.matchRawTag(i, "endraw"); ok {
			if i > bodyStart {
				lx.toks = append(lx.toks, Token{Kind: TokText, Val: lx.src[bodyStart:i], Pos: lx.pos(bodyStart),
					End: lx.pos(i), Raw: true})
			}
			lx.off = end
			return true
		}
		i += 2
	}
}

// inside lexes the tokens of a tag up to its closer.
func (lx *lexer) inside(closer string, tagStart int) {
	lx.depth = 0
	s := lx.src
	// The first closer seen inside brackets: if the tag never closes
	// properly, the brackets were unbalanced and the tag ends there.
	firstCloser, firstTok := -1, 0
	for lx.off < len(s) {
		c := s[lx.off]
		if isSpace(c) {
			lx.off++
			continue
		}
		if lx.depth > 0 && firstCloser < 0 && strings.HasPrefix(s[lx.off:], closer) {
			firstCloser, firstTok = lx.off, len(lx.toks)
		}
		if lx.depth == 0 {
			if (c == '-' || (c == '+' && closer == "%}")) && strings.HasPrefix(s[lx.off+1:], closer) {
				lx.emit(closerKind(closer), closer, lx.off, lx.off+3, c)
				lx.off += 3
				return
			}
			if strings.HasPrefix(s[lx.off:], closer) {
				lx.emit(closerKind(closer), closer, lx.off, lx.off+2, 0)
				lx.off += 2
				return
			}
		}
		// A new tag opener inside a tag means the closer is missing.
		if c == '{' && lx.off+1 < len(s) && (s[lx.off+1] == '%' || s[lx.off+1] == '#') ||
			(c == '{' && lx.off+1 < len(s) && s[lx.off+1] == '{' && closer == "%}") {
			lx.unclosed(tagStart, closer, firstCloser, firstTok)
			return
		}
		switch {
		case c == '"' || c == '\'':
			lx.str(c)
		case c >= '0' && c <= '9':
			lx.number()
		case isIdentStart(s, lx.off):
			lx.ident()
		default:
			lx.operator()
		}
	}
	lx.unclosed(tagStart, closer, firstCloser, firstTok)
}

// unclosed ends a tag that has no proper closer: at the first closer seen
// inside unbalanced brackets if there was one, else where lexing stopped.
func (lx *lexer) unclosed(tagStart int, closer string, firstCloser, firstTok int) {
	if firstCloser >= 0 {
		lx.errorf(firstCloser, "unbalanced brackets before %s", closer)
		lx.toks = lx.toks[:firstTok]
		lx.emit(closerKind(closer), closer, firstCloser, firstCloser+2, 0)
		lx.off = firstCloser + 2
		return
	}
	lx.errorf(tagStart, "unclosed tag: missing %s", closer)
	lx.emit(closerKind(closer), "", lx.off, lx.off, 0)
}

func closerKind(closer string) Kind {
	if closer == "}}" {
		return TokVarEnd
	}
	return TokBlockEnd
}

func (lx *lexer) ident() {
	start := lx.off
	for lx.off < len(lx.src) {
		if c := lx.src[lx.off]; c < utf8.RuneSelf {
			if !isIdentByte(c) {
				break
			}
			lx.off++
			continue
		}
		r, size := utf8.DecodeRuneInString(lx.src[lx.off:])
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		lx.off += size
	}
	lx.emit(TokName, lx.src[start:lx.off], start, lx.off, 0)
}

func (lx *lexer) number() {
	s := lx.src
	start := lx.off
	i := start
	digits := func(ok func(byte) bool) {
		for i < len(s) && (ok(s[i]) || s[i] == '_' && i+1 < len(s) && ok(s[i+1])) {
			i++
		}
	}
	kind := TokInt
	if s[i] == '0' && i+1 < len(s) && strings.IndexByte("xXoObB", s[i+1]) >= 0 {
		i += 2
		digits(isHexDigit)
	} else {
		digits(isDigit)
		if i+1 < len(s) && s[i] == '.' && isDigit(s[i+1]) {
			// A float, unless it follows '.' (x.0.1 is attribute access).
			if n := len(lx.toks); n == 0 || lx.toks[n-1].Val != "." {
				kind = TokFloat
				i++
				digits(isDigit)
			}
		}
		if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
			j := i + 1
			if j < len(s) && (s[j] == '+' || s[j] == '-') {
				j++
			}
			if j < len(s) && isDigit(s[j]) {
				kind = TokFloat
				i = j
				digits(isDigit)
			}
		}
	}
	lx.off = i
	lx.emit(kind, s[start:i], start, i, 0)
}

func (lx *lexer) str(quote byte) {
	s := lx.src
	start := lx.off
	// Fast path: no escapes.
	for i := start + 1; i < len(s) && s[i] != '\\'; i++ {
		if s[i] == quote {
			lx.off = i + 1
			lx.emit(TokString, s[start+1:i], start, lx.off, 0)
			return
		}
	}
	var b strings.Builder
	i := start + 1
	for i < len(s) {
		c := s[i]
		if c == quote {
			lx.off = i + 1
			lx.emit(TokString, b.String(), start, lx.off, 0)
			return
		}
		if c == '\\' && i+1 < len(s) {
			n := unescape(s[i+1:], &b)
			i += 1 + n
			continue
		}
		b.WriteByte(c)
		i++
	}
	lx.errorf(start, "unterminated string literal")
	lx.off = len(s)
	lx.emit(TokString, b.String(), start, lx.off, 0)
}

// unescape decodes the escape sequence at the start of s (after the
// backslash) into b and returns how many bytes it used.
func unescape(s string, b *strings.Builder) int {
	switch c := s[0]; c {
	case 'n':
		b.WriteByte('\n')
	case 't':
		b.WriteByte('\t')
	case 'r':
		b.WriteByte('\r')
	case '0':
		b.WriteByte(0)
	case '\\', '\'', '"':
		b.WriteByte(c)
	case '\n':
	case 'x', 'u', 'U':
		n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
		if len(s) > n {
			if v, err := strconv.ParseUint(s[1:1+n], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
				b.WriteRune(rune(v))
				return 1 + n
			}
		}
		b.WriteByte('\\')
		b.WriteByte(c)
	default:
		b.WriteByte('\\')
		b.WriteByte(c)
	}
	return 1
}

// twoCharOps are the two-character operators.
var twoCharOps = [...]string{"//", "**", "==", "!=", "<=", ">="}

func (lx *lexer) operator() {
	s := lx.src[lx.off:]
	op := ""
	if len(s) >= 2 {
		for _, o := range twoCharOps {
			if s[:2] == o {
				op = o
				break
			}
		}
	}
	if op == "" && strings.IndexByte("+-/*%~[](){}=.:|,;<>", s[0]) >= 0 {
		op = s[:1]
	}
	if op == "" {
		r, size := utf8.DecodeRuneInString(s)
		lx.errorf(lx.off, "unexpected character %q", r)
		lx.off += size
		return
	}
	switch op {
	case "(", "[", "{":
		if lx.depth >= maxBracketDepth {
			lx.errorf(lx.off, "brackets nested too deeply")
		} else {
			lx.depth++
		}
	case ")", "]", "}":
		if lx.depth > 0 {
			lx.depth--
		}
	}
	lx.emit(TokOperator, op, lx.off, lx.off+len(op), 0)
	lx.off += len(op)
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHexDigit(c byte) bool {
	return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func isIdentByte(c byte) bool {
	return c == '_' || isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

func isIdentStart(s string, off int) bool {
	c := s[off]
	if c < utf8.RuneSelf {
		return c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z')
	}
	r, _ := utf8.DecodeRuneInString(s[off:])
	return unicode.IsLetter(r)
}
