package taint

import (
	"fmt"
	"sort"
	"strings"

	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/token"
	"github.com/flasksec/flasksec/rules"
)

// source is one place untrusted data enters: one node of one file.
type source struct {
	key    string // "path:line:col:desc", for ordering and identity in summaries
	file   *project.File
	pos    token.Pos
	desc   string // "request.args"
	origin knowledge.Origin
	conf   rules.Confidence
	route  string // the route of the view the source is read in; "" if none
}

// origin identifies where a label's data comes from: a source, or a
// parameter (or an attribute of a parameter) of the function analysed.
type origin struct {
	src   *source
	param int    // parameter index when src is nil
	field string // attribute of the parameter ("" for the parameter itself)
	k     string // the origin's key
}

func srcOrigin(s *source) origin { return origin{src: s, param: -1, k: s.key} }

func paramOrigin(i int, field string) origin {
	if field == "" && i >= 0 && i < len(paramKeys) {
		return origin{param: i, k: paramKeys[i]}
	}
	return origin{param: i, field: field, k: fmt.Sprintf("~p%03d.%s", i, field)}
}

// paramKeys are the keys of the first parameters' own origins, built once
// (every analysis labels its parameters).
var paramKeys = func() []string {
	out := make([]string, 64)
	for i := range out {
		out[i] = fmt.Sprintf("~p%03d.", i)
	}
	return out
}()

func (o origin) key() string { return o.k }

// tnode is one step of a trace, as a persistent list (newest first).
type tnode struct {
	prev   *tnode
	file   *project.File
	pos    token.Pos
	note   string
	callee string // for "passed to" steps: the repo function entered
	n      int    // number of steps up to and including this one
}

// maxTrace bounds trace length; longer traces keep their first steps and
// the last ones added.
const maxTrace = 48

func (t *tnode) push(f *project.File, pos token.Pos, note, callee string) *tnode {
	n := 1
	if t != nil {
		n = t.n + 1
		if t.n >= maxTrace {
			// Replace the newest step instead of growing further.
			return &tnode{prev: t.prev, file: f, pos: pos, note: note, callee: callee, n: t.n}
		}
	}
	return &tnode{prev: t, file: f, pos: pos, note: note, callee: callee, n: n}
}

// concat appends the steps of tail (a trace of a callee starting at one of
// its parameters) after head.
func concat(head, tail *tnode) *tnode {
	if tail == nil {
		return head
	}
	var buf [maxTrace]*tnode // traces hold at most maxTrace steps
	steps := buf[:0]
	for t := tail; t != nil; t = t.prev {
		steps = append(steps, t)
	}
	out := head
	for i := len(steps) - 1; i >= 0; i-- {
		s := steps[i]
		out = out.push(s.file, s.pos, s.note, s.callee)
	}
	return out
}

// steps materialises a trace, oldest step first.
func (t *tnode) steps() (out []Step, via []string) {
	for ; t != nil; t = t.prev {
		out = append(out, Step{Path: t.file.Path, Line: int(t.pos.Line), Col: charCol(t.file, t.pos), Note: t.note})
		if t.callee != "" {
			via = append(via, t.callee)
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	for i, j := 0, len(via)-1; i < j; i, j = i+1, j-1 {
		via[i], via[j] = via[j], via[i]
	}
	return out, dedupStrings(via)
}

func dedupStrings(ss []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// charCol converts a position's 0-based byte column to a 1-based
// character column.
func charCol(f *project.File, pos token.Pos) int {
	line := f.Line(int(pos.Line))
	c := int(pos.Col)
	if c > len(line) {
		c = len(line)
	}
	if c < 0 {
		c = 0
	}
	return len([]rune(line[:c])) + 1
}

// label is one possible origin of a value's data.
type label struct {
	org   origin
	conf  rules.Confidence
	san   knowledge.KindSet // kinds the data was made safe for
	trace *tnode
}

// taint is a set of labels, sorted by origin key, at most maxLabels long.
type taint []label

const maxLabels = 12

// better says whether l is better evidence than m for the same origin:
// higher confidence, then a shorter trace, then (so that results do not
// depend on the order of analysis) the trace that sorts first.
func (l label) better(m label) bool {
	if l.conf != m.conf {
		return l.conf > m.conf
	}
	ln, mn := 0, 0
	if l.trace != nil {
		ln = l.trace.n
	}
	if m.trace != nil {
		mn = m.trace.n
	}
	if ln != mn {
		return ln < mn
	}
	return traceLess(l.trace, m.trace)
}

// traceLess orders traces of equal length by their steps, newest first.
func traceLess(a, b *tnode) bool {
	for ; a != nil && b != nil; a, b = a.prev, b.prev {
		if a == b {
			return false
		}
		switch {
		case a.file.Path != b.file.Path:
			return a.file.Path < b.file.Path
		case a.pos != b.pos:
			return a.pos.Before(b.pos)
		case a.note != b.note:
			return a.note < b.note
		}
	}
	return false
}

// join returns the union of two taints: a label present in both keeps the
// higher confidence, the sanitisation common to both, and the better trace.
func join(a, b taint) taint {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := make(taint, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i].org.key() < b[j].org.key():
			out = append(out, a[i])
			i++
		case i == len(a) || b[j].org.key() < a[i].org.key():
			out = append(out, b[j])
			j++
		default:
			l, m := a[i], b[j]
			best := l
			if m.better(l) {
				best = m
			}
			if m.conf > best.conf {
				best.conf = m.conf
			}
			if l.conf > best.conf {
				best.conf = l.conf
			}
			best.san = l.san & m.san
			out = append(out, best)
			i++
			j++
		}
	}
	if len(out) > maxLabels {
		out = out[:maxLabels]
	}
	return out
}

func single(l label) taint { return taint{l} }

// sanitize marks every label safe for kinds; source labels safe for
// every kind are dropped.
func (t taint) sanitize(kinds knowledge.KindSet) taint {
	if len(t) == 0 || kinds == 0 {
		return t
	}
	out := make(taint, 0, len(t))
	for _, l := range t {
		l.san |= kinds
		if l.san&knowledge.AllKinds == knowledge.AllKinds && l.org.src != nil {
			continue
		}
		// A parameter's label is kept even when safe for everything: the
		// function's summary says its callers' argument was validated.
		out = append(out, l)
	}
	return out
}

// degrade lowers every label's confidence by one step (data passed
// through a function the engine does not know).
func (t taint) degrade() taint {
	if len(t) == 0 {
		return t
	}
	out := make(taint, len(t))
	for i, l := range t {
		if l.conf > rules.LowConfidence {
			l.conf--
		}
		out[i] = l
	}
	return out
}

// lowest sets every label's confidence to Low (data that may reach the
// value only through a call that most likely returns something else).
func (t taint) lowest() taint {
	if len(t) == 0 {
		return t
	}
	out := make(taint, len(t))
	for i, l := range t {
		l.conf = rules.LowConfidence
		out[i] = l
	}
	return out
}

// step adds a trace step to every label.
func (t taint) step(f *project.File, pos token.Pos, note string) taint {
	if len(t) == 0 {
		return t
	}
	out := make(taint, len(t))
	for i, l := range t {
		l.trace = l.trace.push(f, pos, note, "")
		out[i] = l
	}
	return out
}

// sig is the abstract content of a taint (traces ignored), used to detect
// fixpoints.
func (t taint) sig(b *strings.Builder) {
	for _, l := range t {
		fmt.Fprintf(b, "%s/%d/%x,", l.org.key(), l.conf, uint32(l.san))
	}
}

func (t taint) has(k knowledge.SinkKind) bool {
	for _, l := range t {
		if !l.san.Has(k) {
			return true
		}
	}
	return false
}

// value is what the interpreter knows about a Python value.
type value struct {
	t       taint
	typ     string            // its type when known: a repo class, "pathlib.Path", "dbapi.Cursor", "str", "json"...
	fields  map[string]taint  // attributes assigned on it (copy on write)
	built   bool              // a string built by concatenation or formatting with a non-constant part
	der     *derived          // how it was computed from a variable, for guards
	req     bool              // it is flask.request itself
	bound   []*value          // for functools.partial objects: the bound positional arguments
	opaque  bool              // the result of a library call the engine does not know (a query object, a parsed document...)
	checked knowledge.KindSet // for "@path" entries of a state: kinds a guard checked the access path safe for
	strLit  bool              // a string literal
	tupleN  int               // for a tuple of known length (a literal, or what a function returning one returns): its length; fields "#0", "#1"... hold the elements' taint
}

// derived records that a value is fn(arg) for a variable arg.
type derived struct {
	fn  string // qualified name of the function
	arg string // the variable's name
}

var clean = &value{}

func (v *value) tainted() bool { return v != nil && len(v.t) > 0 }

// joinValues merges the values a variable may have on two paths.
func joinValues(a, b *value) *value {
	if a == nil {
		return b
	}
	if b == nil || a == b {
		return a
	}
	// A library object on one path and no data on the other (None, a
	// constant) is still only ever a library object's data.
	opaque := (a.opaque || !a.tainted()) && (b.opaque || !b.tainted()) && (a.opaque || b.opaque)
	out := &value{t: join(a.t, b.t), built: a.built || b.built, req: a.req || b.req, opaque: opaque,
		checked: a.checked & b.checked}
	if a.typ == b.typ {
		out.typ = a.typ
	}
	if a.der != nil && b.der != nil && *a.der == *b.der {
		out.der = a.der
	}
	switch {
	case a.tupleN == b.tupleN:
		out.tupleN = a.tupleN
	case a.tupleN > 0 && b.tupleN == 0 && !b.tainted() && len(b.fields) == 0:
		out.tupleN = a.tupleN // a tuple or None
	case b.tupleN > 0 && a.tupleN == 0 && !a.tainted() && len(a.fields) == 0:
		out.tupleN = b.tupleN
	}
	if len(a.fields) > 0 || len(b.fields) > 0 {
		out.fields = map[string]taint{}
		for k, v := range a.fields {
			out.fields[k] = v
		}
		for k, v := range b.fields {
			out.fields[k] = join(out.fields[k], v)
		}
	}
	return out
}

func (v *value) sig(b *strings.Builder) {
	if v == nil {
		return
	}
	v.t.sig(b)
	fmt.Fprintf(b, "|%s|%v|%v|", v.typ, v.built, v.req)
	if v.der != nil {
		b.WriteString(v.der.fn + "(" + v.der.arg + ")")
	}
	if len(v.fields) > 0 {
		keys := make([]string, 0, len(v.fields))
		for k := range v.fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			b.WriteString("." + k + "=")
			v.fields[k].sig(b)
		}
	}
}

// withField returns a copy of v with attribute name set to t.
func (v *value) withField(name string, t taint, weak bool) *value {
	out := &value{}
	if v != nil {
		*out = *v
	}
	out.fields = make(map[string]taint, len(out.fields)+1)
	if v != nil {
		for k, x := range v.fields {
			out.fields[k] = x
		}
	}
	if weak {
		t = join(out.fields[name], t)
	}
	out.fields[name] = t
	return out
}

// withFields returns a copy of v with several attributes set at once
// (joined with the old ones when weak).
func (v *value) withFields(m map[string]taint, weak bool) *value {
	if len(m) == 0 {
		return v
	}
	out := &value{}
	if v != nil {
		*out = *v
	}
	out.fields = make(map[string]taint, len(out.fields)+len(m))
	if v != nil {
		for k, x := range v.fields {
			out.fields[k] = x
		}
	}
	for k, t := range m {
		if weak {
			t = join(out.fields[k], t)
		}
		out.fields[k] = t
	}
	return out
}
