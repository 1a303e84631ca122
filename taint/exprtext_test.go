package taint

import (
	"strings"
	"testing"

	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/python/parser"
)

func TestExprText(t *testing.T) {
	long := "q" + strings.Repeat(".f(y)", 1000)
	tests := []struct {
		src, want string
	}{
		{"request.args['q']", "request.args['q']"},
		{"a.b[c].d()", "a.b[...].d()"},
		{"db.session.execute", "db.session.execute"},
		{"'abc'.join", "'abc'.join"},
		{"(a + b).strip()", "....strip()"},
		{"x", "x"},
		{"1", "..."},
		// A long chain shows its last maxTextLinks links only.
		{long, "..." + strings.Repeat(".f()", maxTextLinks/2)},
	}
	for _, tc := range tests {
		x, err := parser.ParseExpr(tc.src)
		if err != nil {
			t.Fatalf("%.40s: %v", tc.src, err)
		}
		if got := exprText(x); got != tc.want {
			t.Errorf("exprText(%.40s) = %q, want %q", tc.src, got, tc.want)
		}
	}
}

func TestAddHead(t *testing.T) {
	// first and second are the columns where the two operands start.
	tests := []struct {
		src           string
		first, second int32
	}{
		{"a + b", 0, 4},
		{"a + b + c + d", 0, 4},
		{"a + (b + c)", 0, 5},
		{"(a + b) + (c + d)", 1, 5},
		{"a + ((b + c) + d)", 0, 6},
		{"(a - b) + c", 1, 10},
	}
	for _, tc := range tests {
		x, err := parser.ParseExpr(tc.src)
		if err != nil {
			t.Fatal(err)
		}
		got := addHead(x.(*ast.BinOp))
		if len(got) != 2 || got[0].Pos().Col != tc.first || got[1].Pos().Col != tc.second {
			t.Errorf("addHead(%s) starts at columns %d, %d; want %d, %d", tc.src, got[0].Pos().Col, got[1].Pos().Col, tc.first, tc.second)
		}
	}
}

func TestPathOf(t *testing.T) {
	tests := []struct{ src, want string }{
		{"form.kind.data", "form.kind.data"},
		{"request.args['q']", "request.args['q']"},
		{"request.args.get('q')", "request.args['q']"},
		{"f().x", ""},
		{"a" + strings.Repeat(".b", maxPathLinks), "a" + strings.Repeat(".b", maxPathLinks)},
		{"a" + strings.Repeat(".b", maxPathLinks+1), ""},
		{"a" + strings.Repeat("['k']", 2000), ""},
	}
	for _, tc := range tests {
		x, err := parser.ParseExpr(tc.src)
		if err != nil {
			t.Fatal(err)
		}
		if got := pathOf(x); got != tc.want {
			t.Errorf("pathOf(%.30s) = %.30q, want %.30q", tc.src, got, tc.want)
		}
	}
}
