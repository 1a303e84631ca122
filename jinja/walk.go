package jinja

import (
	"strconv"
	"strings"
)

// Inspect walks the tree rooted at n depth-first, children in source
// order: it calls f(node) for each node and descends into the node's
// children when f returns true. Statement bodies, expressions of
// statements and sub-expressions are all visited.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || isNilNode(n) || !f(n) {
		return
	}
	stmts := func(list []Stmt) {
		for _, s := range list {
			Inspect(s, f)
		}
	}
	exprs := func(list ...Expr) {
		for _, x := range list {
			if x != nil {
				Inspect(x, f)
			}
		}
	}
	args := func(a *Args) {
		exprs(a.Args...)
		for _, k := range a.Kwargs {
			exprs(k.Value)
		}
		exprs(a.DynArgs, a.DynKwargs)
	}
	params := func(ps []Param) {
		for _, p := range ps {
			exprs(p.Default)
		}
	}
	switch n := n.(type) {
	case *Template:
		stmts(n.Body)
	case *Output:
		exprs(n.X)
	case *If:
		exprs(n.Cond)
		stmts(n.Body)
		stmts(n.Else)
	case *For:
		exprs(n.Target, n.Iter, n.Filter)
		stmts(n.Body)
		stmts(n.Else)
	case *Set:
		exprs(n.Target, n.Value)
		if n.Filter != nil {
			exprs(n.Filter)
		}
		stmts(n.Body)
	case *With:
		for i := range n.Targets {
			exprs(n.Targets[i])
			if i < len(n.Values) {
				exprs(n.Values[i])
			}
		}
		stmts(n.Body)
	case *Block:
		stmts(n.Body)
	case *Extends:
		exprs(n.Template)
	case *Include:
		exprs(n.Template)
	case *Import:
		exprs(n.Template)
	case *FromImport:
		exprs(n.Template)
	case *Macro:
		params(n.Params)
		stmts(n.Body)
	case *CallBlock:
		params(n.Params)
		if n.Call != nil {
			exprs(n.Call)
		}
		stmts(n.Body)
	case *FilterBlock:
		if n.Filter != nil {
			exprs(n.Filter)
		}
		stmts(n.Body)
	case *Autoescape:
		exprs(n.Value)
		stmts(n.Body)
	case *ExprStmt:
		exprs(n.Exprs...)
	case *Getattr:
		exprs(n.X)
	case *Getitem:
		exprs(n.X, n.Index)
	case *Slice:
		exprs(n.Lo, n.Hi, n.Step)
	case *Call:
		exprs(n.Func)
		args(&n.Args)
	case *Filter:
		exprs(n.X)
		args(&n.Args)
	case *Test:
		exprs(n.X)
		args(&n.Args)
	case *BinOp:
		exprs(n.X, n.Y)
	case *UnaryOp:
		exprs(n.X)
	case *Compare:
		exprs(n.X)
		for _, op := range n.Ops {
			exprs(op.Y)
		}
	case *CondExpr:
		exprs(n.Cond, n.Then, n.Else)
	case *List:
		exprs(n.Items...)
	case *Tuple:
		exprs(n.Items...)
	case *Dict:
		for _, p := range n.Pairs {
			exprs(p.Key, p.Value)
		}
	}
}

// isNilNode reports whether n is a typed nil pointer.
func isNilNode(n Node) bool {
	switch n := n.(type) {
	case *Filter:
		return n == nil
	case *Call:
		return n == nil
	}
	return false
}

// ExprString renders an expression back as normalised Jinja source
// ("user.name|safe", "url_for('x', id=1)"); used in messages and tests.
func ExprString(x Expr) string {
	var b strings.Builder
	writeExpr(&b, x, 0)
	return b.String()
}

// maxRenderDepth bounds ExprString on pathological trees.
const maxRenderDepth = 100

func writeExpr(b *strings.Builder, x Expr, depth int) {
	if depth > maxRenderDepth {
		b.WriteString("...")
		return
	}
	w := func(e Expr) { writeExpr(b, e, depth+1) }
	switch x := x.(type) {
	case nil:
		b.WriteString("<nil>")
	case *Name:
		b.WriteString(x.Name)
	case *Const:
		if x.Kind == StrConst {
			b.WriteString(quoteJinja(x.Value))
		} else {
			b.WriteString(x.Value)
		}
	case *Getattr:
		w(x.X)
		b.WriteString("." + x.Attr)
	case *Getitem:
		w(x.X)
		b.WriteString("[")
		if t, ok := x.Index.(*Tuple); ok {
			writeList(b, t.Items, depth)
		} else {
			w(x.Index)
		}
		b.WriteString("]")
	case *Slice:
		if x.Lo != nil {
			w(x.Lo)
		}
		b.WriteString(":")
		if x.Hi != nil {
			w(x.Hi)
		}
		if x.Step != nil {
			b.WriteString(":")
			w(x.Step)
		}
	case *Call:
		w(x.Func)
		writeArgs(b, &x.Args, depth, true)
	case *Filter:
		if x.X != nil {
			w(x.X)
		}
		b.WriteString("|" + x.Name)
		writeArgs(b, &x.Args, depth, false)
	case *Test:
		w(x.X)
		b.WriteString(" is ")
		if x.Negate {
			b.WriteString("not ")
		}
		b.WriteString(x.Name)
		writeArgs(b, &x.Args, depth, false)
	case *BinOp:
		b.WriteString("(")
		w(x.X)
		b.WriteString(" " + x.Op + " ")
		w(x.Y)
		b.WriteString(")")
	case *UnaryOp:
		b.WriteString("(" + x.Op)
		if x.Op == "not" {
			b.WriteString(" ")
		}
		w(x.X)
		b.WriteString(")")
	case *Compare:
		b.WriteString("(")
		w(x.X)
		for _, op := range x.Ops {
			b.WriteString(" " + op.Op + " ")
			w(op.Y)
		}
		b.WriteString(")")
	case *CondExpr:
		b.WriteString("(")
		w(x.Then)
		b.WriteString(" if ")
		w(x.Cond)
		if x.Else != nil {
			b.WriteString(" else ")
			w(x.Else)
		}
		b.WriteString(")")
	case *List:
		b.WriteString("[")
		writeList(b, x.Items, depth)
		b.WriteString("]")
	case *Tuple:
		b.WriteString("(")
		writeList(b, x.Items, depth)
		if len(x.Items) == 1 {
			b.WriteString(",")
		}
		b.WriteString(")")
	case *Dict:
		b.WriteString("{")
		for i, p := range x.Pairs {
			if i > 0 {
				b.WriteString(", ")
			}
			w(p.Key)
			b.WriteString(": ")
			w(p.Value)
		}
		b.WriteString("}")
	case *BadExpr:
		b.WriteString("<bad>")
	}
}

func writeList(b *strings.Builder, items []Expr, depth int) {
	for i, it := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		writeExpr(b, it, depth+1)
	}
}

func writeArgs(b *strings.Builder, a *Args, depth int, always bool) {
	if !always && len(a.Args) == 0 && len(a.Kwargs) == 0 && a.DynArgs == nil && a.DynKwargs == nil {
		return
	}
	b.WriteString("(")
	n := 0
	sep := func() {
		if n > 0 {
			b.WriteString(", ")
		}
		n++
	}
	for _, x := range a.Args {
		sep()
		writeExpr(b, x, depth+1)
	}
	for _, k := range a.Kwargs {
		sep()
		b.WriteString(k.Name + "=")
		writeExpr(b, k.Value, depth+1)
	}
	if a.DynArgs != nil {
		sep()
		b.WriteString("*")
		writeExpr(b, a.DynArgs, depth+1)
	}
	if a.DynKwargs != nil {
		sep()
		b.WriteString("**")
		writeExpr(b, a.DynKwargs, depth+1)
	}
	b.WriteString(")")
}

func quoteJinja(s string) string {
	q := strconv.Quote(s)
	return "'" + strings.ReplaceAll(strings.ReplaceAll(q[1:len(q)-1], `\"`, `"`), "'", `\'`) + "'"
}
