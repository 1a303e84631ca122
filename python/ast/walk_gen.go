// Code generated once from the Python 3.13 abstract grammar (ASDL); maintained by hand since.

package ast

// walkChildren calls v on each non-nil child of n, in source field order.
func walkChildren(v Visitor, n Node) {
	switch n := n.(type) {
	case *FunctionDef:
		if n.Args != nil {
			Walk(v, n.Args)
		}
		for _, x := range n.Body {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.DecoratorList {
			if x != nil {
				Walk(v, x)
			}
		}
		if n.Returns != nil {
			Walk(v, n.Returns)
		}
		for _, x := range n.TypeParams {
			if x != nil {
				Walk(v, x)
			}
		}
	case *AsyncFunctionDef:
		if n.Args != nil {
			Walk(v, n.Args)
		}
		for _, x := range n.Body {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.DecoratorList {
			if x != nil {
				Walk(v, x)
			}
		}
		if n.Returns != nil {
			Walk(v, n.Returns)
		}
		for _, x := range n.TypeParams {
			if x != nil {
				Walk(v, x)
			}
		}
	case *ClassDef:
		for _, x := range n.Bases {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.Keywords {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.Body {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.DecoratorList {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.TypeParams {
			if x != nil {
				Walk(v, x)
			}
		}
	case *Return:
		if n.Value != nil {
			Walk(v, n.Value)
		}
	case *Delete:
		for _, x := range n.Targets {
			if x != nil {
				Walk(v, x)
			}
		}
	case *Assign:
		for _, x := range n.Targets {
			if x != nil {
				Walk(v, x)
			}
		}
		if n.Value != nil {
			Walk(v, n.Value)
		}
	case *TypeAlias:
		if n.Name != nil {
			Walk(v, n.Name)
		}
		for _, x := range n.TypeParams {
			if x != nil {
				Walk(v, x)
			}
		}
		if n.Value != nil {
			Walk(v, n.Value)
		}
	case *AugAssign:
		if n.Target != nil {
			Walk(v, n.Target)
		}
		if n.Value != nil {
			Walk(v, n.Value)
		}
	case *AnnAssign:
		if n.Target != nil {
			Walk(v, n.Target)
		}
		if n.Annotation != nil {
			Walk(v, n.Annotation)
		}
		if n.Value != nil {
			Walk(v, n.Value)
		}
	case *For:
		if n.Target != nil {
			Walk(v, n.Target)
		}
		if n.Iter != nil {
			Walk(v, n.Iter)
		}
		for _, x := range n.Body {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.Orelse {
			if x != nil {
				Walk(v, x)
			}
		}
	case *AsyncFor:
		if n.Target != nil {
			Walk(v, n.Target)
		}
		if n.Iter != nil {
			Walk(v, n.Iter)
		}
		for _, x := range n.Body {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.Orelse {
			if x != nil {
				Walk(v, x)
			}
		}
	case *While:
		if n.Test != nil {
			Walk(v, n.Test)
		}
		for _, x := range n.Body {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.Orelse {
			if x != nil {
				Walk(v, x)
			}
		}
	case *If:
		if n.Test != nil {
			Walk(v, n.Test)
		}
		for _, x := range n.Body {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.Orelse {
			if x != nil {
				Walk(v, x)
			}
		}
	case *With:
		for _, x := range n.Items {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.Body {
			if x != nil {
				Walk(v, x)
			}
		}
	case *AsyncWith:
		for _, x := range n.Items {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.Body {
			if x != nil {
				Walk(v, x)
			}
		}
	case *Match:
		if n.Subject != nil {
			Walk(v, n.Subject)
		}
		for _, x := range n.Cases {
			if x != nil {
				Walk(v, x)
			}
		}
	case *Raise:
		if n.Exc != nil {
			Walk(v, n.Exc)
		}
		if n.Cause != nil {
			Walk(v, n.Cause)
		}
	case *Try:
		for _, x := range n.Body {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.Handlers {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.Orelse {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.Finalbody {
			if x != nil {
				Walk(v, x)
			}
		}
	case *TryStar:
		for _, x := range n.Body {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.Handlers {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.Orelse {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.Finalbody {
			if x != nil {
				Walk(v, x)
			}
		}
	case *Assert:
		if n.Test != nil {
			Walk(v, n.Test)
		}
		if n.Msg != nil {
			Walk(v, n.Msg)
		}
	case *Import:
		for _, x := range n.Names {
			if x != nil {
				Walk(v, x)
			}
		}
	case *ImportFrom:
		for _, x := range n.Names {
			if x != nil {
				Walk(v, x)
			}
		}
	case *ExprStmt:
		if n.Value != nil {
			Walk(v, n.Value)
		}
	case *BoolOp:
		for _, x := range n.Values {
			if x != nil {
				Walk(v, x)
			}
		}
	case *NamedExpr:
		if n.Target != nil {
			Walk(v, n.Target)
		}
		if n.Value != nil {
			Walk(v, n.Value)
		}
	case *BinOp:
		if n.Left != nil {
			Walk(v, n.Left)
		}
		if n.Right != nil {
			Walk(v, n.Right)
		}
	case *UnaryOp:
		if n.Operand != nil {
			Walk(v, n.Operand)
		}
	case *Lambda:
		if n.Args != nil {
			Walk(v, n.Args)
		}
		if n.Body != nil {
			Walk(v, n.Body)
		}
	case *IfExp:
		if n.Test != nil {
			Walk(v, n.Test)
		}
		if n.Body != nil {
			Walk(v, n.Body)
		}
		if n.Orelse != nil {
			Walk(v, n.Orelse)
		}
	case *Dict:
		for _, x := range n.Keys {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.Values {
			if x != nil {
				Walk(v, x)
			}
		}
	case *Set:
		for _, x := range n.Elts {
			if x != nil {
				Walk(v, x)
			}
		}
	case *ListComp:
		if n.Elt != nil {
			Walk(v, n.Elt)
		}
		for _, x := range n.Generators {
			if x != nil {
				Walk(v, x)
			}
		}
	case *SetComp:
		if n.Elt != nil {
			Walk(v, n.Elt)
		}
		for _, x := range n.Generators {
			if x != nil {
				Walk(v, x)
			}
		}
	case *DictComp:
		if n.Key != nil {
			Walk(v, n.Key)
		}
		if n.Value != nil {
			Walk(v, n.Value)
		}
		for _, x := range n.Generators {
			if x != nil {
				Walk(v, x)
			}
		}
	case *GeneratorExp:
		if n.Elt != nil {
			Walk(v, n.Elt)
		}
		for _, x := range n.Generators {
			if x != nil {
				Walk(v, x)
			}
		}
	case *Await:
		if n.Value != nil {
			Walk(v, n.Value)
		}
	case *Yield:
		if n.Value != nil {
			Walk(v, n.Value)
		}
	case *YieldFrom:
		if n.Value != nil {
			Walk(v, n.Value)
		}
	case *Compare:
		if n.Left != nil {
			Walk(v, n.Left)
		}
		for _, x := range n.Comparators {
			if x != nil {
				Walk(v, x)
			}
		}
	case *Call:
		if n.Func != nil {
			Walk(v, n.Func)
		}
		for _, x := range n.Args {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.Keywords {
			if x != nil {
				Walk(v, x)
			}
		}
	case *FormattedValue:
		if n.Value != nil {
			Walk(v, n.Value)
		}
		if n.FormatSpec != nil {
			Walk(v, n.FormatSpec)
		}
	case *JoinedStr:
		for _, x := range n.Values {
			if x != nil {
				Walk(v, x)
			}
		}
	case *Attribute:
		if n.Value != nil {
			Walk(v, n.Value)
		}
	case *Subscript:
		if n.Value != nil {
			Walk(v, n.Value)
		}
		if n.Slice != nil {
			Walk(v, n.Slice)
		}
	case *Starred:
		if n.Value != nil {
			Walk(v, n.Value)
		}
	case *List:
		for _, x := range n.Elts {
			if x != nil {
				Walk(v, x)
			}
		}
	case *Tuple:
		for _, x := range n.Elts {
			if x != nil {
				Walk(v, x)
			}
		}
	case *Slice:
		if n.Lower != nil {
			Walk(v, n.Lower)
		}
		if n.Upper != nil {
			Walk(v, n.Upper)
		}
		if n.Step != nil {
			Walk(v, n.Step)
		}
	case *ExceptHandler:
		if n.Type != nil {
			Walk(v, n.Type)
		}
		for _, x := range n.Body {
			if x != nil {
				Walk(v, x)
			}
		}
	case *Arguments:
		for _, x := range n.PosOnlyArgs {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.Args {
			if x != nil {
				Walk(v, x)
			}
		}
		if n.Vararg != nil {
			Walk(v, n.Vararg)
		}
		for _, x := range n.KwOnlyArgs {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.KwDefaults {
			if x != nil {
				Walk(v, x)
			}
		}
		if n.Kwarg != nil {
			Walk(v, n.Kwarg)
		}
		for _, x := range n.Defaults {
			if x != nil {
				Walk(v, x)
			}
		}
	case *Arg:
		if n.Annotation != nil {
			Walk(v, n.Annotation)
		}
	case *Keyword:
		if n.Value != nil {
			Walk(v, n.Value)
		}
	case *WithItem:
		if n.ContextExpr != nil {
			Walk(v, n.ContextExpr)
		}
		if n.OptionalVars != nil {
			Walk(v, n.OptionalVars)
		}
	case *MatchCase:
		if n.Pattern != nil {
			Walk(v, n.Pattern)
		}
		if n.Guard != nil {
			Walk(v, n.Guard)
		}
		for _, x := range n.Body {
			if x != nil {
				Walk(v, x)
			}
		}
	case *Comprehension:
		if n.Target != nil {
			Walk(v, n.Target)
		}
		if n.Iter != nil {
			Walk(v, n.Iter)
		}
		for _, x := range n.Ifs {
			if x != nil {
				Walk(v, x)
			}
		}
	case *MatchValue:
		if n.Value != nil {
			Walk(v, n.Value)
		}
	case *MatchSequence:
		for _, x := range n.Patterns {
			if x != nil {
				Walk(v, x)
			}
		}
	case *MatchMapping:
		for _, x := range n.Keys {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.Patterns {
			if x != nil {
				Walk(v, x)
			}
		}
	case *MatchClass:
		if n.Cls != nil {
			Walk(v, n.Cls)
		}
		for _, x := range n.Patterns {
			if x != nil {
				Walk(v, x)
			}
		}
		for _, x := range n.KwdPatterns {
			if x != nil {
				Walk(v, x)
			}
		}
	case *MatchAs:
		if n.Pattern != nil {
			Walk(v, n.Pattern)
		}
	case *MatchOr:
		for _, x := range n.Patterns {
			if x != nil {
				Walk(v, x)
			}
		}
	case *TypeVar:
		if n.Bound != nil {
			Walk(v, n.Bound)
		}
		if n.DefaultValue != nil {
			Walk(v, n.DefaultValue)
		}
	case *ParamSpec:
		if n.DefaultValue != nil {
			Walk(v, n.DefaultValue)
		}
	case *TypeVarTuple:
		if n.DefaultValue != nil {
			Walk(v, n.DefaultValue)
		}
	}
}
