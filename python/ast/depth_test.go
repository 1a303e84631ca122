package ast

import "testing"

// chain builds a module x = a.a.a... with n attributes: its tree is n+3
// levels deep (Module, Assign, n Attributes, Name).
func chain(n int) *Module {
	var x Expr = &Name{ID: "a"}
	for i := 0; i < n; i++ {
		x = &Attribute{Value: x, Attr: "a"}
	}
	return &Module{Body: []Stmt{&Assign{Targets: []Expr{&Name{ID: "x"}}, Value: x}}}
}

func TestDeeperThan(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		limit int
		deep  bool
	}{
		{"empty chain at its depth", 0, 3, false},
		{"one level too deep", 0, 2, true},
		{"10 links within", 10, 13, false},
		{"10 links over", 10, 12, true},
		{"a million links", 1000000, 3000, true},
		{"a million links allowed", 1000000, 1000003, false},
	}
	for _, tc := range tests {
		got := DeeperThan(chain(tc.n), tc.limit)
		if (got != nil) != tc.deep {
			t.Errorf("%s: DeeperThan = %v, want deep %v", tc.name, got, tc.deep)
		}
	}
	// The node reported is the first one past the limit: the innermost
	// Name when the limit is one short.
	if n, ok := DeeperThan(chain(5), 7).(*Name); !ok || n.ID != "a" {
		t.Errorf("DeeperThan(chain(5), 7) = %#v, want the Name a", n)
	}
}
