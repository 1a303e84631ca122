package templates

import (
	"github.com/flasksec/flasksec/jinja"
)

// Escape is the state of {% autoescape %} blocks around an output.
type Escape int8

// The autoescape block states.
const (
	EscapeInherit Escape = iota // no {% autoescape %} block: the template's default applies
	EscapeOn                    // inside {% autoescape true %}
	EscapeOff                   // inside {% autoescape false %}
)

// Output is one {{ }} expression of a template.
type Output struct {
	Template *Template
	Node     *jinja.Output
	Context  jinja.Context // where it lands in the HTML
	// Block is the innermost {% autoescape %} block's state; BlockPos is
	// that block's position when there is one.
	Block    Escape
	BlockPos jinja.Pos
	Scope    *Scope       // the local names it sees
	Macro    *jinja.Macro // the macro whose body holds it; nil outside macros
	// Guards are the conditions of the {% if %} statements around the
	// output, outermost first (an elif's own condition included; the
	// conditions of the branches not taken are not negated).
	Guards []jinja.Expr
}

// BindKind says how a template-local name got its value.
type BindKind uint8

// The kinds of local bindings.
const (
	BindSet       BindKind = iota + 1 // {% set x = value %} (also namespace attributes: "ns.x")
	BindBlockSet                      // {% set x %}...{% endset %}: rendered template text
	BindLoop                          // a {% for %} target: an item of Value
	BindLoopVar                       // the special "loop" variable
	BindWith                          // {% with x = value %}
	BindParam                         // a macro parameter (Param set), or varargs/kwargs
	BindCaller                        // "caller" inside a macro: the calling block's text
	BindCallParam                     // a {% call(x) %} block parameter
	BindImport                        // a name bound by {% import %} or {% from ... import %}
	BindMacro                         // a macro defined in this template
)

// Binding is one template-local name.
type Binding struct {
	Kind  BindKind
	Name  string
	Value jinja.Expr   // the value (set, with), the iterable (loop); nil otherwise
	Scope *Scope       // the scope Value is evaluated in
	Macro *jinja.Macro // for BindParam and BindMacro
	Param *jinja.Param // for BindParam of a named parameter
	Pos   jinja.Pos
}

// Scope is a chain of local bindings; a later {% set %} starts a new
// link, so each output sees exactly the names bound before it.
type Scope struct {
	parent *Scope
	vars   map[string]*Binding
}

// Lookup returns the innermost binding of name, or nil when the name
// comes from the render context (or is a global).
func (s *Scope) Lookup(name string) *Binding {
	for ; s != nil; s = s.parent {
		if b := s.vars[name]; b != nil {
			return b
		}
	}
	return nil
}

func (s *Scope) with(bs ...*Binding) *Scope {
	n := &Scope{parent: s, vars: make(map[string]*Binding, len(bs))}
	for _, b := range bs {
		n.vars[b.Name] = b
	}
	return n
}

// walker collects outputs, references and macros of a template.
type walker struct {
	t        *Template
	contexts map[*jinja.Output]jinja.Context
	depth    int
}

const maxWalkDepth = jinja.MaxDepth + 10

type walkState struct {
	guards   []jinja.Expr
	scope    *Scope
	block    Escape
	blockPos jinja.Pos
	macro    *jinja.Macro
}

// walk visits a body and returns the scope after it (sets in if bodies
// stay visible after the if, as in Jinja).
func (w *walker) walk(body []jinja.Stmt, st walkState) *Scope {
	if w.depth > maxWalkDepth {
		return st.scope
	}
	w.depth++
	defer func() { w.depth-- }()
	for _, s := range body {
		st.scope = w.stmt(s, st)
	}
	return st.scope
}

func targetNames(x jinja.Expr) []*jinja.Name {
	switch x := x.(type) {
	case *jinja.Name:
		return []*jinja.Name{x}
	case *jinja.Tuple:
		var out []*jinja.Name
		for _, it := range x.Items {
			out = append(out, targetNames(it)...)
		}
		return out
	}
	return nil
}

// CallSite is a call expression of a template with the scope it is
// evaluated in (macro calls are followed through them).
type CallSite struct {
	Call  *jinja.Call
	Scope *Scope
}

// calls records the call expressions inside xs.
func (w *walker) calls(sc *Scope, xs ...jinja.Expr) {
	for _, x := range xs {
		if x == nil {
			continue
		}
		jinja.Inspect(x, func(n jinja.Node) bool {
			if c, ok := n.(*jinja.Call); ok {
				w.t.Calls = append(w.t.Calls, &CallSite{Call: c, Scope: sc})
			}
			return true
		})
	}
}

func (w *walker) stmt(s jinja.Stmt, st walkState) *Scope {
	sc := st.scope
	switch s := s.(type) {
	case *jinja.Set:
		w.calls(sc, s.Value)
	case *jinja.CallBlock:
		if s.Call != nil {
			w.calls(sc, s.Call)
		}
	case *jinja.With:
		w.calls(sc, s.Values...)
	case *jinja.For:
		w.calls(sc, s.Iter)
	case *jinja.If:
		w.calls(sc, s.Cond)
	case *jinja.ExprStmt:
		w.calls(sc, s.Exprs...)
	case *jinja.Output:
		w.calls(sc, s.X)
	}
	switch s := s.(type) {
	case *jinja.Output:
		w.t.Outputs = append(w.t.Outputs, &Output{Template: w.t, Node: s, Context: w.contexts[s],
			Block: st.block, BlockPos: st.blockPos, Scope: sc, Macro: st.macro, Guards: st.guards})
	case *jinja.If:
		inner := st
		inner.guards = append(append([]jinja.Expr(nil), st.guards...), s.Cond)
		sc = w.walk(s.Body, inner)
		st.scope = sc
		sc = w.walk(s.Else, st)
	case *jinja.For:
		var bs []*Binding
		for _, n := range targetNames(s.Target) {
			bs = append(bs, &Binding{Kind: BindLoop, Name: n.Name, Value: s.Iter, Scope: sc, Pos: n.Pos()})
		}
		bs = append(bs, &Binding{Kind: BindLoopVar, Name: "loop", Pos: s.Pos()})
		inner := st
		inner.scope = sc.with(bs...)
		w.walk(s.Body, inner)
		w.walk(s.Else, st)
	case *jinja.Set:
		if g, ok := s.Target.(*jinja.Getattr); ok {
			if n, ok := g.X.(*jinja.Name); ok {
				return sc.with(&Binding{Kind: BindSet, Name: n.Name + "." + g.Attr, Value: s.Value, Scope: sc, Pos: s.Pos()})
			}
			return sc
		}
		kind := BindSet
		if s.Value == nil {
			kind = BindBlockSet
			w.walk(s.Body, st)
		}
		var bs []*Binding
		names := targetNames(s.Target)
		for i, n := range names {
			v := s.Value
			// {% set a, b = x, y %} binds each name to its own item.
			if t, ok := v.(*jinja.Tuple); ok && len(t.Items) == len(names) {
				v = t.Items[i]
			}
			bs = append(bs, &Binding{Kind: kind, Name: n.Name, Value: v, Scope: sc, Pos: n.Pos()})
		}
		if len(bs) > 0 {
			return sc.with(bs...)
		}
	case *jinja.With:
		var bs []*Binding
		for i, t := range s.Targets {
			var v jinja.Expr
			if i < len(s.Values) {
				v = s.Values[i]
			}
			for _, n := range targetNames(t) {
				bs = append(bs, &Binding{Kind: BindWith, Name: n.Name, Value: v, Scope: sc, Pos: n.Pos()})
			}
		}
		inner := st
		inner.scope = sc.with(bs...)
		w.walk(s.Body, inner)
	case *jinja.Block:
		w.walk(s.Body, st)
	case *jinja.Extends:
		w.t.Extends = append(w.t.Extends, newRef(s.Template, s.Pos(), true))
	case *jinja.Include:
		w.t.Includes = append(w.t.Includes, newRef(s.Template, s.Pos(), s.WithContext))
	case *jinja.Import:
		w.t.Imports = append(w.t.Imports, newRef(s.Template, s.Pos(), s.WithContext))
		return sc.with(&Binding{Kind: BindImport, Name: s.Target, Pos: s.Pos()})
	case *jinja.FromImport:
		w.t.Imports = append(w.t.Imports, newRef(s.Template, s.Pos(), s.WithContext))
		var bs []*Binding
		for _, n := range s.Names {
			name := n.Name
			if n.Alias != "" {
				name = n.Alias
			}
			bs = append(bs, &Binding{Kind: BindImport, Name: name, Pos: s.Pos()})
		}
		return sc.with(bs...)
	case *jinja.Macro:
		if w.t.Macros == nil {
			w.t.Macros = map[string]*jinja.Macro{}
		}
		if _, dup := w.t.Macros[s.Name]; !dup {
			w.t.Macros[s.Name] = s
		}
		sc = sc.with(&Binding{Kind: BindMacro, Name: s.Name, Macro: s, Pos: s.Pos()})
		bs := []*Binding{
			{Kind: BindParam, Name: "varargs", Macro: s, Pos: s.Pos()},
			{Kind: BindParam, Name: "kwargs", Macro: s, Pos: s.Pos()},
			{Kind: BindCaller, Name: "caller", Macro: s, Pos: s.Pos()},
		}
		for i := range s.Params {
			p := &s.Params[i]
			bs = append(bs, &Binding{Kind: BindParam, Name: p.Name, Macro: s, Param: p, Value: p.Default, Scope: sc, Pos: p.NamePos})
		}
		inner := st
		inner.scope = sc.with(bs...)
		inner.macro = s
		w.walk(s.Body, inner)
		return sc
	case *jinja.CallBlock:
		var bs []*Binding
		for i := range s.Params {
			p := &s.Params[i]
			bs = append(bs, &Binding{Kind: BindCallParam, Name: p.Name, Param: p, Scope: sc, Pos: p.NamePos})
		}
		inner := st
		inner.scope = sc.with(bs...)
		w.walk(s.Body, inner)
	case *jinja.FilterBlock:
		w.walk(s.Body, st)
	case *jinja.Autoescape:
		inner := st
		inner.block, inner.blockPos = EscapeOff, s.Pos()
		if c, ok := s.Value.(*jinja.Const); ok && c.Kind == jinja.BoolConst && c.Value == "true" {
			inner.block = EscapeOn
		} else if !ok {
			// A computed value: keep the enclosing state.
			inner.block, inner.blockPos = st.block, st.blockPos
		}
		w.walk(s.Body, inner)
	}
	return sc
}

// newRef makes a reference from a template-name expression.
func newRef(x jinja.Expr, pos jinja.Pos, withContext bool) *Ref {
	r := &Ref{Pos: pos, WithContext: withContext}
	r.Names = constStrings(x)
	if len(r.Names) == 1 {
		r.Name = r.Names[0]
	}
	return r
}

// constStrings returns the string constants an expression can take: a
// literal, a list/tuple of them (the first that exists is used), or both
// branches of a conditional.
func constStrings(x jinja.Expr) []string {
	switch x := x.(type) {
	case *jinja.Const:
		if x.Kind == jinja.StrConst {
			return []string{x.Value}
		}
	case *jinja.List:
		var out []string
		for _, it := range x.Items {
			out = append(out, constStrings(it)...)
		}
		return out
	case *jinja.Tuple:
		var out []string
		for _, it := range x.Items {
			out = append(out, constStrings(it)...)
		}
		return out
	case *jinja.CondExpr:
		return append(constStrings(x.Then), constStrings(x.Else)...)
	}
	return nil
}
