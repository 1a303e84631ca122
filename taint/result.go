package taint

import (
	"sort"
	"strings"

	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/rules"
)

// Step is one step of a flow's trace: a file position and what happened
// to the value there.
type Step = rules.TraceStep

// Flow is untrusted data reaching one sink argument.
type Flow struct {
	Kind       knowledge.SinkKind // what the sink is
	Variant    string             // refinement of the kind: for commands "shell", "program" or "option"; "return" for HTML returned by a view; "zip"/"tar" for archives
	Confidence rules.Confidence   // High: proven from the request; lower through unknown calls or for stored data and unproven parameters
	Origin     knowledge.Origin   // where the data comes from
	Source     string             // how the source is named ("request.args", "route parameter id")
	Sink       string             // how the sink is named ("cursor.execute()")
	File       *project.File      // the file of the sink
	Node       ast.Node           // the sink: a call, a return statement or an assignment
	Arg        ast.Expr           // the argument carrying the data; nil when the sink is the whole node
	Func       string             // qualified name of the function holding the sink; "" at module level
	Route      string             // the route of the view the data enters in ("GET /search"), else of the view holding the sink; "" if none
	Built      bool               // the argument is a string built by concatenation or formatting
	Trace      []Step             // source first, sink last
	Via        []string           // repo functions the data passed through, in order
}

// Location returns the rules location of the flow's sink.
func (f *Flow) Location() rules.Location {
	loc := rules.NodeLocation(f.File, f.Node)
	loc.Route = f.Route
	return loc
}

// Result is the taint analysis of a project. It is read-only and safe for
// concurrent use.
type Result struct {
	flows  map[knowledge.SinkKind][]*Flow
	byArg  map[ast.Node]*Flow     // best flow per sink argument (or sink node when it has no argument)
	exprs  map[ast.Expr]exprEntry // untrusted call arguments that are not sinks
	stats  Stats
	tables *knowledge.Tables
	err    error
	calls  []fileCalls // every call of every file, resolved
}

// CallSite is a call whose callee the resolver knows.
type CallSite struct {
	File *project.File
	Call *ast.Call
	Qual string // the callee's qualified name ("flask.send_file")
}

// CallsTo returns every call of the given callees (qualified names, as
// package resolve gives them) in the project, in file and position order.
func (r *Result) CallsTo(quals ...string) []CallSite {
	want := make(map[string]int, len(quals))
	for i := len(quals) - 1; i >= 0; i-- {
		want[quals[i]] = i // a name given twice counts once, at its first place
	}
	byQual := make([][]CallSite, len(quals))
	for _, fc := range r.calls {
		for _, rc := range fc.calls {
			if i, ok := want[rc.c.qual]; ok && rc.c.qual != "" {
				byQual[i] = append(byQual[i], CallSite{File: fc.file, Call: rc.call, Qual: rc.c.qual})
			}
		}
	}
	var out []CallSite
	for _, cs := range byQual {
		out = append(out, cs...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File.Path != out[j].File.Path {
			return out[i].File.Path < out[j].File.Path
		}
		return out[i].Call.Pos().Before(out[j].Call.Pos())
	})
	return out
}

// Err returns the errors met while analysing (functions whose analysis
// failed and were skipped), or nil. Rules return it so that the driver
// reports the gap instead of dropping it silently.
func (r *Result) Err() error { return r.err }

// Stats are counters of one analysis, for benchmarks and debugging.
type Stats struct {
	Functions int // functions and methods analysed
	Analyses  int // function analyses run, re-analyses in the fixpoint included
	Flows     int // flows found
}

type resultKey struct{}

// Of returns the taint analysis of p, computing it once per project.
func Of(p *project.Project) *Result {
	return project.Cached(p, resultKey{}, func() *Result { return analyze(p) })
}

// Flows returns the flows into sinks of kind k, sorted by file and
// position; one flow per sink argument.
func (r *Result) Flows(k knowledge.SinkKind) []*Flow { return r.flows[k] }

// All returns every flow, sorted by file, position and kind.
func (r *Result) All() []*Flow {
	var out []*Flow
	for _, k := range knowledge.Kinds() {
		out = append(out, r.flows[k]...)
	}
	sortFlows(out)
	return out
}

// Expr returns how untrusted data reaches the Python expression e of file
// f, or nil if the engine saw none. e must be an argument (positional or
// keyword value) of a call, or the value of a return statement of a view;
// other expressions give nil. For a sink argument the result is the
// sink's best flow (Kind set, shared: do not modify it); for any other
// argument it is a new Flow with Kind 0 whose trace ends where the value
// is computed. A value sanitised for the sink it is passed to has no flow
// of that sink's kind, but may still be reported here with Kind 0.
func (r *Result) Expr(f *project.File, e ast.Expr) *Flow {
	if fl := r.byArg[e]; fl != nil && fl.File == f {
		return fl
	}
	if x, ok := r.exprs[e]; ok && x.file == f {
		fl := makeFlow(&site{file: x.file, node: e, fn: x.fn}, x.lab)
		fl.Trace = fl.Trace[:len(fl.Trace)-1]
		fl.Kind = 0
		return fl
	}
	return nil
}

// exprEntry is an untrusted call argument: the best label reaching it.
type exprEntry struct {
	file *project.File
	fn   string
	lab  label
}

// Stats returns counters of the analysis.
func (r *Result) Stats() Stats { return r.stats }

func sortFlows(fs []*Flow) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File.Path != b.File.Path {
			return a.File.Path < b.File.Path
		}
		ap, bp := a.Node.Pos(), b.Node.Pos()
		if ap != bp {
			return ap.Before(bp)
		}
		if a.Arg != nil && b.Arg != nil && a.Arg.Pos() != b.Arg.Pos() {
			return a.Arg.Pos().Before(b.Arg.Pos())
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Variant < b.Variant
	})
}

// betterFlow says whether a is better evidence than b for the same sink.
func betterFlow(a, b *Flow) bool {
	if a.Confidence != b.Confidence {
		return a.Confidence > b.Confidence
	}
	ra, rb := originRank(a.Origin), originRank(b.Origin)
	if ra != rb {
		return ra > rb
	}
	if len(a.Trace) != len(b.Trace) {
		return len(a.Trace) < len(b.Trace)
	}
	for i := range a.Trace {
		x, y := a.Trace[i], b.Trace[i]
		switch {
		case x.Path != y.Path:
			return x.Path < y.Path
		case x.Line != y.Line:
			return x.Line < y.Line
		case x.Col != y.Col:
			return x.Col < y.Col
		case x.Note != y.Note:
			return x.Note < y.Note
		}
	}
	return false
}

func originRank(o knowledge.Origin) int {
	switch o {
	case knowledge.Request, knowledge.FileName, knowledge.UserSource:
		return 3
	case knowledge.Stored, knowledge.External:
		return 2
	}
	return 1
}

// Message describes the flow in one sentence: "request.args reaches
// cur.execute() through find_user() in app/db.py".
func (f *Flow) Message() string {
	var b strings.Builder
	src := f.Source
	if src == "" {
		src = "untrusted data"
	}
	b.WriteString(src)
	b.WriteString(" reaches ")
	b.WriteString(f.Sink)
	if len(f.Via) > 0 {
		b.WriteString(" through ")
		b.WriteString(strings.Join(f.Via, ", then "))
	}
	switch f.Origin {
	case knowledge.Stored:
		b.WriteString(" (data read back from the database)")
	case knowledge.External:
		b.WriteString(" (data from an outbound HTTP response)")
	case knowledge.Param:
		b.WriteString(" (the callers are unknown: the origin of the value is not proven)")
	}
	return b.String()
}

// Finding returns a finding for the flow: the sink's location and route,
// the flow's confidence and trace, and Message. Rules add what is
// specific to them (severity, a specialised fix).
func (f *Flow) Finding() rules.Finding {
	tr := make([]rules.TraceStep, len(f.Trace))
	copy(tr, f.Trace)
	return rules.Finding{Location: f.Location(), Confidence: f.Confidence, Message: f.Message(), Trace: tr}
}
