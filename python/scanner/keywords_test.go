package scanner

import (
	"testing"

	"github.com/flasksec/flasksec/python/token"
)

// TestKeywordMatchesLookup checks keyword against token.Lookup for every
// keyword and for names that are close to one.
func TestKeywordMatchesLookup(t *testing.T) {
	names := []string{"", "a", "_", "match", "case", "type", "print", "Def", "iff", "nonlocals", "elif_", "NONE"}
	for tok := token.FALSE; tok <= token.YIELD; tok++ {
		names = append(names, tok.String(), tok.String()+"x", tok.String()[1:])
	}
	for _, n := range names {
		if got, want := keyword(n), token.Lookup(n); got != want {
			t.Errorf("keyword(%q) = %v, token.Lookup gives %v", n, got, want)
		}
	}
}
