package ast

import (
	"reflect"
	"testing"

	"github.com/flasksec/flasksec/python/token"
)

func at(line, col int32) Range {
	return Range{Start: token.Pos{Line: line, Col: col}, Stop: token.Pos{Line: line, Col: col + 1}}
}

func TestInspectOrder(t *testing.T) {
	// f(a, k=b)[c]
	call := &Call{Range: at(1, 0), Func: &Name{Range: at(1, 0), ID: "f"},
		Args:     []Expr{&Name{Range: at(1, 2), ID: "a"}},
		Keywords: []*Keyword{{Range: at(1, 5), Arg: "k", Value: &Name{Range: at(1, 7), ID: "b"}}}}
	mod := &Module{Body: []Stmt{&ExprStmt{Range: at(1, 0), Value: &Subscript{Range: at(1, 0), Value: call, Slice: &Name{Range: at(1, 10), ID: "c"}}}}}
	var names []string
	Inspect(mod, func(n Node) bool {
		if n, ok := n.(*Name); ok {
			names = append(names, n.ID)
		}
		return true
	})
	if want := []string{"f", "a", "b", "c"}; !reflect.DeepEqual(names, want) {
		t.Errorf("names = %v, want %v", names, want)
	}
	// Pruning: returning false for the Call hides its children.
	names = nil
	Inspect(mod, func(n Node) bool {
		if _, ok := n.(*Call); ok {
			return false
		}
		if n, ok := n.(*Name); ok {
			names = append(names, n.ID)
		}
		return true
	})
	if want := []string{"c"}; !reflect.DeepEqual(names, want) {
		t.Errorf("pruned names = %v, want %v", names, want)
	}
}

func TestDictNilKey(t *testing.T) {
	// {**d, 'k': v}: the nil key of ** must be skipped, not visited.
	d := &Dict{Range: at(1, 0), Keys: []Expr{nil, &Constant{Range: at(1, 5), Value: StrValue("k")}},
		Values: []Expr{&Name{Range: at(1, 3), ID: "d"}, &Name{Range: at(1, 10), ID: "v"}}}
	n := 0
	Inspect(d, func(Node) bool { n++; return true })
	if n != 2*(1+3) { // the Dict and its 3 children, each followed by a nil
		t.Errorf("visited %d callbacks, want 8", n)
	}
}

func TestConstantAccessors(t *testing.T) {
	if s, ok := (&Constant{Value: StrValue("x")}).Str(); !ok || s != "x" {
		t.Error("Str")
	}
	if _, ok := (&Constant{Value: BoolValue(true)}).Int(); ok {
		t.Error("a bool must not be an int")
	}
	if v, ok := (&Constant{Value: IntValue{Small: 7}}).Int(); !ok || v != 7 {
		t.Error("Int")
	}
	if !(&Constant{Value: NoneValue{}}).IsNone() {
		t.Error("IsNone")
	}
	if Mult.String() != "Mult" || NotIn.String() != "NotIn" || Store.String() != "Store" {
		t.Error("operator names")
	}
}

// TestWalkPanicsOnUnknownNode checks that Walk refuses a node type the
// generated switch does not know instead of skipping its children.
func TestWalkPanicsOnUnknownNode(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Walk of an unknown node type did not panic")
		}
	}()
	Inspect(&Comment{}, func(Node) bool { return true })
}
