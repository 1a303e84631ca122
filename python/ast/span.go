package ast

import "github.com/flasksec/flasksec/python/token"

// The nodes below have no position in CPython. They implement Node so that
// Walk can visit them; their range is that of their children.

func spanOf(nodes ...Node) (start, end token.Pos) {
	for _, n := range nodes {
		if n == nil || isNilNode(n) {
			continue
		}
		if s := n.Pos(); s.IsValid() && (!start.IsValid() || s.Before(start)) {
			start = s
		}
		if e := n.End(); e.IsValid() && (!end.IsValid() || end.Before(e)) {
			end = e
		}
	}
	return start, end
}

// isNilNode reports whether n is a typed nil pointer, as optional
// children often are.
func isNilNode(n Node) bool {
	switch n := n.(type) {
	case *Arg:
		return n == nil
	case *Keyword:
		return n == nil
	case *Arguments:
		return n == nil
	}
	return false
}

func stmtsSpan(body []Stmt) (token.Pos, token.Pos) {
	if len(body) == 0 {
		return token.Pos{}, token.Pos{}
	}
	return body[0].Pos(), body[len(body)-1].End()
}

// Pos returns the start of the first statement.
func (m *Module) Pos() token.Pos { s, _ := stmtsSpan(m.Body); return s }

// End returns the end of the last statement.
func (m *Module) End() token.Pos { _, e := stmtsSpan(m.Body); return e }

func (a *Arguments) nodes() []Node {
	var ns []Node
	for _, x := range a.PosOnlyArgs {
		ns = append(ns, x)
	}
	for _, x := range a.Args {
		ns = append(ns, x)
	}
	if a.Vararg != nil {
		ns = append(ns, a.Vararg)
	}
	for _, x := range a.KwOnlyArgs {
		ns = append(ns, x)
	}
	for _, x := range a.KwDefaults {
		if x != nil {
			ns = append(ns, x)
		}
	}
	if a.Kwarg != nil {
		ns = append(ns, a.Kwarg)
	}
	for _, x := range a.Defaults {
		ns = append(ns, x)
	}
	return ns
}

// Pos returns the start of the first parameter or default.
func (a *Arguments) Pos() token.Pos { s, _ := spanOf(a.nodes()...); return s }

// End returns the end of the last parameter or default.
func (a *Arguments) End() token.Pos { _, e := spanOf(a.nodes()...); return e }

// Pos returns the start of the context expression.
func (w *WithItem) Pos() token.Pos { return w.ContextExpr.Pos() }

// End returns the end of the optional variables, or of the expression.
func (w *WithItem) End() token.Pos {
	if w.OptionalVars != nil {
		return w.OptionalVars.End()
	}
	return w.ContextExpr.End()
}

// Pos returns the start of the pattern.
func (c *MatchCase) Pos() token.Pos { return c.Pattern.Pos() }

// End returns the end of the last statement of the body.
func (c *MatchCase) End() token.Pos {
	if len(c.Body) > 0 {
		return c.Body[len(c.Body)-1].End()
	}
	return c.Pattern.End()
}

// Pos returns the start of the target.
func (c *Comprehension) Pos() token.Pos { return c.Target.Pos() }

// End returns the end of the last condition, or of the iterable.
func (c *Comprehension) End() token.Pos {
	if len(c.Ifs) > 0 {
		return c.Ifs[len(c.Ifs)-1].End()
	}
	return c.Iter.End()
}
