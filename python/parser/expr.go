package parser

import (
	"fmt"

	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/python/scanner"
	"github.com/flasksec/flasksec/python/token"
)

// parseStarExpressions parses star_expression (',' star_expression)* [','];
// more than one element (or a trailing comma) gives a Tuple.
func (p *parser) parseStarExpressions() ast.Expr {
	start := p.pos
	x := p.parseStarExpression()
	if p.tok != token.COMMA {
		return x
	}
	base := len(p.exprStack)
	p.exprStack = append(p.exprStack, x)
	for p.tok == token.COMMA {
		p.next()
		if !p.startsExpr() {
			break
		}
		e := p.parseStarExpression()
		p.exprStack = append(p.exprStack, e)
	}
	t := p.newTuple(ast.Tuple{Range: p.rng(start), Elts: p.popExprs(base), Ctx: ast.Load})
	p.lastBareTuple = t
	return t
}

// startsExpr reports whether the current token can start an expression.
func (p *parser) startsExpr() bool {
	switch p.tok {
	case token.NAME, token.NUMBER, token.STRING, token.FSTRING_START,
		token.LPAR, token.LSQB, token.LBRACE, token.MINUS, token.PLUS, token.TILDE,
		token.STAR, token.ELLIPSIS, token.NONE, token.TRUE, token.FALSE,
		token.NOT, token.LAMBDA, token.AWAIT, token.DOUBLESTAR:
		return true
	}
	return false
}

// parseStarExpression parses '*' bitwise_or | expression.
func (p *parser) parseStarExpression() ast.Expr {
	if p.tok == token.STAR {
		start := p.pos
		p.next()
		x := p.parseBitOr()
		return p.newStarred(ast.Starred{Range: p.rng(start), Value: x, Ctx: ast.Load})
	}
	return p.parseExpression()
}

// parseStarNamedExpression parses '*' bitwise_or | named_expression.
func (p *parser) parseStarNamedExpression() ast.Expr {
	if p.tok == token.STAR {
		start := p.pos
		p.next()
		x := p.parseBitOr()
		return p.newStarred(ast.Starred{Range: p.rng(start), Value: x, Ctx: ast.Load})
	}
	return p.parseNamedExpression()
}

// parseNamedExpression parses NAME ':=' expression | expression !':='.
func (p *parser) parseNamedExpression() ast.Expr {
	start := p.pos
	x := p.parseExpression()
	if p.tok == token.COLONEQUAL {
		name, ok := x.(*ast.Name)
		if !ok || name.Start != start {
			p.error(x.Pos(), fmt.Sprintf("cannot use assignment expressions with %s", exprName(x)))
		}
		p.next()
		name.Ctx = ast.Store
		value := p.parseExpression()
		return &ast.NamedExpr{Range: p.rng(start), Target: name, Value: value}
	}
	return x
}

// parseExpression parses disjunction 'if' disjunction 'else' expression |
// disjunction | lambdef.
func (p *parser) parseExpression() ast.Expr {
	if p.tok == token.LAMBDA {
		return p.parseLambda()
	}
	start := p.pos
	x := p.parseDisjunction()
	if p.tok != token.IF {
		return x
	}
	p.next()
	test := p.parseDisjunction()
	if p.tok != token.ELSE {
		p.errorExpected("'else' after 'if' expression")
	}
	p.next()
	p.enter()
	orelse := p.parseExpression()
	p.leave()
	return &ast.IfExp{Range: p.rng(start), Test: test, Body: x, Orelse: orelse}
}

// parseLambda parses 'lambda' [lambda_params] ':' expression.
func (p *parser) parseLambda() ast.Expr {
	start := p.pos
	p.next()
	p.enter()
	args := p.parseParams(token.COLON, true)
	p.expect(token.COLON)
	body := p.parseExpression()
	p.leave()
	return &ast.Lambda{Range: p.rng(start), Args: args, Body: body}
}

// parseYieldExpr parses 'yield' 'from' expression | 'yield' [star_expressions].
func (p *parser) parseYieldExpr() ast.Expr {
	start := p.pos
	p.next()
	if p.got(token.FROM) {
		x := p.parseExpression()
		return &ast.YieldFrom{Range: p.rng(start), Value: x}
	}
	var x ast.Expr
	if p.startsExpr() && p.tok != token.DOUBLESTAR {
		x = p.parseStarExpressions()
	}
	return &ast.Yield{Range: p.rng(start), Value: x}
}

// parseDisjunction parses conjunction ('or' conjunction)*.
func (p *parser) parseDisjunction() ast.Expr {
	start := p.pos
	x := p.parseConjunction()
	if p.tok != token.OR {
		return x
	}
	values := []ast.Expr{x}
	for p.got(token.OR) {
		values = append(values, p.parseConjunction())
	}
	return p.newBoolOp(ast.BoolOp{Range: p.rng(start), Op: ast.Or, Values: values})
}

// parseConjunction parses inversion ('and' inversion)*.
func (p *parser) parseConjunction() ast.Expr {
	start := p.pos
	x := p.parseInversion()
	if p.tok != token.AND {
		return x
	}
	values := []ast.Expr{x}
	for p.got(token.AND) {
		values = append(values, p.parseInversion())
	}
	return p.newBoolOp(ast.BoolOp{Range: p.rng(start), Op: ast.And, Values: values})
}

// parseInversion parses 'not' inversion | comparison.
func (p *parser) parseInversion() ast.Expr {
	if p.tok != token.NOT {
		return p.parseComparison()
	}
	start := p.pos
	p.next()
	p.enter()
	x := p.parseInversion()
	p.leave()
	return p.newUnaryOp(ast.UnaryOp{Range: p.rng(start), Op: ast.Not, Operand: x})
}

// parseComparison parses bitwise_or (compare_op bitwise_or)*.
func (p *parser) parseComparison() ast.Expr {
	start := p.pos
	x := p.parseBitOr()
	var ops []ast.CmpOp
	var comps []ast.Expr
	for {
		var op ast.CmpOp
		switch p.tok {
		case token.EQEQUAL:
			op = ast.Eq
		case token.NOTEQUAL:
			op = ast.NotEq
		case token.LESS:
			op = ast.Lt
		case token.LESSEQUAL:
			op = ast.LtE
		case token.GREATER:
			op = ast.Gt
		case token.GREATEREQUAL:
			op = ast.GtE
		case token.IN:
			op = ast.In
		case token.NOT:
			if p.peek(1).tok != token.IN {
				goto done
			}
			p.next()
			op = ast.NotIn
		case token.IS:
			op = ast.Is
			if p.peek(1).tok == token.NOT {
				p.next()
				op = ast.IsNot
			}
		default:
			goto done
		}
		p.next()
		ops = append(ops, op)
		comps = append(comps, p.parseBitOr())
	}
done:
	if ops == nil {
		return x
	}
	return p.newCompare(ast.Compare{Range: p.rng(start), Left: x, Ops: ops, Comparators: comps})
}

// binary operator precedences, from bitwise_or (1) to term (6).
func binaryOp(tok token.Token) (prec int, op ast.Operator) {
	switch tok {
	case token.VBAR:
		return 1, ast.BitOr
	case token.CIRCUMFLEX:
		return 2, ast.BitXor
	case token.AMPER:
		return 3, ast.BitAnd
	case token.LEFTSHIFT:
		return 4, ast.LShift
	case token.RIGHTSHIFT:
		return 4, ast.RShift
	case token.PLUS:
		return 5, ast.Add
	case token.MINUS:
		return 5, ast.Sub
	case token.STAR:
		return 6, ast.Mult
	case token.SLASH:
		return 6, ast.Div
	case token.DOUBLESLASH:
		return 6, ast.FloorDiv
	case token.PERCENT:
		return 6, ast.Mod
	case token.AT:
		return 6, ast.MatMult
	}
	return 0, 0
}

// parseBitOr parses bitwise_or and the binary levels below it down to
// term, by precedence climbing; operators are left-associative.
func (p *parser) parseBitOr() ast.Expr {
	return p.parseBinary(1)
}

func (p *parser) parseBinary(minPrec int) ast.Expr {
	start := p.pos
	x := p.parseFactor()
	for {
		prec, op := binaryOp(p.tok)
		if prec < minPrec || prec == 0 {
			return x
		}
		p.next()
		var y ast.Expr
		if prec == 6 {
			y = p.parseFactor()
		} else {
			y = p.parseBinary(prec + 1)
		}
		x = p.newBinOp(ast.BinOp{Range: p.rng(start), Left: x, Op: op, Right: y})
	}
}

// parseFactor parses ('+' | '-' | '~') factor | power.
func (p *parser) parseFactor() ast.Expr {
	var op ast.UnaryOperator
	switch p.tok {
	case token.PLUS:
		op = ast.UAdd
	case token.MINUS:
		op = ast.USub
	case token.TILDE:
		op = ast.Invert
	default:
		return p.parsePower()
	}
	start := p.pos
	p.next()
	p.enter()
	x := p.parseFactor()
	p.leave()
	return p.newUnaryOp(ast.UnaryOp{Range: p.rng(start), Op: op, Operand: x})
}

// parsePower parses await_primary ['**' factor].
func (p *parser) parsePower() ast.Expr {
	start := p.pos
	var x ast.Expr
	if p.tok == token.AWAIT {
		p.next()
		p.enter()
		v := p.parsePrimary()
		p.leave()
		x = &ast.Await{Range: p.rng(start), Value: v}
	} else {
		x = p.parsePrimary()
	}
	if p.tok != token.DOUBLESTAR {
		return x
	}
	p.next()
	p.enter()
	y := p.parseFactor()
	p.leave()
	return p.newBinOp(ast.BinOp{Range: p.rng(start), Left: x, Op: ast.Pow, Right: y})
}

// parsePrimary parses an atom followed by attribute references, calls and
// subscripts.
func (p *parser) parsePrimary() ast.Expr {
	start := p.pos
	x := p.parseAtom()
	for {
		switch p.tok {
		case token.DOT:
			p.next()
			name := p.parseName()
			x = p.newAttribute(ast.Attribute{Range: p.rng(start), Value: x, Attr: name, Ctx: ast.Load})
		case token.LPAR:
			lpar := p.pos
			p.next()
			args, kws := p.parseCallArgs(lpar, true)
			p.expect(token.RPAR)
			x = p.newCall(ast.Call{Range: p.rng(start), Func: x, Args: args, Keywords: kws})
		case token.LSQB:
			p.next()
			slice := p.parseSlices()
			p.expect(token.RSQB)
			x = p.newSubscript(ast.Subscript{Range: p.rng(start), Value: x, Slice: slice, Ctx: ast.Load})
		default:
			return x
		}
	}
}

// parseCallArgs parses the arguments of a call or a class definition, up
// to (not including) the ')'. lpar is the position of the '(' (a lone
// generator expression argument starts there; genexpOK tells whether one
// is allowed: not in class bases).
func (p *parser) parseCallArgs(lpar token.Pos, genexpOK bool) (args []ast.Expr, kws []*ast.Keyword) {
	base := len(p.exprStack)
	kws = []*ast.Keyword{}
	seenKw, seenDoubleStar := false, false
	for p.tok != token.RPAR {
		start := p.pos
		switch p.tok {
		case token.STAR:
			p.next()
			v := p.parseExpression()
			if seenDoubleStar {
				p.error(start, "iterable argument unpacking follows keyword argument unpacking")
			}
			p.exprStack = append(p.exprStack, p.newStarred(ast.Starred{Range: p.rng(start), Value: v, Ctx: ast.Load}))
		case token.DOUBLESTAR:
			p.next()
			v := p.parseExpression()
			kws = append(kws, p.newKeyword(ast.Keyword{Range: p.rng(start), Value: v}))
			seenDoubleStar = true
		default:
			x := p.parseNamedExpression()
			if p.tok == token.EQUAL {
				// NAME '=' expression: a keyword argument.
				name, ok := x.(*ast.Name)
				if !ok || name.Start != start {
					p.error(x.Pos(), "expression cannot contain assignment, perhaps you meant \"==\"?")
				}
				p.next()
				v := p.parseExpression()
				kws = append(kws, p.newKeyword(ast.Keyword{Range: p.rng(start), Arg: name.ID, Value: v}))
				seenKw = true
				break
			}
			if p.tok == token.FOR || p.tok == token.ASYNC {
				gens := p.parseComprehensions()
				if len(p.exprStack) > base || len(kws) > 0 || p.tok != token.RPAR || !genexpOK {
					p.error(x.Pos(), "Generator expression must be parenthesized")
				}
				// The generator expression spans the call's parentheses.
				ge := &ast.GeneratorExp{Range: ast.Range{Start: lpar, Stop: p.end}, Elt: x, Generators: gens}
				p.exprStack = append(p.exprStack, ge)
				return p.popExprs(base), kws
			}
			if seenDoubleStar {
				p.error(x.Pos(), "positional argument follows keyword argument unpacking")
			}
			if seenKw {
				p.error(x.Pos(), "positional argument follows keyword argument")
			}
			p.exprStack = append(p.exprStack, x)
		}
		if p.tok != token.RPAR {
			if p.tok != token.COMMA {
				switch p.tok {
				case token.FOR, token.ASYNC:
					p.error(start, "Generator expression must be parenthesized")
				case token.NAME, token.NUMBER, token.STRING, token.FSTRING_START:
					p.error(start, "invalid syntax. Perhaps you forgot a comma?")
				}
				p.syntaxError()
			}
			p.next()
		}
	}
	return p.popExprs(base), kws
}

// popExprs returns the expressions pushed on the expression stack since
// base, as a slice of its own, and drops them from the stack (lists are
// so allocated once, at their final size).
func (p *parser) popExprs(base int) []ast.Expr {
	list := make([]ast.Expr, len(p.exprStack)-base)
	copy(list, p.exprStack[base:])
	clear(p.exprStack[base:])
	p.exprStack = p.exprStack[:base]
	return list
}

// parseSlices parses slice !',' | ','.(slice | starred_expression)+ [','].
func (p *parser) parseSlices() ast.Expr {
	start := p.pos
	x := p.parseSliceItem()
	if p.tok != token.COMMA {
		if _, ok := x.(*ast.Starred); !ok {
			return x
		}
	}
	elts := []ast.Expr{x}
	for p.got(token.COMMA) {
		if p.tok == token.RSQB {
			break
		}
		elts = append(elts, p.parseSliceItem())
	}
	return p.newTuple(ast.Tuple{Range: p.rng(start), Elts: elts, Ctx: ast.Load})
}

// parseSliceItem parses slice | starred_expression, where slice is
// [expression] ':' [expression] [':' [expression]] | named_expression.
func (p *parser) parseSliceItem() ast.Expr {
	start := p.pos
	if p.tok == token.STAR {
		p.next()
		v := p.parseExpression()
		return p.newStarred(ast.Starred{Range: p.rng(start), Value: v, Ctx: ast.Load})
	}
	var lower ast.Expr
	if p.tok != token.COLON {
		lower = p.parseNamedExpression()
		if p.tok != token.COLON {
			return lower
		}
		if _, ok := lower.(*ast.NamedExpr); ok && lower.Pos() == start {
			p.syntaxError()
		}
	}
	p.next() // ':'
	s := &ast.Slice{Lower: lower}
	if p.tok != token.COLON && p.tok != token.COMMA && p.tok != token.RSQB {
		s.Upper = p.parseExpression()
	}
	if p.got(token.COLON) {
		if p.tok != token.COMMA && p.tok != token.RSQB {
			s.Step = p.parseExpression()
		}
	}
	s.Range = p.rng(start)
	return s
}

// parseAtom parses an atom: a name, a constant, strings, or a bracketed
// display, comprehension, group or tuple.
func (p *parser) parseAtom() ast.Expr {
	start := p.pos
	switch p.tok {
	case token.NAME:
		name := scanner.NormalizeName(p.lit)
		p.next()
		return p.newName(ast.Name{Range: p.rng(start), ID: name, Ctx: ast.Load})
	case token.NUMBER:
		return p.parseNumber()
	case token.STRING, token.FSTRING_START:
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
	case token.ELLIPSIS:
		p.next()
		return p.newConstant(ast.Constant{Range: p.rng(start), Value: ast.EllipsisValue{}})
	case token.LPAR:
		p.enter()
		x := p.parseParen()
		p.leave()
		return x
	case token.LSQB:
		p.enter()
		x := p.parseListDisplay()
		p.leave()
		return x
	case token.LBRACE:
		p.enter()
		x := p.parseBraceDisplay()
		p.leave()
		return x
	}
	p.syntaxError()
	return nil
}

// parseParen parses tuple | group | genexp.
func (p *parser) parseParen() ast.Expr {
	start := p.pos
	p.next()
	switch p.tok {
	case token.RPAR:
		p.next()
		return p.newTuple(ast.Tuple{Range: p.rng(start), Elts: []ast.Expr{}, Ctx: ast.Load})
	case token.YIELD:
		x := p.parseYieldExpr()
		p.expectClosing(token.RPAR, start)
		return x
	}
	x := p.parseStarNamedExpression()
	switch p.tok {
	case token.RPAR:
		if st, ok := x.(*ast.Starred); ok {
			p.error(st.Pos(), "cannot use starred expression here")
		}
		p.next()
		return x
	case token.FOR, token.ASYNC:
		if _, ok := x.(*ast.Starred); ok {
			p.error(x.Pos(), "iterable unpacking cannot be used in comprehension")
		}
		gens := p.parseComprehensions()
		p.expectClosing(token.RPAR, start)
		return &ast.GeneratorExp{Range: p.rng(start), Elt: x, Generators: gens}
	case token.COMMA:
		elts := []ast.Expr{x}
		for p.got(token.COMMA) {
			if p.tok == token.RPAR {
				break
			}
			elts = append(elts, p.parseStarNamedExpression())
		}
		p.expectClosing(token.RPAR, start)
		return p.newTuple(ast.Tuple{Range: p.rng(start), Elts: elts, Ctx: ast.Load})
	}
	p.expectClosing(token.RPAR, start)
	return nil
}

// expectClosing consumes the closing bracket of a bracket opened at open.
func (p *parser) expectClosing(tok token.Token, open token.Pos) {
	if p.tok == tok {
		p.next()
		return
	}
	switch p.tok {
	case token.RPAR, token.RSQB, token.RBRACE:
		p.error(p.pos, fmt.Sprintf("closing parenthesis '%s' does not match opening parenthesis '%s'", p.tok, openerOf(tok)))
	case token.EOF, token.NEWLINE:
		p.error(open, fmt.Sprintf("'%s' was never closed", openerOf(tok)))
	}
	if p.tok == token.NAME || p.tok == token.NUMBER || p.tok == token.STRING {
		p.error(p.pos, "invalid syntax. Perhaps you forgot a comma?")
	}
	p.syntaxError()
}

func openerOf(closer token.Token) string {
	switch closer {
	case token.RPAR:
		return "("
	case token.RSQB:
		return "["
	}
	return "{"
}

// parseListDisplay parses list | listcomp.
func (p *parser) parseListDisplay() ast.Expr {
	start := p.pos
	p.next()
	if p.tok == token.RSQB {
		p.next()
		return p.newList(ast.List{Range: p.rng(start), Elts: []ast.Expr{}, Ctx: ast.Load})
	}
	x := p.parseStarNamedExpression()
	if p.tok == token.FOR || p.tok == token.ASYNC {
		if _, ok := x.(*ast.Starred); ok {
			p.error(x.Pos(), "iterable unpacking cannot be used in comprehension")
		}
		gens := p.parseComprehensions()
		p.expectClosing(token.RSQB, start)
		return &ast.ListComp{Range: p.rng(start), Elt: x, Generators: gens}
	}
	elts := []ast.Expr{x}
	for p.got(token.COMMA) {
		if p.tok == token.RSQB {
			break
		}
		elts = append(elts, p.parseStarNamedExpression())
	}
	p.expectClosing(token.RSQB, start)
	return p.newList(ast.List{Range: p.rng(start), Elts: elts, Ctx: ast.Load})
}

// parseBraceDisplay parses dict | set | dictcomp | setcomp.
func (p *parser) parseBraceDisplay() ast.Expr {
	start := p.pos
	p.next()
	if p.tok == token.RBRACE {
		p.next()
		return p.newDict(ast.Dict{Range: p.rng(start), Keys: []ast.Expr{}, Values: []ast.Expr{}})
	}
	var first ast.Expr
	if p.tok == token.DOUBLESTAR {
		return p.parseDictRest(start, nil, nil)
	}
	kstart := p.pos
	first = p.parseStarNamedExpression()
	if p.tok == token.COLON {
		if _, ok := first.(*ast.Starred); ok {
			p.error(first.Pos(), "cannot use a starred expression in a dictionary key")
		}
		if _, ok := first.(*ast.NamedExpr); ok && first.Pos() == kstart {
			p.syntaxError()
		}
		p.next()
		value := p.parseExpression()
		if p.tok == token.FOR || p.tok == token.ASYNC {
			gens := p.parseComprehensions()
			p.expectClosing(token.RBRACE, start)
			return &ast.DictComp{Range: p.rng(start), Key: first, Value: value, Generators: gens}
		}
		return p.parseDictRest(start, first, value)
	}
	if p.tok == token.FOR || p.tok == token.ASYNC {
		if _, ok := first.(*ast.Starred); ok {
			p.error(first.Pos(), "iterable unpacking cannot be used in comprehension")
		}
		gens := p.parseComprehensions()
		p.expectClosing(token.RBRACE, start)
		return &ast.SetComp{Range: p.rng(start), Elt: first, Generators: gens}
	}
	elts := []ast.Expr{first}
	for p.got(token.COMMA) {
		if p.tok == token.RBRACE {
			break
		}
		elts = append(elts, p.parseStarNamedExpression())
	}
	p.expectClosing(token.RBRACE, start)
	return &ast.Set{Range: p.rng(start), Elts: elts}
}

// parseDictRest parses the rest of a dict display, after the first
// key/value pair when key or value is not nil.
func (p *parser) parseDictRest(start token.Pos, key, value ast.Expr) ast.Expr {
	keys := []ast.Expr{}
	values := []ast.Expr{}
	if value != nil {
		keys = append(keys, key)
		values = append(values, value)
		if !p.got(token.COMMA) {
			p.expectClosing(token.RBRACE, start)
			return p.newDict(ast.Dict{Range: p.rng(start), Keys: keys, Values: values})
		}
	}
	for p.tok != token.RBRACE {
		if p.got(token.DOUBLESTAR) {
			keys = append(keys, nil)
			values = append(values, p.parseBitOr())
		} else {
			k := p.parseExpression()
			p.expectColon()
			keys = append(keys, k)
			values = append(values, p.parseExpression())
		}
		if !p.got(token.COMMA) {
			break
		}
	}
	p.expectClosing(token.RBRACE, start)
	return p.newDict(ast.Dict{Range: p.rng(start), Keys: keys, Values: values})
}

// parseComprehensions parses for_if_clauses.
func (p *parser) parseComprehensions() []*ast.Comprehension {
	var gens []*ast.Comprehension
	for p.tok == token.FOR || p.tok == token.ASYNC {
		c := &ast.Comprehension{}
		if p.got(token.ASYNC) {
			c.IsAsync = 1
			if p.tok != token.FOR {
				p.syntaxError()
			}
		}
		p.next()
		c.Target = p.parseStarTargets()
		p.expect(token.IN)
		c.Iter = p.parseDisjunction()
		c.Ifs = []ast.Expr{}
		for p.got(token.IF) {
			c.Ifs = append(c.Ifs, p.parseDisjunction())
		}
		gens = append(gens, c)
	}
	return gens
}

// parseStarTargets parses star_target (',' star_target)* [','] with Store
// context; several targets give a Tuple.
func (p *parser) parseStarTargets() ast.Expr {
	start := p.pos
	x := p.parseStarTarget()
	if p.tok != token.COMMA {
		return x
	}
	elts := []ast.Expr{x}
	for p.got(token.COMMA) {
		if p.tok == token.IN || p.tok == token.EQUAL || !p.startsExpr() {
			break
		}
		elts = append(elts, p.parseStarTarget())
	}
	return p.newTuple(ast.Tuple{Range: p.rng(start), Elts: elts, Ctx: ast.Store})
}

// parseStarTarget parses '*' star_target | target_with_star_atom.
func (p *parser) parseStarTarget() ast.Expr {
	var x ast.Expr
	if p.tok == token.STAR {
		start := p.pos
		p.next()
		if p.tok == token.STAR {
			p.syntaxError()
		}
		v := p.parseStarTarget()
		x = p.newStarred(ast.Starred{Range: p.rng(start), Value: v, Ctx: ast.Load})
	} else {
		x = p.parsePrimary()
	}
	p.setCtx(x, ast.Store)
	return x
}

// setAssignTarget checks an assignment target and sets its context.
func (p *parser) setAssignTarget(x ast.Expr) {
	if bad := checkTarget(x, ast.Store); bad != nil {
		name := exprName(bad)
		switch name {
		case "None", "True", "False", "__debug__", "starred":
			p.error(bad.Pos(), "cannot assign to "+name)
		}
		p.error(bad.Pos(), fmt.Sprintf("cannot assign to %s here. Maybe you meant '==' instead of '='?", name))
	}
	setCtx(x, ast.Store)
}

// setCtx checks a Store or Del target and sets its context, failing with
// CPython's message when x cannot be a target.
func (p *parser) setCtx(x ast.Expr, ctx ast.ExprContext) {
	if bad := checkTarget(x, ctx); bad != nil {
		if ctx == ast.Del {
			p.error(bad.Pos(), "cannot delete "+exprName(bad))
		}
		p.error(bad.Pos(), "cannot assign to "+exprName(bad))
	}
	setCtx(x, ctx)
}

// checkTarget returns the first sub-expression of x that cannot be a
// target in ctx, or nil.
func checkTarget(x ast.Expr, ctx ast.ExprContext) ast.Expr {
	switch t := x.(type) {
	case *ast.Name, *ast.Attribute, *ast.Subscript:
		return nil
	case *ast.Starred:
		if ctx == ast.Del {
			return x
		}
		if _, ok := t.Value.(*ast.Starred); ok {
			return t.Value
		}
		return checkTarget(t.Value, ctx)
	case *ast.Tuple:
		for _, e := range t.Elts {
			if bad := checkTarget(e, ctx); bad != nil {
				return bad
			}
		}
		return nil
	case *ast.List:
		for _, e := range t.Elts {
			if bad := checkTarget(e, ctx); bad != nil {
				return bad
			}
		}
		return nil
	}
	return x
}

func setCtx(x ast.Expr, ctx ast.ExprContext) {
	switch t := x.(type) {
	case *ast.Name:
		t.Ctx = ctx
	case *ast.Attribute:
		t.Ctx = ctx
	case *ast.Subscript:
		t.Ctx = ctx
	case *ast.Starred:
		t.Ctx = ctx
		setCtx(t.Value, ctx)
	case *ast.Tuple:
		t.Ctx = ctx
		for _, e := range t.Elts {
			setCtx(e, ctx)
		}
	case *ast.List:
		t.Ctx = ctx
		for _, e := range t.Elts {
			setCtx(e, ctx)
		}
	}
}

// exprName is CPython's name of an expression kind in error messages.
func exprName(x ast.Expr) string {
	switch t := x.(type) {
	case *ast.Attribute:
		return "attribute"
	case *ast.Subscript:
		return "subscript"
	case *ast.Starred:
		return "starred"
	case *ast.Name:
		return "name"
	case *ast.List:
		return "list"
	case *ast.Tuple:
		return "tuple"
	case *ast.Lambda:
		return "lambda"
	case *ast.Call:
		return "function call"
	case *ast.BoolOp, *ast.BinOp, *ast.UnaryOp:
		return "expression"
	case *ast.GeneratorExp:
		return "generator expression"
	case *ast.Yield, *ast.YieldFrom:
		return "yield expression"
	case *ast.Await:
		return "await expression"
	case *ast.ListComp:
		return "list comprehension"
	case *ast.SetComp:
		return "set comprehension"
	case *ast.DictComp:
		return "dict comprehension"
	case *ast.Dict:
		return "dict literal"
	case *ast.Set:
		return "set display"
	case *ast.JoinedStr, *ast.FormattedValue:
		return "f-string expression"
	case *ast.Compare:
		return "comparison"
	case *ast.IfExp:
		return "conditional expression"
	case *ast.NamedExpr:
		return "named expression"
	case *ast.Slice:
		return "slice"
	case *ast.Constant:
		switch v := t.Value.(type) {
		case ast.NoneValue:
			return "None"
		case ast.BoolValue:
			if v {
				return "True"
			}
			return "False"
		case ast.EllipsisValue:
			return "ellipsis"
		}
		return "literal"
	}
	return "expression"
}
