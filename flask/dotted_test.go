package flask

import (
	"strings"
	"testing"

	"github.com/flasksec/flasksec/python/parser"
)

func TestDotted(t *testing.T) {
	tests := []struct{ src, want string }{
		{"app", "app"},
		{"app.config.update", "app.config.update"},
		{"a.b_c.d", "a.b_c.d"},
		{"f().x", ""},
		{"a[0].b", ""},
		{"'s'.join", ""},
		{"a" + strings.Repeat(".bc", 2000), "a" + strings.Repeat(".bc", 2000)},
	}
	for _, tc := range tests {
		x, err := parser.ParseExpr(tc.src)
		if err != nil {
			t.Fatal(err)
		}
		if got := Dotted(x); got != tc.want {
			t.Errorf("Dotted(%.30s) = %.30q, want %.30q", tc.src, got, tc.want)
		}
	}
}
