package scanner

import (
	"fmt"
	"sort"

	"github.com/flasksec/flasksec/python/token"
)

// Error is a syntax error at a position. Msg is worded as CPython words it
// where possible ("invalid syntax", "unterminated string literal ...").
type Error struct {
	Filename string    // the file, as given to the scanner or parser
	Pos      token.Pos // where the error is
	Msg      string    // what is wrong
}

// Error formats the error as "file:line:col: msg" with a 1-based column.
func (e *Error) Error() string {
	if e.Filename == "" {
		return fmt.Sprintf("%s: %s", e.Pos, e.Msg)
	}
	return fmt.Sprintf("%s:%s: %s", e.Filename, e.Pos, e.Msg)
}

// ErrorList is a list of errors, sortable by position.
type ErrorList []*Error

// Add appends an error.
func (l *ErrorList) Add(filename string, pos token.Pos, msg string) {
	*l = append(*l, &Error{Filename: filename, Pos: pos, Msg: msg})
}

// Len is the number of errors (sort.Interface).
func (l ErrorList) Len() int { return len(l) }

// Swap exchanges two errors (sort.Interface).
func (l ErrorList) Swap(i, j int) { l[i], l[j] = l[j], l[i] }

// Less orders errors by position (sort.Interface).
func (l ErrorList) Less(i, j int) bool { return l[i].Pos.Before(l[j].Pos) }

// Sort sorts the list by position.
func (l ErrorList) Sort() { sort.Stable(l) }

// Error returns the first error, with a count of the others.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (%s)", l[0], MoreErrors(len(l)-1))
}

// MoreErrors says "and 1 more error" or "and N more errors", for a
// message that shows only the first of n+1 errors.
func MoreErrors(n int) string {
	if n == 1 {
		return "and 1 more error"
	}
	return fmt.Sprintf("and %d more errors", n)
}

// Err returns nil for an empty list, and the list otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
