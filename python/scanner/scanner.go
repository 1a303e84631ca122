package scanner

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/flasksec/flasksec/python/token"
)

// Mode controls what the scanner returns.
type Mode uint

// The scanner modes.
const (
	// ScanComments makes the scanner also return COMMENT and NL tokens.
	ScanComments Mode = 1 << iota
)

// Limits, as in CPython's tokenizer.
const (
	maxIndent       = 100 // MAXINDENT: indentation levels
	maxParenLevel   = 200 // MAXLEVEL: nested brackets
	maxFStringLevel = 150 // MAXFSTRINGLEVEL: nested f-strings
	maxExprNesting  = 3   // MAX_EXPR_NESTING: replacement fields nested in format specs (CPython 3.12; 3.11 allowed 2)
	tabSize         = 8
	maxErrors       = 1000 // errors recorded per file; later ones are dropped
)

// paren is an open bracket and where it was opened.
type paren struct {
	ch  byte
	pos token.Pos
}

// fstring is the state of one f-string being scanned (the tokenizer
// "mode" of PEP 701).
type fstring struct {
	quote     byte      // ' or "
	triple    bool      // ''' or """
	raw       bool      // r prefix: backslashes do not escape braces
	literal   bool      // scanning literal text (or a format spec) rather than an expression
	start     token.Pos // position of the FSTRING_START token
	parenBase int       // len(Scanner.parens) when the f-string started
	exprStart int       // bracket depth (relative to parenBase) at which the innermost field's expression starts; -1 outside fields
}

// Scanner is a Python 3 tokenizer. Initialise it with Init and call Scan
// until it returns token.EOF. A Scanner must not be copied after Init.
type Scanner struct {
	filename string
	src      string // decoded source
	srcBytes []byte // the same, as returned by Source
	errs     *ErrorList
	mode     Mode

	off       int   // reading offset
	line      int32 // current line, 1-based
	lineStart int   // offset of the first byte of the current line

	atBOL       bool // the next token starts a physical line: measure indentation
	needNewline bool // a token of the current logical line was returned: its end yields NEWLINE
	indents     []int32
	altIndents  []int32
	pendIndent  bool
	pendDedents int
	indentPos   token.Pos // position of pending INDENT/DEDENT tokens
	indentEnd   token.Pos

	parens   []paren
	fstrings []fstring

	lastErrLine    int32 // one error per line, as CPython stops at the first
	lastErrGeneric bool  // that error is msgInvalidSyntax, which a later tokenizer error replaces
	nerrs          int   // errors recorded, at most maxErrors
	eof            bool  // the final NEWLINE/DEDENTs are done
}

// Init prepares s to scan src, the raw bytes of a file (Init calls Decode
// itself; when decoding fails the error is recorded and the raw bytes are
// scanned as they are). Errors are appended to errs.
func (s *Scanner) Init(filename string, src []byte, errs *ErrorList, mode Mode) {
	*s = Scanner{filename: filename, errs: errs, mode: mode, line: 1, atBOL: true}
	dec, err := Decode(filename, src)
	if err != nil {
		if e, ok := err.(*Error); ok {
			s.errorAt(e.Pos, e.Msg)
		} else {
			s.errorAt(token.Pos{Line: 1}, err.Error())
		}
		dec = src
		if len(dec) >= 3 && dec[0] == 0xEF && dec[1] == 0xBB && dec[2] == 0xBF {
			dec = dec[3:]
		}
		dec = normaliseNewlines(dec)
	}
	s.src = string(dec)
	s.srcBytes = dec
	s.indents = append(make([]int32, 0, 16), 0)
	s.altIndents = append(make([]int32, 0, 16), 0)
	if i := strings.IndexByte(s.src, 0); i >= 0 {
		s.errorAt(lineColOf(s.src, i), "source code cannot contain null bytes")
	}
}

// Source returns the decoded UTF-8 source that positions refer to. The
// caller must not modify it.
func (s *Scanner) Source() []byte { return s.srcBytes }

// SourceString returns the decoded source as a string, without copying.
func (s *Scanner) SourceString() string { return s.src }

// pos returns the position of offset off, which must lie on the current line.
func (s *Scanner) pos(off int) token.Pos {
	return token.Pos{Line: s.line, Col: int32(off - s.lineStart)}
}

// reports tells whether errorAt would record an error at pos, so that
// callers skip building messages that would be dropped (a line of ten
// million stray brackets must not format ten million messages).
func (s *Scanner) reports(pos token.Pos) bool {
	if s.errs == nil || s.nerrs >= maxErrors {
		return false
	}
	return s.lastErrLine != pos.Line || pos.Line == 0 || s.lastErrGeneric
}

// errorAt records an error, keeping at most one per line.
func (s *Scanner) errorAt(pos token.Pos, msg string) {
	if s.errs == nil || s.nerrs >= maxErrors {
		return // the first errors are what matters; keep memory bounded
	}
	if s.lastErrLine == pos.Line && pos.Line != 0 {
		// CPython's parser prefers a tokenizer error to the "invalid
		// syntax" of a stray character met earlier on the line.
		if n := len(*s.errs); s.lastErrGeneric && n > 0 && msg != msgInvalidSyntax {
			(*s.errs)[n-1] = &Error{Filename: s.filename, Pos: pos, Msg: msg}
			s.lastErrGeneric = false
		}
		return
	}
	s.lastErrLine = pos.Line
	s.lastErrGeneric = msg == msgInvalidSyntax
	s.nerrs++
	s.errs.Add(s.filename, pos, msg)
}

// msgInvalidSyntax is reported for characters that are no token at all
// ($, ?, `), as CPython's parser does.
const msgInvalidSyntax = "invalid syntax"

// error records an error at offset off of the current line.
func (s *Scanner) error(off int, msg string) { s.errorAt(s.pos(off), msg) }

// newline consumes the line end at s.off (\n, \r\n or \r) and starts a
// new line.
func (s *Scanner) newline() {
	if s.src[s.off] == '\r' && s.off+1 < len(s.src) && s.src[s.off+1] == '\n' {
		s.off++
	}
	s.off++
	s.line++
	s.lineStart = s.off
}

// Scan returns the next token, its start and end positions and its
// literal. NAME, NUMBER, STRING, COMMENT and the FSTRING_* tokens carry
// their exact source text (escapes not processed; prefix and quotes
// included); NEWLINE carries the line end as written ("" for the implicit
// newline at the end of a file without one); ILLEGAL carries the
// offending text; the others carry "". After the last token Scan returns
// token.EOF forever. Every ILLEGAL token comes with at least one error in
// the error list (possibly recorded earlier, on the same line).
//
// Errors are CPython's tokenizer errors, in its words, at most one per
// line, plus "invalid syntax" for a character that is no token ($, ?, `),
// which CPython's parser reports. CPython prefers a tokenizer error found
// anywhere in the file to its parser's "invalid syntax", so a parser that
// wants CPython's message should report the first scanner error that is
// not "invalid syntax" when there is one.
//
// Inside an f-string, FSTRING_MIDDLE is the literal text as written: "{{"
// and "}}" stay doubled and escapes are not decoded (CPython 3.12 instead
// cuts the text after the first brace of a pair). A format spec is
// returned the same way, between the COLON and the RBRACE of its field.
func (s *Scanner) Scan() (tok token.Token, pos, end token.Pos, lit string) {
	for {
		if s.pendDedents > 0 {
			s.pendDedents--
			return token.DEDENT, s.indentPos, s.indentPos, ""
		}
		if s.pendIndent {
			s.pendIndent = false
			return token.INDENT, s.indentPos, s.indentEnd, ""
		}
		if n := len(s.fstrings); n > 0 && s.fstrings[n-1].literal {
			tok, pos, end, lit = s.scanFStringMiddle(&s.fstrings[n-1])
		} else {
			tok, pos, end, lit = s.scanToken()
		}
		switch tok {
		case token.COMMENT, token.NL:
			if s.mode&ScanComments == 0 {
				continue
			}
		case token.NEWLINE, token.EOF:
			s.needNewline = false
		case 0xff:
			continue // indentation or a skipped line end: look again
		default:
			s.needNewline = true
		}
		return tok, pos, end, lit
	}
}

// tokAgain is returned internally to make Scan loop.
const tokAgain token.Token = 0xff

// indentation measures the indentation of a new physical line and queues
// INDENT or DEDENT tokens as CPython does.
func (s *Scanner) indentation() {
	var col, altcol int32
	i := s.off
loop:
	for ; i < len(s.src); i++ {
		switch s.src[i] {
		case ' ':
			col++
			altcol++
		case '\t':
			col = (col/tabSize + 1) * tabSize
			altcol++
		case '\f':
			col, altcol = 0, 0
		default:
			break loop
		}
	}
	if len(s.parens) > 0 {
		return
	}
	if i < len(s.src) {
		switch s.src[i] {
		case '#', '\n', '\r':
			return // blank or comment-only line: no effect on indentation
		}
	} else {
		col, altcol = 0, 0 // end of file: close every block
	}
	top := len(s.indents) - 1
	p := s.pos(i)
	switch {
	case col == s.indents[top]:
		if altcol != s.altIndents[top] {
			s.errorAt(token.Pos{Line: s.line}, "inconsistent use of tabs and spaces in indentation")
		}
	case col > s.indents[top]:
		if top+1 == maxIndent {
			// Reported once, where the limit is crossed; deeper levels
			// are still tracked so that the dedents stay balanced.
			s.errorAt(token.Pos{Line: s.line}, "too many levels of indentation")
		}
		if altcol <= s.altIndents[top] {
			s.errorAt(token.Pos{Line: s.line}, "inconsistent use of tabs and spaces in indentation")
		}
		s.indents = append(s.indents, col)
		s.altIndents = append(s.altIndents, altcol)
		s.pendIndent = true
		s.indentPos = token.Pos{Line: s.line}
		s.indentEnd = p
	default:
		n := 0
		for top > 0 && col < s.indents[top] {
			top--
			n++
		}
		if col != s.indents[top] {
			s.errorAt(p, "unindent does not match any outer indentation level")
		} else if altcol != s.altIndents[top] {
			s.errorAt(token.Pos{Line: s.line}, "inconsistent use of tabs and spaces in indentation")
		}
		s.indents = s.indents[:top+1]
		s.altIndents = s.altIndents[:top+1]
		s.pendDedents = n
		s.indentPos = p
	}
}

// scanToken scans one token in the regular (non f-string literal) mode.
func (s *Scanner) scanToken() (token.Token, token.Pos, token.Pos, string) {
	if s.atBOL {
		s.atBOL = false
		s.indentation()
		if s.pendIndent || s.pendDedents > 0 {
			return tokAgain, token.Pos{}, token.Pos{}, ""
		}
	}
	src := s.src
	for s.off < len(src) {
		if c := src[s.off]; c == ' ' || c == '\t' || c == '\f' {
			s.off++
			continue
		}
		break
	}
	if s.off >= len(src) {
		return s.scanEOF()
	}
	start := s.off
	pos := s.pos(start)
	c := src[start]
	switch {
	case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c >= utf8.RuneSelf:
		return s.scanName(start, pos)
	case '0' <= c && c <= '9':
		return s.scanNumber(start, pos)
	}
	s.off++
	tok := token.ILLEGAL
	switch c {
	case '\n', '\r':
		s.off = start
		s.newline()
		s.atBOL = true
		if s.needNewline && len(s.parens) == 0 {
			return token.NEWLINE, pos, token.Pos{Line: pos.Line, Col: pos.Col + int32(s.off-start)}, src[start:s.off]
		}
		return token.NL, pos, token.Pos{Line: pos.Line, Col: pos.Col + int32(s.off-start)}, src[start:s.off]
	case '#':
		end := start + 1
		for end < len(src) && src[end] != '\n' && src[end] != '\r' {
			end++
		}
		s.off = end
		return token.COMMENT, pos, s.pos(end), src[start:end]
	case '\\':
		if s.off >= len(src) {
			s.error(s.off, "unexpected EOF while parsing")
			return tokAgain, pos, pos, ""
		}
		if c2 := src[s.off]; c2 == '\n' || c2 == '\r' {
			after := s.pos(s.off)
			s.newline()
			if s.off >= len(src) {
				s.errorAt(after, "unexpected EOF while parsing")
			}
			return tokAgain, pos, pos, ""
		}
		s.error(s.off, "unexpected character after line continuation character")
		return token.ILLEGAL, pos, s.pos(s.off), src[start:s.off]
	case '\'', '"':
		return s.scanString(start, pos, start, false, false)
	case '.':
		if s.off < len(src) && isDigit(src[s.off]) {
			s.off = start
			return s.scanNumber(start, pos)
		}
		if s.off+1 < len(src) && src[s.off] == '.' && src[s.off+1] == '.' {
			s.off += 2
			tok = token.ELLIPSIS
		} else {
			tok = token.DOT
		}
	case '(', '[', '{':
		if len(s.parens) >= maxParenLevel {
			s.errorAt(pos, "too many nested parentheses")
			return token.ILLEGAL, pos, s.pos(s.off), src[start:s.off]
		}
		s.parens = append(s.parens, paren{ch: c, pos: pos})
		switch c {
		case '(':
			tok = token.LPAR
		case '[':
			tok = token.LSQB
		default:
			tok = token.LBRACE
		}
	case ')', ']', '}':
		return s.scanClose(c, start, pos)
	case ':':
		tok = token.COLON
		if n := len(s.fstrings); n > 0 {
			fs := &s.fstrings[n-1]
			if fs.exprStart >= 0 && len(s.parens)-fs.parenBase-1 == fs.exprStart {
				fs.literal = true // the format spec follows
				break
			}
		}
		if s.off < len(src) && src[s.off] == '=' {
			s.off++
			tok = token.COLONEQUAL
		}
	case ',':
		tok = token.COMMA
	case ';':
		tok = token.SEMI
	case '~':
		tok = token.TILDE
	case '+':
		tok = s.op2('=', token.PLUS, token.PLUSEQUAL)
	case '%':
		tok = s.op2('=', token.PERCENT, token.PERCENTEQUAL)
	case '&':
		tok = s.op2('=', token.AMPER, token.AMPEREQUAL)
	case '|':
		tok = s.op2('=', token.VBAR, token.VBAREQUAL)
	case '^':
		tok = s.op2('=', token.CIRCUMFLEX, token.CIRCUMFLEXEQUAL)
	case '@':
		tok = s.op2('=', token.AT, token.ATEQUAL)
	case '=':
		tok = s.op2('=', token.EQUAL, token.EQEQUAL)
	case '!':
		tok = s.op2('=', token.EXCLAMATION, token.NOTEQUAL)
	case '-':
		switch {
		case s.peekIs('='):
			s.off++
			tok = token.MINEQUAL
		case s.peekIs('>'):
			s.off++
			tok = token.RARROW
		default:
			tok = token.MINUS
		}
	case '*':
		tok = s.op3('*', token.STAR, token.STAREQUAL, token.DOUBLESTAR, token.DOUBLESTAREQUAL)
	case '/':
		tok = s.op3('/', token.SLASH, token.SLASHEQUAL, token.DOUBLESLASH, token.DOUBLESLASHEQUAL)
	case '<':
		switch {
		case s.peekIs('>'):
			// "<>" is only valid with the Barry-as-FLUFL future; CPython's
			// tokenizer returns NOTEQUAL and lets the parser reject it.
			s.off++
			tok = token.NOTEQUAL
		default:
			tok = s.op3('<', token.LESS, token.LESSEQUAL, token.LEFTSHIFT, token.LEFTSHIFTEQUAL)
		}
	case '>':
		tok = s.op3('>', token.GREATER, token.GREATEREQUAL, token.RIGHTSHIFT, token.RIGHTSHIFTEQUAL)
	default:
		if c < ' ' || c == 0x7f {
			if s.reports(pos) {
				s.errorAt(pos, fmt.Sprintf("invalid non-printable character U+%04X", c))
			}
		} else {
			s.errorAt(pos, msgInvalidSyntax)
		}
		return token.ILLEGAL, pos, s.pos(s.off), src[start:s.off]
	}
	return tok, pos, s.pos(s.off), ""
}

func (s *Scanner) peekIs(c byte) bool { return s.off < len(s.src) && s.src[s.off] == c }

// op2 scans an operator that may be followed by next.
func (s *Scanner) op2(next byte, one, two token.Token) token.Token {
	if s.peekIs(next) {
		s.off++
		return two
	}
	return one
}

// op3 scans the operators x, x=, xx and xx= where x is the byte just read.
func (s *Scanner) op3(x byte, one, oneEq, two, twoEq token.Token) token.Token {
	if s.peekIs(x) {
		s.off++
		if s.peekIs('=') {
			s.off++
			return twoEq
		}
		return two
	}
	if s.peekIs('=') {
		s.off++
		return oneEq
	}
	return one
}

// scanClose handles a closing bracket c at offset start.
func (s *Scanner) scanClose(c byte, start int, pos token.Pos) (token.Token, token.Pos, token.Pos, string) {
	end := s.pos(s.off)
	var tok token.Token
	switch c {
	case ')':
		tok = token.RPAR
	case ']':
		tok = token.RSQB
	default:
		tok = token.RBRACE
	}
	var fs *fstring
	if n := len(s.fstrings); n > 0 {
		fs = &s.fstrings[n-1]
	}
	if len(s.parens) == 0 || fs != nil && len(s.parens) == fs.parenBase {
		if fs != nil {
			if c == '}' {
				s.errorAt(pos, "f-string: single '}' is not allowed")
			} else {
				if s.reports(pos) {
					s.errorAt(pos, fmt.Sprintf("f-string: unmatched '%c'", c))
				}
			}
		} else {
			if s.reports(pos) {
				s.errorAt(pos, fmt.Sprintf("unmatched '%c'", c))
			}
		}
		return token.ILLEGAL, pos, end, s.src[start:s.off]
	}
	top := s.parens[len(s.parens)-1]
	if open := top.ch; !(open == '(' && c == ')' || open == '[' && c == ']' || open == '{' && c == '}') {
		if fs != nil && open == '{' && len(s.parens)-fs.parenBase-1 == fs.exprStart {
			// The bracket that opened the replacement field cannot be
			// closed by ) or ]: keep it open.
			if s.reports(pos) {
				s.errorAt(pos, fmt.Sprintf("f-string: unmatched '%c'", c))
			}
			return token.ILLEGAL, pos, end, s.src[start:s.off]
		}
		if top.pos.Line != s.line {
			if s.reports(pos) {
				s.errorAt(pos, fmt.Sprintf("closing parenthesis '%c' does not match opening parenthesis '%c' on line %d", c, open, top.pos.Line))
			}
		} else {
			if s.reports(pos) {
				s.errorAt(pos, fmt.Sprintf("closing parenthesis '%c' does not match opening parenthesis '%c'", c, open))
			}
		}
	}
	s.parens = s.parens[:len(s.parens)-1]
	if fs != nil && c == '}' && len(s.parens)-fs.parenBase == fs.exprStart {
		fs.exprStart--
		fs.literal = true
	}
	return tok, pos, end, ""
}

// scanEOF handles the end of input: unclosed brackets and f-strings, the
// implicit final NEWLINE, the closing DEDENTs, then EOF forever.
func (s *Scanner) scanEOF() (token.Token, token.Pos, token.Pos, string) {
	pos := s.pos(s.off)
	if n := len(s.fstrings); n > 0 {
		fs := s.fstrings[n-1]
		s.unterminatedFString(fs)
		s.parens = s.parens[:s.fstrings[0].parenBase]
		s.fstrings = s.fstrings[:0]
		return token.ILLEGAL, pos, pos, ""
	}
	if n := len(s.parens); n > 0 {
		p := s.parens[n-1]
		if s.reports(p.pos) {
			s.errorAt(p.pos, fmt.Sprintf("'%c' was never closed", p.ch))
		}
		s.parens = s.parens[:0]
	}
	if s.needNewline {
		return token.NEWLINE, pos, pos, ""
	}
	if !s.eof {
		s.eof = true
		if n := len(s.indents) - 1; n > 0 {
			s.indents = s.indents[:1]
			s.altIndents = s.altIndents[:1]
			s.pendDedents = n
			s.indentPos = pos
			return tokAgain, pos, pos, ""
		}
	}
	return token.EOF, pos, pos, ""
}

// unterminatedFString reports an f-string left open at the end of a line
// or of the file.
func (s *Scanner) unterminatedFString(fs fstring) {
	detected := s.line
	if s.off >= len(s.src) && s.off > 0 && (s.src[s.off-1] == '\n' || s.src[s.off-1] == '\r') && detected > fs.start.Line {
		detected--
	}
	if fs.triple {
		if s.reports(fs.start) {
			s.errorAt(fs.start, fmt.Sprintf("unterminated triple-quoted string literal (detected at line %d)", detected))
		}
	} else {
		if s.reports(fs.start) {
			s.errorAt(fs.start, fmt.Sprintf("unterminated string literal (detected at line %d)", detected))
		}
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isHex(c byte) bool   { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
func isIdentByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c >= utf8.RuneSelf
}

// scanName scans an identifier or keyword, or a string whose prefix it
// turns out to be.
func (s *Scanner) scanName(start int, pos token.Pos) (token.Token, token.Pos, token.Pos, string) {
	src := s.src
	i := start
	ascii := true
	for i < len(src) {
		c := src[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			ascii = false
			i++
			continue
		}
		break
	}
	if i < len(src) && (src[i] == '"' || src[i] == '\'') && i-start <= 2 {
		if raw, isF, ok := stringPrefix(src[start:i]); ok {
			s.off = i
			return s.scanString(start, pos, i, raw, isF)
		}
	}
	s.off = i
	lit := src[start:i]
	if !ascii {
		if bad, ok := s.verifyIdentifier(start, i); !ok {
			_ = bad
			return token.ILLEGAL, pos, s.pos(i), lit
		}
		return token.NAME, pos, s.pos(i), lit
	}
	if tok := keyword(lit); tok != token.NAME {
		return tok, pos, s.pos(i), ""
	}
	return token.NAME, pos, s.pos(i), lit
}

// stringPrefix reports whether p (one or two letters) is a valid string
// prefix, and whether it makes a raw string and an f-string.
func stringPrefix(p string) (raw, isF, ok bool) {
	var b, r, u, f bool
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case 'b', 'B':
			if b || u || f {
				return false, false, false
			}
			b = true
		case 'r', 'R':
			if r || u {
				return false, false, false
			}
			r = true
		case 'u', 'U':
			if b || u || r || f {
				return false, false, false
			}
			u = true
		case 'f', 'F':
			if f || b || u {
				return false, false, false
			}
			f = true
		default:
			return false, false, false
		}
	}
	return r, f, true
}

// verifyIdentifier checks a non-ASCII identifier src[start:end] with
// CPython's rules (XID_Start then XID_Continue) and reports the first
// invalid character.
func (s *Scanner) verifyIdentifier(start, end int) (int, bool) {
	first := true
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(s.src[i:end])
		ok := true
		switch {
		case r == utf8.RuneError && size == 1:
			// Undecodable byte: the decoding error was reported by Init.
			if s.reports(s.pos(i)) {
				s.errorAt(s.pos(i), fmt.Sprintf("invalid character '\\x%02x'", s.src[i]))
			}
			return i, false
		case first:
			ok = isIDStart(r)
		default:
			ok = isIDContinue(r)
		}
		if !ok {
			if unicode.IsPrint(r) {
				if s.reports(s.pos(i)) {
					s.errorAt(s.pos(i), fmt.Sprintf("invalid character '%c' (U+%04X)", r, r))
				}
			} else {
				if s.reports(s.pos(i)) {
					s.errorAt(s.pos(i), fmt.Sprintf("invalid non-printable character U+%04X", r))
				}
			}
			return i, false
		}
		first = false
		i += size
	}
	return end, true
}

// isIDStart approximates Unicode XID_Start (plus '_') with Go's tables.
func isIDStart(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r == '_'
	}
	return (unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Other_ID_Start, r)) && !notXIDStart(r)
}

// isIDContinue approximates Unicode XID_Continue with Go's tables (see xid.go).
func isIDContinue(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return (unicode.IsLetter(r) || unicode.In(r, unicode.Nl, unicode.Other_ID_Start, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc, unicode.Other_ID_Continue)) && !notXIDContinue(r)
}

// scanString scans a string or bytes literal, or the start of an
// f-string. start is the offset of the prefix, quote that of the first
// quote.
func (s *Scanner) scanString(start int, pos token.Pos, quote int, raw, isF bool) (token.Token, token.Pos, token.Pos, string) {
	src := s.src
	q := src[quote]
	triple := quote+2 < len(src) && src[quote+1] == q && src[quote+2] == q
	if isF && len(s.fstrings) >= maxFStringLevel {
		// Scanned as a plain string from here on, so that the state
		// kept per nested f-string stays bounded.
		s.errorAt(pos, "too many nested f-strings")
		isF = false
	}
	if isF {
		s.off = quote + 1
		if triple {
			s.off = quote + 3
		}
		s.fstrings = append(s.fstrings, fstring{
			quote: q, triple: triple, raw: raw, literal: true, start: pos,
			parenBase: len(s.parens), exprStart: -1,
		})
		return token.FSTRING_START, pos, s.pos(s.off), src[start:s.off]
	}
	startLine, startLineStart := s.line, s.lineStart
	i := quote + 1
	if triple {
		i = quote + 3
	}
	for {
		if i >= len(src) {
			break
		}
		c := src[i]
		switch {
		case c == q:
			if !triple {
				s.off = i + 1
				return token.STRING, pos, s.pos(s.off), src[start:s.off]
			}
			if i+2 < len(src) && src[i+1] == q && src[i+2] == q {
				s.off = i + 3
				return token.STRING, pos, s.pos(s.off), src[start:s.off]
			}
			i++
		case c == '\\':
			i++
			if i < len(src) && (src[i] == '\n' || src[i] == '\r') {
				s.off = i
				s.newline()
				i = s.off
			} else if i < len(src) {
				i++
			}
		case c == '\n' || c == '\r':
			if !triple {
				s.off = i
				return s.unterminatedString(start, pos, startLine, startLineStart, false)
			}
			s.off = i
			s.newline()
			i = s.off
		default:
			i++
		}
	}
	s.off = len(src)
	return s.unterminatedString(start, pos, startLine, startLineStart, triple)
}

// unterminatedString reports a string left open at s.off (a line end or
// the end of the file) and returns it as an ILLEGAL token.
func (s *Scanner) unterminatedString(start int, pos token.Pos, startLine int32, startLineStart int, triple bool) (token.Token, token.Pos, token.Pos, string) {
	detected := s.line
	if s.off >= len(s.src) && s.off > 0 && (s.src[s.off-1] == '\n' || s.src[s.off-1] == '\r') && detected > startLine {
		detected--
	}
	q := s.src[start]
	for q != '\'' && q != '"' {
		start++
		q = s.src[start]
	}
	if n := len(s.fstrings); n > 0 {
		fs := &s.fstrings[n-1]
		if !fs.literal && fs.quote == q && fs.triple == triple {
			// The quote closes the f-string: a '}' is missing.
			s.errorAt(pos, "f-string: expecting '}'")
			s.off = pos2off(s, pos) + 1
			if triple {
				s.off += 2
			}
			s.line, s.lineStart = pos.Line, startLineStart
			s.parens = s.parens[:fs.parenBase]
			s.fstrings = s.fstrings[:n-1]
			return token.FSTRING_END, pos, s.pos(s.off), s.src[s.off-1-boolInt(triple)*2 : s.off]
		}
	}
	if triple {
		if s.reports(pos) {
			s.errorAt(pos, fmt.Sprintf("unterminated triple-quoted string literal (detected at line %d)", detected))
		}
	} else {
		if s.reports(pos) {
			s.errorAt(pos, fmt.Sprintf("unterminated string literal (detected at line %d)", detected))
		}
	}
	return token.ILLEGAL, pos, s.pos(s.off), s.src[pos2off(s, pos):s.off]
}

// pos2off converts a position on a line at or before the current one
// back to an offset (used only on error paths).
func pos2off(s *Scanner, p token.Pos) int {
	line, off := s.line, s.lineStart
	for line > p.Line && off > 0 {
		off--
		// step back over the line end that ends the previous line
		if s.src[off] == '\n' && off > 0 && s.src[off-1] == '\r' {
			off--
		}
		for off > 0 && s.src[off-1] != '\n' && s.src[off-1] != '\r' {
			off--
		}
		line--
	}
	return off + int(p.Col)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// lineColOf converts a byte offset of src into a position, counting
// CRLF, CR and LF as line ends (used off the hot path only).
func lineColOf(src string, off int) token.Pos {
	line, lineStart := int32(1), 0
	for i := 0; i < off && i < len(src); i++ {
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
