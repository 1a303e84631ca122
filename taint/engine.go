package taint

import (
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/par"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/python/token"
	"github.com/flasksec/flasksec/resolve"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/templates"
)

// site is one sink argument: where a flow ends.
type site struct {
	kind    knowledge.SinkKind
	variant string
	file    *project.File
	node    ast.Node
	arg     ast.Expr
	name    string // "cursor.execute()"
	fn      string // enclosing function's qualified name
	route   string // the route of the view holding the sink; "" if none
	built   bool
	key     string
}

// sinkEntry says that a label of a function's own (a parameter) reaches a
// sink, possibly in a callee.
type sinkEntry struct {
	site *site
	lab  label
}

// summary is what callers need to know of a function.
type summary struct {
	ret        taint                     // labels reaching the return value
	retType    string                    // type of the return value when known
	retBuilt   bool                      // the return value is a built string
	retOpaque  bool                      // the return value is an object a library call built (a query clause)
	retFields  map[string]taint          // attributes (and "#i" tuple elements) of the returned value known on every path
	retTupleN  int                       // when every return gives a tuple of one length (or None): that length
	selfFields map[string]taint          // attributes set on self (parameter 0) by the end of the function
	mutated    map[int]taint             // data other than its own put into a parameter (lst.append(x), d[k] = x)
	validated  map[int]knowledge.KindSet // kinds a parameter is checked safe for whenever the function returns
	sinks      []sinkEntry               // parameters reaching sinks
	sig        string
}

func (s *summary) computeSig() {
	var b strings.Builder
	s.ret.sig(&b)
	fmt.Fprintf(&b, "|%s|%v|%v|%d|", s.retType, s.retBuilt, s.retOpaque, s.retTupleN)
	rkeys := make([]string, 0, len(s.retFields))
	for k := range s.retFields {
		rkeys = append(rkeys, k)
	}
	sort.Strings(rkeys)
	for _, k := range rkeys {
		b.WriteString(k + "=")
		s.retFields[k].sig(&b)
		b.WriteString(";")
	}
	keys := make([]string, 0, len(s.selfFields))
	for k := range s.selfFields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteString(k + "=")
		s.selfFields[k].sig(&b)
	}
	b.WriteString("|")
	for i := 0; i < 64 && len(s.mutated) > 0; i++ {
		if t, ok := s.mutated[i]; ok {
			fmt.Fprintf(&b, "m%d=", i)
			t.sig(&b)
		}
	}
	for i := 0; i < 64 && len(s.validated) > 0; i++ {
		if k, ok := s.validated[i]; ok {
			fmt.Fprintf(&b, "v%d=%x", i, uint32(k))
		}
	}
	b.WriteString("|")
	for _, e := range s.sinks {
		b.WriteString(e.site.key + ":")
		taint{e.lab}.sig(&b)
	}
	s.sig = b.String()
}

// hit is a source label reaching a sink.
type hit struct {
	site *site
	lab  label
}

// unit is one analysed body: a function or a module's top level.
type unit struct {
	fn   *resolve.Func // nil for a module body
	file *project.File
	body []ast.Stmt
	view *view // set by the scheduler while no unit runs
	qual string
	// res is the unit's last analysis, published whole so that other
	// units, analysed at the same time, read a consistent one.
	res atomic.Pointer[unitResult]
	// callees are the repo functions its analyses have called (guarded
	// by engine.mu).
	callees map[*resolve.Func]bool
	// Scheduling state, touched by the scheduler only.
	state   uint8   // stNew, stQueued, stRunning, stDone
	runs    int     // analyses so far
	pending int     // static callees not analysed yet (first round)
	after   []*unit // units whose first analysis waits for this one
	dirty   bool    // asked to run again while running
	ranOnce bool
}

// unitResult is one analysis of a unit.
type unitResult struct {
	sum   *summary
	hits  []hit
	exprs map[ast.Expr]taint
	// closure holds the variables nested functions may read: source
	// labels and types of the unit's variables at its exits.
	closure    map[string]*value
	closureSig string
}

// summary returns the unit's last summary, nil before its first analysis.
func (u *unit) summary() *summary {
	if r := u.res.Load(); r != nil {
		return r.sum
	}
	return nil
}

// Scheduling states of a unit.
const (
	stNew     uint8 = iota // waiting for its static callees' first analysis
	stQueued               // in the queue
	stRunning              // being analysed
	stDone                 // analysed, not queued
)

// engine holds the state of one analysis.
type engine struct {
	p         *project.Project
	ix        *resolve.Index
	kb        *knowledge.Tables
	units     map[*resolve.Func]*unit
	order     []*unit
	callers   map[*resolve.Func][]*unit
	sources   map[srcKey]*source
	sites     map[siteKey]*site
	calls     map[*project.File]map[*ast.Call]callee // by file: small maps are faster to search
	globals   map[string]string                      // module-level instance's qualified name -> its type
	attrTypes map[string]map[string]string           // repo class -> attribute -> type
	views     map[ast.Node]*view
	stats     Stats
	analyses  atomic.Int64
	errs      []error
	children  map[*resolve.Func][]*resolve.Func // nested functions by parent
	// mu guards, while units are analysed side by side: sources, sites,
	// callers, globals, attrTypes, gAttrs, gSig, gReaders, errs, the units'
	// callees and the publication of their results.
	mu sync.Mutex
	// workers is how many units are analysed at the same time.
	workers int
	// gAttrs holds what any function stores on flask.g (sources only: it is
	// shared by every function of a request), gReaders the units reading it.
	gAttrs   map[string]taint
	gSig     string
	gReaders map[*unit]bool
	// fileCalls is every call of the project, resolved once up front;
	// static, the repo functions each function's body calls (from them).
	fileCalls []fileCalls
	static    map[ast.Node][]*resolve.Func
	// viewTiming is when the fixpoint learns the views (tests check that
	// the result does not depend on it).
	viewTiming viewTiming
	// paramCache holds the parameter names of the functions seen so far.
	paramCache map[*resolve.Func][]string
}

type callee struct {
	qual string
	fn   *resolve.Func
}

// maxRounds bounds the fixpoint: each function is re-analysed at most this
// many times.
const maxRounds = 12

// viewTiming says when the fixpoint learns which functions are views.
type viewTiming int8

const (
	viewsWhenReady viewTiming = iota // as soon as the Flask model is built (scans)
	viewsFirst                       // before the first function is analysed (tests)
	viewsLast                        // once the fixpoint has converged without them (tests)
)

func analyze(p *project.Project) *Result { return analyzeWith(p, viewsWhenReady, 0) }

// analyzeWith analyses p with the views learnt at the given time, on the
// given number of goroutines (0: GOMAXPROCS). Tests vary both.
func analyzeWith(p *project.Project, timing viewTiming, workers int) *Result {
	e := &engine{viewTiming: timing, workers: workers, p: p, ix: resolve.Of(p), units: map[*resolve.Func]*unit{}, callers: map[*resolve.Func][]*unit{},
		sources: map[srcKey]*source{}, sites: map[siteKey]*site{}, calls: map[*project.File]map[*ast.Call]callee{},
		globals: map[string]string{}, attrTypes: map[string]map[string]string{},
		gAttrs: map[string]taint{}, gReaders: map[*unit]bool{}}
	cfg := p.Config
	if cfg != nil {
		e.kb = knowledge.New(cfg.Sources, cfg.Sinks, cfg.Sanitizers)
	} else {
		e.kb = knowledge.New(nil, nil, nil)
	}
	// The Flask model (for the views) and the work that does not need it
	// (resolving every call, ordering the functions) are independent:
	// do the latter while the model is built (or waited for).
	views := make(chan func() map[ast.Node]*view, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				views <- func() map[ast.Node]*view { panic(v) }
			}
		}()
		vs := findViews(p)
		views <- func() map[ast.Node]*view { return vs }
	}()
	e.fileCalls = e.resolveAllCalls()
	for _, fn := range e.ix.Funcs() {
		u := &unit{fn: fn, file: fn.File, body: fn.Body, qual: fn.Qual}
		e.units[fn] = u
		e.order = append(e.order, u)
	}
	e.stats.Functions = len(e.order)
	// Caches the analyses only read from now on.
	e.nested(nil)
	e.paramCache = make(map[*resolve.Func][]string, len(e.order))
	for _, u := range e.order {
		e.paramCache[u.fn] = params(u.fn.Args)
	}
	if e.workers <= 0 {
		e.workers = runtime.GOMAXPROCS(0)
	}
	e.fixpoint(e.bottomUp(), views)
	// Module bodies, with the final summaries.
	var mods []*unit
	for _, f := range p.FilesOf(project.Python) {
		if f.AST != nil {
			mods = append(mods, &unit{file: f, body: f.AST.Body, qual: f.Module})
		}
	}
	par.On(e.workers, len(mods), func(_, i int) { e.run(mods[i]) })
	r := e.result(mods)
	r.calls = e.fileCalls
	return r
}

// fixpoint analyses the functions until no summary changes. The first
// round follows order (callees before callers as far as the static call
// graph tells): a function is analysed once the functions it calls have
// been, on e.workers goroutines. Then every change of a summary (or of a
// function's variables, or of what is stored on flask.g) has the
// functions reading it analysed again, each at most maxRounds times.
//
// The views are not needed to start: the fixpoint runs while the Flask
// model is built. When they are known (e.viewTiming), the views are
// marked, while no unit runs, and those already analysed as plain
// functions are analysed again.
func (e *engine) fixpoint(order []*unit, views <-chan func() map[ast.Node]*view) {
	var queue []*unit
	push := func(u *unit) {
		switch u.state {
		case stDone:
			u.state = stQueued
			queue = append(queue, u)
		case stRunning:
			u.dirty = true
		}
	}
	for _, u := range order {
		if u.pending == 0 {
			u.state = stQueued
			queue = append(queue, u)
		}
	}
	var got func() map[ast.Node]*view // the views, received but not applied yet
	viewsKnown := false
	apply := func() {
		e.views = got()
		got = nil
		viewsKnown = true
		prefetchTemplates(e.p)
		for _, u := range e.order {
			if v := e.views[u.fn.Node]; v != nil {
				u.view = v
				if u.ranOnce {
					push(u)
				}
			}
		}
	}
	if e.viewTiming == viewsFirst {
		got = <-views
		apply()
	}

	type doneMsg struct {
		u       *unit
		requeue []*unit
	}
	work := make(chan *unit)
	done := make(chan doneMsg, e.workers)
	defer close(work)
	for w := 0; w < e.workers; w++ {
		go func() {
			for u := range work {
				done <- doneMsg{u, e.run(u)}
			}
		}()
	}
	running := 0
	for {
		if got != nil && running == 0 {
			apply()
		}
		if e.p.Cancelled() {
			// The analysis is superseded: start no more units; the
			// running ones stop at their next batch of statements.
			queue = nil
		}
		for got == nil && running < e.workers && len(queue) > 0 {
			u := queue[0]
			queue = queue[1:]
			if u.runs >= maxRounds {
				u.state = stDone
				continue
			}
			u.runs++
			u.state = stRunning
			running++
			work <- u
		}
		if running == 0 && len(queue) == 0 {
			if viewsKnown {
				return
			}
			got = <-views
			continue
		}
		var fromModel <-chan func() map[ast.Node]*view
		if !viewsKnown && got == nil && e.viewTiming == viewsWhenReady {
			fromModel = views
		}
		select {
		case g := <-fromModel:
			got = g
		case m := <-done:
			running--
			u := m.u
			u.state = stDone
			if !u.ranOnce {
				u.ranOnce = true
				for _, d := range u.after {
					if d.pending--; d.pending == 0 && d.state == stNew {
						d.state = stQueued
						queue = append(queue, d)
					}
				}
			}
			for _, x := range m.requeue {
				push(x)
			}
			if u.dirty {
				u.dirty = false
				push(u)
			}
		}
	}
}

// prefetchTemplates starts building the template model (a shared
// analysis the XSS and header rules read after the taint result) on its
// own goroutine, now that the Flask model it needs is built, so that it
// runs beside this analysis instead of after it. It changes no result:
// templates.Of computes the model once whoever asks first. Should the
// build panic, the panic is dropped here and the rules asking for the
// model then fail (with a less telling message) instead of the process.
func prefetchTemplates(p *project.Project) {
	go func() {
		defer func() { _ = recover() }()
		templates.Of(p)
	}()
}

// fileCalls is every call of one Python file, in ast.Inspect order, with
// its resolved callee.
type fileCalls struct {
	file  *project.File
	calls []resolvedCall
}

type resolvedCall struct {
	call *ast.Call
	c    callee
	// owner is the function whose body holds the call, outside nested
	// definitions, lambdas and class bodies; nil at module level and for
	// the calls of decorators, defaults and annotations.
	owner ast.Node
}

// bodyOwner returns scope if x lies in the body of that function
// definition, else nil.
func bodyOwner(scope, x ast.Node) ast.Node {
	var body []ast.Stmt
	switch d := scope.(type) {
	case *ast.FunctionDef:
		body = d.Body
	case *ast.AsyncFunctionDef:
		body = d.Body
	}
	if len(body) == 0 || x.Pos().Before(body[0].Pos()) || body[len(body)-1].End().Before(x.End()) {
		return nil
	}
	return scope
}

// resolveAllCalls resolves every call of every Python file, the files
// spread over GOMAXPROCS goroutines (the index is safe for concurrent
// use), and fills the engine's call cache in file order.
func (e *engine) resolveAllCalls() []fileCalls {
	var files []*project.File
	for _, f := range e.p.FilesOf(project.Python) {
		if f.AST != nil {
			files = append(files, f)
		}
	}
	out := make([]fileCalls, len(files))
	par.Each(len(files), func(i int) {
		f := files[i]
		if e.p.Cancelled() {
			out[i] = fileCalls{file: f} // superseded: no calls
			return
		}
		var rcs []resolvedCall
		// visiting holds the nodes being visited, scopes the
		// indexes in it of the definitions and lambdas.
		var visiting []ast.Node
		var scopes []int
		ast.Inspect(f.AST, func(n ast.Node) bool {
			if n == nil {
				if last := len(visiting) - 1; len(scopes) > 0 && scopes[len(scopes)-1] == last {
					scopes = scopes[:len(scopes)-1]
				}
				visiting = visiting[:len(visiting)-1]
				return false
			}
			switch n.(type) {
			case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.Lambda, *ast.ClassDef:
				scopes = append(scopes, len(visiting))
			case *ast.Call:
				q, fn := e.ix.Callee(f, n.(*ast.Call))
				var owner ast.Node
				if len(scopes) > 0 {
					owner = bodyOwner(visiting[scopes[len(scopes)-1]], n)
				}
				rcs = append(rcs, resolvedCall{n.(*ast.Call), callee{qual: q, fn: fn}, owner})
			}
			visiting = append(visiting, n)
			return true
		})
		out[i] = fileCalls{file: f, calls: rcs}
	})
	for _, fc := range out {
		m := e.calls[fc.file]
		if m == nil {
			m = make(map[*ast.Call]callee, len(fc.calls))
			e.calls[fc.file] = m
		}
		for _, rc := range fc.calls {
			if _, ok := m[rc.call]; !ok {
				m[rc.call] = rc.c
			}
		}
	}
	return out
}

// bottomUp orders functions so that callees come before their callers as
// far as a syntactic look at the calls tells (recursion broken anywhere),
// and records these dependencies (unit.after, unit.pending).
func (e *engine) bottomUp() []*unit {
	var out []*unit
	state := map[*unit]int{}
	var visit func(u *unit)
	visit = func(u *unit) {
		if state[u] != 0 {
			return
		}
		state[u] = 1
		for _, c := range e.staticCallees(u) {
			if cu := e.units[c]; cu != nil && cu != u {
				visit(cu)
				if state[cu] == 2 {
					// Not a cycle: u's first analysis waits for cu's.
					cu.after = append(cu.after, u)
					u.pending++
				}
			}
		}
		state[u] = 2
		out = append(out, u)
	}
	for _, u := range e.order {
		visit(u)
	}
	// A nested function reads the variables of the function it is nested
	// in: when that one does not call it (a decorator's wrapper, a
	// callback it returns) and so comes first, the nested function's first
	// analysis waits for it instead of running without them and again.
	// Edges only go forward in out: no cycle.
	index := make(map[*unit]int, len(out))
	for i, u := range out {
		index[u] = i
	}
	for _, u := range out {
		if u.fn == nil || u.fn.Parent == nil {
			continue
		}
		if pu := e.units[u.fn.Parent]; pu != nil && index[pu] < index[u] {
			pu.after = append(pu.after, u)
			u.pending++
		}
	}
	return out
}

// staticCallees lists the repo functions a body calls, resolved without
// flow information (enough to order the first round), in source order.
func (e *engine) staticCallees(u *unit) []*resolve.Func {
	if e.static == nil {
		e.static = map[ast.Node][]*resolve.Func{}
		seen := map[ast.Node]map[*resolve.Func]bool{}
		for _, fc := range e.fileCalls {
			for _, rc := range fc.calls {
				if rc.owner == nil || rc.c.fn == nil {
					continue
				}
				if seen[rc.owner] == nil {
					seen[rc.owner] = map[*resolve.Func]bool{}
				}
				if !seen[rc.owner][rc.c.fn] {
					seen[rc.owner][rc.c.fn] = true
					e.static[rc.owner] = append(e.static[rc.owner], rc.c.fn)
				}
			}
		}
	}
	return e.static[u.fn.Node]
}

// resolveCall resolves a call's callee once.
func (e *engine) resolveCall(f *project.File, call *ast.Call) callee {
	if c, ok := e.calls[f][call]; ok {
		return c
	}
	// A call built by the interpreter (a property read): not cached, the
	// maps are only read while units are analysed side by side.
	q, fn := e.ix.Callee(f, call)
	return callee{qual: q, fn: fn}
}

// qualName resolves a Name/Attribute chain (resolve memoises it).
func (e *engine) qualName(f *project.File, x ast.Expr) string { return e.ix.QualName(f, x) }

// run analyses one unit and publishes its summary, hits and callees. A
// panic while analysing a unit (a tree shape the interpreter does not
// expect) is recorded as an error and leaves the unit with an empty
// summary: the rest of the project is still analysed. It returns the
// units to analyse again: those reading what changed and, when a summary
// it read changed while it ran (units are analysed side by side), the
// unit itself.
func (e *engine) run(u *unit) []*unit {
	e.analyses.Add(1)
	c := newCtx(e, u)
	res, err := e.exec(c)
	callees := make([]*resolve.Func, 0, len(c.callees))
	for fn := range c.callees {
		callees = append(callees, fn)
	}
	sort.Slice(callees, func(i, j int) bool { return callees[i].Qual < callees[j].Qual })

	e.mu.Lock()
	defer e.mu.Unlock()
	if err != nil {
		e.errs = append(e.errs, err)
	}
	old := u.res.Swap(res)
	var out []*unit
	oldSig, oldClosure := "", ""
	if old != nil {
		oldSig, oldClosure = old.sum.sig, old.closureSig
	}
	if u.fn != nil && res.sum.sig != oldSig {
		out = append(out, e.callers[u.fn]...)
	}
	if u.fn != nil && res.closureSig != oldClosure {
		// Nested functions read this function's variables.
		for _, n := range e.nested(u.fn) {
			out = append(out, e.units[n])
		}
	}
	if sig := e.gSignature(); sig != e.gSig {
		e.gSig = sig
		for _, r := range e.order {
			if e.gReaders[r] {
				out = append(out, r)
			}
		}
	}
	for _, fn := range callees {
		if u.callees == nil {
			u.callees = map[*resolve.Func]bool{}
		}
		if !u.callees[fn] {
			u.callees[fn] = true
			if u.fn != nil {
				e.callers[fn] = append(e.callers[fn], u)
			}
		}
	}
	for _, rd := range c.reads {
		if rd.u != u && rd.stale() {
			out = append(out, u)
			break
		}
	}
	return out
}

// read is a result of another unit that an analysis used.
type read struct {
	u       *unit
	sig     string // its summary's signature ("" before its first analysis)
	closure string // its closure's signature
}

func readOfResult(u *unit, r *unitResult) read {
	rd := read{u: u}
	if r != nil {
		rd.sig, rd.closure = r.sum.sig, r.closureSig
	}
	return rd
}

// stale reports whether the unit's result changed since it was read.
func (rd read) stale() bool {
	now := readOfResult(rd.u, rd.u.res.Load())
	return now.sig != rd.sig || now.closure != rd.closure
}

// exec runs the interpreter over c's unit and builds the result.
func (e *engine) exec(c *ctx) (res *unitResult, err error) {
	u := c.u
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("taint: analysing %s in %s: %v", u.qual, u.file.Path, v)
			res = &unitResult{sum: &summary{}}
			res.sum.computeSig()
		}
	}()
	c.exec()
	sum := &summary{sinks: c.sinkEntries}
	if c.ret != nil {
		sum.ret, sum.retType, sum.retBuilt, sum.retOpaque = c.ret.t, c.ret.typ, c.ret.built, c.ret.opaque
		if len(c.ret.fields) > 0 && len(c.ret.fields) <= 64 {
			sum.retFields = c.ret.fields
		}
		if c.ret.tupleN <= 64 {
			sum.retTupleN = c.ret.tupleN
		}
	}
	if c.selfName != "" && c.final != nil {
		if v := c.final.vars[c.selfName]; v != nil && len(v.fields) > 0 {
			sum.selfFields = v.fields
		}
	}
	if c.final != nil {
		for i, p := range c.params {
			if i >= 64 || p == c.selfName || strings.HasPrefix(p, "*") {
				continue
			}
			v := c.final.vars[p]
			if v == nil {
				continue
			}
			for _, l := range v.t {
				if l.org.src == nil && l.org.param == i && l.org.field == "" && l.san != 0 {
					if sum.validated == nil {
						sum.validated = map[int]knowledge.KindSet{}
					}
					sum.validated[i] = l.san
				}
			}
			var extra taint
			for _, l := range v.t {
				if l.org.src != nil || l.org.param != i {
					extra = join(extra, single(l))
				}
			}
			if len(extra) > 0 {
				if sum.mutated == nil {
					sum.mutated = map[int]taint{}
				}
				sum.mutated[i] = extra
			}
		}
	}
	sum.computeSig()
	res = &unitResult{sum: sum, hits: c.hits, exprs: c.exprs}
	if u.fn != nil && len(e.nested(u.fn)) > 0 && c.final != nil {
		res.closure, res.closureSig = closureOf(c.final)
	}
	return res, nil
}

// srcKey and siteKey identify sources and sites without formatting
// strings on every lookup.
type srcKey struct {
	f    *project.File
	pos  token.Pos
	desc string
}

type siteKey struct {
	f        *project.File
	pos, arg token.Pos
	kind     knowledge.SinkKind
	variant  string
}

// source returns the source of a node, creating it once.
func (e *engine) source(f *project.File, pos token.Pos, desc string, o knowledge.Origin, route string) *source {
	mk := srcKey{f, pos, desc}
	e.mu.Lock()
	defer e.mu.Unlock()
	if s := e.sources[mk]; s != nil {
		if s.route == "" {
			s.route = route // first met before its function was known to be a view
		}
		return s
	}
	key := fmt.Sprintf("%s:%08d:%05d:%s", f.Path, pos.Line, pos.Col, desc)
	conf := rules.HighConfidence
	switch o {
	case knowledge.Stored, knowledge.External:
		conf = rules.LowConfidence
	case knowledge.UserSource:
		conf = rules.HighConfidence
	}
	s := &source{key: key, file: f, pos: pos, desc: desc, origin: o, conf: conf, route: route}
	e.sources[mk] = s
	return s
}

// site returns the sink site of a node's argument, creating it once.
func (e *engine) site(k knowledge.SinkKind, variant string, f *project.File, node ast.Node, arg ast.Expr, name, fn, route string) *site {
	ap := node.Pos()
	if arg != nil {
		ap = arg.Pos()
	}
	mk := siteKey{f, node.Pos(), ap, k, variant}
	e.mu.Lock()
	defer e.mu.Unlock()
	if s := e.sites[mk]; s != nil {
		if s.route == "" {
			s.route = route // first met before its function was known to be a view
		}
		return s
	}
	key := fmt.Sprintf("%s:%08d:%05d:%08d:%05d:%d:%s", f.Path, node.Pos().Line, node.Pos().Col, ap.Line, ap.Col, k, variant)
	s := &site{kind: k, variant: variant, file: f, node: node, arg: arg, name: name, fn: fn, route: route, key: key}
	e.sites[mk] = s
	return s
}

// result turns the hits of every unit into flows.
func (e *engine) result(mods []*unit) *Result {
	r := &Result{flows: map[knowledge.SinkKind][]*Flow{}, byArg: map[ast.Node]*Flow{}, exprs: map[ast.Expr]exprEntry{}, tables: e.kb}
	best := map[*site]*Flow{}
	add := func(s *site, fl *Flow) {
		if old := best[s]; old == nil || betterFlow(fl, old) {
			best[s] = fl
		}
	}
	all := append(append([]*unit{}, e.order...), mods...)
	for _, u := range all {
		ur := u.res.Load()
		if ur == nil {
			continue
		}
		for _, h := range ur.hits {
			add(h.site, makeFlow(h.site, h.lab))
		}
	}
	// Unproven flows: parameters of functions no repo code calls.
	for _, u := range e.order {
		sum := u.summary()
		if u.view != nil || len(e.callers[u.fn]) > 0 || sum == nil {
			continue
		}
		for _, se := range sum.sinks {
			if se.lab.org.src != nil || (se.lab.org.param == 0 && isMethod(u.fn)) || se.lab.org.field != "" {
				continue
			}
			fl := makeFlow(se.site, se.lab)
			fl.Origin = knowledge.Param
			fl.Confidence = rules.LowConfidence
			fl.Source = "parameter " + paramName(u.fn, se.lab.org.param) + " of " + display(u.fn)
			add(se.site, fl)
		}
	}
	sites := make([]*site, 0, len(best))
	for s := range best {
		sites = append(sites, s)
	}
	sort.Slice(sites, func(i, j int) bool { return sites[i].key < sites[j].key })
	for _, s := range sites {
		fl := best[s]
		r.flows[s.kind] = append(r.flows[s.kind], fl)
		k := ast.Node(s.node)
		if s.arg != nil {
			k = s.arg
		}
		if old := r.byArg[k]; old == nil || betterFlow(fl, old) {
			r.byArg[k] = fl
		}
	}
	for _, fs := range r.flows {
		sortFlows(fs)
		r.stats.Flows += len(fs)
	}
	for _, u := range all {
		ur := u.res.Load()
		if ur == nil {
			continue
		}
		for x, t := range ur.exprs {
			if _, ok := r.byArg[x]; ok {
				continue
			}
			var bestLab *label
			for i := range t {
				l := &t[i]
				if l.org.src == nil {
					continue
				}
				if bestLab == nil || l.better(*bestLab) {
					bestLab = l
				}
			}
			if bestLab != nil {
				r.exprs[x] = exprEntry{file: u.file, fn: u.qual, lab: *bestLab}
			}
		}
	}
	r.stats.Functions = e.stats.Functions
	r.stats.Analyses = int(e.analyses.Load())
	r.err = errors.Join(e.errs...)
	return r
}

func isMethod(fn *resolve.Func) bool {
	if fn == nil || fn.Class == nil {
		return false
	}
	for _, d := range fn.Decorators {
		if n, ok := d.(*ast.Name); ok && n.ID == "staticmethod" {
			return false
		}
	}
	return true
}

// paramsOf returns params(fn.Args), computed once per function. The
// result is shared: do not modify it.
func (e *engine) paramsOf(fn *resolve.Func) []string {
	if ps, ok := e.paramCache[fn]; ok {
		return ps
	}
	return params(fn.Args) // the cache is filled before the fixpoint and only read from then on
}

// params returns the parameter names of a function in binding order.
func params(a *ast.Arguments) []string {
	if a == nil {
		return nil
	}
	var out []string
	for _, x := range a.PosOnlyArgs {
		out = append(out, x.Arg)
	}
	for _, x := range a.Args {
		out = append(out, x.Arg)
	}
	if a.Vararg != nil {
		out = append(out, "*"+a.Vararg.Arg)
	}
	for _, x := range a.KwOnlyArgs {
		out = append(out, x.Arg)
	}
	if a.Kwarg != nil {
		out = append(out, "**"+a.Kwarg.Arg)
	}
	return out
}

func paramName(fn *resolve.Func, i int) string {
	ps := params(fn.Args)
	if i >= 0 && i < len(ps) {
		return strings.TrimLeft(ps[i], "*")
	}
	return fmt.Sprintf("#%d", i)
}

// flow builds the flow of a source label reaching a site.
func makeFlow(s *site, l label) *Flow {
	tr := l.trace.push(s.file, s.node.Pos(), "reaches "+s.name, "")
	if s.arg != nil {
		tr = l.trace.push(s.file, s.arg.Pos(), "reaches "+s.name, "")
	}
	steps, via := tr.steps()
	fl := &Flow{Kind: s.kind, Variant: s.variant, Confidence: l.conf, Sink: s.name, File: s.file, Node: s.node,
		Arg: s.arg, Func: s.fn, Built: s.built, Trace: steps, Via: via}
	fl.Route = s.route
	if src := l.org.src; src != nil {
		fl.Origin = src.origin
		fl.Source = src.desc
		if src.route != "" {
			fl.Route = src.route
		}
		if src.conf < fl.Confidence {
			fl.Confidence = src.conf
		}
	}
	return fl
}

// closureOf keeps, of a function's final variables, what a nested
// function can use: data from sources (not the function's own
// parameters, which mean nothing in the nested function) and types.
func closureOf(st *state) (map[string]*value, string) {
	out := map[string]*value{}
	names := make([]string, 0, len(st.vars))
	for name := range st.vars {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, name := range names {
		v := st.vars[name]
		var t taint
		for _, l := range v.t {
			if l.org.src != nil {
				t = join(t, single(l))
			}
		}
		if len(t) == 0 && v.typ == "" && v.der == nil {
			continue
		}
		nv := &value{t: t, typ: v.typ, der: v.der, built: v.built}
		out[name] = nv
		b.WriteString(name + "=")
		nv.sig(&b)
		b.WriteString(";")
	}
	return out, b.String()
}

// gSignature is the abstract content of what functions stored on flask.g.
func (e *engine) gSignature() string {
	names := make([]string, 0, len(e.gAttrs))
	for n := range e.gAttrs {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		b.WriteString(n + "=")
		e.gAttrs[n].sig(&b)
	}
	return b.String()
}
