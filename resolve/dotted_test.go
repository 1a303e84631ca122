package resolve

import (
	"strings"
	"testing"

	"github.com/flasksec/flasksec/python/parser"
)

func TestDottedText(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a", "a"},
		{"a.b.c", "a.b.c"},
		{"f().b", ""},
		{"a" + strings.Repeat(".x", 2500), "a" + strings.Repeat(".x", 2500)},
	}
	for _, tc := range tests {
		x, err := parser.ParseExpr(tc.src)
		if err != nil {
			t.Fatal(err)
		}
		if got := dotted(x); got != tc.want {
			t.Errorf("dotted(%.20s) = %.20q, want %.20q", tc.src, got, tc.want)
		}
		if got := appendAttrs("pkg.mod", x); tc.want != "" && got != "pkg.mod"+strings.TrimPrefix(tc.want, "a") {
			t.Errorf("appendAttrs(pkg.mod, %.20s) = %.20q", tc.src, got)
		}
	}
}
