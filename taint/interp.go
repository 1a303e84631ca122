package taint

import (
	"strings"

	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
	"github.com/flasksec/flasksec/rules"
)

// state maps variables to values on one path through a function. States
// are copied at every branch; the copy shares the map until one of them
// writes (copy on write). Read vars directly; write through set and del.
type state struct {
	vars   map[string]*value
	dead   bool // the path does not reach here (after return, raise, abort, break, continue)
	shared bool // vars may be shared with another state
}

func newState() *state { return &state{vars: map[string]*value{}} }

func (s *state) copy() *state {
	s.shared = true
	return &state{vars: s.vars, dead: s.dead, shared: true}
}

// own makes s the only owner of its map before a write.
func (s *state) own() {
	if !s.shared {
		return
	}
	m := make(map[string]*value, len(s.vars)+1)
	for k, v := range s.vars {
		m[k] = v
	}
	s.vars, s.shared = m, false
}

// set binds a variable.
func (s *state) set(name string, v *value) {
	s.own()
	s.vars[name] = v
}

// del unbinds a variable.
func (s *state) del(name string) {
	s.own()
	delete(s.vars, name)
}

// merge joins the states of several paths; dead paths contribute nothing.
func merge(ss ...*state) *state {
	var live []*state
	for _, s := range ss {
		if s != nil && !s.dead {
			live = append(live, s)
		}
	}
	switch len(live) {
	case 0:
		return &state{vars: map[string]*value{}, dead: true}
	case 1:
		return live[0].copy()
	}
	out := live[0].copy()
	for _, s := range live[1:] {
		if sameMap(out.vars, s.vars) {
			continue
		}
		for k, v := range s.vars {
			if w := out.vars[k]; w != v {
				out.set(k, joinValues(w, v))
			}
		}
		for k, v := range out.vars {
			if _, ok := s.vars[k]; !ok {
				out.set(k, joinValues(v, clean))
			}
		}
	}
	return out
}

// ctx is the analysis of one unit.
type ctx struct {
	e           *engine
	u           *unit
	reads       []read // other units' results this analysis used
	f           *project.File
	params      []string
	selfName    string
	ret         *value
	exits       []*state
	final       *state
	hits        []hit
	sinkEntries []sinkEntry
	exprs       map[ast.Expr]taint
	callees     map[*resolve.Func]bool
	loops       []*loopCtx
	route       string
	fnName      string
	paths       bool // some access path was checked by a guard (see checkedPath)
	seenEntry   map[string]bool

	// Cancellation (see stop) and the memos that keep chains linear.
	steps        int                 // statements run
	cancelled    bool                // the project's context was found cancelled
	lastAdd      *ast.BinOp          // the last chain addFixedPrefix checked,
	lastAddFixed bool                // and its answer
	lastAddKeep  taint               // and the taint fixedPrefix keeps
	strBin       map[*ast.BinOp]bool // strExpr's answers
}

type loopCtx struct{ breaks, conts []*state }

func newCtx(e *engine, u *unit) *ctx {
	c := &ctx{e: e, u: u, f: u.file}
	if u.view != nil {
		c.route = u.view.route
	}
	if u.fn != nil {
		c.fnName = display(u.fn)
		c.params = c.e.paramsOf(u.fn)
		if isMethod(u.fn) && len(c.params) > 0 {
			c.selfName = c.params[0]
		}
	}
	return c
}

func (c *ctx) exec() {
	s := newState()
	if fn := c.u.fn; fn != nil && fn.Parent != nil {
		if pu := c.e.units[fn.Parent]; pu != nil {
			r := pu.res.Load()
			c.reads = append(c.reads, readOfResult(pu, r))
			if r != nil {
				for name, v := range r.closure {
					s.set(name, v)
				}
			}
		}
	}
	if fn := c.u.fn; fn != nil {
		args := allArgs(fn.Args)
		var fromDecorators map[int]taint
		var parsed map[string]string
		if c.u.view != nil {
			fromDecorators = c.e.wrapperArgs(fn)
			parsed = parsedArgs(fn, c.u.view.params)
		}
		for i, name := range c.params {
			name = strings.TrimLeft(name, "*")
			a := args[i]
			if v := c.u.view; v != nil {
				if conv, ok := v.params[name]; ok {
					if safeConverter(conv) {
						s.set(name, clean)
						continue
					}
					src := c.e.source(c.f, a.Pos(), "route parameter "+name, knowledge.Request, c.route)
					s.set(name, &value{t: single(label{org: srcOrigin(src), conf: rules.HighConfidence,
						trace: (*tnode)(nil).push(c.f, a.Pos(), "route parameter "+name+" of "+c.route, "")})})
					continue
				}
				if dec, ok := parsed[name]; ok {
					desc := "request data parsed by @" + dec + "()"
					src := c.e.source(c.f, a.Pos(), desc, knowledge.Request, c.route)
					typ := "dict" // use_args, arguments: the parsed fields in one dict
					if dec == "use_kwargs" {
						typ = "" // one field per keyword argument
					}
					s.set(name, &value{t: single(label{org: srcOrigin(src), conf: rules.HighConfidence,
						trace: (*tnode)(nil).push(c.f, a.Pos(), name+" holds "+desc, "")}), typ: typ})
					continue
				}
			}
			l := label{org: paramOrigin(i, ""), conf: rules.HighConfidence,
				trace: (*tnode)(nil).push(c.f, a.Pos(), "parameter "+name+" of "+display(fn), "")}
			v := &value{t: join(single(l), fromDecorators[i])}
			if name == c.selfName && fn.Class != nil {
				v.typ = fn.Class.Qual
			}
			s.set(name, v)
		}
	}
	s = c.block(s, c.u.body)
	c.final = merge(append([]*state{s}, c.exits...)...)
}

func allArgs(a *ast.Arguments) []*ast.Arg {
	var out []*ast.Arg
	out = append(out, a.PosOnlyArgs...)
	out = append(out, a.Args...)
	if a.Vararg != nil {
		out = append(out, a.Vararg)
	}
	out = append(out, a.KwOnlyArgs...)
	if a.Kwarg != nil {
		out = append(out, a.Kwarg)
	}
	return out
}

// block runs statements on s and returns the state after them.
func (c *ctx) block(s *state, body []ast.Stmt) *state {
	for _, st := range body {
		if s.dead || c.stop() {
			return s
		}
		s = c.stmt(s, st)
	}
	return s
}

// cancelCheck is how many statements the interpreter runs between two
// checks of the project's context.
const cancelCheck = 256

// stop reports whether the analysis has been cancelled (see
// project.SetContext), checking the project's context at the first
// statement and then every cancelCheck statements. Once cancelled, every
// block of the unit returns at once: the results are incomplete, and the
// caller drops them.
func (c *ctx) stop() bool {
	if c.cancelled {
		return true
	}
	if c.steps%cancelCheck == 0 && c.e.p.Cancelled() {
		c.cancelled = true
	}
	c.steps++
	return c.cancelled
}

// maxLoop bounds the iterations of a loop's fixpoint.
const maxLoop = 6

func (c *ctx) stmt(s *state, st ast.Stmt) *state {
	switch st := st.(type) {
	case *ast.ExprStmt:
		v := c.eval(s, st.Value)
		_ = v
		if call, ok := st.Value.(*ast.Call); ok && c.terminates(call) {
			s.dead = true
		}
	case *ast.Assign:
		v := c.eval(s, st.Value)
		for _, t := range st.Targets {
			c.assign(s, t, st.Value, v, st)
		}
	case *ast.AnnAssign:
		if st.Value != nil {
			v := c.eval(s, st.Value)
			c.assign(s, st.Target, st.Value, v, st)
		}
	case *ast.AugAssign:
		old := c.eval(s, st.Target)
		r := c.eval(s, st.Value)
		v := &value{t: join(old.t, r.t), typ: old.typ}
		if st.Op == ast.Add || st.Op == ast.Mod {
			v.built = old.built || r.built || (!isConstExpr(st.Value) && (old.strLit || old.typ == "str" || old.built)) ||
				(isStrExpr(st.Value) && old.tainted())
			if v.built && v.typ == "" {
				v.typ = "str"
			}
		}
		c.assign(s, st.Target, nil, v, st)
	case *ast.Return:
		if st.Value != nil {
			var v, body *value
			bodyExpr := st.Value
			if t, ok := st.Value.(*ast.Tuple); ok && len(t.Elts) > 0 {
				for _, h := range t.Elts[1:] {
					if nonHTMLHeaders(h) {
						bodyExpr = nil // (body, status, {"Content-Type": "application/json"})
					}
				}
				v = &value{typ: "tuple"}
				tuple := !hasStarred(t.Elts)
				for i, x := range t.Elts {
					xv := c.eval(s, x)
					if i == 0 {
						body = xv
					}
					v.t = join(v.t, xv.t)
					if tuple {
						v.fields = setElem(v.fields, i, xv)
					}
				}
				if tuple {
					v.tupleN = len(t.Elts)
				}
				if bodyExpr != nil {
					bodyExpr = t.Elts[0]
				}
			} else {
				v = c.eval(s, st.Value)
				body = v
			}
			if v.tainted() {
				v = &value{t: v.t.step(c.f, st.Pos(), "returned from "+c.fnName), typ: v.typ, built: v.built, fields: v.fields,
					opaque: v.opaque, tupleN: v.tupleN}
			}
			c.ret = joinValues(c.ret, v)
			if c.u.view != nil && bodyExpr != nil {
				c.viewReturn(st, bodyExpr, body)
			}
		}
		c.exits = append(c.exits, s.copy())
		s.dead = true
	case *ast.If:
		onTrue, onFalse := c.guard(s, st.Test)
		c.eval(s, st.Test)
		sT, sF := s.copy(), s.copy()
		c.apply(sT, onTrue)
		c.apply(sF, onFalse)
		sT = c.block(sT, st.Body)
		sF = c.block(sF, st.Orelse)
		return merge(sT, sF)
	case *ast.While:
		return c.loop(s, st, func(s *state) { c.eval(s, st.Test) }, st.Test, nil, nil, st.Body, st.Orelse)
	case *ast.For:
		return c.loop(s, st, nil, nil, st.Target, st.Iter, st.Body, st.Orelse)
	case *ast.AsyncFor:
		return c.loop(s, st, nil, nil, st.Target, st.Iter, st.Body, st.Orelse)
	case *ast.Break:
		if n := len(c.loops); n > 0 {
			c.loops[n-1].breaks = append(c.loops[n-1].breaks, s.copy())
		}
		s.dead = true
	case *ast.Continue:
		if n := len(c.loops); n > 0 {
			c.loops[n-1].conts = append(c.loops[n-1].conts, s.copy())
		}
		s.dead = true
	case *ast.With:
		c.with(s, st.Items)
		return c.block(s, st.Body)
	case *ast.AsyncWith:
		c.with(s, st.Items)
		return c.block(s, st.Body)
	case *ast.Try:
		return c.try(s, st.Body, st.Handlers, st.Orelse, st.Finalbody)
	case *ast.TryStar:
		return c.try(s, st.Body, st.Handlers, st.Orelse, st.Finalbody)
	case *ast.Raise:
		if st.Exc != nil {
			c.eval(s, st.Exc)
		}
		s.dead = true
	case *ast.Assert:
		onTrue, _ := c.guard(s, st.Test)
		c.eval(s, st.Test)
		c.apply(s, onTrue)
	case *ast.Delete:
		for _, t := range st.Targets {
			if n, ok := t.(*ast.Name); ok {
				s.del(n.ID)
			}
		}
	case *ast.FunctionDef:
		s.set(st.Name, c.nestedDef(st.Name))
	case *ast.AsyncFunctionDef:
		s.set(st.Name, c.nestedDef(st.Name))
	case *ast.ClassDef:
		s.set(st.Name, &value{typ: "class"})
	case *ast.Import, *ast.ImportFrom:
		// Local imports bind module names; the resolver sees them.
	case *ast.Match:
		subj := c.eval(s, st.Subject)
		var outs []*state
		for _, mc := range st.Cases {
			sc := s.copy()
			bindPattern(sc, mc.Pattern, subj)
			if mc.Guard != nil {
				onTrue, _ := c.guard(sc, mc.Guard)
				c.eval(sc, mc.Guard)
				c.apply(sc, onTrue)
			}
			outs = append(outs, c.block(sc, mc.Body))
		}
		outs = append(outs, s)
		return merge(outs...)
	}
	return s
}

func bindPattern(s *state, p ast.Pattern, v *value) {
	if p == nil {
		return
	}
	ast.Inspect(p, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.MatchAs:
			if n.Name != "" {
				s.set(n.Name, v)
			}
		case *ast.MatchStar:
			if n.Name != "" {
				s.set(n.Name, v)
			}
		case *ast.MatchMapping:
			if n.Rest != "" {
				s.set(n.Rest, v)
			}
		}
		return true
	})
}

// loop runs a while or for loop to a fixpoint.
func (c *ctx) loop(s *state, at ast.Node, evalTest func(*state), test, target, iter ast.Expr, body, orelse []ast.Stmt) *state {
	var iv *value
	if iter != nil {
		iv = c.eval(s, iter)
		iv = &value{t: iv.t, typ: elemType(iv.typ)}
	}
	head := s.copy()
	var exit []*state
	for i := 0; i < maxLoop; i++ {
		cur := head.copy()
		if evalTest != nil {
			evalTest(cur)
		}
		if test != nil {
			onTrue, _ := c.guard(cur, test)
			c.apply(cur, onTrue)
		}
		if target != nil {
			c.assign(cur, target, nil, iv, at)
		}
		c.loops = append(c.loops, &loopCtx{})
		end := c.block(cur, body)
		lc := c.loops[len(c.loops)-1]
		c.loops = c.loops[:len(c.loops)-1]
		exit = lc.breaks
		next := merge(append([]*state{head, end}, lc.conts...)...)
		if sameState(next, head) {
			head = next
			break
		}
		head = next
	}
	after := head.copy()
	if test != nil {
		_, onFalse := c.guard(after, test)
		c.apply(after, onFalse)
	}
	after = c.block(after, orelse)
	return merge(append([]*state{after}, exit...)...)
}

func elemType(t string) string {
	switch t {
	case "files":
		return "werkzeug.datastructures.FileStorage"
	}
	return ""
}

func (c *ctx) with(s *state, items []*ast.WithItem) {
	for _, it := range items {
		v := c.eval(s, it.ContextExpr)
		if it.OptionalVars != nil {
			c.assign(s, it.OptionalVars, nil, v, nil)
		}
	}
}

func (c *ctx) try(s *state, body []ast.Stmt, handlers []*ast.ExceptHandler, orelse, final []ast.Stmt) *state {
	pre := s.copy()
	after := c.block(s.copy(), body)
	var outs []*state
	// A handler may start anywhere in the body: from the state before it or after it.
	start := merge(pre, after)
	if start.dead {
		start = pre.copy()
	}
	for _, h := range handlers {
		hs := start.copy()
		if h.Name != "" {
			hs.set(h.Name, clean)
		}
		outs = append(outs, c.block(hs, h.Body))
	}
	outs = append([]*state{c.block(after, orelse)}, outs...)
	m := merge(outs...)
	if len(final) > 0 {
		if m.dead {
			fs := c.block(start.copy(), final)
			fs.dead = true
			return fs
		}
		m = c.block(m, final)
	}
	return m
}

// assign binds target to v. src is the assigned expression when known
// (for element-wise tuple unpacking).
func (c *ctx) assign(s *state, target, src ast.Expr, v *value, at ast.Node) {
	if v == nil {
		v = clean
	}
	c.forgetPaths(s, pathOf(target))
	switch t := target.(type) {
	case *ast.Name:
		if v.tainted() && at != nil {
			// Keep what is known of the value (its type, whether a library
			// built it): a statement object stays one after `stmt = select(...)`.
			v = &value{t: v.t.step(c.f, at.Pos(), "assigned to "+t.ID), typ: v.typ, fields: v.fields, built: v.built,
				der: v.der, req: v.req, opaque: v.opaque, bound: v.bound, tupleN: v.tupleN}
		}
		s.set(t.ID, v)
	case *ast.Tuple:
		c.assignSeq(s, t.Elts, src, v, at)
	case *ast.List:
		c.assignSeq(s, t.Elts, src, v, at)
	case *ast.Starred:
		c.assign(s, t.Value, nil, &value{t: v.t}, at)
	case *ast.Attribute:
		if c.isG(s, t.Value) {
			var srcs taint
			for _, l := range v.t {
				if l.org.src != nil {
					l.trace = l.trace.push(c.f, t.Pos(), "stored on flask.g."+t.Attr, "")
					srcs = join(srcs, single(l))
				}
			}
			c.e.mu.Lock()
			c.e.gAttrs[t.Attr] = join(c.e.gAttrs[t.Attr], srcs)
			c.e.mu.Unlock()
		} else if n, ok := t.Value.(*ast.Name); ok {
			old := s.vars[n.ID]
			s.set(n.ID, old.withField(t.Attr, v.t, false))
		} else {
			c.eval(s, t.Value)
		}
	case *ast.Subscript:
		c.eval(s, t.Slice)
		if isLocationHeader(t) {
			c.checkValue(v, t, target, knowledge.Redirect, "", "the Location header")
		}
		switch base := t.Value.(type) {
		case *ast.Name:
			old := s.vars[base.ID]
			nv := &value{t: join(old.tOrNil(), v.t)}
			if old != nil {
				nv.typ, nv.fields = old.typ, old.fields
			}
			if k, ok := constStr(t.Slice); ok && len(nv.fields) > 0 {
				nv = nv.withField("["+k+"]", v.t, false)
			}
			s.set(base.ID, nv)
		case *ast.Attribute:
			if n, ok := base.Value.(*ast.Name); ok {
				s.set(n.ID, s.vars[n.ID].withField(base.Attr, v.t, true))
			}
		}
	}
}

func (v *value) tOrNil() taint {
	if v == nil {
		return nil
	}
	return v.t
}

func (c *ctx) assignSeq(s *state, elts []ast.Expr, src ast.Expr, v *value, at ast.Node) {
	var srcElts []ast.Expr
	switch x := src.(type) {
	case *ast.Tuple:
		srcElts = x.Elts
	case *ast.List:
		srcElts = x.Elts
	}
	if len(srcElts) == len(elts) && !hasStarred(elts) && !hasStarred(srcElts) {
		for i, e := range elts {
			c.assign(s, e, srcElts[i], c.peek(s, srcElts[i]), at)
		}
		return
	}
	if v.tupleN == len(elts) && !hasStarred(elts) {
		// a, b = f() where f returns a pair: each gets its own element.
		for i, e := range elts {
			c.assign(s, e, nil, v.elem(i), at)
		}
		return
	}
	for _, e := range elts {
		c.assign(s, e, nil, &value{t: v.t, typ: elemType(v.typ)}, at)
	}
}

func hasStarred(es []ast.Expr) bool {
	for _, e := range es {
		if _, ok := e.(*ast.Starred); ok {
			return true
		}
	}
	return false
}

// isLocationHeader matches resp.headers["Location"].
func isLocationHeader(t *ast.Subscript) bool {
	a, ok := t.Value.(*ast.Attribute)
	if !ok || a.Attr != "headers" {
		return false
	}
	k, ok := constStr(t.Slice)
	return ok && strings.EqualFold(k, "location")
}

// terminates reports whether a call never returns (abort, sys.exit).
func (c *ctx) terminates(call *ast.Call) bool {
	q := c.e.resolveCall(c.f, call).qual
	switch q {
	case "flask.abort", "werkzeug.exceptions.abort", "sys.exit", "os._exit", "builtins.exit", "builtins.quit",
		"flask_restful.abort", "flask_restx.abort", "flask_restplus.abort", "flask_smorest.abort":
		return true
	}
	if q == "" {
		if n, ok := call.Func.(*ast.Name); ok && (n.ID == "abort" || n.ID == "exit") {
			return true
		}
	}
	return false
}

// restResources are base classes whose methods' return values are
// serialised to JSON by the framework, never sent as HTML.
var restResources = map[string]bool{
	"flask_restx.Resource": true, "flask_restplus.Resource": true, "flask_restful.Resource": true,
}

// returnsJSON reports whether fn is a method of a class deriving (through
// repo classes) from a REST framework's Resource.
func (c *ctx) returnsJSON(fn *resolve.Func) bool {
	if fn == nil {
		return false
	}
	seen := map[*resolve.Class]bool{}
	var derives func(cl *resolve.Class) bool
	derives = func(cl *resolve.Class) bool {
		if cl == nil || seen[cl] {
			return false
		}
		seen[cl] = true
		for _, b := range cl.Bases {
			if restResources[b] || derives(c.e.ix.Class(b)) {
				return true
			}
		}
		return false
	}
	for f := fn; f != nil; f = f.Parent {
		if f.Class != nil {
			return derives(f.Class)
		}
	}
	return false
}

// viewReturn checks the value a view returns: a string becomes an HTML
// response, except from a REST resource, whose returns are serialised.
func (c *ctx) viewReturn(st *ast.Return, x ast.Expr, v *value) {
	if c.returnsJSON(c.u.fn) {
		return
	}
	switch x.(type) {
	case *ast.Dict, *ast.List, *ast.ListComp, *ast.DictComp, *ast.Set, *ast.SetComp, *ast.GeneratorExp:
		return
	}
	switch v.typ {
	case "json", "dict", "list", "multidict", "files", "headers", "flask.Response", "function", "tuple", "Markup":
		return
	}
	c.checkValue(v, st, x, knowledge.HTML, "return", c.fnName+" returning it as an HTML response")
}

// nestedDef is the value of a function defined inside the unit: calling
// it applies its summary.
func (c *ctx) nestedDef(name string) *value {
	if c.u.fn != nil {
		q := c.u.fn.Qual + "." + name
		if c.e.ix.Func(q) != nil {
			return &value{typ: "function", der: &derived{fn: q}}
		}
	}
	return &value{typ: "function"}
}

// isG reports whether x is Flask's request-global object flask.g.
func (c *ctx) isG(s *state, x ast.Expr) bool {
	n, ok := x.(*ast.Name)
	if !ok {
		return false
	}
	if _, local := s.vars[n.ID]; local {
		return false
	}
	q := c.e.qualName(c.f, n)
	return q == "flask.g" || q == "flask.globals.g"
}

// sameState reports whether two states hold the same abstract values
// (traces aside): the loop fixpoint test.
func sameState(a, b *state) bool {
	if a.dead != b.dead || len(a.vars) != len(b.vars) {
		return false
	}
	for k, v := range a.vars {
		w, ok := b.vars[k]
		if !ok || !sameValue(v, w) {
			return false
		}
	}
	return true
}

func sameValue(a, b *value) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil {
		return false
	}
	if a.typ != b.typ || a.built != b.built || a.req != b.req || a.checked != b.checked || !sameTaint(a.t, b.t) ||
		len(a.fields) != len(b.fields) || (a.der == nil) != (b.der == nil) || a.der != nil && *a.der != *b.der {
		return false
	}
	for k, t := range a.fields {
		u, ok := b.fields[k]
		if !ok || !sameTaint(t, u) {
			return false
		}
	}
	return true
}

func sameTaint(a, b taint) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].org.k != b[i].org.k || a[i].conf != b[i].conf || a[i].san != b[i].san {
			return false
		}
	}
	return true
}

// sameMap reports whether two variable maps are the same map.
func sameMap(a, b map[string]*value) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
