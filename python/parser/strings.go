package parser

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/python/token"
)

// parseNumber parses a NUMBER token into an int, float or imaginary Constant.
func (p *parser) parseNumber() ast.Expr {
	start := p.pos
	lit := p.lit
	p.next()
	v, err := numberValue(lit)
	if err != nil {
		p.error(start, err.Error())
	}
	return p.newConstant(ast.Constant{Range: p.rng(start), Value: v})
}

// numberValue converts the text of a number literal to its value.
func numberValue(lit string) (ast.Value, error) {
	s := lit
	if strings.IndexByte(s, '_') >= 0 {
		s = strings.ReplaceAll(s, "_", "")
	}
	if s == "" {
		return nil, fmt.Errorf("invalid number literal %q", lit)
	}
	last := s[len(s)-1]
	if last == 'j' || last == 'J' {
		f, err := strconv.ParseFloat(s[:len(s)-1], 64)
		if err != nil && !isRangeErr(err) {
			return nil, fmt.Errorf("invalid imaginary literal %q", lit)
		}
		return ast.ComplexValue{Imag: f}, nil
	}
	base := 10
	digits := s
	if len(s) > 1 && s[0] == '0' {
		switch s[1] {
		case 'x', 'X':
			base, digits = 16, s[2:]
		case 'o', 'O':
			base, digits = 8, s[2:]
		case 'b', 'B':
			base, digits = 2, s[2:]
		}
	}
	if base == 10 && strings.ContainsAny(s, ".eE") {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil && !isRangeErr(err) {
			return nil, fmt.Errorf("invalid float literal %q", lit)
		}
		return ast.FloatValue(f), nil
	}
	if n, err := strconv.ParseInt(digits, base, 64); err == nil {
		if n >= 0 && n < int64(len(smallInts)) {
			return smallInts[n], nil
		}
		return ast.IntValue{Small: n}, nil
	}
	b, ok := new(big.Int).SetString(digits, base)
	if !ok {
		return nil, fmt.Errorf("invalid integer literal %q", lit)
	}
	return ast.IntValue{Big: b}, nil
}

// smallInts holds the boxed values of the ints 0 to 255, shared by all
// parses to save an allocation per literal; it is read-only after
// initialisation.
var smallInts = func() (a [256]ast.Value) {
	for i := range a {
		a[i] = ast.IntValue{Small: int64(i)}
	}
	return a
}()

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// stringPrefix splits a string token into its lower-cased prefix and the
// text between the quotes.
func stringPrefix(lit string) (prefix string, body string, ok bool) {
	i := 0
	for i < len(lit) && lit[i] != '\'' && lit[i] != '"' {
		i++
	}
	if i >= len(lit) {
		return "", "", false
	}
	prefix = strings.ToLower(lit[:i])
	q := lit[i:]
	n := 1
	if len(q) >= 6 && (strings.HasPrefix(q, `"""`) || strings.HasPrefix(q, `'''`)) {
		n = 3
	}
	if len(q) < 2*n {
		return "", "", false
	}
	return prefix, q[n : len(q)-n], true
}

// strParts accumulates the parts of an implicitly concatenated string.
type strParts struct {
	values  []ast.Expr // the JoinedStr's values so far
	lit     strings.Builder
	hasLit  bool
	patched []*ast.Range // nodes that get the range of the whole literal
	kind    string
}

func (sp *strParts) flush() {
	if !sp.hasLit {
		return
	}
	sp.hasLit = false
	if sp.lit.Len() == 0 {
		return
	}
	c := &ast.Constant{Value: ast.StrValue(sp.lit.String()), Kind: sp.kind}
	sp.lit.Reset()
	sp.values = append(sp.values, c)
	sp.patched = append(sp.patched, &c.Range)
}

func (sp *strParts) addLit(s string) {
	sp.lit.WriteString(s)
	sp.hasLit = true
}

// parseStrings parses one or more adjacent string literals (STRING tokens
// and f-strings) into a Constant or a JoinedStr.
func (p *parser) parseStrings() ast.Expr {
	start := p.pos
	bytesMode, fMode := false, false
	first := true
	var sp strParts
	var buf strings.Builder
	for p.tok == token.STRING || p.tok == token.FSTRING_START {
		tokPos := p.pos
		isBytes := false
		if p.tok == token.STRING {
			prefix, body, ok := stringPrefix(p.lit)
			if !ok {
				p.error(p.pos, "invalid string literal")
			}
			isBytes = strings.IndexByte(prefix, 'b') >= 0
			raw := strings.IndexByte(prefix, 'r') >= 0
			if first && strings.HasPrefix(p.lit, "u") {
				sp.kind = "u"
			}
			var val string
			var err error
			if isBytes {
				val, err = decodeBytes(body, raw)
			} else {
				val, err = decodeStr(body, raw, false)
			}
			if err != nil {
				p.error(tokPos, err.Error())
			}
			if fMode {
				sp.addLit(val)
			} else {
				buf.WriteString(val)
			}
			p.next()
		} else {
			if !fMode {
				fMode = true
				if buf.Len() > 0 || !first {
					sp.addLit(buf.String())
				}
			}
			p.parseFString(&sp)
		}
		if first {
			bytesMode = isBytes
			first = false
		} else if bytesMode != isBytes {
			p.error(tokPos, "cannot mix bytes and nonbytes literals")
		}
	}
	rng := p.rng(start)
	if !fMode {
		if bytesMode {
			return p.newConstant(ast.Constant{Range: rng, Value: ast.BytesValue(buf.String())})
		}
		return p.newConstant(ast.Constant{Range: rng, Value: ast.StrValue(buf.String()), Kind: sp.kind})
	}
	sp.flush()
	for _, r := range sp.patched {
		*r = rng
	}
	if sp.values == nil {
		sp.values = []ast.Expr{}
	}
	return p.newJoinedStr(ast.JoinedStr{Range: rng, Values: sp.values})
}

// parseFString parses FSTRING_START ... FSTRING_END, adding its parts to sp.
func (p *parser) parseFString(sp *strParts) {
	prefix, _, _ := strings.Cut(strings.ToLower(p.lit), "'")
	prefix, _, _ = strings.Cut(prefix, `"`)
	raw := strings.IndexByte(prefix, 'r') >= 0
	fstart := p.pos
	var tokPatched []*ast.Range
	p.next()
	for {
		switch p.tok {
		case token.FSTRING_MIDDLE:
			val, err := decodeStr(p.lit, raw, true)
			if err != nil {
				p.error(p.pos, err.Error())
			}
			sp.addLit(val)
			p.next()
		case token.LBRACE:
			p.parseReplacementField(sp, raw, &tokPatched)
		case token.FSTRING_END:
			p.next()
			for _, r := range tokPatched {
				*r = p.rng(fstart)
			}
			return
		default:
			p.syntaxError()
		}
	}
}

// parseReplacementField parses '{' expression ['='] ['!' NAME] [':'
// format_spec] '}' and adds a FormattedValue (and the text of a
// self-documenting expression) to sp.
func (p *parser) parseReplacementField(sp *strParts, raw bool, tokPatched *[]*ast.Range) {
	lbrace := p.pos
	p.next()
	p.enter()
	defer p.leave()
	switch p.tok {
	case token.RBRACE, token.EQUAL, token.EXCLAMATION, token.COLON:
		p.error(p.pos, "f-string: valid expression required before '"+p.tok.String()+"'")
	}
	var x ast.Expr
	if p.tok == token.YIELD {
		x = p.parseYieldExpr()
	} else {
		x = p.parseStarExpressions()
	}
	if t, ok := x.(*ast.Tuple); ok && t == p.lastBareTuple {
		// CPython 3.11 parses the field's text inside parentheses, which
		// the tuple's range then includes: from '{' to just after the
		// text, where the terminator ('=', '!', ':' or '}') stands.
		t.Range = ast.Range{Start: lbrace, Stop: token.Pos{Line: p.pos.Line, Col: p.pos.Col + 1}}
	}
	conversion := -1
	debug := false
	if p.tok == token.EQUAL {
		debug = true
		p.next()
		from, to := p.offset(lbrace)+1, p.offset(p.pos)
		if from <= to {
			sp.addLit(p.source()[from:to])
		}
	}
	if p.tok == token.EXCLAMATION {
		p.next()
		if p.tok != token.NAME || (p.lit != "s" && p.lit != "r" && p.lit != "a") {
			p.error(p.pos, "f-string: invalid conversion character: expected 's', 'r', or 'a'")
		}
		conversion = int(p.lit[0])
		p.next()
	}
	var spec ast.Expr
	if p.tok == token.COLON {
		p.next()
		spec = p.parseFormatSpec(sp, raw, tokPatched)
	}
	if p.tok != token.RBRACE {
		p.errorExpected("'}' in f-string")
	}
	p.next()
	if debug && conversion == -1 && spec == nil {
		conversion = 'r'
	}
	sp.flush()
	fv := p.newFormattedValue(ast.FormattedValue{Value: x, Conversion: conversion, FormatSpec: spec})
	sp.values = append(sp.values, fv)
	sp.patched = append(sp.patched, &fv.Range)
}

// parseFormatSpec parses a format spec up to (not including) its '}'.
func (p *parser) parseFormatSpec(outer *strParts, raw bool, tokPatched *[]*ast.Range) ast.Expr {
	p.specDepth++
	defer func() { p.specDepth-- }()
	var sp strParts
	for p.tok != token.RBRACE {
		switch p.tok {
		case token.FSTRING_MIDDLE:
			val, err := decodeStr(p.lit, raw, true)
			if err != nil {
				p.error(p.pos, err.Error())
			}
			sp.addLit(val)
			p.next()
		case token.LBRACE:
			if p.specDepth >= 2 {
				p.error(p.pos, "f-string: expressions nested too deeply")
			}
			p.parseReplacementField(&sp, raw, tokPatched)
		default:
			p.syntaxError()
		}
	}
	// CPython 3.11 gives the spec, and the literal text that ends it, the
	// range of the f-string token that holds them; literal text followed
	// by a nested field gets the range of the whole concatenation.
	n := len(sp.patched)
	sp.flush()
	*tokPatched = append(*tokPatched, sp.patched[n:]...)
	sp.patched = sp.patched[:n]
	if sp.values == nil {
		sp.values = []ast.Expr{}
	}
	js := p.newJoinedStr(ast.JoinedStr{Values: sp.values})
	outer.patched = append(outer.patched, sp.patched...)
	*tokPatched = append(*tokPatched, &js.Range)
	return js
}

// decodeBytes decodes the body of a bytes literal.
func decodeBytes(body string, raw bool) (string, error) {
	for i := 0; i < len(body); i++ {
		if body[i] >= utf8.RuneSelf {
			return "", fmt.Errorf("bytes can only contain ASCII literal characters")
		}
	}
	if raw || strings.IndexByte(body, '\\') < 0 {
		return body, nil
	}
	var b strings.Builder
	b.Grow(len(body))
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' || i+1 >= len(body) {
			b.WriteByte(c)
			continue
		}
		i++
		c = body[i]
		if e, ok := simpleEscape(c); ok {
			b.WriteByte(e)
			continue
		}
		switch c {
		case '\n':
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := int(c - '0')
			for k := 0; k < 2 && i+1 < len(body) && body[i+1] >= '0' && body[i+1] <= '7'; k++ {
				i++
				v = v*8 + int(body[i]-'0')
			}
			b.WriteByte(byte(v))
		case 'x':
			if i+2 < len(body)+0 && isHex(body[i+1]) && isHex(body[i+2]) {
				b.WriteByte(byte(hexVal(body[i+1])<<4 | hexVal(body[i+2])))
				i += 2
			} else {
				return "", fmt.Errorf("(value error) invalid \\x escape at position %d", i-1)
			}
		default:
			b.WriteByte('\\')
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func hexVal(c byte) int {
	switch {
	case c <= '9':
		return int(c - '0')
	case c >= 'a':
		return int(c-'a') + 10
	}
	return int(c-'A') + 10
}

// appendWTF8 appends r in UTF-8, encoding surrogates as three bytes.
func appendWTF8(b *strings.Builder, r rune) {
	if r >= 0xD800 && r <= 0xDFFF {
		b.WriteByte(byte(0xE0 | r>>12))
		b.WriteByte(byte(0x80 | (r>>6)&0x3F))
		b.WriteByte(byte(0x80 | r&0x3F))
		return
	}
	b.WriteRune(r)
}

// decodeStr decodes the body of a str literal (or the literal text of an
// f-string when fstring is set: "{{" and "}}" stand for one brace).
func decodeStr(body string, raw, fstring bool) (string, error) {
	if strings.IndexByte(body, '\\') < 0 && (!fstring || !strings.ContainsAny(body, "{}")) {
		return body, nil
	}
	var b strings.Builder
	b.Grow(len(body))
	for i := 0; i < len(body); i++ {
		c := body[i]
		if fstring && (c == '{' || c == '}') {
			b.WriteByte(c)
			if i+1 < len(body) && body[i+1] == c {
				i++
			}
			continue
		}
		if c != '\\' || raw || i+1 >= len(body) {
			b.WriteByte(c)
			if raw && c == '\\' && i+1 < len(body) && !(fstring && (body[i+1] == '{' || body[i+1] == '}')) {
				// In a raw string a backslash still keeps the next
				// character (a quote) from ending the literal.
				i++
				b.WriteByte(body[i])
			}
			continue
		}
		i++
		c = body[i]
		if e, ok := simpleEscape(c); ok {
			b.WriteByte(e)
			continue
		}
		switch c {
		case '\n':
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := rune(c - '0')
			for k := 0; k < 2 && i+1 < len(body) && body[i+1] >= '0' && body[i+1] <= '7'; k++ {
				i++
				v = v*8 + rune(body[i]-'0')
			}
			appendWTF8(&b, v)
		case 'x', 'u', 'U':
			n := 2
			if c == 'u' {
				n = 4
			} else if c == 'U' {
				n = 8
			}
			var v rune
			for k := 0; k < n; k++ {
				if i+1+k >= len(body) || !isHex(body[i+1+k]) {
					return "", fmt.Errorf("(unicode error) 'unicodeescape' codec can't decode bytes in position %d-%d: truncated \\%c%s escape", i-1, i+k, c, strings.Repeat("X", n))
				}
				v = v<<4 | rune(hexVal(body[i+1+k]))
			}
			if v > utf8.MaxRune || v < 0 {
				return "", fmt.Errorf("(unicode error) 'unicodeescape' codec can't decode bytes in position %d-%d: illegal Unicode character", i-1, i+n)
			}
			i += n
			appendWTF8(&b, v)
		case 'N':
			end := -1
			if i+1 < len(body) && body[i+1] == '{' {
				end = strings.IndexByte(body[i+2:], '}')
			}
			if end < 0 {
				return "", fmt.Errorf("(unicode error) 'unicodeescape' codec can't decode bytes in position %d-%d: malformed \\N character escape", i-1, i)
			}
			name := body[i+2 : i+2+end]
			r, ok := lookupUnicodeName(name)
			if !ok {
				return "", fmt.Errorf("(unicode error) 'unicodeescape' codec can't decode bytes in position %d-%d: unknown Unicode character name", i-1, i+2+end)
			}
			appendWTF8(&b, r)
			i += 2 + end
		default:
			b.WriteByte('\\')
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// simpleEscape returns the character a one-letter escape (\n, \t, \\,
// \' ...) stands for, in str and bytes literals alike.
func simpleEscape(c byte) (byte, bool) {
	switch c {
	case '\\', '\'', '"':
		return c, true
	case 'a':
		return 7, true
	case 'b':
		return 8, true
	case 'f':
		return 12, true
	case 'n':
		return '\n', true
	case 'r':
		return '\r', true
	case 't':
		return '\t', true
	case 'v':
		return 11, true
	}
	return 0, false
}
