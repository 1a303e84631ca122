// Package token defines the lexical tokens of Python 3 and source positions,
// in the spirit of Go's go/token.
package token

import "fmt"

// Pos is a position in a source file with CPython's meaning: Line is
// 1-based, Col is the 0-based offset in UTF-8 bytes from the start of the
// line (CPython's col_offset). The zero Pos is invalid ("no position").
type Pos struct {
	Line int32 // 1-based line number; 0 means no position
	Col  int32 // 0-based UTF-8 byte column
}

// IsValid reports whether p names a real position.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Before reports whether p comes strictly before q.
func (p Pos) Before(q Pos) bool {
	return p.Line < q.Line || (p.Line == q.Line && p.Col < q.Col)
}

// String formats p as "line:col", with the column shown 1-based as editors
// and compilers print it.
func (p Pos) String() string {
	if !p.IsValid() {
		return "-"
	}
	return fmt.Sprintf("%d:%d", p.Line, p.Col+1)
}
