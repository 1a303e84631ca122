package jinja

import (
	"fmt"
	"strings"
)

// MaxDepth bounds the nesting of expressions and statement bodies. Deeper
// input is reported as an error instead of exhausting the stack.
const MaxDepth = 200

// coreEndTags are the end tags of the statements the parser knows; an
// unmatched one is an error. Other end* tags belong to extensions.
var coreEndTags = map[string]bool{
	"endif": true, "endfor": true, "endset": true, "endwith": true, "endblock": true, "endmacro": true,
	"endcall": true, "endfilter": true, "endautoescape": true, "elif": true, "else": true, "endraw": true,
}

// Parse parses a template. It always returns a tree, partial after
// syntax errors, and the lexical and syntax errors sorted by position.
func Parse(src string) (*Template, ErrorList) {
	p := &parser{lx: newLexer(src)}
	body, _ := p.parseBody(nil)
	for !p.lx.eof {
		p.lx.step()
	}
	p.errs = append(p.errs, p.lx.errs...)
	t := &Template{Span: Span{Start: Pos{Line: 1}, Stop: p.lx.pos(len(src))}, Body: body}
	p.errs.sort()
	return t, p.errs
}

// ParseExpr parses a single expression (as inside {{ }}), for tests and
// tools.
func ParseExpr(src string) (Expr, ErrorList) {
	t, errs := Parse("{{ " + src + " }}")
	if len(t.Body) == 1 {
		if o, ok := t.Body[0].(*Output); ok {
			return o.X, errs
		}
	}
	return &BadExpr{}, append(errs, &Error{Msg: "not a single expression"})
}

// slab hands out pointers into chunks of nodes, so that the frequent
// node types cost one allocation per chunk instead of one per node.
type slab[T any] struct{ buf []T }

// slabChunk is the number of nodes allocated at once.
const slabChunk = 64

func (s *slab[T]) alloc() *T {
	if len(s.buf) == cap(s.buf) {
		s.buf = make([]T, 0, slabChunk)
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}

type parser struct {
	texts    slab[TextStmt]
	outputs  slab[Output]
	names    slab[Name]
	consts   slab[Const]
	getattrs slab[Getattr]
	calls    slab[Call]
	filters  slab[Filter]
	binops   slab[BinOp]

	lx     *lexer
	i      int // index of the current token in lx.toks
	errs   ErrorList
	depth  int
	failed bool       // an error was reported in the current tag
	ends   [][]string // end tags of the open statements, innermost last
}

// compactAt is the number of consumed tokens after which the token
// window is shifted: the parser only looks two tokens back.
const compactAt = 64

// fill makes sure the token n ahead of the current one is lexed (or EOF
// was reached).
func (p *parser) fill(n int) {
	for p.i+n >= len(p.lx.toks) && !p.lx.eof {
		p.lx.step()
	}
}

func (p *parser) tok() Token {
	if p.i >= len(p.lx.toks) {
		p.fill(0)
	}
	return p.lx.toks[p.i]
}

// cur returns a pointer to the current token, valid until the parser
// moves.
func (p *parser) cur() *Token {
	if p.i >= len(p.lx.toks) {
		p.fill(0)
	}
	return &p.lx.toks[p.i]
}

func (p *parser) peekAt(n int) Token {
	p.fill(n)
	if p.i+n < len(p.lx.toks) {
		return p.lx.toks[p.i+n]
	}
	return p.lx.toks[len(p.lx.toks)-1]
}

func (p *parser) next() Token {
	t := p.tok()
	if t.Kind != TokEOF {
		p.i++
		// Compact only once the consumed tokens are at least half of
		// the buffer: a tag lexed at once can buffer 100,000s of tokens,
		// and copying them all every compactAt tokens is quadratic.
		if p.i >= compactAt && 2*p.i >= len(p.lx.toks) {
			keep := p.i - 2
			n := copy(p.lx.toks, p.lx.toks[keep:])
			p.lx.toks = p.lx.toks[:n]
			p.i -= keep
		}
	}
	return t
}

// back returns the token n positions before the current one (n <= 2).
func (p *parser) back(n int) Token {
	if p.i >= n {
		return p.lx.toks[p.i-n]
	}
	return p.tok()
}

func (p *parser) prevEnd() Pos {
	if p.i > 0 {
		return p.lx.toks[p.i-1].End
	}
	return p.tok().Pos
}

func (p *parser) errorf(pos Pos, format string, args ...any) {
	if p.failed {
		return
	}
	p.failed = true
	p.errs = append(p.errs, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) isOp(v string) bool {
	t := p.cur()
	return t.Kind == TokOperator && t.Val == v
}

func (p *parser) isName(v string) bool {
	t := p.cur()
	return t.Kind == TokName && t.Val == v
}

func (p *parser) acceptOp(v string) bool {
	if p.isOp(v) {
		p.next()
		return true
	}
	return false
}

func (p *parser) acceptName(v string) bool {
	if p.isName(v) {
		p.next()
		return true
	}
	return false
}

func (p *parser) expectOp(v string) {
	if !p.acceptOp(v) {
		p.errorf(p.tok().Pos, "expected %q, found %s", v, p.tok())
	}
}

func (p *parser) expectName() (string, Pos) {
	t := p.tok()
	if t.Kind != TokName {
		p.errorf(t.Pos, "expected a name, found %s", t)
		return "", t.Pos
	}
	p.next()
	return t.Val, t.Pos
}

// atTagEnd reports whether the current token ends a tag (or the file).
func (p *parser) atTagEnd() bool {
	switch p.cur().Kind {
	case TokVarEnd, TokBlockEnd, TokEOF:
		return true
	}
	return false
}

// endTag finishes a tag: it reports leftover tokens, skips to the closer
// and consumes it, and resets the per-tag error state.
func (p *parser) endTag(closer Kind) {
	if !p.atTagEnd() {
		p.errorf(p.tok().Pos, "unexpected %s, expected %s", p.tok(), closer)
	}
	for !p.atTagEnd() {
		p.next()
	}
	if p.tok().Kind == closer {
		p.next()
	} else if p.tok().Kind != TokEOF {
		p.errorf(p.tok().Pos, "expected %s, found %s", closer, p.tok())
		p.next()
	}
	p.failed = false
}

// ---- bodies and statements ----

// parseBody parses statements until one of ends (a tag name) or the end
// of an enclosing statement or of the file. It returns the statements and
// the tag that stopped it ("" at EOF or at an enclosing statement's end);
// the parser is left on that tag's {% token.
func (p *parser) parseBody(ends []string) ([]Stmt, string) {
	var body []Stmt
	p.ends = append(p.ends, ends)
	defer func() { p.ends = p.ends[:len(p.ends)-1] }()
	for {
		t := p.tok()
		switch t.Kind {
		case TokEOF:
			return body, ""
		case TokText:
			p.next()
			n := p.texts.alloc()
			*n = TextStmt{Span: Span{t.Pos, t.End}, Value: t.Val, Raw: t.Raw}
			body = append(body, n)
		case TokComment:
			p.next()
			body = append(body, &CommentStmt{Span: Span{t.Pos, t.End}, Text: t.Val})
		case TokVarBegin:
			body = append(body, p.parseOutput())
		case TokBlockBegin:
			name := p.peekAt(1)
			if name.Kind == TokName {
				if contains(ends, name.Val) {
					return body, name.Val
				}
				if p.enclosingEnd(name.Val) {
					return body, ""
				}
				if coreEndTags[name.Val] {
					p.next()
					p.next()
					p.errorf(name.Pos, "unexpected {%% %s %%}", name.Val)
					p.endTag(TokBlockEnd)
					continue
				}
			}
			if s := p.parseStatement(); s != nil {
				body = append(body, s)
			}
		default:
			// A stray token outside a tag (after a lexing error).
			p.next()
			p.failed = false
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// enclosingEnd reports whether name ends a statement enclosing the
// innermost one.
func (p *parser) enclosingEnd(name string) bool {
	for i := len(p.ends) - 2; i >= 0; i-- {
		if contains(p.ends[i], name) {
			return true
		}
	}
	return false
}

func (p *parser) parseOutput() Stmt {
	begin := p.next()
	p.failed = false
	var x Expr
	if p.tok().Kind == TokVarEnd {
		p.errorf(p.tok().Pos, "expected an expression, found '}}'")
		x = &BadExpr{Span{p.tok().Pos, p.tok().Pos}}
	} else {
		x = p.parseTuple(false, true, nil, false)
	}
	p.endTag(TokVarEnd)
	o := p.outputs.alloc()
	*o = Output{Span: Span{begin.Pos, p.prevEnd()}, X: x}
	return o
}

// body parses a statement body ending with one of ends; it reports an
// unclosed statement opened at open and consumes the end tag's {% and
// name. It returns the body and the end tag found ("" if none).
func (p *parser) body(open Pos, stmt string, ends ...string) ([]Stmt, string) {
	if p.depth >= MaxDepth {
		p.errorf(open, "statements nested too deeply")
		return nil, ""
	}
	p.depth++
	body, end := p.parseBody(ends)
	p.depth--
	if end == "" {
		p.failed = false
		p.errorf(open, "unclosed {%% %s %%}: missing {%% %s %%}", stmt, ends[len(ends)-1])
		p.failed = false
		return body, ""
	}
	p.next() // {%
	p.next() // name
	p.failed = false
	return body, end
}

func (p *parser) parseStatement() Stmt {
	begin := p.next() // {%
	p.failed = false
	nameTok := p.tok()
	if nameTok.Kind != TokName {
		p.errorf(nameTok.Pos, "expected a tag name, found %s", nameTok)
		p.endTag(TokBlockEnd)
		return nil
	}
	p.next()
	start := begin.Pos
	span := func() Span { return Span{start, p.prevEnd()} }
	switch nameTok.Val {
	case "if":
		return p.parseIf(start)
	case "for":
		return p.parseFor(start)
	case "set":
		return p.parseSet(start)
	case "with":
		s := &With{}
		for !p.atTagEnd() && !p.failed {
			if len(s.Targets) > 0 {
				p.expectOp(",")
			}
			s.Targets = append(s.Targets, p.parseAssignTarget(false, false, nil))
			p.expectOp("=")
			s.Values = append(s.Values, p.parseExpression(true))
		}
		p.endTag(TokBlockEnd)
		p.finish(p.body(start, "with", "endwith"))(&s.Body)
		s.Span = span()
		return s
	case "block":
		s := &Block{}
		s.Name, _ = p.expectName()
		for {
			if p.acceptName("scoped") {
				s.Scoped = true
			} else if p.acceptName("required") {
				s.Required = true
			} else {
				break
			}
		}
		p.endTag(TokBlockEnd)
		var end string
		s.Body, end = p.body(start, "block "+s.Name, "endblock")
		if end != "" {
			if p.tok().Kind == TokName {
				if n := p.next(); n.Val != s.Name {
					p.errorf(n.Pos, "{%% endblock %s %%} closes {%% block %s %%}", n.Val, s.Name)
				}
			}
			p.endTag(TokBlockEnd)
		}
		s.Span = span()
		return s
	case "extends":
		s := &Extends{Template: p.parseExpression(true)}
		p.endTag(TokBlockEnd)
		s.Span = span()
		return s
	case "include":
		s := &Include{Template: p.parseExpression(true), WithContext: true}
		if p.isName("ignore") && p.peekAt(1).Kind == TokName && p.peekAt(1).Val == "missing" {
			p.next()
			p.next()
			s.IgnoreMissing = true
		}
		s.WithContext = p.parseContextMod(true)
		p.endTag(TokBlockEnd)
		s.Span = span()
		return s
	case "import":
		s := &Import{Template: p.parseExpression(true)}
		if !p.acceptName("as") {
			p.errorf(p.tok().Pos, "expected 'as', found %s", p.tok())
		}
		s.Target, _ = p.expectName()
		s.WithContext = p.parseContextMod(false)
		p.endTag(TokBlockEnd)
		s.Span = span()
		return s
	case "from":
		return p.parseFromImport(start)
	case "macro":
		s := &Macro{}
		s.Name, _ = p.expectName()
		s.Params = p.parseParams(true)
		p.endTag(TokBlockEnd)
		p.finish(p.body(start, "macro "+s.Name, "endmacro"))(&s.Body)
		s.Span = span()
		return s
	case "call":
		s := &CallBlock{}
		if p.isOp("(") {
			s.Params = p.parseParams(false)
		}
		x := p.parseExpression(true)
		if c, ok := x.(*Call); ok {
			s.Call = c
		} else if !p.failed {
			p.errorf(x.Pos(), "expected a call after {%% call %%}")
		}
		p.endTag(TokBlockEnd)
		p.finish(p.body(start, "call", "endcall"))(&s.Body)
		s.Span = span()
		return s
	case "filter":
		s := &FilterBlock{Filter: p.parseFilterChain(nil, p.tok().Pos)}
		p.endTag(TokBlockEnd)
		p.finish(p.body(start, "filter", "endfilter"))(&s.Body)
		s.Span = span()
		return s
	case "autoescape":
		s := &Autoescape{Value: p.parseExpression(true)}
		p.endTag(TokBlockEnd)
		p.finish(p.body(start, "autoescape", "endautoescape"))(&s.Body)
		s.Span = span()
		return s
	case "do", "print":
		s := &ExprStmt{Tag: nameTok.Val, Exprs: []Expr{p.parseTuple(false, true, nil, false)}}
		p.endTag(TokBlockEnd)
		s.Span = span()
		return s
	case "break", "continue":
		p.endTag(TokBlockEnd)
		return &ExprStmt{Span: span(), Tag: nameTok.Val}
	}
	// A tag of an extension: keep it, skip its content.
	for !p.atTagEnd() {
		p.next()
	}
	p.endTag(TokBlockEnd)
	return &ExprStmt{Span: span(), Tag: nameTok.Val}
}

// parseContextMod parses an optional "with context"/"without context".
func (p *parser) parseContextMod(def bool) bool {
	if (p.isName("with") || p.isName("without")) && p.peekAt(1).Kind == TokName && p.peekAt(1).Val == "context" {
		with := p.next().Val == "with"
		p.next()
		return with
	}
	return def
}

func (p *parser) parseIf(start Pos) Stmt {
	s := &If{Cond: p.parseTuple(false, false, nil, false)}
	s.Start = start
	p.endTag(TokBlockEnd)
	chain := []*If{s}
	cur := s
	for {
		body, end := p.body(start, "if", "elif", "else", "endif")
		cur.Body = body
		switch end {
		case "elif":
			next := &If{}
			next.Start = p.back(2).Pos
			next.Cond = p.parseTuple(false, false, nil, false)
			p.endTag(TokBlockEnd)
			cur.Else = []Stmt{next}
			chain = append(chain, next)
			cur = next
			continue
		case "else":
			p.endTag(TokBlockEnd)
			cur.Else, end = p.body(start, "if", "endif")
		}
		if end != "" {
			p.endTag(TokBlockEnd)
		}
		break
	}
	for _, c := range chain {
		c.Stop = p.prevEnd()
	}
	return s
}

func (p *parser) parseFor(start Pos) Stmt {
	s := &For{}
	s.Target = p.parseAssignTarget(true, false, []string{"in"})
	if !p.acceptName("in") {
		p.errorf(p.tok().Pos, "expected 'in', found %s", p.tok())
	}
	s.Iter = p.parseTuple(false, false, []string{"recursive"}, false)
	if p.acceptName("if") {
		s.Filter = p.parseExpression(true)
	}
	s.Recursive = p.acceptName("recursive")
	p.endTag(TokBlockEnd)
	var end string
	s.Body, end = p.body(start, "for", "else", "endfor")
	if end == "else" {
		p.endTag(TokBlockEnd)
		s.Else, end = p.body(start, "for", "endfor")
	}
	if end != "" {
		p.endTag(TokBlockEnd)
	}
	s.Span = Span{start, p.prevEnd()}
	return s
}

func (p *parser) parseSet(start Pos) Stmt {
	s := &Set{Target: p.parseAssignTarget(true, true, nil)}
	if p.acceptOp("=") {
		s.Value = p.parseTuple(false, true, nil, false)
		p.endTag(TokBlockEnd)
	} else {
		if p.isOp("|") {
			p.next()
			s.Filter = p.parseFilterChain(nil, p.tok().Pos)
		}
		p.endTag(TokBlockEnd)
		p.finish(p.body(start, "set", "endset"))(&s.Body)
	}
	s.Span = Span{start, p.prevEnd()}
	return s
}

func (p *parser) parseFromImport(start Pos) Stmt {
	s := &FromImport{Template: p.parseExpression(true)}
	if !p.acceptName("import") {
		p.errorf(p.tok().Pos, "expected 'import', found %s", p.tok())
	}
	for !p.atTagEnd() && !p.failed {
		if (p.isName("with") || p.isName("without")) && p.peekAt(1).Kind == TokName && p.peekAt(1).Val == "context" {
			s.WithContext = p.parseContextMod(false)
			break
		}
		if len(s.Names) > 0 && !p.acceptOp(",") {
			p.errorf(p.tok().Pos, "expected ',', found %s", p.tok())
			break
		}
		if p.atTagEnd() {
			break // trailing comma
		}
		if (p.isName("with") || p.isName("without")) && p.peekAt(1).Kind == TokName && p.peekAt(1).Val == "context" {
			continue
		}
		name, _ := p.expectName()
		in := ImportName{Name: name}
		if p.acceptName("as") {
			in.Alias, _ = p.expectName()
		}
		s.Names = append(s.Names, in)
	}
	p.endTag(TokBlockEnd)
	s.Span = Span{start, p.prevEnd()}
	return s
}

// parseParams parses (a, b=default, ...); required says the parentheses
// must be there.
func (p *parser) parseParams(required bool) []Param {
	var params []Param
	if !p.acceptOp("(") {
		if required {
			p.errorf(p.tok().Pos, "expected '(', found %s", p.tok())
		}
		return nil
	}
	for !p.isOp(")") && !p.atTagEnd() && !p.failed {
		if len(params) > 0 {
			p.expectOp(",")
			if p.isOp(")") {
				break
			}
		}
		name, pos := p.expectName()
		pr := Param{Name: name, NamePos: pos}
		if p.acceptOp("=") {
			pr.Default = p.parseExpression(true)
		}
		params = append(params, pr)
	}
	p.expectOp(")")
	return params
}

// parseAssignTarget parses the target of for, set and with.
func (p *parser) parseAssignTarget(withTuple, withNamespace bool, extraEnd []string) Expr {
	var x Expr
	if withNamespace && p.tok().Kind == TokName && p.peekAt(1).Kind == TokOperator && p.peekAt(1).Val == "." &&
		p.peekAt(2).Kind == TokName {
		n := p.next()
		p.next()
		attr := p.next()
		x = &Getattr{Span: Span{n.Pos, attr.End}, X: &Name{Span{n.Pos, n.End}, n.Val}, Attr: attr.Val}
	} else if withTuple {
		x = p.parseTuple(true, false, extraEnd, false)
	} else {
		x = p.parsePrimary()
	}
	if !assignable(x) {
		p.errorf(x.Pos(), "cannot assign to this expression")
	}
	return x
}

func assignable(x Expr) bool {
	switch x := x.(type) {
	case *Name, *BadExpr:
		return true
	case *Getattr:
		_, ok := x.X.(*Name)
		return ok
	case *Tuple:
		for _, it := range x.Items {
			if !assignable(it) {
				return false
			}
		}
		return true
	}
	return false
}

// finish completes a statement whose body ended with end: it consumes
// the rest of the end tag when there was one, and returns a setter for
// the body.
func (p *parser) finish(body []Stmt, end string) func(*[]Stmt) {
	if end != "" {
		p.endTag(TokBlockEnd)
	}
	return func(dst *[]Stmt) { *dst = body }
}

// ---- expressions ----

// bad returns an empty BadExpr at the end of the last consumed token, so
// that it stays inside the enclosing nodes' ranges.
func (p *parser) bad() Expr {
	e := p.prevEnd()
	return &BadExpr{Span{e, e}}
}

func (p *parser) enter() bool {
	if p.depth >= MaxDepth {
		p.errorf(p.tok().Pos, "expression nested too deeply")
		return false
	}
	p.depth++
	return true
}

func (p *parser) leave() { p.depth-- }

// chainOK bounds left-nested chains built by loops (a+b+c..., a.b.c...,
// x|f|g...): the n-th link counts as one more level of nesting.
func (p *parser) chainOK(n int) bool {
	if p.depth+n >= MaxDepth {
		p.errorf(p.tok().Pos, "expression nested too deeply")
		return false
	}
	return true
}

// parseTuple parses an expression or a comma-separated tuple of them.
// simplified restricts items to primaries (assignment targets);
// withCondexpr allows "x if c else y"; extraEnd lists names ending the
// tuple; explicit says parentheses were seen (so () and (x,) are tuples).
func (p *parser) parseTuple(simplified, withCondexpr bool, extraEnd []string, explicit bool) Expr {
	start := p.tok().Pos
	var items []Expr
	isTuple := false
	for !p.failed {
		if len(items) > 0 {
			if !p.acceptOp(",") {
				break
			}
			isTuple = true
		}
		if p.tupleEnd(extraEnd) {
			break
		}
		if simplified {
			items = append(items, p.parsePrimary())
		} else {
			items = append(items, p.parseExpression(withCondexpr))
		}
	}
	if !isTuple {
		if len(items) == 1 {
			return items[0]
		}
		if !explicit {
			p.errorf(p.tok().Pos, "expected an expression, found %s", p.tok())
			return p.bad()
		}
	}
	return &Tuple{Span: Span{start, p.prevEnd()}, Items: items}
}

func (p *parser) tupleEnd(extraEnd []string) bool {
	if p.atTagEnd() || p.isOp(")") {
		return true
	}
	t := p.tok()
	return t.Kind == TokName && contains(extraEnd, t.Val)
}

func (p *parser) parseExpression(withCondexpr bool) Expr {
	if withCondexpr {
		return p.parseCondexpr()
	}
	return p.parseOr()
}

func (p *parser) parseCondexpr() Expr {
	if !p.enter() {
		return p.bad()
	}
	defer p.leave()
	x := p.parseOr()
	for n := 1; p.isName("if") && !p.failed && p.chainOK(n); n++ {
		p.next()
		cond := p.parseOr()
		var els Expr
		if p.acceptName("else") {
			els = p.parseCondexpr()
		}
		x = &CondExpr{Span: Span{x.Pos(), p.prevEnd()}, Cond: cond, Then: x, Else: els}
	}
	return x
}

func (p *parser) parseOr() Expr {
	x := p.parseAnd()
	for n := 1; p.isName("or") && !p.failed && p.chainOK(n); n++ {
		p.next()
		y := p.parseAnd()
		x = &BinOp{Span: Span{x.Pos(), y.End()}, Op: "or", X: x, Y: y}
	}
	return x
}

func (p *parser) parseAnd() Expr {
	x := p.parseNot()
	for n := 1; p.isName("and") && !p.failed && p.chainOK(n); n++ {
		p.next()
		y := p.parseNot()
		x = &BinOp{Span: Span{x.Pos(), y.End()}, Op: "and", X: x, Y: y}
	}
	return x
}

func (p *parser) parseNot() Expr {
	if p.isName("not") {
		if !p.enter() {
			return p.bad()
		}
		defer p.leave()
		t := p.next()
		x := p.parseNot()
		return &UnaryOp{Span: Span{t.Pos, x.End()}, Op: "not", X: x}
	}
	return p.parseCompare()
}

var compareOps = map[string]bool{"==": true, "!=": true, "<": true, "<=": true, ">": true, ">=": true}

func (p *parser) parseCompare() Expr {
	x := p.parseMath1()
	var ops []CmpOp
	for !p.failed {
		t := p.tok()
		var op string
		switch {
		case t.Kind == TokOperator && compareOps[t.Val]:
			op = t.Val
			p.next()
		case p.isName("in"):
			op = "in"
			p.next()
		case p.isName("not") && p.peekAt(1).Kind == TokName && p.peekAt(1).Val == "in":
			op = "not in"
			p.next()
			p.next()
		}
		if op == "" {
			break
		}
		ops = append(ops, CmpOp{Op: op, Y: p.parseMath1()})
	}
	if len(ops) == 0 {
		return x
	}
	return &Compare{Span: Span{x.Pos(), p.prevEnd()}, X: x, Ops: ops}
}

func (p *parser) binary(next func() Expr, ops ...string) Expr {
	x := next()
	for n := 1; !p.failed; n++ {
		t := p.cur()
		if t.Kind != TokOperator || !contains(ops, t.Val) || !p.chainOK(n) {
			break
		}
		op := t.Val
		p.next()
		y := next()
		b := p.binops.alloc()
		*b = BinOp{Span: Span{x.Pos(), y.End()}, Op: op, X: x, Y: y}
		x = b
	}
	return x
}

func (p *parser) parseMath1() Expr  { return p.binary(p.parseConcat, "+", "-") }
func (p *parser) parseConcat() Expr { return p.binary(p.parseMath2, "~") }
func (p *parser) parseMath2() Expr  { return p.binary(p.parsePow, "*", "/", "//", "%") }
func (p *parser) parsePow() Expr    { return p.binary(func() Expr { return p.parseUnary(true) }, "**") }

func (p *parser) parseUnary(withFilter bool) Expr {
	if !p.enter() {
		return p.bad()
	}
	defer p.leave()
	var x Expr
	if t := p.tok(); t.Kind == TokOperator && (t.Val == "-" || t.Val == "+") {
		p.next()
		y := p.parseUnary(false)
		x = &UnaryOp{Span: Span{t.Pos, y.End()}, Op: t.Val, X: y}
	} else {
		x = p.parsePrimary()
	}
	x = p.parsePostfix(x)
	if withFilter {
		x = p.parseFilterExpr(x)
	}
	return x
}

func (p *parser) parsePrimary() Expr {
	if !p.enter() {
		return p.bad()
	}
	defer p.leave()
	t := p.tok()
	switch t.Kind {
	case TokName:
		p.next()
		switch t.Val {
		case "true", "false", "True", "False":
			return &Const{Span: Span{t.Pos, t.End}, Kind: BoolConst, Value: strings.ToLower(t.Val)}
		case "none", "None":
			return &Const{Span: Span{t.Pos, t.End}, Kind: NoneConst, Value: "none"}
		}
		n := p.names.alloc()
		*n = Name{Span: Span{t.Pos, t.End}, Name: t.Val}
		return n
	case TokString:
		p.next()
		val := t.Val
		end := t.End
		for p.tok().Kind == TokString {
			n := p.next()
			val += n.Val
			end = n.End
		}
		c := p.consts.alloc()
		*c = Const{Span: Span{t.Pos, end}, Kind: StrConst, Value: val}
		return c
	case TokInt, TokFloat:
		p.next()
		k := IntConst
		if t.Kind == TokFloat {
			k = FloatConst
		}
		c := p.consts.alloc()
		*c = Const{Span: Span{t.Pos, t.End}, Kind: k, Value: t.Val}
		return c
	case TokOperator:
		switch t.Val {
		case "(":
			p.next()
			x := p.parseTuple(false, true, nil, true)
			p.expectOp(")")
			if tu, ok := x.(*Tuple); ok {
				tu.Span = Span{t.Pos, p.prevEnd()}
			}
			return x
		case "[":
			p.next()
			l := &List{}
			for !p.isOp("]") && !p.atTagEnd() && !p.failed {
				if len(l.Items) > 0 {
					p.expectOp(",")
					if p.isOp("]") {
						break
					}
				}
				l.Items = append(l.Items, p.parseExpression(true))
			}
			p.expectOp("]")
			l.Span = Span{t.Pos, p.prevEnd()}
			return l
		case "{":
			p.next()
			d := &Dict{}
			for !p.isOp("}") && !p.atTagEnd() && !p.failed {
				if len(d.Pairs) > 0 {
					p.expectOp(",")
					if p.isOp("}") {
						break
					}
				}
				k := p.parseExpression(true)
				p.expectOp(":")
				v := p.parseExpression(true)
				d.Pairs = append(d.Pairs, Pair{k, v})
			}
			p.expectOp("}")
			d.Span = Span{t.Pos, p.prevEnd()}
			return d
		}
	}
	p.errorf(t.Pos, "unexpected %s", t)
	if p.atTagEnd() {
		return p.bad()
	}
	p.next()
	return &BadExpr{Span{t.Pos, t.End}}
}

func (p *parser) parsePostfix(x Expr) Expr {
	for n := 1; !p.failed && p.chainOK(n); n++ {
		switch {
		case p.isOp("."):
			p.next()
			t := p.tok()
			switch t.Kind {
			case TokName:
				p.next()
				g := p.getattrs.alloc()
				*g = Getattr{Span: Span{x.Pos(), t.End}, X: x, Attr: t.Val}
				x = g
			case TokInt:
				p.next()
				x = &Getitem{Span: Span{x.Pos(), t.End}, X: x, Index: &Const{Span: Span{t.Pos, t.End}, Kind: IntConst, Value: t.Val}}
			default:
				p.errorf(t.Pos, "expected an attribute name after '.', found %s", t)
				return x
			}
		case p.isOp("["):
			x = p.parseSubscript(x)
		case p.isOp("("):
			x = p.parseCall(x)
		default:
			return x
		}
	}
	return x
}

func (p *parser) parseSubscript(x Expr) Expr {
	p.next() // [
	var items []Expr
	for !p.isOp("]") && !p.atTagEnd() && !p.failed {
		if len(items) > 0 {
			p.expectOp(",")
		}
		items = append(items, p.parseSubscribed())
	}
	p.expectOp("]")
	var idx Expr
	switch len(items) {
	case 0:
		p.errorf(p.prevEnd(), "expected a subscript")
		idx = p.bad()
	case 1:
		idx = items[0]
	default:
		idx = &Tuple{Span: Span{items[0].Pos(), items[len(items)-1].End()}, Items: items}
	}
	return &Getitem{Span: Span{x.Pos(), p.prevEnd()}, X: x, Index: idx}
}

func (p *parser) parseSubscribed() Expr {
	start := p.tok().Pos
	var parts [3]Expr
	if !p.isOp(":") {
		x := p.parseExpression(true)
		if !p.isOp(":") {
			return x
		}
		parts[0] = x
	}
	p.next() // :
	if !p.isOp("]") && !p.isOp(",") && !p.isOp(":") && !p.atTagEnd() {
		parts[1] = p.parseExpression(true)
	}
	if p.acceptOp(":") && !p.isOp("]") && !p.isOp(",") && !p.atTagEnd() {
		parts[2] = p.parseExpression(true)
	}
	return &Slice{Span: Span{start, p.prevEnd()}, Lo: parts[0], Hi: parts[1], Step: parts[2]}
}

func (p *parser) parseCall(fn Expr) Expr {
	args := p.parseArgs()
	c := p.calls.alloc()
	*c = Call{Span: Span{fn.Pos(), p.prevEnd()}, Func: fn, Args: args}
	return c
}

// parseArgs parses a parenthesised argument list.
func (p *parser) parseArgs() Args {
	var a Args
	p.expectOp("(")
	first := true
	for !p.isOp(")") && !p.atTagEnd() && !p.failed {
		if !first {
			p.expectOp(",")
			if p.isOp(")") {
				break
			}
		}
		first = false
		switch {
		case p.isOp("*"):
			p.next()
			a.DynArgs = p.parseExpression(true)
		case p.isOp("**"):
			p.next()
			a.DynKwargs = p.parseExpression(true)
		case p.tok().Kind == TokName && p.peekAt(1).Kind == TokOperator && p.peekAt(1).Val == "=":
			name := p.next().Val
			p.next()
			a.Kwargs = append(a.Kwargs, Keyword{Name: name, Value: p.parseExpression(true)})
		default:
			a.Args = append(a.Args, p.parseExpression(true))
		}
	}
	p.expectOp(")")
	return a
}

func (p *parser) parseFilterExpr(x Expr) Expr {
	for n := 1; !p.failed && p.chainOK(n); n++ {
		switch {
		case p.isOp("|"):
			p.next()
			x = p.parseFilterChain(x, x.Pos())
		case p.isName("is"):
			x = p.parseTest(x)
		case p.isOp("("):
			x = p.parseCall(x)
		default:
			return x
		}
	}
	return x
}

// parseFilterChain parses name[(args)] [| name[(args)]]... after a '|'
// (or at the start of a filter block) applied to x (nil for blocks).
func (p *parser) parseFilterChain(x Expr, start Pos) *Filter {
	var f *Filter
	for n := 1; !p.failed && p.chainOK(n); n++ {
		name, _ := p.expectName()
		for p.isOp(".") && p.peekAt(1).Kind == TokName {
			p.next()
			name += "." + p.next().Val
		}
		f = p.filters.alloc()
		*f = Filter{X: x, Name: name}
		if p.isOp("(") {
			f.Args = p.parseArgs()
		}
		f.Span = Span{start, p.prevEnd()}
		x = f
		if !p.isOp("|") {
			break
		}
		p.next()
	}
	if f == nil {
		f = &Filter{Span: Span{start, p.prevEnd()}, X: x}
	}
	return f
}

func (p *parser) parseTest(x Expr) Expr {
	p.next() // is
	t := &Test{X: x, Negate: p.acceptName("not")}
	t.Name, _ = p.expectName()
	for p.isOp(".") && p.peekAt(1).Kind == TokName {
		p.next()
		t.Name += "." + p.next().Val
	}
	switch tok := p.tok(); {
	case p.isOp("("):
		t.Args = p.parseArgs()
	case (tok.Kind == TokName || tok.Kind == TokString || tok.Kind == TokInt || tok.Kind == TokFloat ||
		tok.Kind == TokOperator && (tok.Val == "(" || tok.Val == "[" || tok.Val == "{")) &&
		!(p.isName("else") || p.isName("or") || p.isName("and")):
		if p.isName("is") {
			p.errorf(tok.Pos, "cannot chain tests with 'is'")
			break
		}
		arg := p.parsePostfix(p.parsePrimary())
		t.Args.Args = []Expr{arg}
	}
	t.Span = Span{x.Pos(), p.prevEnd()}
	return t
}
