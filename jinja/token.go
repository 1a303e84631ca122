// Package jinja reads Jinja2 templates for analysis, not for rendering:
// a lexer, a recursive-descent parser producing a positioned syntax tree
// (text, {{ output }} expressions with the full expression grammar,
// {% statements %}, comments), and an HTML context analyser that says for
// every output expression where in the HTML it lands (element text, a
// quoted or unquoted attribute value, a URL or event-handler attribute,
// a <script> or <style> block, an HTML comment, RCDATA).
//
// Scope: the default delimiters ({{ }}, {% %}, {# #}), whitespace
// control (-, +) and {% raw %}. Line statements and custom delimiters are
// out of scope. Syntax errors are collected with their position and the
// parser recovers at the next tag, so the rest of a file is still
// analysed. Nothing panics on malformed input, and nesting is bounded.
package jinja

import (
	"fmt"
	"sort"
)

// Pos is a position in a template: Line is 1-based, Col is the 0-based
// UTF-8 byte offset in the line (as python/token.Pos), Offset the 0-based
// byte offset in the file. The zero Pos is invalid.
type Pos struct {
	Offset int32
	Line   int32
	Col    int32
}

// IsValid reports whether p names a real position.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String formats p as "line:col" with a 1-based column.
func (p Pos) String() string {
	if !p.IsValid() {
		return "-"
	}
	return fmt.Sprintf("%d:%d", p.Line, p.Col+1)
}

// Kind is the kind of a lexical token.
type Kind uint8

// The token kinds.
const (
	TokEOF        Kind = iota
	TokText            // template data outside tags (Val is the text)
	TokVarBegin        // {{ (Trim: '-' or 0)
	TokVarEnd          // }}
	TokBlockBegin      // {% (Trim: '-', '+' or 0)
	TokBlockEnd        // %}
	TokComment         // {# ... #} (Val is the comment's text)
	TokName            // identifier or keyword
	TokString          // string literal (Val is the decoded value)
	TokInt             // integer literal (Val is the source text)
	TokFloat           // float literal (Val is the source text)
	TokOperator        // operator or punctuation (Val is its text)
)

var kindNames = [...]string{TokEOF: "end of file", TokText: "text", TokVarBegin: "'{{'", TokVarEnd: "'}}'",
	TokBlockBegin: "'{%'", TokBlockEnd: "'%}'", TokComment: "comment", TokName: "name", TokString: "string",
	TokInt: "integer", TokFloat: "float", TokOperator: "operator"}

// String returns a readable name of the kind.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Token is one lexical token.
type Token struct {
	Kind Kind
	Val  string // see Kind
	Pos  Pos    // first byte
	End  Pos    // just past the last byte
	// Trim is the whitespace-control mark of a delimiter token: '-'
	// (strip whitespace on that side), '+' (keep it) or 0.
	Trim byte
	// Raw marks a Text token that comes from a {% raw %} block.
	Raw bool
}

// String describes the token for error messages.
func (t Token) String() string {
	switch t.Kind {
	case TokName, TokInt, TokFloat, TokOperator:
		return fmt.Sprintf("%q", t.Val)
	case TokString:
		return "string literal"
	}
	return t.Kind.String()
}

// Error is a syntax error at a position.
type Error struct {
	Pos Pos
	Msg string
}

// Error formats the error as "line:col: message".
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// ErrorList is a list of syntax errors, sorted by position. It is an
// error when non-empty.
type ErrorList []*Error

// Error reports the first error and how many more there are.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Error(), len(l)-1)
}

// Err returns the list as an error, or nil when empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func (l ErrorList) sort() {
	sort.SliceStable(l, func(i, j int) bool { return l[i].Pos.Offset < l[j].Pos.Offset })
}

// lineTable maps byte offsets to positions.
type lineTable []int // start offset of each line

func newLineTable(src string) lineTable {
	t := lineTable{0}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			t = append(t, i+1)
		case '\r':
			if i+1 == len(src) || src[i+1] != '\n' {
				t = append(t, i+1)
			}
		}
	}
	return t
}

func (t lineTable) pos(off int) Pos {
	i := sort.SearchInts(t, off+1) - 1
	if i < 0 {
		i = 0
	}
	return Pos{Offset: int32(off), Line: int32(i + 1), Col: int32(off - t[i])}
}

// posHint is pos with a starting line index to try first, for callers
// that move forward through the file; it returns the line index found.
func (t lineTable) posHint(off, hint int) (Pos, int) {
	if hint < 0 || hint >= len(t) || t[hint] > off {
		p := t.pos(off)
		return p, int(p.Line) - 1
	}
	for hint+1 < len(t) && t[hint+1] <= off {
		hint++
	}
	return Pos{Offset: int32(off), Line: int32(hint + 1), Col: int32(off - t[hint])}, hint
}
