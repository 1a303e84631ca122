// Package fix computes the fixes of findings from the project's parsed
// files, keyed by rule ID, and attaches the ones that survive a re-parse.
// It never changes what the rules detect: a rule's finding is the input,
// the exact parser offsets of the scanned file are where the edits go.
//
// A fix here never disables a protection, never widens an allowlist and
// never adds a suppression (spec section 0): it replaces the unsafe
// construct with its safe equivalent, or there is no fix.
package fix

import (
	"reflect"
	"unicode/utf8"

	"github.com/flasksec/flasksec/fixes"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/token"
	"github.com/flasksec/flasksec/rules"
)

// finder returns the fixes of one finding in the Python file f.
type finder func(f *project.File, fd rules.Finding) []fixes.Fix

// finderFor returns the fix finder of a rule, or nil when the rule has
// no fixes.
func finderFor(ruleID string) finder {
	switch ruleID {
	case "FLASKSEC-DESERIALIZE-001":
		return yamlSafeLoad
	case "FLASK-DEPLOY-002":
		return debugFromEnv
	case "FLASK-CONFIG-001":
		return secretFromEnv
	}
	return nil
}

// Attach sets the Fixes of every finding that has one. parse is the
// Python parser the project was read with: a fix whose result no longer
// parses cleanly is dropped.
func Attach(p *project.Project, fs []rules.Finding, parse project.ParseFunc) {
	for i := range fs {
		fs[i].Fixes = For(p, fs[i], parse)
	}
}

// For returns the fixes of one finding, each checked to leave its file
// parsing without errors; nil when there is none.
func For(p *project.Project, fd rules.Finding, parse project.ParseFunc) []fixes.Fix {
	find := finderFor(fd.RuleID)
	if find == nil || p == nil || parse == nil {
		return nil
	}
	f := p.File(fd.Location.Path)
	// An edit's path is written as is: a file name that is not UTF-8
	// (docs/json.md) gets no fix.
	if f == nil || f.Kind != project.Python || f.AST == nil || f.Err != nil || !utf8.ValidString(f.Path) {
		return nil
	}
	var out []fixes.Fix
	for _, fx := range find(f, fd) {
		if parses(f, fx, parse) && reflect.DeepEqual(rules.RedactFixes([]fixes.Fix{fx})[0], fx) {
			out = append(out, fx)
		}
	}
	return out
}

// A fix that the redactor would change is dropped (spec section 0): it
// would show a secret, or, masked, write "***" into the code.

// parses reports whether the file still parses without error once the
// fix's edits (all of file f) are applied.
func parses(f *project.File, fx fixes.Fix, parse project.ParseFunc) bool {
	for _, e := range fx.Edits {
		if e.Path != f.Path {
			return false
		}
	}
	out, err := fixes.Apply(f.Src, fx.Edits)
	if err != nil {
		return false
	}
	m, err := parse(f.Path, out)
	return err == nil && m != nil
}

// The offsets of the edits index the file's decoded text (project.File
// Src: UTF-8, universal newlines, no BOM). Whoever applies them to bytes
// on disk or in an editor checks first that those bytes are that text.

// offsets converts parser positions of one file to byte offsets.
type offsets struct {
	src    []byte
	starts []int // byte offset of each line's start, line 1 first
}

// newOffsets indexes the lines of src the way the Python tokenizer
// counts them: "\n", "\r\n" and a lone "\r" end a line.
func newOffsets(src []byte) *offsets {
	o := &offsets{src: src, starts: []int{0}}
	for i, c := range src {
		if c == '\n' || (c == '\r' && (i+1 == len(src) || src[i+1] != '\n')) {
			o.starts = append(o.starts, i+1)
		}
	}
	return o
}

// at returns the byte offset of p, and false when p is not in the file.
func (o *offsets) at(p token.Pos) (int, bool) {
	if p.Line < 1 || int(p.Line) > len(o.starts) {
		return 0, false
	}
	off := o.starts[p.Line-1] + int(p.Col)
	if off > len(o.src) {
		return 0, false
	}
	return off, true
}

// onLines reports whether 1-based line n lies within the finding's lines.
func onLines(fd rules.Finding, n int) bool {
	end := max(fd.Location.EndLine, fd.Location.StartLine)
	return fd.Location.StartLine <= n && n <= end
}
