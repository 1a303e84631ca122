package ast

// childCollector is a Visitor that records the nodes it is shown instead
// of descending into them: walkChildren with it lists a node's children
// without recursion.
type childCollector struct{ nodes []Node }

func (c *childCollector) Visit(n Node) Visitor {
	if n != nil {
		c.nodes = append(c.nodes, n)
	}
	return nil
}

// DeeperThan reports the first node, in depth-first order, that lies more
// than limit levels below n (n itself is at level 1), or nil when the tree
// is at most limit levels deep. It uses an explicit stack, not recursion,
// so it is safe on trees of any depth; its cost is linear in the size of
// the tree. The parser uses it to reject trees that the recursive passes
// after it could not walk (see python/parser's maxTreeDepth).
func DeeperThan(n Node, limit int) Node {
	type item struct {
		n     Node
		level int
	}
	var c childCollector
	stack := []item{{n, 1}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.level > limit {
			return it.n
		}
		c.nodes = c.nodes[:0]
		if m, ok := it.n.(*Module); ok {
			for _, s := range m.Body {
				c.nodes = append(c.nodes, s)
			}
		} else {
			walkChildren(&c, it.n)
		}
		// Push in reverse so that children are visited in source order.
		for i := len(c.nodes) - 1; i >= 0; i-- {
			stack = append(stack, item{c.nodes[i], it.level + 1})
		}
	}
	return nil
}
