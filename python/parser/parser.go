// Package parser implements a recursive-descent parser for Python 3 source
// files (the grammar of CPython 3.11, plus the type aliases, type
// parameters and f-string syntax of 3.12 and 3.13). The trees it builds
// are those of CPython's ast module, positions included, so that
// ast.Dump of a tree is identical to CPython's ast.dump.
//
// The parser reads tokens from python/scanner with one token of lookahead
// and a small token buffer for the few places where the grammar needs to
// backtrack (the match soft keyword, parenthesised with-items). Each
// grammar rule has its own parseX method. On a syntax error the parser
// records the error, skips to the next statement at the same indentation
// and goes on, so that a partial tree is always returned.
//
// Positions follow CPython 3.11 exactly, quirks included: a decorated def
// or class starts at "def" or "class"; a parenthesised expression keeps
// the range of what is inside, while the rule around it starts at the
// '('; the literal parts and FormattedValue nodes of an f-string carry
// the range of the whole (implicitly concatenated) string, and a format
// spec the range of its own f-string token. F-strings written with the
// freedoms of PEP 701 (3.12: nested quotes, comments, backslashes) get
// trees in these same 3.11 conventions.
//
// Limits: \N{...} escapes know the Unicode 14.0 character names (as
// Python 3.11) but not the name aliases of NameAliases.txt; identifiers
// are normalised to NFKC by scanner.NormalizeName (golang.org/x/text's
// Unicode 15 tables; Python 3.11 uses Unicode 14, which differs only for
// characters added in 15).
package parser

import (
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/python/scanner"
	"github.com/flasksec/flasksec/python/token"
)

// maxDepth caps the nesting of expressions and blocks, so that hostile
// input gives a syntax error instead of exhausting the stack. CPython 3.11
// parses 2,000 nested unary operators, lambdas or conditional expressions
// and fails at 3,000 (RecursionError); brackets (200) and indentation
// (100 levels) are capped lower by the scanner, as CPython's tokenizer does.
const maxDepth = 2500

// maxTreeDepth caps the depth of the syntax tree of one statement or
// expression, counted in nodes from the statement down (chains such as
// a.b.c, f()() or 1+2+3 nest one node per link without any bracket, so
// maxDepth does not bound them). CPython 3.11 fails on such chains a
// little below 3,000 links (RecursionError "maximum recursion depth
// exceeded during compilation"); real code stays far below. A statement
// deeper than this is dropped with a syntax error, so that every recursive
// pass after the parser (ast.Walk, Dump, name resolution, taint, rules)
// works on trees of bounded depth.
const maxTreeDepth = 3000

// maxErrors bounds the errors kept for one file.
const maxErrors = 100

// ParseFile parses the source of a Python file. src is the raw content of
// the file: the BOM, a PEP 263 coding declaration and line endings are
// handled as CPython handles them. The returned module is never nil: on
// syntax errors it holds the statements that could be recovered, and the
// error is a scanner.ErrorList sorted by position. Every comment of the
// file is in Module.Comments.
func ParseFile(filename string, src []byte) (*ast.Module, error) {
	var p parser
	p.init(filename, src)
	mod := p.parseModule()
	return mod, p.result()
}

// ParseExpr parses a Python expression: an expression list as eval()
// takes it (several comma-separated expressions give a Tuple), with
// surrounding blank lines and comments allowed.
func ParseExpr(src string) (ast.Expr, error) {
	var p parser
	p.init("", []byte(src))
	var x ast.Expr
	func() {
		defer p.recoverBailout()
		for p.tok == token.NEWLINE {
			p.next()
		}
		t0 := p.ntok
		x = p.parseStarExpressions()
		if x != nil && p.mayBeTooDeep(t0) {
			if bad := ast.DeeperThan(x, maxTreeDepth); bad != nil {
				x = nil
				p.error(bad.Pos(), tooDeep)
			}
		}
		for p.tok == token.NEWLINE {
			p.next()
		}
		if p.tok != token.EOF {
			p.errorExpected("end of expression")
		}
	}()
	return x, p.result()
}

// tokenInfo is one buffered token.
type tokenInfo struct {
	tok      token.Token
	pos, end token.Pos
	lit      string
}

// bailout is the panic value used to abandon a statement after an error.
type bailout struct{}

// parser holds the state of one parse.
type parser struct {
	filename string
	sc       scanner.Scanner
	errs     scanner.ErrorList

	// The token buffer: buf[bi] is the current token. Tokens before bi
	// are dropped when no mark is active.
	buf   []tokenInfo
	bi    int
	marks int

	// The current token, copied from buf[bi].
	tok      token.Token
	pos, end token.Pos
	lit      string
	prevEnd  token.Pos // end of the last consumed token
	realEnd  token.Pos // end of the last consumed token other than NEWLINE, INDENT, DEDENT

	depth       int
	ntok        int // tokens consumed so far (see checkTreeDepth)
	speculating int // > 0 while trying an alternative that may be abandoned
	comments    []*ast.Comment

	slabs     slabs
	stmtStack []ast.Stmt // statements of the blocks being parsed (see popStmts)
	exprStack []ast.Expr // elements of the lists being parsed (see popExprs)

	specDepth     int        // nesting of f-string format specs
	lastBareTuple *ast.Tuple // the last tuple built by parseStarExpressions (without parentheses)

	lineStarts []int // byte offsets of line starts in the decoded source; built on demand
}

func (p *parser) init(filename string, src []byte) {
	p.filename = filename
	p.sc.Init(filename, src, &p.errs, scanner.ScanComments)
	p.next()
}

func (p *parser) result() error {
	if len(p.errs) == 0 {
		return nil
	}
	p.errs.Sort()
	return p.errs
}

// scan returns the next significant token, collecting comments.
func (p *parser) scan() tokenInfo {
	for {
		tok, pos, end, lit := p.sc.Scan()
		switch tok {
		case token.COMMENT:
			p.comments = append(p.comments, &ast.Comment{Slash: pos, Text: lit})
			continue
		case token.NL:
			continue
		}
		return tokenInfo{tok, pos, end, lit}
	}
}

// The token buffer: when buf is empty (the common case) the current token
// lives only in p.tok, p.pos, p.end and p.lit, straight from the scanner.
// peek and mark move it into buf, where buf[bi] is then the current token,
// followed by the lookahead; the buffer is dropped again once it is used
// up and no mark is active.

// next advances to the next token.
func (p *parser) next() {
	p.ntok++
	p.prevEnd = p.end
	if p.tok != token.NEWLINE && p.tok != token.INDENT && p.tok != token.DEDENT {
		p.realEnd = p.end
	}
	if len(p.buf) > 0 {
		p.bi++
		if p.bi < len(p.buf) || p.marks > 0 {
			if p.bi == len(p.buf) {
				p.buf = append(p.buf, p.scan())
			}
			t := &p.buf[p.bi]
			p.tok, p.pos, p.end, p.lit = t.tok, t.pos, t.end, t.lit
			return
		}
		p.buf = p.buf[:0]
		p.bi = 0
	}
	for {
		tok, pos, end, lit := p.sc.Scan()
		switch tok {
		case token.COMMENT:
			p.comments = append(p.comments, &ast.Comment{Slash: pos, Text: lit})
			continue
		case token.NL:
			continue
		}
		p.tok, p.pos, p.end, p.lit = tok, pos, end, lit
		return
	}
}

// buffer moves the current token into the buffer.
func (p *parser) buffer() {
	if len(p.buf) == 0 {
		p.buf = append(p.buf, tokenInfo{p.tok, p.pos, p.end, p.lit})
		p.bi = 0
	}
}

// peek returns the token n positions after the current one (n >= 1).
func (p *parser) peek(n int) tokenInfo {
	p.buffer()
	for p.bi+n >= len(p.buf) {
		p.buf = append(p.buf, p.scan())
	}
	return p.buf[p.bi+n]
}

// mark is a saved parser position for backtracking.
type mark struct {
	bi               int
	prevEnd, realEnd token.Pos
}

func (p *parser) mark() mark {
	p.buffer()
	p.marks++
	return mark{p.bi, p.prevEnd, p.realEnd}
}

func (p *parser) release() { p.marks-- }

func (p *parser) reset(m mark) {
	p.bi = m.bi
	p.prevEnd = m.prevEnd
	p.realEnd = m.realEnd
	t := &p.buf[p.bi]
	p.tok, p.pos, p.end, p.lit = t.tok, t.pos, t.end, t.lit
}

// ---- errors

// error records an error at pos (unless speculating) and abandons the
// current statement.
func (p *parser) error(pos token.Pos, msg string) {
	if p.speculating == 0 && len(p.errs) < maxErrors {
		p.errs.Add(p.filename, pos, msg)
	}
	panic(bailout{})
}

// syntaxError reports "invalid syntax" at the current token, or the
// scanner's own error when the token is ILLEGAL.
func (p *parser) syntaxError() {
	switch p.tok {
	case token.ILLEGAL:
		// The scanner has reported the problem already.
		if p.speculating == 0 && len(p.errs) == 0 {
			p.errs.Add(p.filename, p.pos, "invalid syntax")
		}
		panic(bailout{})
	case token.INDENT:
		p.error(p.pos, "unexpected indent")
	case token.DEDENT:
		p.error(p.pos, "unindent does not match any outer indentation level")
	case token.EOF:
		p.error(p.pos, "unexpected EOF while parsing")
	}
	p.error(p.pos, "invalid syntax")
}

func (p *parser) errorExpected(what string) {
	if p.tok == token.ILLEGAL || p.tok == token.INDENT || p.tok == token.EOF {
		p.syntaxError()
	}
	p.error(p.pos, "expected "+what)
}

// expect consumes a token of kind tok or fails with "invalid syntax".
func (p *parser) expect(tok token.Token) {
	if p.tok != tok {
		p.syntaxError()
	}
	p.next()
}

// expectColon consumes ':' or fails with CPython's "expected ':'".
func (p *parser) expectColon() {
	if p.tok != token.COLON {
		p.errorExpected("':'")
	}
	p.next()
}

func (p *parser) got(tok token.Token) bool {
	if p.tok == tok {
		p.next()
		return true
	}
	return false
}

// tooDeep is the error for a tree deeper than maxTreeDepth.
const tooDeep = "expression nested too deeply (more than 3000 levels): the code is too complex to parse"

// mayBeTooDeep tells whether the tokens consumed since token count t0 can
// form a tree deeper than maxTreeDepth. Each node of a chain owns at least
// one token, except for at most two token-less wrappers in a row (an
// expression statement, a lambda's empty arguments), so a statement of
// fewer than maxTreeDepth/3 tokens never needs the (linear) depth check.
func (p *parser) mayBeTooDeep(t0 int) bool {
	return 3*(p.ntok-t0) >= maxTreeDepth
}

// checkTreeDepth drops, with a syntax error, the statements pushed on the
// statement stack since base whose tree is deeper than maxTreeDepth.
func (p *parser) checkTreeDepth(base int) {
	kept := base
	for _, s := range p.stmtStack[base:] {
		if bad := ast.DeeperThan(s, maxTreeDepth); bad != nil {
			if len(p.errs) < maxErrors {
				p.errs.Add(p.filename, bad.Pos(), tooDeep)
			}
			continue
		}
		p.stmtStack[kept] = s
		kept++
	}
	clear(p.stmtStack[kept:])
	p.stmtStack = p.stmtStack[:kept]
}

func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		p.error(p.pos, "too many nested parentheses or blocks: the code is too complex to parse")
	}
}

func (p *parser) leave() { p.depth-- }

// recoverBailout stops a bailout panic; other panics go on.
func (p *parser) recoverBailout() {
	if r := recover(); r != nil {
		if _, ok := r.(bailout); !ok {
			panic(r)
		}
	}
}

// isName reports whether the current token is the name s (a soft keyword).
func (p *parser) isName(s string) bool {
	return p.tok == token.NAME && p.lit == s
}

// parseName consumes a NAME and returns its text.
func (p *parser) parseName() string {
	if p.tok != token.NAME {
		p.syntaxError()
	}
	s := scanner.NormalizeName(p.lit)
	p.next()
	return s
}

// rng returns the range from start to the end of the last consumed token.
func (p *parser) rng(start token.Pos) ast.Range {
	return ast.Range{Start: start, Stop: p.prevEnd}
}

// source returns the decoded source text (newlines normalised to "\n").
func (p *parser) source() string { return p.sc.SourceString() }

// offset converts a position to a byte offset in the decoded source.
func (p *parser) offset(pos token.Pos) int {
	src := p.source()
	if p.lineStarts == nil {
		p.lineStarts = append(p.lineStarts, 0)
		for i := 0; i < len(src); i++ {
			if src[i] == '\n' {
				p.lineStarts = append(p.lineStarts, i+1)
			}
		}
	}
	line := int(pos.Line) - 1
	if line < 0 {
		return 0
	}
	if line >= len(p.lineStarts) {
		return len(src)
	}
	off := p.lineStarts[line] + int(pos.Col)
	if off > len(src) {
		off = len(src)
	}
	return off
}
