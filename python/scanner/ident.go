package scanner

import (
	"golang.org/x/text/unicode/norm"
)

// NormalizeName returns the identifier as CPython stores it: names are
// NFKC-normalised (PEP 3131), so that "ﬁle" and "file" are the same name.
// The scanner returns NAME literals exactly as written; the parser applies
// NormalizeName when it builds Name, attribute and keyword nodes. ASCII
// names are returned unchanged without allocating.
func NormalizeName(name string) string {
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			return norm.NFKC.String(name)
		}
	}
	return name
}
