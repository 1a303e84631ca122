// Package ast declares the types used to represent Python 3 syntax trees.
//
// The node set mirrors CPython's ast module one for one (same class names,
// same fields in the same order, same meaning of positions), so that a tree
// can be compared with CPython's through Dump. Go names are the CamelCase
// of CPython's: decorator_list is DecoratorList, orelse is Orelse.
//
// As in go/ast, nodes form closed families: Stmt, Expr, Pattern and
// TypeParam are interfaces with unexported marker methods, so only the
// types of this package implement them. Optional children are nil, optional
// identifiers and strings are "" (CPython's None).
package ast

import (
	"math/big"

	"github.com/flasksec/flasksec/python/token"
)

// Node is any node of the tree that has a source range.
// Arguments, WithItem, MatchCase and Comprehension have no position in
// CPython and are not Nodes in this sense, but Walk visits them too.
type Node interface {
	Pos() token.Pos // position of the first character of the node
	End() token.Pos // position just after the last character of the node
}

// Range is the source range of a node: CPython's lineno/col_offset and
// end_lineno/end_col_offset. It is embedded in every positioned node.
type Range struct {
	Start token.Pos // lineno, col_offset
	Stop  token.Pos // end_lineno, end_col_offset
}

// Pos returns the start of the range.
func (r *Range) Pos() token.Pos { return r.Start }

// End returns the position just after the range.
func (r *Range) End() token.Pos { return r.Stop }

// Stmt is a statement node.
type Stmt interface {
	Node
	stmtNode()
}

// Expr is an expression node.
type Expr interface {
	Node
	exprNode()
}

// Pattern is a pattern of a match statement's case.
type Pattern interface {
	Node
	patternNode()
}

// TypeParam is a type parameter of a generic function, class or type
// alias (Python 3.12+).
type TypeParam interface {
	Node
	typeParamNode()
}

// Module is the root of a parsed file: CPython's Module(stmt* body,
// type_ignore* type_ignores). Comments are not part of CPython's tree and
// Dump does not print them; they are kept here because suppressions and
// evidence snippets need them.
type Module struct {
	Body        []Stmt        // body
	TypeIgnores []*TypeIgnore // type_ignores
	Comments    []*Comment    // every comment of the file, in source order
}

// TypeIgnore is a "# type: ignore" marker (only filled when type comments
// are requested; the scanner's default mode leaves it empty as CPython does).
type TypeIgnore struct {
	Lineno int    // line of the comment
	Tag    string // text after "ignore"
}

// Comment is a "#" comment: its position and its text, "#" included,
// without the line ending.
type Comment struct {
	Slash token.Pos // position of the "#"
	Text  string    // "# ..." up to the end of the line
}

// Pos returns the position of the "#".
func (c *Comment) Pos() token.Pos { return c.Slash }

// End returns the position just after the comment's last byte.
func (c *Comment) End() token.Pos {
	return token.Pos{Line: c.Slash.Line, Col: c.Slash.Col + int32(len(c.Text))}
}

// Value is the value of a Constant (or of a MatchSingleton): one of
// NoneValue, BoolValue, EllipsisValue, IntValue, FloatValue, ComplexValue,
// StrValue, BytesValue.
type Value interface{ isValue() }

// NoneValue is Python's None.
type NoneValue struct{}

// BoolValue is True or False.
type BoolValue bool

// EllipsisValue is Python's Ellipsis (...).
type EllipsisValue struct{}

// IntValue is an integer literal's value. Small holds it when it fits in
// an int64 and Big is nil; otherwise Big holds it.
type IntValue struct {
	Small int64    // the value, when Big is nil
	Big   *big.Int // the value, when it does not fit in an int64; or nil
}

// FloatValue is a float literal's value.
type FloatValue float64

// ComplexValue is an imaginary literal (2j): real part 0, imaginary part
// Imag. Python source has no other complex literal.
type ComplexValue struct {
	Imag float64 // the imaginary part
}

// StrValue is a str literal's value after escape processing. It is UTF-8,
// except that lone surrogates (legal in Python strings, e.g. "\udc80") are
// kept in the 3-byte generalised UTF-8 form (WTF-8), so that Dump can print
// them as CPython does.
type StrValue string

// BytesValue is a bytes literal's value: raw bytes, not UTF-8.
type BytesValue string

func (NoneValue) isValue()     {}
func (BoolValue) isValue()     {}
func (EllipsisValue) isValue() {}
func (IntValue) isValue()      {}
func (FloatValue) isValue()    {}
func (ComplexValue) isValue()  {}
func (StrValue) isValue()      {}
func (BytesValue) isValue()    {}

// Str returns the constant's value and true when it is a str.
func (c *Constant) Str() (string, bool) {
	s, ok := c.Value.(StrValue)
	return string(s), ok
}

// Int returns the constant's value and true when it is an int that fits in
// an int64. Booleans are not ints here.
func (c *Constant) Int() (int64, bool) {
	v, ok := c.Value.(IntValue)
	if !ok || v.Big != nil {
		return 0, false
	}
	return v.Small, true
}

// Bool returns the constant's value and true when it is True or False.
func (c *Constant) Bool() (bool, bool) {
	b, ok := c.Value.(BoolValue)
	return bool(b), ok
}

// IsNone reports whether the constant is None.
func (c *Constant) IsNone() bool {
	_, ok := c.Value.(NoneValue)
	return ok
}

// ExprContext is CPython's expr_context: how a Name, Attribute, Subscript,
// Starred, List or Tuple is used.
type ExprContext uint8

// The expression contexts.
const (
	Load ExprContext = iota
	Store
	Del
)

// BoolOperator is CPython's boolop.
type BoolOperator uint8

// The boolean operators.
const (
	And BoolOperator = iota
	Or
)

// Operator is CPython's operator (binary and augmented assignment).
type Operator uint8

// The binary operators.
const (
	Add Operator = iota
	Sub
	Mult
	MatMult
	Div
	Mod
	Pow
	LShift
	RShift
	BitOr
	BitXor
	BitAnd
	FloorDiv
)

// UnaryOperator is CPython's unaryop.
type UnaryOperator uint8

// The unary operators.
const (
	Invert UnaryOperator = iota
	Not
	UAdd
	USub
)

// CmpOp is CPython's cmpop.
type CmpOp uint8

// The comparison operators.
const (
	Eq CmpOp = iota
	NotEq
	Lt
	LtE
	Gt
	GtE
	Is
	IsNot
	In
	NotIn
)

var (
	exprContextNames = [...]string{"Load", "Store", "Del"}
	boolOpNames      = [...]string{"And", "Or"}
	operatorNames    = [...]string{"Add", "Sub", "Mult", "MatMult", "Div", "Mod", "Pow", "LShift", "RShift", "BitOr", "BitXor", "BitAnd", "FloorDiv"}
	unaryOpNames     = [...]string{"Invert", "Not", "UAdd", "USub"}
	cmpOpNames       = [...]string{"Eq", "NotEq", "Lt", "LtE", "Gt", "GtE", "Is", "IsNot", "In", "NotIn"}
)

// String returns CPython's class name of the context.
func (c ExprContext) String() string { return exprContextNames[c] }

// String returns CPython's class name of the operator.
func (o BoolOperator) String() string { return boolOpNames[o] }

// String returns CPython's class name of the operator.
func (o Operator) String() string { return operatorNames[o] }

// String returns CPython's class name of the operator.
func (o UnaryOperator) String() string { return unaryOpNames[o] }

// String returns CPython's class name of the operator.
func (o CmpOp) String() string { return cmpOpNames[o] }
