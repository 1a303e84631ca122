package taint

import (
	"strings"
	"testing"

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
