package effects

import (
	"strings"
	"testing"

	"github.com/flasksec/flasksec/python/parser"
)

func TestExprText(t *testing.T) {
	tests := []struct{ src, want string }{
		{"db.session", "db.session"},
		{"db.get_db()", "db.get_db()"},
		{"User.query.filter_by(a=1)", "User.query.filter_by(...)"},
		{"x[0].y", ""},
		{"q" + strings.Repeat(".f()", 8), "q" + strings.Repeat(".f()", 8)},
		{"q" + strings.Repeat(".f()", 9), ""},
		{"q" + strings.Repeat(".f(y)", 1400), ""},
	}
	for _, tc := range tests {
		x, err := parser.ParseExpr(tc.src)
		if err != nil {
			t.Fatal(err)
		}
		if got := exprText(x); got != tc.want {
			t.Errorf("exprText(%.30s) = %q, want %q", tc.src, got, tc.want)
		}
	}
}
