package jinja

// Node is any node of a template's syntax tree.
type Node interface {
	Pos() Pos // first byte of the node
	End() Pos // just past the node
}

// Stmt is a node of a template body: text, an output, a comment or a
// {% statement %}.
type Stmt interface {
	Node
	stmtNode()
}

// Expr is an expression inside {{ }} or {% %}.
type Expr interface {
	Node
	exprNode()
}

// Span is the position range shared by every node.
type Span struct {
	Start Pos // first byte
	Stop  Pos // just past the node
}

// Pos returns the start of the node.
func (s *Span) Pos() Pos { return s.Start }

// End returns the end of the node.
func (s *Span) End() Pos { return s.Stop }

// Template is a parsed template file.
type Template struct {
	Span
	Body []Stmt
}

// ---- statements ----

// TextStmt is template data outside tags.
type TextStmt struct {
	Span
	Value string // the text
	Raw   bool   // from a {% raw %} block
}

// Output is {{ X }}.
type Output struct {
	Span
	X Expr // the expression; a *BadExpr after a syntax error
}

// CommentStmt is {# Text #}.
type CommentStmt struct {
	Span
	Text string
}

// If is {% if Cond %}Body{% elif %}...{% else %}Else{% endif %}; an elif
// is an *If alone in Else.
type If struct {
	Span
	Cond Expr
	Body []Stmt
	Else []Stmt // or nil
}

// For is {% for Target in Iter [if Filter] [recursive] %}Body{% else %}Else{% endfor %}.
type For struct {
	Span
	Target    Expr // *Name or *Tuple of names
	Iter      Expr
	Filter    Expr // or nil
	Recursive bool
	Body      []Stmt
	Else      []Stmt // or nil
}

// Set is {% set Target = Value %}, or the block form
// {% set Target [| filters] %}Body{% endset %} (Value nil, Body set).
type Set struct {
	Span
	Target Expr    // *Name, *Getattr (namespace attribute) or *Tuple
	Value  Expr    // or nil for the block form
	Filter *Filter // block form's filter chain (innermost X nil), or nil
	Body   []Stmt  // block form only
}

// With is {% with a = x, b = y %}Body{% endwith %}.
type With struct {
	Span
	Targets []Expr
	Values  []Expr
	Body    []Stmt
}

// Block is {% block Name [scoped] [required] %}Body{% endblock %}.
type Block struct {
	Span
	Name     string
	Scoped   bool
	Required bool
	Body     []Stmt
}

// Extends is {% extends Template %}.
type Extends struct {
	Span
	Template Expr
}

// Include is {% include Template [ignore missing] [with|without context] %}.
type Include struct {
	Span
	Template      Expr
	IgnoreMissing bool
	WithContext   bool // true unless "without context"
}

// Import is {% import Template as Target [with context] %}.
type Import struct {
	Span
	Template    Expr
	Target      string
	WithContext bool
}

// ImportName is one name of a from-import.
type ImportName struct {
	Name  string
	Alias string // or ""
}

// FromImport is {% from Template import a, b as c [with context] %}.
type FromImport struct {
	Span
	Template    Expr
	Names       []ImportName
	WithContext bool
}

// Param is a macro or call-block parameter.
type Param struct {
	Name    string
	Default Expr // or nil
	NamePos Pos
}

// Macro is {% macro Name(Params) %}Body{% endmacro %}.
type Macro struct {
	Span
	Name   string
	Params []Param
	Body   []Stmt
}

// CallBlock is {% call[(Params)] Call %}Body{% endcall %}.
type CallBlock struct {
	Span
	Params []Param
	Call   *Call
	Body   []Stmt
}

// FilterBlock is {% filter Filter %}Body{% endfilter %}; the innermost
// filter's X is nil.
type FilterBlock struct {
	Span
	Filter *Filter
	Body   []Stmt
}

// Autoescape is {% autoescape Value %}Body{% endautoescape %}.
type Autoescape struct {
	Span
	Value Expr
	Body  []Stmt
}

// ExprStmt is a statement holding only expressions: {% do x %},
// {% print x %}, {% break %}, {% continue %}, and the tags of extensions
// the parser does not know ({% trans %}, {% cache %}...), whose
// expressions are kept as far as they parse.
type ExprStmt struct {
	Span
	Tag   string
	Exprs []Expr
}

// ---- expressions ----

// Name is a variable name.
type Name struct {
	Span
	Name string
}

// ConstKind is the kind of a literal.
type ConstKind uint8

// The literal kinds.
const (
	StrConst ConstKind = iota + 1
	IntConst
	FloatConst
	BoolConst
	NoneConst
)

// Const is a literal: string (Value decoded, adjacent strings joined),
// number (Value is its text), true/false/none.
type Const struct {
	Span
	Kind  ConstKind
	Value string
}

// Getattr is X.Attr.
type Getattr struct {
	Span
	X    Expr
	Attr string
}

// Getitem is X[Index].
type Getitem struct {
	Span
	X     Expr
	Index Expr // may be a *Slice or *Tuple
}

// Slice is Lo:Hi:Step inside a subscript.
type Slice struct {
	Span
	Lo, Hi, Step Expr // each may be nil
}

// Keyword is a keyword argument Name=Value.
type Keyword struct {
	Name  string
	Value Expr
}

// Args are the arguments of a call, filter or test.
type Args struct {
	Args      []Expr
	Kwargs    []Keyword
	DynArgs   Expr // *args, or nil
	DynKwargs Expr // **kwargs, or nil
}

// Call is Func(Args).
type Call struct {
	Span
	Func Expr
	Args
}

// Filter is X|Name(Args). X is nil for the filter of a filter block or
// a block set.
type Filter struct {
	Span
	X    Expr
	Name string // may be dotted
	Args
}

// Test is X is [not] Name(Args).
type Test struct {
	Span
	X      Expr
	Name   string
	Negate bool
	Args
}

// BinOp is X Op Y for the arithmetic operators, ~, and, or.
type BinOp struct {
	Span
	Op   string // "+", "-", "*", "/", "//", "%", "**", "~", "and", "or"
	X, Y Expr
}

// UnaryOp is Op X for "-", "+" and "not".
type UnaryOp struct {
	Span
	Op string
	X  Expr
}

// CmpOp is one operator and right operand of a comparison.
type CmpOp struct {
	Op string // "==", "!=", "<", "<=", ">", ">=", "in", "not in"
	Y  Expr
}

// Compare is X op1 y1 op2 y2 ...
type Compare struct {
	Span
	X   Expr
	Ops []CmpOp
}

// CondExpr is Then if Cond else Else.
type CondExpr struct {
	Span
	Cond, Then Expr
	Else       Expr // or nil
}

// List is [Items].
type List struct {
	Span
	Items []Expr
}

// Tuple is (Items) or a bare a, b.
type Tuple struct {
	Span
	Items []Expr
}

// Pair is one Key: Value of a dict literal.
type Pair struct {
	Key, Value Expr
}

// Dict is {Pairs}.
type Dict struct {
	Span
	Pairs []Pair
}

// BadExpr stands for an expression that did not parse.
type BadExpr struct {
	Span
}

func (*TextStmt) stmtNode()    {}
func (*Output) stmtNode()      {}
func (*CommentStmt) stmtNode() {}
func (*If) stmtNode()          {}
func (*For) stmtNode()         {}
func (*Set) stmtNode()         {}
func (*With) stmtNode()        {}
func (*Block) stmtNode()       {}
func (*Extends) stmtNode()     {}
func (*Include) stmtNode()     {}
func (*Import) stmtNode()      {}
func (*FromImport) stmtNode()  {}
func (*Macro) stmtNode()       {}
func (*CallBlock) stmtNode()   {}
func (*FilterBlock) stmtNode() {}
func (*Autoescape) stmtNode()  {}
func (*ExprStmt) stmtNode()    {}

func (*Name) exprNode()     {}
func (*Const) exprNode()    {}
func (*Getattr) exprNode()  {}
func (*Getitem) exprNode()  {}
func (*Slice) exprNode()    {}
func (*Call) exprNode()     {}
func (*Filter) exprNode()   {}
func (*Test) exprNode()     {}
func (*BinOp) exprNode()    {}
func (*UnaryOp) exprNode()  {}
func (*Compare) exprNode()  {}
func (*CondExpr) exprNode() {}
func (*List) exprNode()     {}
func (*Tuple) exprNode()    {}
func (*Dict) exprNode()     {}
func (*BadExpr) exprNode()  {}
