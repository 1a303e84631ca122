package taint

import (
	"strconv"
	"strings"

	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/rules"
)

// eval computes the value of an expression on s (which it may update:
// walrus assignments, mutating method calls).
func (c *ctx) eval(s *state, e ast.Expr) *value {
	switch e := e.(type) {
	case nil:
		return clean
	case *ast.Constant:
		if _, ok := e.Str(); ok {
			return &value{typ: "str", strLit: true}
		}
		return clean
	case *ast.Name:
		if v, ok := s.vars[e.ID]; ok {
			return v
		}
		return c.global(e)
	case *ast.Attribute:
		return c.checkedPath(s, e, c.attribute(s, e))
	case *ast.Subscript:
		base := c.eval(s, e.Value)
		c.eval(s, e.Slice)
		if base.req {
			return clean
		}
		v := &value{t: base.t, typ: subscriptType(base.typ), built: base.built}
		if k, ok := constStr(e.Slice); ok && base.fields != nil {
			if ft, ok := base.fields["["+k+"]"]; ok {
				v.t = ft
			}
		}
		if i, ok := constIndex(e.Slice); ok && base.tupleN > 0 && i < base.tupleN {
			v = base.elem(i)
		}
		return c.checkedPath(s, e, v)
	case *ast.Call:
		return c.checkedPath(s, e, c.call(s, e))
	case *ast.BinOp:
		l := c.eval(s, e.Left)
		r := c.eval(s, e.Right)
		v := &value{t: join(l.t, r.t)}
		switch e.Op {
		case ast.Add, ast.Mod:
			strish := l.strLit || r.strLit || l.typ == "str" || r.typ == "str" || l.built || r.built ||
				c.strExpr(e.Left) || c.strExpr(e.Right)
			if strish {
				v.typ = "str"
				v.built = l.built || r.built || !isConstExpr(e.Left) || !isConstExpr(e.Right)
			}
			if e.Op == ast.Add {
				if fixed, keep := c.addFixedPrefix(s, e); fixed {
					v.t = join(v.t.sanitize(urlKinds), keep)
				}
			}
		case ast.Div:
			if l.typ == "pathlib.Path" {
				v.typ = "pathlib.Path"
			}
		case ast.Mult:
			if l.strLit || r.strLit {
				v.typ = "str"
			}
		case ast.BitOr, ast.BitAnd:
			if !l.tainted() && !r.tainted() {
				return clean
			}
			// Library objects combined (SQLAlchemy's `clause | clause`,
			// `clause & clause`) are again a library object, not text,
			// when all the data comes from such objects.
			v.opaque = (l.opaque || !l.tainted()) && (r.opaque || !r.tainted())
		default:
			if !l.tainted() && !r.tainted() {
				return clean
			}
		}
		return v
	case *ast.JoinedStr:
		v := &value{typ: "str"}
		for _, part := range e.Values {
			pv := c.eval(s, part)
			v.t = join(v.t, pv.t)
			if _, isConst := part.(*ast.Constant); !isConst {
				v.built = true
			}
		}
		if fixed, keep := c.fixedPrefix(s, e.Values); fixed {
			v.t = join(v.t.sanitize(urlKinds), keep)
		}
		return v
	case *ast.FormattedValue:
		v := c.eval(s, e.Value)
		if e.FormatSpec != nil {
			c.eval(s, e.FormatSpec)
		}
		return v
	case *ast.BoolOp:
		v := &value{}
		for i, x := range e.Values {
			xv := c.eval(s, x)
			if i == 0 {
				v.typ = xv.typ
			}
			v.t = join(v.t, xv.t)
			v.built = v.built || xv.built
		}
		return v
	case *ast.Compare:
		c.eval(s, e.Left)
		for _, x := range e.Comparators {
			c.eval(s, x)
		}
		return clean
	case *ast.UnaryOp:
		v := c.eval(s, e.Operand)
		if e.Op == ast.Not {
			return clean
		}
		// ~clause negates a library object (SQLAlchemy's not_): still one.
		return &value{t: v.t, opaque: v.opaque && e.Op == ast.Invert}
	case *ast.IfExp:
		onTrue, onFalse := c.guard(s, e.Test)
		c.eval(s, e.Test)
		sT, sF := s.copy(), s.copy()
		c.apply(sT, onTrue)
		c.apply(sF, onFalse)
		return joinValues(c.eval(sT, e.Body), c.eval(sF, e.Orelse))
	case *ast.Dict:
		v := &value{typ: "dict"}
		for i, val := range e.Values {
			if k := e.Keys[i]; k != nil {
				c.eval(s, k)
			}
			xv := c.eval(s, val)
			v.t = join(v.t, xv.t)
			if k, ok := constStr(e.Keys[i]); ok {
				// v is this literal's own value, not shared yet: set the
				// field in place (what v.withField(..., true) would give,
				// without copying the map for every key).
				if v.fields == nil {
					v.fields = map[string]taint{}
				}
				name := "[" + k + "]"
				v.fields[name] = join(v.fields[name], xv.t)
			}
		}
		return v
	case *ast.List:
		return c.seq(s, e.Elts, "list")
	case *ast.Tuple:
		return c.seq(s, e.Elts, "tuple")
	case *ast.Set:
		return c.seq(s, e.Elts, "set")
	case *ast.ListComp:
		return c.comp(s, e.Generators, "list", e.Elt)
	case *ast.SetComp:
		return c.comp(s, e.Generators, "set", e.Elt)
	case *ast.GeneratorExp:
		return c.comp(s, e.Generators, "", e.Elt)
	case *ast.DictComp:
		return c.comp(s, e.Generators, "dict", e.Key, e.Value)
	case *ast.Await:
		return c.eval(s, e.Value)
	case *ast.Yield:
		v := c.eval(s, e.Value)
		c.ret = joinValues(c.ret, &value{t: v.t, built: v.built})
		return clean
	case *ast.YieldFrom:
		v := c.eval(s, e.Value)
		c.ret = joinValues(c.ret, &value{t: v.t})
		return clean
	case *ast.NamedExpr:
		v := c.eval(s, e.Value)
		c.assign(s, e.Target, e.Value, v, e)
		return v
	case *ast.Starred:
		return c.eval(s, e.Value)
	case *ast.Slice:
		c.eval(s, e.Lower)
		c.eval(s, e.Upper)
		c.eval(s, e.Step)
		return clean
	case *ast.Lambda:
		return &value{typ: "function"}
	}
	return clean
}

func (c *ctx) seq(s *state, elts []ast.Expr, typ string) *value {
	v := &value{typ: typ}
	tuple := typ == "tuple" && !hasStarred(elts)
	for i, x := range elts {
		xv := c.eval(s, x)
		v.t = join(v.t, xv.t)
		if tuple {
			// Each element's own data, for `a, b = f()` and t[0].
			v.fields = setElem(v.fields, i, xv)
		}
	}
	if tuple {
		v.tupleN = len(elts)
	}
	return v
}

// constIndex returns the value of a non-negative int literal index.
func constIndex(x ast.Expr) (int, bool) {
	c, ok := x.(*ast.Constant)
	if !ok {
		return 0, false
	}
	n, ok := c.Int()
	return int(n), ok && n >= 0 && n < 1<<16
}

// setElem records element i of a tuple in its fields: "#i" holds the
// element's taint, "#i.attr" its known attributes.
func setElem(fields map[string]taint, i int, x *value) map[string]taint {
	if !x.tainted() && len(x.fields) == 0 {
		return fields
	}
	if fields == nil {
		fields = map[string]taint{}
	}
	k := tupleKey(i)
	if x.tainted() {
		fields[k] = x.t
	}
	for a, t := range x.fields {
		if !strings.HasPrefix(a, "#") {
			fields[k+"."+a] = t
		}
	}
	return fields
}

// elem returns element i of a tuple value.
func (v *value) elem(i int) *value {
	k := tupleKey(i)
	out := &value{t: v.fields[k]}
	for a, t := range v.fields {
		if rest, ok := strings.CutPrefix(a, k+"."); ok {
			if out.fields == nil {
				out.fields = map[string]taint{}
			}
			out.fields[rest] = t
		}
	}
	return out
}

// tupleKey is the field holding a tuple element's taint.
func tupleKey(i int) string { return "#" + strconv.Itoa(i) }

// comp evaluates a comprehension in its own scope.
func (c *ctx) comp(s *state, gens []*ast.Comprehension, typ string, elts ...ast.Expr) *value {
	sc := s.copy()
	for _, g := range gens {
		iv := c.eval(sc, g.Iter)
		c.assign(sc, g.Target, nil, &value{t: iv.t, typ: elemType(iv.typ)}, nil)
		for _, cond := range g.Ifs {
			onTrue, _ := c.guard(sc, cond)
			c.eval(sc, cond)
			c.apply(sc, onTrue)
		}
	}
	v := &value{typ: typ}
	for _, x := range elts {
		xv := c.eval(sc, x)
		v.t = join(v.t, xv.t)
		v.built = v.built || xv.built
	}
	return v
}

// global is the value of a name not bound in the function: flask.request
// itself, or a module-level name.
func (c *ctx) global(n *ast.Name) *value {
	q := c.e.qualName(c.f, n)
	if q == "flask.request" || q == "flask.globals.request" {
		return &value{req: true, typ: "flask.Request"}
	}
	if src, ok := c.e.kb.AttrSource(q); ok && q != "" {
		return c.sourceValue(n, src)
	}
	if t := c.e.globalType(q); t != "" {
		return &value{typ: t}
	}
	return clean
}

// sourceValue is the value read from a source at node n.
func (c *ctx) sourceValue(n ast.Node, src knowledge.Source) *value {
	s := c.e.source(c.f, n.Pos(), src.Desc, src.Origin, c.route)
	l := label{org: srcOrigin(s), conf: s.conf, san: src.SafeFor, trace: (*tnode)(nil).push(c.f, n.Pos(), src.Desc+" read here", "")}
	return &value{t: single(l), typ: src.Type}
}

func (c *ctx) attribute(s *state, e *ast.Attribute) *value {
	q := ""
	if rootIsGlobal(s, e) {
		q = c.e.qualName(c.f, e)
		if src, ok := c.e.kb.AttrSource(q); ok {
			return c.sourceValue(e, src)
		}
		if q == "flask.request" {
			return &value{req: true, typ: "flask.Request"}
		}
	}
	if c.isG(s, e.Value) {
		c.e.mu.Lock()
		c.e.gReaders[c.u] = true
		t := c.e.gAttrs[e.Attr]
		c.e.mu.Unlock()
		return &value{t: t}
	}
	base := c.eval(s, e.Value)
	if base.req {
		if src, ok := c.e.kb.AttrSource("flask.request." + e.Attr); ok {
			return c.sourceValue(e, src)
		}
		return clean
	}
	if base.typ != "" {
		if src, ok := c.e.kb.AttrSource(base.typ + "." + e.Attr); ok && (base.tainted() || src.Origin == knowledge.External || src.Origin == knowledge.Request) {
			return c.sourceValue(e, src)
		}
	}
	if e.Attr == knowledge.FileNameAttr && (base.typ == "werkzeug.datastructures.FileStorage" || fromFiles(base.t)) && base.tainted() {
		src := c.e.source(c.f, e.Pos(), "the uploaded file's name ("+exprText(e)+")", knowledge.FileName, c.route)
		l := label{org: srcOrigin(src), conf: rules.HighConfidence,
			trace: (*tnode)(nil).push(c.f, e.Pos(), "client-supplied file name "+exprText(e)+" read here", "")}
		return &value{t: single(l), typ: "str"}
	}
	if ft, ok := base.fields[e.Attr]; ok {
		return &value{t: ft, typ: c.e.attrType(base.typ, e.Attr)}
	}
	if c.e.safeFormField(base.typ, e.Attr) {
		return clean
	}
	if m := c.e.property(base.typ, e.Attr); m != nil {
		// obj.prop runs the property's getter on obj.
		call := &ast.Call{Range: ast.Range{Start: e.Pos(), Stop: e.End()}, Func: e}
		a := &callArgs{call: call, recv: base, recvExpr: e.Value, method: e.Attr, kw: map[string]*value{},
			kwExpr: map[string]ast.Expr{}}
		return c.applySummary(s, a, m, m.Qual)
	}
	v := &value{}
	if base.opaque && base.typ == "" {
		// An attribute of an object an unknown library call returned
		// (record.name for record = lookup(key)) is that object's data;
		// the call's arguments reach it at low confidence at most.
		v.t = base.t.lowest()
		return v
	}
	// Attributes of a parameter are labelled as such, so that a caller
	// passing an object whose attribute it set can substitute it (and
	// falls back to the whole argument otherwise).
	for _, l := range base.t {
		if l.org.src == nil && l.org.field == "" {
			l.org = paramOrigin(l.org.param, e.Attr)
		}
		v.t = join(v.t, single(l))
	}
	if base.typ == "urllib.parse.ParseResult" {
		v.typ = "str"
	} else {
		v.typ = c.e.attrType(base.typ, e.Attr)
	}
	return v
}

// rootIsGlobal reports whether the root name of an attribute chain is not
// a local variable, so that its qualified name means something.
func rootIsGlobal(s *state, e ast.Expr) bool {
	for {
		switch x := e.(type) {
		case *ast.Name:
			_, local := s.vars[x.ID]
			return !local
		case *ast.Attribute:
			e = x.Value
		default:
			return false
		}
	}
}

// fromFiles reports whether a taint comes from request.files.
func fromFiles(t taint) bool {
	for _, l := range t {
		if l.org.src != nil && strings.HasPrefix(l.org.src.desc, "request.files") {
			return true
		}
	}
	return false
}

func subscriptType(t string) string {
	switch t {
	case "files":
		return "werkzeug.datastructures.FileStorage"
	case "json", "multidict", "headers":
		return ""
	}
	return ""
}

// isConstExpr reports whether an expression is a literal constant.
func isConstExpr(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Constant:
		return true
	case *ast.Tuple:
		for _, x := range e.Elts {
			if !isConstExpr(x) {
				return false
			}
		}
		return true
	}
	return false
}

// isStrExpr reports whether an expression is syntactically a string.
func isStrExpr(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Constant:
		_, ok := e.Str()
		return ok
	case *ast.JoinedStr:
		return true
	case *ast.BinOp:
		return isStrExpr(e.Left) || isStrExpr(e.Right)
	}
	return false
}

// maxTextLinks bounds the links of a chain that exprText renders: the
// text is for messages, and building it must stay cheap on long chains
// (each call of q.filter(a).filter(b)... renders its receiver).
const maxTextLinks = 16

// exprText renders a short Name/Attribute/Subscript/Call chain for
// messages ("request.args['q']", "db.session.execute()"). Of a chain longer
// than maxTextLinks links only the last ones are shown, after "...".
func exprText(e ast.Expr) string {
	var links []string // in reverse order
	base := "..."
walk:
	for len(links) < maxTextLinks {
		switch x := e.(type) {
		case *ast.Name:
			base = x.ID
			break walk
		case *ast.Attribute:
			links = append(links, "."+x.Attr)
			e = x.Value
		case *ast.Subscript:
			if k, ok := constStr(x.Slice); ok {
				links = append(links, "['"+k+"']")
			} else {
				links = append(links, "[...]")
			}
			e = x.Value
		case *ast.Call:
			links = append(links, "()")
			e = x.Func
		case *ast.Constant:
			if s, ok := x.Str(); ok {
				if len(s) > 20 {
					s = s[:20] + "..."
				}
				base = "'" + s + "'"
			}
			break walk
		default:
			break walk
		}
	}
	if len(links) == 0 {
		return base
	}
	var b strings.Builder
	b.WriteString(base)
	for i := len(links) - 1; i >= 0; i-- {
		b.WriteString(links[i])
	}
	return b.String()
}

// fixedHost reports whether a string constant starts with a URL whose
// scheme and host are fixed ("https://api.example.com/..."): text
// appended to it cannot change where a request or redirect goes.
func fixedHost(x ast.Expr) bool {
	p, ok := constStr(x)
	if !ok {
		// A BinOp chain: look at its leftmost operand.
		if b, isBin := x.(*ast.BinOp); isBin && b.Op == ast.Add {
			return fixedHost(b.Left)
		}
		return false
	}
	rest, ok := strings.CutPrefix(p, "https://")
	if !ok {
		rest, ok = strings.CutPrefix(p, "http://")
	}
	if !ok {
		return false
	}
	i := strings.IndexAny(rest, "/?#")
	return i > 0 && !strings.ContainsAny(rest[:i], "{}%@")
}

// fixedPrefix reports whether a string built from parts (f-string
// values, or the operands of a + chain) starts with a fixed scheme and
// host: a constant URL with a host, or a value without request data (a
// configured base URL) followed by a constant starting with "/", "?" or
// "#". The rest of the string is then safe as a URL; keep is the taint
// of a leading value that carries only parameter labels (self.base_url
// in a method's summary): it stays unsanitized, so that a caller whose
// argument is tainted still reports, while a caller passing
// configuration makes the whole URL clean.
func (c *ctx) fixedPrefix(s *state, parts []ast.Expr) (fixed bool, keep taint) {
	if len(parts) == 0 {
		return false, nil
	}
	if fixedHost(parts[0]) {
		return true, nil
	}
	if _, isConst := parts[0].(*ast.Constant); isConst || len(parts) < 2 {
		return false, nil
	}
	first := parts[0]
	if fv, ok := first.(*ast.FormattedValue); ok {
		first = fv.Value
	}
	ft := c.peek(s, first).t
	for _, l := range ft {
		if l.org.src != nil {
			return false, nil // request (or other source) data chooses the start
		}
	}
	next, ok := constStr(parts[1])
	if !ok {
		next, ok = leadingText(parts[1])
	}
	if !ok || next == "" || !strings.ContainsRune("/?#", rune(next[0])) {
		return false, nil
	}
	return true, ft
}

// leadingText returns the constant text a built string starts with:
// "/servers/" for "/servers/{}".format(x) or f"/servers/{x}".
func leadingText(x ast.Expr) (string, bool) {
	switch x := x.(type) {
	case *ast.Call:
		if a, ok := x.Func.(*ast.Attribute); ok && a.Attr == "format" {
			if t, ok := constStr(a.Value); ok {
				if i := strings.IndexByte(t, '{'); i >= 0 {
					t = t[:i]
				}
				return t, true
			}
		}
	case *ast.JoinedStr:
		if len(x.Values) > 0 {
			return constStr(x.Values[0])
		}
	}
	return "", false
}

// addHead returns the first two operands of an a + b + c chain (the
// operands of the flattened chain, in order; fixedPrefix looks at no more),
// walking its left spine iteratively.
func addHead(e *ast.BinOp) []ast.Expr {
	for {
		l, ok := e.Left.(*ast.BinOp)
		if !ok || l.Op != ast.Add {
			break
		}
		e = l
	}
	second := e.Right
	for {
		b, ok := second.(*ast.BinOp)
		if !ok || b.Op != ast.Add {
			break
		}
		second = b.Left
	}
	return []ast.Expr{e.Left, second}
}

// addFixedPrefix is fixedPrefix for the operands of the chain e. The
// first two operands of a + b + c are those of its left operand a + b,
// which eval has just checked: its answer, kept in c.lastAdd, is reused,
// so that a chain of n terms costs n checks, not n*n. (When the right
// operand held a chain of its own, the answer is computed again.)
func (c *ctx) addFixedPrefix(s *state, e *ast.BinOp) (bool, taint) {
	var r bool
	var keep taint
	if l, ok := e.Left.(*ast.BinOp); ok && l.Op == ast.Add && c.lastAdd == l {
		r, keep = c.lastAddFixed, c.lastAddKeep
	} else {
		r, keep = c.fixedPrefix(s, addHead(e))
	}
	c.lastAdd, c.lastAddFixed, c.lastAddKeep = e, r, keep
	return r, keep
}

// strExpr is isStrExpr, remembering its answer for operator chains so
// that each level of a + b + c... does not walk the whole chain again.
func (c *ctx) strExpr(e ast.Expr) bool {
	b, ok := e.(*ast.BinOp)
	if !ok {
		return isStrExpr(e)
	}
	if r, ok := c.strBin[b]; ok {
		return r
	}
	r := c.strExpr(b.Left) || c.strExpr(b.Right)
	if c.strBin == nil {
		c.strBin = map[*ast.BinOp]bool{}
	}
	c.strBin[b] = r
	return r
}

// peek evaluates an expression a second time (a check, or a part of an
// argument already evaluated as a whole) without changing s: simple
// names and attribute chains read s directly, anything else is
// evaluated on a copy.
func (c *ctx) peek(s *state, x ast.Expr) *value {
	if pure(x) {
		return c.eval(s, x)
	}
	return c.eval(s.copy(), x)
}

// pure reports whether evaluating x cannot change the state.
func pure(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.Name, *ast.Constant:
		return true
	case *ast.Attribute:
		return pure(x.Value)
	case *ast.Subscript:
		return pure(x.Value) && pure(x.Slice)
	case *ast.Starred:
		return pure(x.Value)
	case *ast.FormattedValue:
		return pure(x.Value) && x.FormatSpec == nil
	}
	return false
}
