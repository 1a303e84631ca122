package flask

import (
	"github.com/flasksec/flasksec/python/ast"
)

// An add_url_rule call names its rule, view and owner with expressions
// that are often not literals: the loop variables of a registration
// table (for url, view in VIEWS: app.add_url_rule(url, view_func=...)),
// a local assigned once (view_func = View.as_view("x")), or the
// parameters of a registration helper called for each view
// (register_api(app, UserAPI, "users", "/users/")). The builder follows
// these statically, as far as the values are literals or names of the
// repository, and gives up (no route) otherwise.

// valueAt is an expression with the context it is read in.
type valueAt struct {
	e ast.Expr
	c *ctx
}

// binding maps names to the values they stand for: a helper's
// parameters bound to a call's arguments, a loop's targets bound to one
// element of its table.
type binding map[string]valueAt

// maxUnroll bounds how many elements of a registration table, and how
// many calls of a registration helper, the builder follows.
const maxUnroll = 256

// maxHelperDepth bounds how many registration helpers deep (a helper
// calling a helper) the builder follows.
const maxHelperDepth = 2

// helperRule is an add_url_rule call in a function whose rule, view or
// owner is one of the function's parameters.
type helperRule struct {
	c     *ctx
	call  *ast.Call
	attr  *ast.Attribute
	fn    ast.Node
	sub   binding // the bindings already made (an outer helper's)
	depth int
}

// subst returns what e stands for under sub, in its context: a bound
// name's value (followed), a local assigned once in the enclosing
// function, or e itself.
func (b *builder) subst(c *ctx, e ast.Expr, sub binding) valueAt {
	for i := 0; i < 8; i++ {
		n, ok := e.(*ast.Name)
		if !ok {
			break
		}
		if v, ok := sub[n.ID]; ok {
			e, c = v.e, v.c
			continue
		}
		if c.fn == nil || isParam(c.fn, n.ID) {
			break
		}
		v := assignedOnce(c.fn, n.ID)
		if v == nil {
			break
		}
		e = v
	}
	return valueAt{e, c}
}

// isParam reports whether name is a parameter of function fn.
func isParam(fn ast.Node, name string) bool {
	for _, p := range params(fn) {
		if p == name {
			return true
		}
	}
	return false
}

// params returns the names of fn's positional and keyword parameters, in order.
func params(fn ast.Node) []string {
	var a *ast.Arguments
	switch f := fn.(type) {
	case *ast.FunctionDef:
		a = f.Args
	case *ast.AsyncFunctionDef:
		a = f.Args
	}
	if a == nil {
		return nil
	}
	var out []string
	for _, x := range append(append(append([]*ast.Arg(nil), a.PosOnlyArgs...), a.Args...), a.KwOnlyArgs...) {
		out = append(out, x.Arg)
	}
	return out
}

// assignedOnce returns the value of `name = value` when it is the only
// assignment to name in fn's body (nested definitions excluded), else nil.
func assignedOnce(fn ast.Node, name string) ast.Expr {
	var val ast.Expr
	count := 0
	InspectBody(FuncBody(fn), func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.Assign:
			for _, t := range x.Targets {
				if tn, ok := t.(*ast.Name); ok && tn.ID == name {
					val = x.Value
					count++
				}
			}
		case *ast.For:
			if boundBy(x.Target, name) {
				count += 2
			}
		case *ast.AugAssign, *ast.AnnAssign:
			count += 2
		}
		return true
	})
	if count != 1 {
		return nil
	}
	return val
}

// boundBy reports whether an assignment target binds name.
func boundBy(target ast.Expr, name string) bool {
	switch t := target.(type) {
	case *ast.Name:
		return t.ID == name
	case *ast.Tuple:
		for _, e := range t.Elts {
			if boundBy(e, name) {
				return true
			}
		}
	case *ast.List:
		for _, e := range t.Elts {
			if boundBy(e, name) {
				return true
			}
		}
	}
	return false
}

// elements returns the items of a registration table: a list, tuple or
// set literal, or a module-level constant holding one, as e stands for
// under sub; nil when it is none of these.
func (b *builder) elements(c *ctx, e ast.Expr, sub binding) []valueAt {
	v := b.subst(c, e, sub)
	if n, ok := v.e.(*ast.Name); ok {
		if x, f := b.m.Constant(v.c.mi.file, n.ID); x != nil {
			cc := *v.c
			if mi := b.m.mods[f]; mi != nil {
				cc.mi = mi
			}
			v = valueAt{x, &cc}
		}
	}
	var elts []ast.Expr
	switch x := v.e.(type) {
	case *ast.List:
		elts = x.Elts
	case *ast.Tuple:
		elts = x.Elts
	case *ast.Set:
		elts = x.Elts
	default:
		return nil
	}
	out := make([]valueAt, 0, len(elts))
	for _, el := range elts {
		out = append(out, valueAt{el, v.c})
	}
	return out
}

// bindTarget binds a loop target to one element: names directly, tuples
// component by component. It reports false when the shapes differ.
func bindTarget(target ast.Expr, el valueAt, sub binding) bool {
	switch t := target.(type) {
	case *ast.Name:
		sub[t.ID] = el
		return true
	case *ast.Tuple, *ast.List:
		var targets, vals []ast.Expr
		if tt, ok := t.(*ast.Tuple); ok {
			targets = tt.Elts
		} else {
			targets = t.(*ast.List).Elts
		}
		switch v := el.e.(type) {
		case *ast.Tuple:
			vals = v.Elts
		case *ast.List:
			vals = v.Elts
		default:
			return false
		}
		if len(targets) != len(vals) {
			return false
		}
		for i := range targets {
			if !bindTarget(targets[i], valueAt{vals[i], el.c}, sub) {
				return false
			}
		}
		return true
	}
	return false
}

// mentions reports whether the call's receiver or arguments name one of
// the names a loop target binds.
func mentions(call *ast.Call, attr *ast.Attribute, target ast.Expr) bool {
	found := false
	check := func(e ast.Expr) {
		ast.Inspect(e, func(n ast.Node) bool {
			if nm, ok := n.(*ast.Name); ok && boundBy(target, nm.ID) {
				found = true
			}
			return !found && n != nil
		})
	}
	check(attr.Value)
	for _, a := range call.Args {
		check(a)
	}
	for _, k := range call.Keywords {
		if k != nil {
			check(k.Value)
		}
	}
	return found
}

// addURLRule handles app.add_url_rule(rule, endpoint, view_func,
// methods=...), following the loops, locals and helper parameters the
// call's arguments come from.
func (b *builder) addURLRule(c *ctx, call *ast.Call, attr *ast.Attribute) {
	b.addURLRuleWith(c, call, attr, nil, 0)
}

func (b *builder) addURLRuleWith(c *ctx, call *ast.Call, attr *ast.Attribute, sub binding, depth int) {
	// Unroll the enclosing loops whose variables the call uses.
	for lc := c; lc != nil && lc.loop != nil; lc = lc.outer {
		loop := lc.loop
		if !mentions(call, attr, loop.Target) || alreadyBound(loop.Target, sub) {
			continue
		}
		if !viewMentions(call, attr, loop.Target) && !boundIter(loop.Iter, sub) {
			// The loop gives the same view several rules from a table of
			// the module (for d in KINDS: add_url_rule("/%s" % d, view_func=v)):
			// one route, whose rule is not a constant.
			break
		}
		els := b.elements(lc.outer, loop.Iter, sub)
		if els == nil {
			if n, ok := b.subst(lc.outer, loop.Iter, sub).e.(*ast.Name); ok && c.fn != nil && isParam(c.fn, n.ID) && depth < maxHelperDepth {
				// for route in routes: a helper's parameter.
				b.helperRules = append(b.helperRules, helperRule{c: c, call: call, attr: attr, fn: c.fn, sub: sub, depth: depth})
			}
			return
		}
		for i, el := range els {
			if i >= maxUnroll {
				break
			}
			s2 := binding{}
			for k, v := range sub {
				s2[k] = v
			}
			if bindTarget(loop.Target, el, s2) {
				b.addURLRuleWith(c, call, attr, s2, depth)
			}
		}
		return
	}
	ruleExpr := Arg(call, 0, "rule")
	view := Arg(call, 2, "view_func")
	if ruleExpr == nil || view == nil {
		return
	}
	owner := b.subst(c, attr.Value, sub)
	rule := b.subst(c, ruleExpr, sub)
	vv := b.subst(c, view, sub)
	if c.fn != nil && depth < maxHelperDepth && (paramOf(c.fn, owner) || paramOf(c.fn, rule) || paramOf(c.fn, vv)) {
		b.helperRules = append(b.helperRules, helperRule{c: c, call: call, attr: attr, fn: c.fn, sub: sub, depth: depth})
		return
	}
	app, bp, ext, ok := b.routeOwner(owner.c, owner.e)
	if !ok {
		return
	}
	ruleStr, isStr := b.ruleString(rule.c, rule.e, sub)
	rd := routeDecl{decl: call, file: c.mi.file, rule: ruleStr, ruleOK: isStr, app: app, bp: bp, ext: ext, recv: attr.Value}
	rd.methods = b.methodsOf(c, Kwarg(call, "methods"))
	ep := b.subst(c, Arg(call, 1, "endpoint"), sub)
	endpoint, _ := StrConst(ep.e)
	if vc, ok := vv.e.(*ast.Call); ok {
		if va, ok := vc.Func.(*ast.Attribute); ok && va.Attr == "as_view" {
			cls := b.subst(vv.c, va.Value, sub)
			cl, cmi := b.classOf(cls.c, cls.e)
			if cl == nil {
				return
			}
			if endpoint == "" {
				name := b.subst(vv.c, Arg(vc, 0, "name"), sub)
				endpoint, _ = StrConst(name.e)
			}
			cc := *c
			if cmi != nil {
				cc.mi = cmi
			}
			b.classViewRoutes(&cc, rd, cl, rd.methods, endpoint)
		}
		return
	}
	fn, ok := b.resolve(vv.c, vv.e).(ast.Node)
	if !ok || FuncName(fn) == "" {
		return
	}
	if endpoint == "" {
		endpoint = FuncName(fn)
	}
	fc := *c
	if mi := b.modOfNode(fn); mi != nil {
		fc.mi = mi
	}
	b.newRoute(&fc, rd, fn, FuncName(fn), nil, rd.methods, funcDecorators(fn), endpoint)
}

// viewMentions reports whether the call's receiver or view_func names
// one of the names a loop target binds: a table of views or owners.
func viewMentions(call *ast.Call, attr *ast.Attribute, target ast.Expr) bool {
	probe := &ast.Call{Func: attr}
	if v := Arg(call, 2, "view_func"); v != nil {
		probe.Args = []ast.Expr{v}
	}
	return mentions(probe, attr, target)
}

// boundIter reports whether a loop's iterable is a name sub binds: the
// list a registration helper was given (register_view(bp, routes=[...])).
func boundIter(iter ast.Expr, sub binding) bool {
	n, ok := iter.(*ast.Name)
	if !ok {
		return false
	}
	_, bound := sub[n.ID]
	return bound
}

// alreadyBound reports whether sub binds every name of a loop target.
func alreadyBound(target ast.Expr, sub binding) bool {
	if sub == nil {
		return false
	}
	all := true
	ast.Inspect(target, func(n ast.Node) bool {
		if nm, ok := n.(*ast.Name); ok {
			if _, bound := sub[nm.ID]; !bound {
				all = false
			}
		}
		return n != nil
	})
	return all
}

// paramOf reports whether v is an unbound parameter of fn.
func paramOf(fn ast.Node, v valueAt) bool {
	n, ok := v.e.(*ast.Name)
	return ok && v.c.fn == fn && isParam(fn, n.ID)
}

// resolveHelperRules follows each registration helper to its call
// sites: the parameters are bound to each call's arguments and the
// helper's add_url_rule is read again under those bindings.
func (b *builder) resolveHelperRules() {
	for round := 0; round < maxHelperDepth && len(b.helperRules) > 0; round++ {
		pending := b.helperRules
		b.helperRules = nil
		byName := map[string][]helperRule{}
		for _, h := range pending {
			byName[FuncName(h.fn)] = append(byName[FuncName(h.fn)], h)
		}
		calls := 0
		for _, mi := range b.files {
			for i := range mi.stmts {
				st := &mi.stmts[i]
				for _, n := range mi.ownOf(st) {
					call, ok := n.(*ast.Call)
					if !ok {
						continue
					}
					name := Dotted(call.Func)
					if i := lastDot(name); i >= 0 {
						name = name[i+1:]
					}
					hs := byName[name]
					if len(hs) == 0 || calls >= maxUnroll*4 {
						continue
					}
					target, ok := b.resolve(st.c, call.Func).(ast.Node)
					if !ok {
						continue
					}
					for _, h := range hs {
						if h.fn != target {
							continue
						}
						calls++
						sub := bindCall(h.fn, call, st.c, h.sub)
						b.addURLRuleWith(h.c, h.call, h.attr, sub, h.depth+1)
					}
				}
			}
		}
	}
	b.helperRules = nil
}

// bindCall binds the parameters of fn to the arguments of a call made in
// context c, on top of outer (a method's self is not skipped: helpers
// are module-level functions).
func bindCall(fn ast.Node, call *ast.Call, c *ctx, outer binding) binding {
	sub := binding{}
	for k, v := range outer {
		sub[k] = v
	}
	ps := params(fn)
	for i, a := range call.Args {
		if _, star := a.(*ast.Starred); star || i >= len(ps) {
			break
		}
		sub[ps[i]] = valueAt{a, c}
	}
	for _, k := range call.Keywords {
		if k != nil && k.Arg != "" && isParam(fn, k.Arg) {
			sub[k.Arg] = valueAt{k.Value, c}
		}
	}
	return sub
}

// lastDot returns the index of the last '.' in s, or -1.
func lastDot(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return i
		}
	}
	return -1
}

// ruleString returns the URL rule an expression gives: a string literal,
// or the call of a repository function that builds the rule from its
// arguments (org_scoped_rule("/x/<id>") returning "/<org_slug>{}".format(rule)
// or rule). When the function's returns give several rules, the one with
// the most parameters is chosen (the others are its shorter variants).
func (b *builder) ruleString(c *ctx, e ast.Expr, sub binding) (string, bool) {
	v := b.subst(c, e, sub)
	if s, ok := StrConst(v.e); ok {
		return s, true
	}
	// "/{}/<x>".format(kind), "/" + kind, f"/{kind}" with kind bound.
	vars := map[string]string{}
	for name, val := range sub {
		if s, ok := StrConst(val.e); ok {
			vars[name] = s
		}
	}
	if s, ok := strEval(v.e, vars); ok {
		return s, true
	}
	call, ok := v.e.(*ast.Call)
	if !ok {
		return "", false
	}
	fn, ok := b.resolve(v.c, call.Func).(ast.Node)
	if !ok || FuncName(fn) == "" {
		return "", false
	}
	args := map[string]string{}
	for name, val := range bindCall(fn, call, v.c, nil) {
		if s, ok := b.ruleString(val.c, val.e, sub); ok {
			args[name] = s
		}
	}
	best, found := "", false
	InspectBody(FuncBody(fn), func(n ast.Node) bool {
		r, ok := n.(*ast.Return)
		if !ok || r.Value == nil {
			return true
		}
		s, ok := strEval(r.Value, args)
		if !ok {
			return true
		}
		if !found || len(ParseRule(s)) > len(ParseRule(best)) {
			best, found = s, true
		}
		return true
	})
	return best, found
}

// strEval evaluates a string expression built from literals and the
// names of vars: concatenation, f-strings and "...{}...".format(...).
func strEval(e ast.Expr, vars map[string]string) (string, bool) {
	switch x := e.(type) {
	case *ast.Name:
		s, ok := vars[x.ID]
		return s, ok
	case *ast.BinOp:
		if x.Op != ast.Add {
			return "", false
		}
		l, ok1 := strEval(x.Left, vars)
		r, ok2 := strEval(x.Right, vars)
		return l + r, ok1 && ok2
	case *ast.JoinedStr:
		var sb []byte
		for _, part := range x.Values {
			if fv, ok := part.(*ast.FormattedValue); ok {
				s, ok := strEval(fv.Value, vars)
				if !ok {
					return "", false
				}
				sb = append(sb, s...)
				continue
			}
			s, ok := strEval(part, vars)
			if !ok {
				return "", false
			}
			sb = append(sb, s...)
		}
		return string(sb), true
	case *ast.Call:
		a, ok := x.Func.(*ast.Attribute)
		if !ok || a.Attr != "format" {
			return "", false
		}
		format, ok := StrConst(a.Value)
		if !ok {
			return "", false
		}
		var out []byte
		argi := 0
		for i := 0; i < len(format); i++ {
			if format[i] == '{' && i+1 < len(format) && format[i+1] == '}' {
				if argi >= len(x.Args) {
					return "", false
				}
				s, ok := strEval(x.Args[argi], vars)
				if !ok {
					return "", false
				}
				out = append(out, s...)
				argi++
				i++
				continue
			}
			out = append(out, format[i])
		}
		return string(out), true
	}
	return StrConst(e)
}
