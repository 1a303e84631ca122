package parser

import (
	"fmt"
	"strings"

	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/python/token"
)

// parseModule parses file: [statements] ENDMARKER.
func (p *parser) parseModule() *ast.Module {
	mod := &ast.Module{}
	for p.tok != token.EOF {
		before := p.pos
		base, t0 := len(p.stmtStack), p.ntok
		p.parseStatementRecover()
		if p.mayBeTooDeep(t0) {
			p.checkTreeDepth(base)
		}
		if p.tok == token.DEDENT || (p.pos == before && p.tok != token.EOF) {
			// A stray dedent (reported by the scanner) or no progress.
			p.next()
		}
	}
	mod.Body = p.popStmts(0)
	mod.Comments = p.comments
	return mod
}

// popStmts returns the statements pushed on the statement stack since
// base, as a slice of its own, and drops them from the stack. Statements
// are collected on this shared stack so that each block's list is
// allocated once, at its final size.
func (p *parser) popStmts(base int) []ast.Stmt {
	list := make([]ast.Stmt, len(p.stmtStack)-base)
	copy(list, p.stmtStack[base:])
	clear(p.stmtStack[base:])
	p.stmtStack = p.stmtStack[:base]
	return list
}

// parseStatementRecover parses one statement onto the statement stack;
// on a syntax error it drops the statement's line, skips to the next
// statement at the same indentation, and returns.
func (p *parser) parseStatementRecover() {
	depth := p.depth
	base := len(p.stmtStack)
	ebase := len(p.exprStack)
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(bailout); !ok {
				panic(r)
			}
			p.depth = depth
			clear(p.stmtStack[base:])
			p.stmtStack = p.stmtStack[:base]
			clear(p.exprStack[ebase:])
			p.exprStack = p.exprStack[:ebase]
			p.syncStatement()
		}
	}()
	p.parseStatement()
}

// syncStatement skips the rest of a broken statement: up to and including
// its NEWLINE, and the indented block that follows it, if any.
func (p *parser) syncStatement() {
	for p.tok != token.NEWLINE && p.tok != token.EOF && p.tok != token.INDENT && p.tok != token.DEDENT {
		p.next()
	}
	if p.tok == token.NEWLINE {
		p.next()
	}
	if p.tok == token.INDENT {
		level := 0
		for p.tok != token.EOF {
			switch p.tok {
			case token.INDENT:
				level++
			case token.DEDENT:
				level--
			}
			p.next()
			if level == 0 {
				break
			}
		}
	}
}

// parseStatement parses statement: compound_stmt | simple_stmts, onto
// the statement stack.
func (p *parser) parseStatement() {
	switch p.tok {
	case token.DEF, token.IF, token.CLASS, token.WITH, token.FOR, token.TRY, token.WHILE, token.AT, token.ASYNC:
		s := p.parseCompound()
		p.stmtStack = append(p.stmtStack, s)
		return
	case token.NAME:
		if p.lit == "match" {
			if s := p.tryMatchStmt(); s != nil {
				p.stmtStack = append(p.stmtStack, s)
				return
			}
		}
	case token.INDENT:
		p.error(p.pos, "unexpected indent")
	}
	p.parseSimpleStmts()
}

// parseSimpleStmts parses simple_stmt (';' simple_stmt)* [';'] NEWLINE
// onto the statement stack.
func (p *parser) parseSimpleStmts() {
	for {
		s := p.parseSimpleStmt()
		p.stmtStack = append(p.stmtStack, s)
		if p.tok == token.NEWLINE {
			p.next()
			return
		}
		if p.tok != token.SEMI {
			p.syntaxError()
		}
		p.next()
		if p.tok == token.NEWLINE {
			p.next()
			return
		}
		if p.tok == token.EOF {
			return
		}
	}
}

// parseSimpleStmt parses one simple statement.
func (p *parser) parseSimpleStmt() ast.Stmt {
	start := p.pos
	switch p.tok {
	case token.PASS:
		p.next()
		return &ast.Pass{Range: p.rng(start)}
	case token.BREAK:
		p.next()
		return &ast.Break{Range: p.rng(start)}
	case token.CONTINUE:
		p.next()
		return &ast.Continue{Range: p.rng(start)}
	case token.RETURN:
		p.next()
		var x ast.Expr
		if !p.atStmtEnd() {
			x = p.parseStarExpressions()
		}
		return p.newReturn(ast.Return{Range: p.rng(start), Value: x})
	case token.RAISE:
		p.next()
		s := &ast.Raise{}
		if !p.atStmtEnd() {
			s.Exc = p.parseExpression()
			if p.got(token.FROM) {
				s.Cause = p.parseExpression()
			}
		}
		s.Range = p.rng(start)
		return s
	case token.GLOBAL, token.NONLOCAL:
		tok := p.tok
		p.next()
		var names []string
		for {
			names = append(names, p.parseName())
			if !p.got(token.COMMA) {
				break
			}
		}
		if tok == token.GLOBAL {
			return &ast.Global{Range: p.rng(start), Names: names}
		}
		return &ast.Nonlocal{Range: p.rng(start), Names: names}
	case token.DEL:
		return p.parseDel()
	case token.ASSERT:
		p.next()
		s := &ast.Assert{Test: p.parseExpression()}
		if p.got(token.COMMA) {
			s.Msg = p.parseExpression()
		}
		s.Range = p.rng(start)
		return s
	case token.IMPORT:
		return p.parseImport()
	case token.FROM:
		return p.parseImportFrom()
	case token.NAME:
		if p.lit == "type" {
			if t := p.peek(1); t.tok == token.NAME {
				if t2 := p.peek(2); t2.tok == token.EQUAL || t2.tok == token.LSQB {
					return p.parseTypeAlias()
				}
			}
		}
	}
	return p.parseExprStmt()
}

// atStmtEnd reports whether the current token ends a simple statement.
func (p *parser) atStmtEnd() bool {
	return p.tok == token.NEWLINE || p.tok == token.SEMI || p.tok == token.EOF
}

// parseDel parses 'del' del_targets &(';' | NEWLINE).
func (p *parser) parseDel() ast.Stmt {
	start := p.pos
	p.next()
	var targets []ast.Expr
	for {
		x := p.parseStarNamedExpressionNoStar()
		p.setCtx(x, ast.Del)
		targets = append(targets, x)
		if !p.got(token.COMMA) || p.atStmtEnd() {
			break
		}
	}
	if !p.atStmtEnd() {
		p.syntaxError()
	}
	return &ast.Delete{Range: p.rng(start), Targets: targets}
}

// parseStarNamedExpressionNoStar parses an element of a del target list.
func (p *parser) parseStarNamedExpressionNoStar() ast.Expr {
	if p.tok == token.STAR {
		p.error(p.pos, "cannot delete starred")
	}
	return p.parseBitOr()
}

// parseDottedName parses NAME ('.' NAME)*.
func (p *parser) parseDottedName() string {
	name := p.parseName()
	if p.tok != token.DOT {
		return name
	}
	var sb strings.Builder
	sb.WriteString(name)
	for p.got(token.DOT) {
		sb.WriteByte('.')
		sb.WriteString(p.parseName())
	}
	return sb.String()
}

// parseImport parses 'import' dotted_as_names.
func (p *parser) parseImport() ast.Stmt {
	start := p.pos
	p.next()
	var names []*ast.Alias
	for {
		astart := p.pos
		a := p.newAlias(ast.Alias{Name: p.parseDottedName()})
		if p.got(token.AS) {
			a.Asname = p.parseName()
		}
		a.Range = p.rng(astart)
		names = append(names, a)
		if !p.got(token.COMMA) {
			break
		}
	}
	return &ast.Import{Range: p.rng(start), Names: names}
}

// parseImportFrom parses 'from' ('.' | '...')* dotted_name 'import' targets.
func (p *parser) parseImportFrom() ast.Stmt {
	start := p.pos
	p.next()
	s := p.newImportFrom(ast.ImportFrom{})
	for {
		if p.tok == token.DOT {
			s.Level++
		} else if p.tok == token.ELLIPSIS {
			s.Level += 3
		} else {
			break
		}
		p.next()
	}
	if p.tok != token.IMPORT || s.Level == 0 {
		s.Module = p.parseDottedName()
	}
	p.expect(token.IMPORT)
	switch p.tok {
	case token.STAR:
		astart := p.pos
		p.next()
		s.Names = []*ast.Alias{{Range: p.rng(astart), Name: "*"}}
	case token.LPAR:
		p.next()
		s.Names = p.parseImportAsNames()
		if p.tok == token.COMMA {
			p.next()
		}
		p.expect(token.RPAR)
	default:
		s.Names = p.parseImportAsNames()
		if p.tok == token.COMMA {
			p.error(p.pos, "trailing comma not allowed without surrounding parentheses")
		}
	}
	s.Range = p.rng(start)
	return s
}

func (p *parser) parseImportAsNames() []*ast.Alias {
	var names []*ast.Alias
	for {
		astart := p.pos
		a := p.newAlias(ast.Alias{Name: p.parseName()})
		if p.got(token.AS) {
			a.Asname = p.parseName()
		}
		a.Range = p.rng(astart)
		names = append(names, a)
		if p.tok != token.COMMA || p.peek(1).tok != token.NAME {
			break
		}
		p.next()
	}
	return names
}

// parseTypeAlias parses "type" NAME [type_params] '=' expression.
func (p *parser) parseTypeAlias() ast.Stmt {
	start := p.pos
	p.next()
	nstart := p.pos
	name := p.newName(ast.Name{ID: p.parseName(), Ctx: ast.Store})
	name.Range = p.rng(nstart)
	s := &ast.TypeAlias{Name: name}
	if p.tok == token.LSQB {
		s.TypeParams = p.parseTypeParams()
	}
	p.expect(token.EQUAL)
	s.Value = p.parseExpression()
	s.Range = p.rng(start)
	return s
}

// parseExprStmt parses the assignment statements and expression
// statements: all start with an expression.
func (p *parser) parseExprStmt() ast.Stmt {
	start := p.pos
	var x ast.Expr
	if p.tok == token.YIELD {
		x = p.parseYieldExpr()
	} else {
		x = p.parseStarExpressions()
	}
	switch p.tok {
	case token.COLON:
		// Annotated assignment.
		simple := 0
		switch t := x.(type) {
		case *ast.Name:
			if t.Start == start {
				simple = 1
			}
		case *ast.Attribute, *ast.Subscript:
		case *ast.Tuple:
			p.error(x.Pos(), "only single target (not tuple) can be annotated")
		case *ast.List:
			p.error(x.Pos(), "only single target (not list) can be annotated")
		default:
			p.error(x.Pos(), "illegal target for annotation")
		}
		p.setCtx(x, ast.Store)
		p.next()
		s := &ast.AnnAssign{Target: x, Annotation: p.parseExpression(), Simple: simple}
		if p.got(token.EQUAL) {
			s.Value = p.parseAnnotatedRHS()
		}
		s.Range = p.rng(start)
		return s
	case token.EQUAL:
		targets := []ast.Expr{x}
		var value ast.Expr
		for p.tok == token.EQUAL {
			p.next()
			value = p.parseAnnotatedRHS()
			if p.tok == token.EQUAL {
				targets = append(targets, value)
			}
		}
		for _, t := range targets {
			p.setAssignTarget(t)
		}
		return p.newAssign(ast.Assign{Range: p.rng(start), Targets: targets, Value: value})
	}
	if op, ok := augAssignOps[p.tok]; ok {
		switch x.(type) {
		case *ast.Name, *ast.Attribute, *ast.Subscript:
		default:
			p.error(x.Pos(), fmt.Sprintf("'%s' is an illegal expression for augmented assignment", exprName(x)))
		}
		p.setCtx(x, ast.Store)
		p.next()
		value := p.parseAnnotatedRHS()
		return &ast.AugAssign{Range: p.rng(start), Target: x, Op: op, Value: value}
	}
	if !p.atStmtEnd() {
		if n, ok := x.(*ast.Name); ok && n.Start == start && (n.ID == "print" || n.ID == "exec") && p.startsExpr() {
			p.error(start, fmt.Sprintf("Missing parentheses in call to '%s'. Did you mean %s(...)?", n.ID, n.ID))
		}
		p.syntaxError()
	}
	return p.newExprStmt(ast.ExprStmt{Range: p.rng(start), Value: x})
}

// parseAnnotatedRHS parses yield_expr | star_expressions.
func (p *parser) parseAnnotatedRHS() ast.Expr {
	if p.tok == token.YIELD {
		return p.parseYieldExpr()
	}
	return p.parseStarExpressions()
}

var augAssignOps = map[token.Token]ast.Operator{
	token.PLUSEQUAL:        ast.Add,
	token.MINEQUAL:         ast.Sub,
	token.STAREQUAL:        ast.Mult,
	token.ATEQUAL:          ast.MatMult,
	token.SLASHEQUAL:       ast.Div,
	token.PERCENTEQUAL:     ast.Mod,
	token.AMPEREQUAL:       ast.BitAnd,
	token.VBAREQUAL:        ast.BitOr,
	token.CIRCUMFLEXEQUAL:  ast.BitXor,
	token.LEFTSHIFTEQUAL:   ast.LShift,
	token.RIGHTSHIFTEQUAL:  ast.RShift,
	token.DOUBLESTAREQUAL:  ast.Pow,
	token.DOUBLESLASHEQUAL: ast.FloorDiv,
}

// ---- compound statements

// parseCompound parses a compound statement.
func (p *parser) parseCompound() ast.Stmt {
	switch p.tok {
	case token.AT:
		return p.parseDecorated()
	case token.DEF:
		return p.parseFuncDef(nil, token.Pos{})
	case token.CLASS:
		return p.parseClassDef(nil)
	case token.IF:
		return p.parseIf()
	case token.WHILE:
		return p.parseWhile()
	case token.FOR:
		return p.parseFor(token.Pos{})
	case token.WITH:
		return p.parseWith(token.Pos{})
	case token.TRY:
		return p.parseTry()
	case token.ASYNC:
		start := p.pos
		p.next()
		switch p.tok {
		case token.DEF:
			return p.parseFuncDef(nil, start)
		case token.FOR:
			return p.parseFor(start)
		case token.WITH:
			return p.parseWith(start)
		}
		p.syntaxError()
	}
	p.syntaxError()
	return nil
}

// parseBlock parses ':' block, where block is NEWLINE INDENT statements
// DEDENT | simple_stmts. what names the statement for error messages.
func (p *parser) parseBlock(what string, line int32) []ast.Stmt {
	p.expectColon()
	return p.parseBlockBody(what, line)
}

func (p *parser) parseBlockBody(what string, line int32) []ast.Stmt {
	base := len(p.stmtStack)
	if p.tok != token.NEWLINE {
		p.parseSimpleStmts()
		return p.popStmts(base)
	}
	p.next()
	if p.tok != token.INDENT {
		p.error(p.pos, fmt.Sprintf("expected an indented block after %s on line %d", what, line))
	}
	p.next()
	p.enter()
	for p.tok != token.DEDENT && p.tok != token.EOF {
		before := p.pos
		base, t0 := len(p.stmtStack), p.ntok
		p.parseStatementRecover()
		if p.mayBeTooDeep(t0) {
			p.checkTreeDepth(base)
		}
		if p.pos == before && p.tok != token.DEDENT && p.tok != token.EOF {
			p.next() // no progress after an error: skip the token
		}
	}
	p.leave()
	p.got(token.DEDENT)
	return p.popStmts(base)
}

// parseDecorated parses decorators followed by a def or class.
func (p *parser) parseDecorated() ast.Stmt {
	var decos []ast.Expr
	for p.tok == token.AT {
		p.next()
		decos = append(decos, p.parseNamedExpression())
		p.expect(token.NEWLINE)
	}
	switch p.tok {
	case token.DEF:
		return p.parseFuncDef(decos, token.Pos{})
	case token.CLASS:
		return p.parseClassDef(decos)
	case token.ASYNC:
		start := p.pos
		p.next()
		if p.tok == token.DEF {
			return p.parseFuncDef(decos, start)
		}
	}
	p.syntaxError()
	return nil
}

// parseFuncDef parses 'def' NAME [type_params] '(' [params] ')' ['->'
// expression] ':' block. asyncPos is the position of 'async', if any.
func (p *parser) parseFuncDef(decos []ast.Expr, asyncPos token.Pos) ast.Stmt {
	start := p.pos
	if asyncPos.IsValid() {
		start = asyncPos
	}
	line := p.pos.Line
	p.next()
	name := p.parseName()
	var tparams []ast.TypeParam
	if p.tok == token.LSQB {
		tparams = p.parseTypeParams()
	}
	if p.tok != token.LPAR {
		p.errorExpected("'('")
	}
	p.next()
	args := p.parseParams(token.RPAR, false)
	p.expect(token.RPAR)
	var returns ast.Expr
	if p.got(token.RARROW) {
		returns = p.parseExpression()
	}
	body := p.parseBlock("function definition", line)
	if decos == nil {
		decos = []ast.Expr{}
	}
	rng := ast.Range{Start: start, Stop: p.realEnd}
	if asyncPos.IsValid() {
		return &ast.AsyncFunctionDef{Range: rng, Name: name, Args: args, Body: body, DecoratorList: decos, Returns: returns, TypeParams: tparams}
	}
	return &ast.FunctionDef{Range: rng, Name: name, Args: args, Body: body, DecoratorList: decos, Returns: returns, TypeParams: tparams}
}

// parseClassDef parses 'class' NAME [type_params] ['(' [arguments] ')'] ':' block.
func (p *parser) parseClassDef(decos []ast.Expr) ast.Stmt {
	start := p.pos
	p.next()
	s := &ast.ClassDef{Name: p.parseName(), DecoratorList: decos}
	if p.tok == token.LSQB {
		s.TypeParams = p.parseTypeParams()
	}
	if p.tok == token.LPAR {
		lpar := p.pos
		p.next()
		s.Bases, s.Keywords = p.parseCallArgs(lpar, false)
		p.expect(token.RPAR)
	}
	s.Body = p.parseBlock("class definition", start.Line)
	if s.DecoratorList == nil {
		s.DecoratorList = []ast.Expr{}
	}
	if s.Bases == nil {
		s.Bases = []ast.Expr{}
	}
	if s.Keywords == nil {
		s.Keywords = []*ast.Keyword{}
	}
	s.Range = ast.Range{Start: start, Stop: p.realEnd}
	return s
}

// parseIf parses 'if' named_expression ':' block [elif_stmt | else_block];
// it also parses elif, which becomes a nested If.
func (p *parser) parseIf() ast.Stmt {
	start := p.pos
	kw := "'if' statement"
	if p.tok == token.ELIF {
		kw = "'elif' statement"
	}
	p.next()
	s := p.newIf(ast.If{Test: p.parseNamedExpression()})
	s.Body = p.parseBlock(kw, start.Line)
	switch p.tok {
	case token.ELIF:
		s.Orelse = []ast.Stmt{p.parseIf()}
	case token.ELSE:
		s.Orelse = p.parseElse()
	default:
		s.Orelse = []ast.Stmt{}
	}
	s.Range = ast.Range{Start: start, Stop: p.realEnd}
	return s
}

func (p *parser) parseElse() []ast.Stmt {
	line := p.pos.Line
	p.next()
	return p.parseBlock("'else' statement", line)
}

func (p *parser) parseOptElse() []ast.Stmt {
	if p.tok == token.ELSE {
		return p.parseElse()
	}
	return []ast.Stmt{}
}

// parseWhile parses 'while' named_expression ':' block [else_block].
func (p *parser) parseWhile() ast.Stmt {
	start := p.pos
	p.next()
	s := &ast.While{Test: p.parseNamedExpression()}
	s.Body = p.parseBlock("'while' statement", start.Line)
	s.Orelse = p.parseOptElse()
	s.Range = ast.Range{Start: start, Stop: p.realEnd}
	return s
}

// parseFor parses [ASYNC] 'for' star_targets 'in' star_expressions ':'
// block [else_block].
func (p *parser) parseFor(asyncPos token.Pos) ast.Stmt {
	start := p.pos
	if asyncPos.IsValid() {
		start = asyncPos
	}
	line := p.pos.Line
	p.next()
	target := p.parseStarTargets()
	p.expect(token.IN)
	iter := p.parseStarExpressions()
	body := p.parseBlock("'for' statement", line)
	orelse := p.parseOptElse()
	rng := ast.Range{Start: start, Stop: p.realEnd}
	if asyncPos.IsValid() {
		return &ast.AsyncFor{Range: rng, Target: target, Iter: iter, Body: body, Orelse: orelse}
	}
	return &ast.For{Range: rng, Target: target, Iter: iter, Body: body, Orelse: orelse}
}

// parseWith parses [ASYNC] 'with' ( '(' with_items ')' | with_items ) ':' block.
func (p *parser) parseWith(asyncPos token.Pos) ast.Stmt {
	start := p.pos
	if asyncPos.IsValid() {
		start = asyncPos
	}
	line := p.pos.Line
	p.next()
	var items []*ast.WithItem
	if p.tok == token.LPAR {
		items = p.tryParenWithItems()
	}
	if items == nil {
		for {
			items = append(items, p.parseWithItem())
			if !p.got(token.COMMA) {
				break
			}
		}
	}
	body := p.parseBlock("'with' statement", line)
	rng := ast.Range{Start: start, Stop: p.realEnd}
	if asyncPos.IsValid() {
		return &ast.AsyncWith{Range: rng, Items: items, Body: body}
	}
	return &ast.With{Range: rng, Items: items, Body: body}
}

// tryParenWithItems tries '(' ','.with_item+ ','? ')' followed by ':'. It
// returns nil, with the parser back at '(', when that does not match.
func (p *parser) tryParenWithItems() (items []*ast.WithItem) {
	m := p.mark()
	defer p.release()
	ebase := len(p.exprStack)
	ok := false
	func() {
		p.speculating++
		defer func() { p.speculating-- }()
		defer p.recoverBailout()
		p.next()
		for {
			items = append(items, p.parseWithItem())
			if !p.got(token.COMMA) || p.tok == token.RPAR {
				break
			}
		}
		if p.tok == token.RPAR && p.peek(1).tok == token.COLON {
			p.next()
			ok = true
		}
	}()
	if !ok {
		p.reset(m)
		clear(p.exprStack[ebase:])
		p.exprStack = p.exprStack[:ebase]
		return nil
	}
	return items
}

// parseWithItem parses expression ['as' star_target].
func (p *parser) parseWithItem() *ast.WithItem {
	item := &ast.WithItem{ContextExpr: p.parseExpression()}
	if p.got(token.AS) {
		item.OptionalVars = p.parseStarTarget()
		switch p.tok {
		case token.COMMA, token.RPAR, token.COLON:
		default:
			p.syntaxError()
		}
	}
	return item
}

// parseTry parses the try statement, with except or except* clauses.
func (p *parser) parseTry() ast.Stmt {
	start := p.pos
	p.next()
	body := p.parseBlock("'try' statement", start.Line)
	var handlers []*ast.ExceptHandler
	star := false
	for p.tok == token.EXCEPT {
		hstart := p.pos
		p.next()
		isStar := false
		if p.tok == token.STAR {
			isStar = true
			p.next()
		}
		if len(handlers) > 0 && isStar != star {
			p.error(hstart, "cannot have both 'except' and 'except*' on the same 'try'")
		}
		star = isStar
		h := &ast.ExceptHandler{}
		if p.tok != token.COLON || isStar {
			h.Type = p.parseExpression()
			if p.tok == token.COMMA {
				p.error(h.Type.Pos(), "multiple exception types must be parenthesized")
			}
			if p.got(token.AS) {
				h.Name = p.parseName()
			}
		}
		what := "'except' statement"
		if isStar {
			what = "'except*' statement"
		}
		h.Body = p.parseBlock(what, hstart.Line)
		h.Range = ast.Range{Start: hstart, Stop: p.realEnd}
		handlers = append(handlers, h)
	}
	orelse := []ast.Stmt{}
	if len(handlers) > 0 && p.tok == token.ELSE {
		orelse = p.parseElse()
	}
	final := []ast.Stmt{}
	if p.tok == token.FINALLY {
		line := p.pos.Line
		p.next()
		final = p.parseBlock("'finally' statement", line)
	}
	if len(handlers) == 0 && len(final) == 0 {
		p.errorExpected("'except' or 'finally' block")
	}
	end := p.realEnd
	if handlers == nil {
		handlers = []*ast.ExceptHandler{}
	}
	rng := ast.Range{Start: start, Stop: end}
	if star {
		return &ast.TryStar{Range: rng, Body: body, Handlers: handlers, Orelse: orelse, Finalbody: final}
	}
	return &ast.Try{Range: rng, Body: body, Handlers: handlers, Orelse: orelse, Finalbody: final}
}

// ---- parameters

// parseParams parses the parameters of a def (closer ')') or of a lambda
// (closer ':'; no annotations).
func (p *parser) parseParams(closer token.Token, lambda bool) *ast.Arguments {
	a := &ast.Arguments{}
	var args []*ast.Arg
	seenDefault, seenSlash, seenStar, bareStar := false, false, false, false
	for p.tok != closer {
		switch p.tok {
		case token.SLASH:
			if seenSlash {
				p.error(p.pos, "/ may appear only once")
			}
			if seenStar {
				p.error(p.pos, "/ must be ahead of *")
			}
			if len(args) == 0 {
				p.error(p.pos, "at least one argument must precede /")
			}
			p.next()
			seenSlash = true
			a.PosOnlyArgs = args
			args = nil
		case token.STAR:
			if seenStar {
				p.error(p.pos, "* argument may appear only once")
			}
			seenStar = true
			p.next()
			if p.tok == token.COMMA || p.tok == closer {
				bareStar = true
				if p.tok == closer || p.peek(1).tok == closer {
					p.error(p.pos, "named arguments must follow bare *")
				}
			} else {
				a.Vararg = p.parseParam(lambda, true)
				if p.tok == token.EQUAL {
					p.error(p.pos, "var-positional argument cannot have default value")
				}
			}
		case token.DOUBLESTAR:
			p.next()
			a.Kwarg = p.parseParam(lambda, false)
			if p.tok == token.EQUAL {
				p.error(p.pos, "var-keyword argument cannot have default value")
			}
			p.got(token.COMMA)
			if p.tok != closer {
				p.error(p.pos, "arguments cannot follow var-keyword argument")
			}
			continue
		default:
			arg := p.parseParam(lambda, false)
			var def ast.Expr
			if p.got(token.EQUAL) {
				def = p.parseExpression()
			}
			if seenStar {
				a.KwOnlyArgs = append(a.KwOnlyArgs, arg)
				a.KwDefaults = append(a.KwDefaults, def)
				bareStar = false
			} else {
				if def != nil {
					seenDefault = true
					a.Defaults = append(a.Defaults, def)
				} else if seenDefault {
					p.error(arg.Pos(), "non-default argument follows default argument")
				}
				args = append(args, arg)
			}
		}
		if p.tok != closer {
			if p.tok != token.COMMA {
				p.syntaxError()
			}
			p.next()
		}
	}
	if bareStar {
		p.error(p.pos, "named arguments must follow bare *")
	}
	a.Args = args
	if a.PosOnlyArgs == nil {
		a.PosOnlyArgs = []*ast.Arg{}
	}
	if a.Args == nil {
		a.Args = []*ast.Arg{}
	}
	if a.KwOnlyArgs == nil {
		a.KwOnlyArgs = []*ast.Arg{}
	}
	if a.KwDefaults == nil {
		a.KwDefaults = []ast.Expr{}
	}
	if a.Defaults == nil {
		a.Defaults = []ast.Expr{}
	}
	return a
}

// parseParam parses NAME [':' expression]; after '*' the annotation may
// be a star_expression.
func (p *parser) parseParam(lambda, starAnnotation bool) *ast.Arg {
	start := p.pos
	arg := p.newArg(ast.Arg{Arg: p.parseName()})
	if !lambda && p.got(token.COLON) {
		if starAnnotation && p.tok == token.STAR {
			arg.Annotation = p.parseStarExpression()
		} else {
			arg.Annotation = p.parseExpression()
		}
	}
	arg.Range = p.rng(start)
	return arg
}

// parseTypeParams parses '[' type_param (',' type_param)* [','] ']'.
func (p *parser) parseTypeParams() []ast.TypeParam {
	p.expect(token.LSQB)
	var list []ast.TypeParam
	for {
		start := p.pos
		switch p.tok {
		case token.STAR:
			p.next()
			tp := &ast.TypeVarTuple{Name: p.parseName()}
			if p.tok == token.COLON {
				p.error(p.pos, "cannot use bound with TypeVarTuple")
			}
			if p.got(token.EQUAL) {
				tp.DefaultValue = p.parseStarExpression()
			}
			tp.Range = p.rng(start)
			list = append(list, tp)
		case token.DOUBLESTAR:
			p.next()
			tp := &ast.ParamSpec{Name: p.parseName()}
			if p.tok == token.COLON {
				p.error(p.pos, "cannot use bound with ParamSpec")
			}
			if p.got(token.EQUAL) {
				tp.DefaultValue = p.parseExpression()
			}
			tp.Range = p.rng(start)
			list = append(list, tp)
		default:
			tp := &ast.TypeVar{Name: p.parseName()}
			if p.got(token.COLON) {
				tp.Bound = p.parseExpression()
			}
			if p.got(token.EQUAL) {
				tp.DefaultValue = p.parseExpression()
			}
			tp.Range = p.rng(start)
			list = append(list, tp)
		}
		if !p.got(token.COMMA) || p.tok == token.RSQB {
			break
		}
	}
	p.expect(token.RSQB)
	return list
}
