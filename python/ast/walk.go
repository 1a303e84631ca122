package ast

//go:generate go run ./internal/genwalk

// A Visitor's Visit method is called for each node encountered by Walk.
// If the result visitor w is not nil, Walk visits each of the children of
// node with w, followed by a call of w.Visit(nil).
type Visitor interface {
	Visit(node Node) (w Visitor)
}

// Walk traverses a tree in depth-first order, children in source field
// order. It starts by calling v.Visit(node); node must not be nil. Besides
// the positioned nodes, it visits *Module, *Arguments, *WithItem,
// *MatchCase and *Comprehension, which implement Node with the range of
// their first and last child.
func Walk(v Visitor, node Node) {
	if v = v.Visit(node); v == nil {
		return
	}
	if m, ok := node.(*Module); ok {
		for _, s := range m.Body {
			Walk(v, s)
		}
	} else {
		walkChildren(v, node)
	}
	v.Visit(nil)
}

type inspector func(Node) bool

func (f inspector) Visit(node Node) Visitor {
	if f(node) {
		return f
	}
	return nil
}

// Inspect traverses a tree in depth-first order: it calls f(node) for each
// node; if f returns true, Inspect visits the node's children, followed by
// a call of f(nil).
func Inspect(node Node, f func(Node) bool) {
	Walk(inspector(f), node)
}
