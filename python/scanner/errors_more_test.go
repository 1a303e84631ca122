package scanner

import "testing"

// TestMoreErrors checks the grammar of the count of further errors.
func TestMoreErrors(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{1, "and 1 more error"}, {2, "and 2 more errors"}, {10, "and 10 more errors"}} {
		if got := MoreErrors(tc.n); got != tc.want {
			t.Errorf("MoreErrors(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
