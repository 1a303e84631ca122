// Code generated once from the Python 3.13 abstract grammar (ASDL); maintained by hand since.

package ast

// FunctionDef is the statement FunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment, type_param* type_params).
type FunctionDef struct {
	Range
	Name          string      // name
	Args          *Arguments  // args
	Body          []Stmt      // body
	DecoratorList []Expr      // decorator_list
	Returns       Expr        // returns; or nil
	TypeComment   string      // type_comment; "" (or 0) means None
	TypeParams    []TypeParam // type_params
}

// AsyncFunctionDef is the statement AsyncFunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment, type_param* type_params).
type AsyncFunctionDef struct {
	Range
	Name          string      // name
	Args          *Arguments  // args
	Body          []Stmt      // body
	DecoratorList []Expr      // decorator_list
	Returns       Expr        // returns; or nil
	TypeComment   string      // type_comment; "" (or 0) means None
	TypeParams    []TypeParam // type_params
}

// ClassDef is the statement ClassDef(identifier name, expr* bases, keyword* keywords, stmt* body, expr* decorator_list, type_param* type_params).
type ClassDef struct {
	Range
	Name          string      // name
	Bases         []Expr      // bases
	Keywords      []*Keyword  // keywords
	Body          []Stmt      // body
	DecoratorList []Expr      // decorator_list
	TypeParams    []TypeParam // type_params
}

// Return is the statement Return(expr? value).
type Return struct {
	Range
	Value Expr // value; or nil
}

// Delete is the statement Delete(expr* targets).
type Delete struct {
	Range
	Targets []Expr // targets
}

// Assign is the statement Assign(expr* targets, expr value, string? type_comment).
type Assign struct {
	Range
	Targets     []Expr // targets
	Value       Expr   // value
	TypeComment string // type_comment; "" (or 0) means None
}

// TypeAlias is the statement TypeAlias(expr name, type_param* type_params, expr value).
type TypeAlias struct {
	Range
	Name       Expr        // name
	TypeParams []TypeParam // type_params
	Value      Expr        // value
}

// AugAssign is the statement AugAssign(expr target, operator op, expr value).
type AugAssign struct {
	Range
	Target Expr     // target
	Op     Operator // op
	Value  Expr     // value
}

// AnnAssign is the statement AnnAssign(expr target, expr annotation, expr? value, int simple).
type AnnAssign struct {
	Range
	Target     Expr // target
	Annotation Expr // annotation
	Value      Expr // value; or nil
	Simple     int  // simple
}

// For is the statement For(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment).
type For struct {
	Range
	Target      Expr   // target
	Iter        Expr   // iter
	Body        []Stmt // body
	Orelse      []Stmt // orelse
	TypeComment string // type_comment; "" (or 0) means None
}

// AsyncFor is the statement AsyncFor(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment).
type AsyncFor struct {
	Range
	Target      Expr   // target
	Iter        Expr   // iter
	Body        []Stmt // body
	Orelse      []Stmt // orelse
	TypeComment string // type_comment; "" (or 0) means None
}

// While is the statement While(expr test, stmt* body, stmt* orelse).
type While struct {
	Range
	Test   Expr   // test
	Body   []Stmt // body
	Orelse []Stmt // orelse
}

// If is the statement If(expr test, stmt* body, stmt* orelse).
type If struct {
	Range
	Test   Expr   // test
	Body   []Stmt // body
	Orelse []Stmt // orelse
}

// With is the statement With(withitem* items, stmt* body, string? type_comment).
type With struct {
	Range
	Items       []*WithItem // items
	Body        []Stmt      // body
	TypeComment string      // type_comment; "" (or 0) means None
}

// AsyncWith is the statement AsyncWith(withitem* items, stmt* body, string? type_comment).
type AsyncWith struct {
	Range
	Items       []*WithItem // items
	Body        []Stmt      // body
	TypeComment string      // type_comment; "" (or 0) means None
}

// Match is the statement Match(expr subject, match_case* cases).
type Match struct {
	Range
	Subject Expr         // subject
	Cases   []*MatchCase // cases
}

// Raise is the statement Raise(expr? exc, expr? cause).
type Raise struct {
	Range
	Exc   Expr // exc; or nil
	Cause Expr // cause; or nil
}

// Try is the statement Try(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody).
type Try struct {
	Range
	Body      []Stmt           // body
	Handlers  []*ExceptHandler // handlers
	Orelse    []Stmt           // orelse
	Finalbody []Stmt           // finalbody
}

// TryStar is the statement TryStar(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody).
type TryStar struct {
	Range
	Body      []Stmt           // body
	Handlers  []*ExceptHandler // handlers
	Orelse    []Stmt           // orelse
	Finalbody []Stmt           // finalbody
}

// Assert is the statement Assert(expr test, expr? msg).
type Assert struct {
	Range
	Test Expr // test
	Msg  Expr // msg; or nil
}

// Import is the statement Import(alias* names).
type Import struct {
	Range
	Names []*Alias // names
}

// ImportFrom is the statement ImportFrom(identifier? module, alias* names, int? level).
type ImportFrom struct {
	Range
	Module string   // module; "" (or 0) means None
	Names  []*Alias // names
	Level  int      // level; "" (or 0) means None
}

// Global is the statement Global(identifier* names).
type Global struct {
	Range
	Names []string // names
}

// Nonlocal is the statement Nonlocal(identifier* names).
type Nonlocal struct {
	Range
	Names []string // names
}

// ExprStmt is the statement Expr(expr value): an expression used as a
// statement (CPython's class name is Expr; Dump prints that).
type ExprStmt struct {
	Range
	Value Expr // value
}

// Pass is the statement Pass().
type Pass struct {
	Range
}

// Break is the statement Break().
type Break struct {
	Range
}

// Continue is the statement Continue().
type Continue struct {
	Range
}

// BoolOp is the expression BoolOp(boolop op, expr* values).
type BoolOp struct {
	Range
	Op     BoolOperator // op
	Values []Expr       // values
}

// NamedExpr is the expression NamedExpr(expr target, expr value).
type NamedExpr struct {
	Range
	Target Expr // target
	Value  Expr // value
}

// BinOp is the expression BinOp(expr left, operator op, expr right).
type BinOp struct {
	Range
	Left  Expr     // left
	Op    Operator // op
	Right Expr     // right
}

// UnaryOp is the expression UnaryOp(unaryop op, expr operand).
type UnaryOp struct {
	Range
	Op      UnaryOperator // op
	Operand Expr          // operand
}

// Lambda is the expression Lambda(arguments args, expr body).
type Lambda struct {
	Range
	Args *Arguments // args
	Body Expr       // body
}

// IfExp is the expression IfExp(expr test, expr body, expr orelse).
type IfExp struct {
	Range
	Test   Expr // test
	Body   Expr // body
	Orelse Expr // orelse
}

// Dict is the expression Dict(expr?* keys, expr* values).
type Dict struct {
	Range
	Keys   []Expr // keys
	Values []Expr // values
}

// Set is the expression Set(expr* elts).
type Set struct {
	Range
	Elts []Expr // elts
}

// ListComp is the expression ListComp(expr elt, comprehension* generators).
type ListComp struct {
	Range
	Elt        Expr             // elt
	Generators []*Comprehension // generators
}

// SetComp is the expression SetComp(expr elt, comprehension* generators).
type SetComp struct {
	Range
	Elt        Expr             // elt
	Generators []*Comprehension // generators
}

// DictComp is the expression DictComp(expr key, expr value, comprehension* generators).
type DictComp struct {
	Range
	Key        Expr             // key
	Value      Expr             // value
	Generators []*Comprehension // generators
}

// GeneratorExp is the expression GeneratorExp(expr elt, comprehension* generators).
type GeneratorExp struct {
	Range
	Elt        Expr             // elt
	Generators []*Comprehension // generators
}

// Await is the expression Await(expr value).
type Await struct {
	Range
	Value Expr // value
}

// Yield is the expression Yield(expr? value).
type Yield struct {
	Range
	Value Expr // value; or nil
}

// YieldFrom is the expression YieldFrom(expr value).
type YieldFrom struct {
	Range
	Value Expr // value
}

// Compare is the expression Compare(expr left, cmpop* ops, expr* comparators).
type Compare struct {
	Range
	Left        Expr    // left
	Ops         []CmpOp // ops
	Comparators []Expr  // comparators
}

// Call is the expression Call(expr func, expr* args, keyword* keywords).
type Call struct {
	Range
	Func     Expr       // func
	Args     []Expr     // args
	Keywords []*Keyword // keywords
}

// FormattedValue is the expression FormattedValue(expr value, int conversion, expr? format_spec).
type FormattedValue struct {
	Range
	Value      Expr // value
	Conversion int  // conversion
	FormatSpec Expr // format_spec; or nil
}

// JoinedStr is the expression JoinedStr(expr* values).
type JoinedStr struct {
	Range
	Values []Expr // values
}

// Constant is the expression Constant(constant value, string? kind).
type Constant struct {
	Range
	Value Value  // value
	Kind  string // kind; "" (or 0) means None
}

// Attribute is the expression Attribute(expr value, identifier attr, expr_context ctx).
type Attribute struct {
	Range
	Value Expr        // value
	Attr  string      // attr
	Ctx   ExprContext // ctx
}

// Subscript is the expression Subscript(expr value, expr slice, expr_context ctx).
type Subscript struct {
	Range
	Value Expr        // value
	Slice Expr        // slice
	Ctx   ExprContext // ctx
}

// Starred is the expression Starred(expr value, expr_context ctx).
type Starred struct {
	Range
	Value Expr        // value
	Ctx   ExprContext // ctx
}

// Name is the expression Name(identifier id, expr_context ctx).
type Name struct {
	Range
	ID  string      // id
	Ctx ExprContext // ctx
}

// List is the expression List(expr* elts, expr_context ctx).
type List struct {
	Range
	Elts []Expr      // elts
	Ctx  ExprContext // ctx
}

// Tuple is the expression Tuple(expr* elts, expr_context ctx).
type Tuple struct {
	Range
	Elts []Expr      // elts
	Ctx  ExprContext // ctx
}

// Slice is the expression Slice(expr? lower, expr? upper, expr? step).
type Slice struct {
	Range
	Lower Expr // lower; or nil
	Upper Expr // upper; or nil
	Step  Expr // step; or nil
}

// ExceptHandler is the node ExceptHandler(expr? type, identifier? name, stmt* body).
type ExceptHandler struct {
	Range
	Type Expr   // type; or nil
	Name string // name; "" (or 0) means None
	Body []Stmt // body
}

// Arguments is the node arguments(arg* posonlyargs, arg* args, arg? vararg, arg* kwonlyargs, expr* kw_defaults, arg? kwarg, expr* defaults).
type Arguments struct {
	PosOnlyArgs []*Arg // posonlyargs
	Args        []*Arg // args
	Vararg      *Arg   // vararg; or nil
	KwOnlyArgs  []*Arg // kwonlyargs
	KwDefaults  []Expr // kw_defaults
	Kwarg       *Arg   // kwarg; or nil
	Defaults    []Expr // defaults
}

// Arg is the node arg(identifier arg, expr? annotation, string? type_comment).
type Arg struct {
	Range
	Arg         string // arg
	Annotation  Expr   // annotation; or nil
	TypeComment string // type_comment; "" (or 0) means None
}

// Keyword is the node keyword(identifier? arg, expr value).
type Keyword struct {
	Range
	Arg   string // arg; "" (or 0) means None
	Value Expr   // value
}

// Alias is the node alias(identifier name, identifier? asname).
type Alias struct {
	Range
	Name   string // name
	Asname string // asname; "" (or 0) means None
}

// WithItem is the node withitem(expr context_expr, expr? optional_vars).
type WithItem struct {
	ContextExpr  Expr // context_expr
	OptionalVars Expr // optional_vars; or nil
}

// MatchCase is the node matchcase(pattern pattern, expr? guard, stmt* body).
type MatchCase struct {
	Pattern Pattern // pattern
	Guard   Expr    // guard; or nil
	Body    []Stmt  // body
}

// Comprehension is the node comprehension(expr target, expr iter, expr* ifs, int is_async).
type Comprehension struct {
	Target  Expr   // target
	Iter    Expr   // iter
	Ifs     []Expr // ifs
	IsAsync int    // is_async
}

// MatchValue is the match pattern MatchValue(expr value).
type MatchValue struct {
	Range
	Value Expr // value
}

// MatchSingleton is the match pattern MatchSingleton(constant value).
type MatchSingleton struct {
	Range
	Value Value // value
}

// MatchSequence is the match pattern MatchSequence(pattern* patterns).
type MatchSequence struct {
	Range
	Patterns []Pattern // patterns
}

// MatchMapping is the match pattern MatchMapping(expr* keys, pattern* patterns, identifier? rest).
type MatchMapping struct {
	Range
	Keys     []Expr    // keys
	Patterns []Pattern // patterns
	Rest     string    // rest; "" (or 0) means None
}

// MatchClass is the match pattern MatchClass(expr cls, pattern* patterns, identifier* kwd_attrs, pattern* kwd_patterns).
type MatchClass struct {
	Range
	Cls         Expr      // cls
	Patterns    []Pattern // patterns
	KwdAttrs    []string  // kwd_attrs
	KwdPatterns []Pattern // kwd_patterns
}

// MatchStar is the match pattern MatchStar(identifier? name).
type MatchStar struct {
	Range
	Name string // name; "" (or 0) means None
}

// MatchAs is the match pattern MatchAs(pattern? pattern, identifier? name).
type MatchAs struct {
	Range
	Pattern Pattern // pattern; or nil
	Name    string  // name; "" (or 0) means None
}

// MatchOr is the match pattern MatchOr(pattern* patterns).
type MatchOr struct {
	Range
	Patterns []Pattern // patterns
}

// TypeVar is the type parameter (3.12+) TypeVar(identifier name, expr? bound, expr? default_value).
type TypeVar struct {
	Range
	Name         string // name
	Bound        Expr   // bound; or nil
	DefaultValue Expr   // default_value; or nil
}

// ParamSpec is the type parameter (3.12+) ParamSpec(identifier name, expr? default_value).
type ParamSpec struct {
	Range
	Name         string // name
	DefaultValue Expr   // default_value; or nil
}

// TypeVarTuple is the type parameter (3.12+) TypeVarTuple(identifier name, expr? default_value).
type TypeVarTuple struct {
	Range
	Name         string // name
	DefaultValue Expr   // default_value; or nil
}

// Marker methods: each node belongs to exactly one of the closed families.
func (*FunctionDef) stmtNode()      {}
func (*AsyncFunctionDef) stmtNode() {}
func (*ClassDef) stmtNode()         {}
func (*Return) stmtNode()           {}
func (*Delete) stmtNode()           {}
func (*Assign) stmtNode()           {}
func (*TypeAlias) stmtNode()        {}
func (*AugAssign) stmtNode()        {}
func (*AnnAssign) stmtNode()        {}
func (*For) stmtNode()              {}
func (*AsyncFor) stmtNode()         {}
func (*While) stmtNode()            {}
func (*If) stmtNode()               {}
func (*With) stmtNode()             {}
func (*AsyncWith) stmtNode()        {}
func (*Match) stmtNode()            {}
func (*Raise) stmtNode()            {}
func (*Try) stmtNode()              {}
func (*TryStar) stmtNode()          {}
func (*Assert) stmtNode()           {}
func (*Import) stmtNode()           {}
func (*ImportFrom) stmtNode()       {}
func (*Global) stmtNode()           {}
func (*Nonlocal) stmtNode()         {}
func (*ExprStmt) stmtNode()         {}
func (*Pass) stmtNode()             {}
func (*Break) stmtNode()            {}
func (*Continue) stmtNode()         {}

// Marker methods: each node belongs to exactly one of the closed families.
func (*BoolOp) exprNode()         {}
func (*NamedExpr) exprNode()      {}
func (*BinOp) exprNode()          {}
func (*UnaryOp) exprNode()        {}
func (*Lambda) exprNode()         {}
func (*IfExp) exprNode()          {}
func (*Dict) exprNode()           {}
func (*Set) exprNode()            {}
func (*ListComp) exprNode()       {}
func (*SetComp) exprNode()        {}
func (*DictComp) exprNode()       {}
func (*GeneratorExp) exprNode()   {}
func (*Await) exprNode()          {}
func (*Yield) exprNode()          {}
func (*YieldFrom) exprNode()      {}
func (*Compare) exprNode()        {}
func (*Call) exprNode()           {}
func (*FormattedValue) exprNode() {}
func (*JoinedStr) exprNode()      {}
func (*Constant) exprNode()       {}
func (*Attribute) exprNode()      {}
func (*Subscript) exprNode()      {}
func (*Starred) exprNode()        {}
func (*Name) exprNode()           {}
func (*List) exprNode()           {}
func (*Tuple) exprNode()          {}
func (*Slice) exprNode()          {}

// Marker methods: each node belongs to exactly one of the closed families.
func (*MatchValue) patternNode()     {}
func (*MatchSingleton) patternNode() {}
func (*MatchSequence) patternNode()  {}
func (*MatchMapping) patternNode()   {}
func (*MatchClass) patternNode()     {}
func (*MatchStar) patternNode()      {}
func (*MatchAs) patternNode()        {}
func (*MatchOr) patternNode()        {}

// Marker methods: each node belongs to exactly one of the closed families.
func (*TypeVar) typeParamNode()      {}
func (*ParamSpec) typeParamNode()    {}
func (*TypeVarTuple) typeParamNode() {}
