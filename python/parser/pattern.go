package parser

import (
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/python/scanner"
	"github.com/flasksec/flasksec/python/token"
)

// tryMatchStmt parses a match statement when the statement starting with
// the soft keyword "match" is one ("match" subject ':' NEWLINE INDENT);
// otherwise it returns nil with the parser unmoved, and the statement is
// an ordinary one (match is then a name).
func (p *parser) tryMatchStmt() ast.Stmt {
	switch p.peek(1).tok {
	case token.NEWLINE, token.EQUAL, token.DOT, token.COLON, token.SEMI, token.COMMA,
		token.RPAR, token.EOF, token.IN, token.IS, token.AND, token.OR, token.IF:
		return nil
	}
	if _, ok := augAssignOps[p.peek(1).tok]; ok {
		return nil
	}
	start := p.pos
	m := p.mark()
	ebase := len(p.exprStack)
	var subject ast.Expr
	ok := false
	func() {
		p.speculating++
		defer func() { p.speculating-- }()
		defer p.recoverBailout()
		p.next()
		subject = p.parseSubject()
		if p.tok == token.COLON && p.peek(1).tok == token.NEWLINE && p.peek(2).tok == token.INDENT {
			ok = true
		}
	}()
	p.release()
	if !ok {
		p.reset(m)
		clear(p.exprStack[ebase:])
		p.exprStack = p.exprStack[:ebase]
		return nil
	}
	p.next() // ':'
	p.next() // NEWLINE
	p.next() // INDENT
	p.enter()
	defer p.leave()
	s := &ast.Match{Subject: subject}
	for p.isName("case") {
		s.Cases = append(s.Cases, p.parseCase())
	}
	if len(s.Cases) == 0 {
		p.error(p.pos, "expected 'case' block")
	}
	if p.tok != token.DEDENT && p.tok != token.EOF {
		p.syntaxError()
	}
	p.next()
	s.Range = ast.Range{Start: start, Stop: p.realEnd}
	return s
}

// parseSubject parses subject_expr: star_named_expression ','
// star_named_expressions? | named_expression.
func (p *parser) parseSubject() ast.Expr {
	start := p.pos
	x := p.parseStarNamedExpression()
	if p.tok != token.COMMA {
		if _, ok := x.(*ast.Starred); ok {
			p.syntaxError()
		}
		return x
	}
	elts := []ast.Expr{x}
	for p.got(token.COMMA) {
		if p.tok == token.COLON {
			break
		}
		elts = append(elts, p.parseStarNamedExpression())
	}
	return p.newTuple(ast.Tuple{Range: p.rng(start), Elts: elts, Ctx: ast.Load})
}

// parseCase parses "case" patterns [guard] ':' block.
func (p *parser) parseCase() *ast.MatchCase {
	line := p.pos.Line
	p.next()
	c := &ast.MatchCase{Pattern: p.parsePatterns()}
	if p.got(token.IF) {
		c.Guard = p.parseNamedExpression()
	}
	c.Body = p.parseBlock("'case' statement", line)
	return c
}

// parsePatterns parses open_sequence_pattern | pattern.
func (p *parser) parsePatterns() ast.Pattern {
	start := p.pos
	x := p.parseMaybeStarPattern()
	if p.tok != token.COMMA {
		if _, ok := x.(*ast.MatchStar); ok {
			p.error(x.Pos(), "invalid syntax")
		}
		return x
	}
	list := []ast.Pattern{x}
	for p.got(token.COMMA) {
		if p.tok == token.COLON || p.tok == token.IF {
			break
		}
		list = append(list, p.parseMaybeStarPattern())
	}
	return &ast.MatchSequence{Range: p.rng(start), Patterns: list}
}

// parseMaybeStarPattern parses star_pattern | pattern.
func (p *parser) parseMaybeStarPattern() ast.Pattern {
	if p.tok != token.STAR {
		return p.parsePattern()
	}
	start := p.pos
	p.next()
	name := p.parseName()
	if name == "_" {
		name = ""
	}
	return &ast.MatchStar{Range: p.rng(start), Name: name}
}

// parsePattern parses as_pattern | or_pattern.
func (p *parser) parsePattern() ast.Pattern {
	start := p.pos
	x := p.parseOrPattern()
	if p.tok != token.AS {
		return x
	}
	p.next()
	if p.tok != token.NAME {
		p.error(p.pos, "invalid pattern target")
	}
	if p.lit == "_" {
		p.error(p.pos, "cannot use '_' as a target")
	}
	name := p.parseName()
	return &ast.MatchAs{Range: p.rng(start), Pattern: x, Name: name}
}

// parseOrPattern parses '|'.closed_pattern+.
func (p *parser) parseOrPattern() ast.Pattern {
	start := p.pos
	x := p.parseClosedPattern()
	if p.tok != token.VBAR {
		return x
	}
	list := []ast.Pattern{x}
	for p.got(token.VBAR) {
		list = append(list, p.parseClosedPattern())
	}
	return &ast.MatchOr{Range: p.rng(start), Patterns: list}
}

// parseClosedPattern parses the closed patterns: literal, capture,
// wildcard, value, group, sequence, mapping and class patterns.
func (p *parser) parseClosedPattern() ast.Pattern {
	p.enter()
	defer p.leave()
	start := p.pos
	switch p.tok {
	case token.NUMBER, token.MINUS, token.STRING, token.FSTRING_START:
		x := p.parseLiteralExpr()
		return &ast.MatchValue{Range: p.rng(start), Value: x}
	case token.NONE:
		p.next()
		return &ast.MatchSingleton{Range: p.rng(start), Value: ast.NoneValue{}}
	case token.TRUE:
		p.next()
		return &ast.MatchSingleton{Range: p.rng(start), Value: ast.BoolValue(true)}
	case token.FALSE:
		p.next()
		return &ast.MatchSingleton{Range: p.rng(start), Value: ast.BoolValue(false)}
	case token.NAME:
		if p.peek(1).tok != token.DOT && p.peek(1).tok != token.LPAR {
			name := scanner.NormalizeName(p.lit)
			p.next()
			if name == "_" {
				return &ast.MatchAs{Range: p.rng(start)}
			}
			return &ast.MatchAs{Range: p.rng(start), Name: name}
		}
		x := p.parseNameOrAttr()
		if p.tok == token.LPAR {
			return p.parseClassPattern(start, x)
		}
		return &ast.MatchValue{Range: p.rng(start), Value: x}
	case token.LPAR:
		p.next()
		if p.got(token.RPAR) {
			return &ast.MatchSequence{Range: p.rng(start), Patterns: []ast.Pattern{}}
		}
		x := p.parseMaybeStarPattern()
		if p.tok == token.RPAR {
			if _, ok := x.(*ast.MatchStar); ok {
				p.syntaxError()
			}
			p.next()
			return x
		}
		list := []ast.Pattern{x}
		if p.tok != token.COMMA {
			p.syntaxError()
		}
		for p.got(token.COMMA) {
			if p.tok == token.RPAR {
				break
			}
			list = append(list, p.parseMaybeStarPattern())
		}
		p.expectClosing(token.RPAR, start)
		return &ast.MatchSequence{Range: p.rng(start), Patterns: list}
	case token.LSQB:
		p.next()
		list := []ast.Pattern{}
		for p.tok != token.RSQB {
			list = append(list, p.parseMaybeStarPattern())
			if !p.got(token.COMMA) {
				break
			}
		}
		p.expectClosing(token.RSQB, start)
		return &ast.MatchSequence{Range: p.rng(start), Patterns: list}
	case token.LBRACE:
		return p.parseMappingPattern()
	}
	p.syntaxError()
	return nil
}

// parseNameOrAttr parses NAME ('.' NAME)* as a Name or Attribute chain.
func (p *parser) parseNameOrAttr() ast.Expr {
	start := p.pos
	var x ast.Expr = p.newName(ast.Name{ID: p.parseName(), Ctx: ast.Load})
	x.(*ast.Name).Range = p.rng(start)
	for p.got(token.DOT) {
		attr := p.parseName()
		x = p.newAttribute(ast.Attribute{Range: p.rng(start), Value: x, Attr: attr, Ctx: ast.Load})
	}
	return x
}

// parseLiteralExpr parses signed_number, complex_number or strings: the
// value of a literal pattern or a mapping key; None, True and False too.
func (p *parser) parseLiteralExpr() ast.Expr {
	start := p.pos
	switch p.tok {
	case token.STRING, token.FSTRING_START:
		// An f-string is accepted here by CPython's parser (the
		// compiler rejects it later), so it is by this one too.
		return p.parseStrings()
	case token.NONE:
		p.next()
		return p.newConstant(ast.Constant{Range: p.rng(start), Value: ast.NoneValue{}})
	case token.TRUE:
		p.next()
		return p.newConstant(ast.Constant{Range: p.rng(start), Value: ast.BoolValue(true)})
	case token.FALSE:
		p.next()
		return p.newConstant(ast.Constant{Range: p.rng(start), Value: ast.BoolValue(false)})
	}
	x := p.parseSignedNumber()
	if p.tok != token.PLUS && p.tok != token.MINUS {
		return x
	}
	if isImaginary(x) {
		p.error(x.Pos(), "real number required in complex literal")
	}
	op := ast.Add
	if p.tok == token.MINUS {
		op = ast.Sub
	}
	p.next()
	if p.tok != token.NUMBER {
		p.syntaxError()
	}
	y := p.parseNumber()
	if !isImaginary(y) {
		p.error(y.Pos(), "imaginary number required in complex literal")
	}
	return p.newBinOp(ast.BinOp{Range: p.rng(start), Left: x, Op: op, Right: y})
}

func isImaginary(x ast.Expr) bool {
	if u, ok := x.(*ast.UnaryOp); ok {
		x = u.Operand
	}
	c, ok := x.(*ast.Constant)
	if !ok {
		return false
	}
	_, ok = c.Value.(ast.ComplexValue)
	return ok
}

// parseSignedNumber parses NUMBER | '-' NUMBER.
func (p *parser) parseSignedNumber() ast.Expr {
	start := p.pos
	if p.got(token.MINUS) {
		if p.tok != token.NUMBER {
			p.syntaxError()
		}
		x := p.parseNumber()
		return p.newUnaryOp(ast.UnaryOp{Range: p.rng(start), Op: ast.USub, Operand: x})
	}
	if p.tok != token.NUMBER {
		p.syntaxError()
	}
	return p.parseNumber()
}

// parseClassPattern parses the argument list of a class pattern.
func (p *parser) parseClassPattern(start token.Pos, cls ast.Expr) ast.Pattern {
	lpar := p.pos
	p.next()
	c := &ast.MatchClass{Cls: cls, Patterns: []ast.Pattern{}, KwdAttrs: []string{}, KwdPatterns: []ast.Pattern{}}
	for p.tok != token.RPAR {
		if p.tok == token.NAME && p.peek(1).tok == token.EQUAL {
			c.KwdAttrs = append(c.KwdAttrs, scanner.NormalizeName(p.lit))
			p.next()
			p.next()
			c.KwdPatterns = append(c.KwdPatterns, p.parsePattern())
		} else {
			x := p.parsePattern()
			if len(c.KwdAttrs) > 0 {
				p.error(x.Pos(), "positional patterns follow keyword patterns")
			}
			c.Patterns = append(c.Patterns, x)
		}
		if !p.got(token.COMMA) {
			break
		}
	}
	p.expectClosing(token.RPAR, lpar)
	c.Range = p.rng(start)
	return c
}

// parseMappingPattern parses '{' [items] ['**' NAME] '}'.
func (p *parser) parseMappingPattern() ast.Pattern {
	start := p.pos
	p.next()
	m := &ast.MatchMapping{Keys: []ast.Expr{}, Patterns: []ast.Pattern{}}
	for p.tok != token.RBRACE {
		if p.got(token.DOUBLESTAR) {
			m.Rest = p.parseName()
			p.got(token.COMMA)
			break
		}
		var key ast.Expr
		if p.tok == token.NAME {
			key = p.parseNameOrAttr()
			if _, ok := key.(*ast.Attribute); !ok {
				p.error(key.Pos(), "invalid syntax")
			}
		} else {
			key = p.parseLiteralExpr()
		}
		p.expectColon()
		m.Keys = append(m.Keys, key)
		m.Patterns = append(m.Patterns, p.parsePattern())
		if !p.got(token.COMMA) {
			break
		}
	}
	p.expectClosing(token.RBRACE, start)
	m.Range = p.rng(start)
	return m
}
