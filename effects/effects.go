// Package effects answers "does this function change state?" for the
// functions of a scanned repository: database writes, commits and
// deletes, session and login changes, mail sent, requests sent to other
// services (webhooks), files written or removed. A function's effects
// include those of the repository functions it calls, transitively, and
// every effect keeps the chain of calls that leads to it, so a finding can
// say "delete_user() in app/models.py:14 calls db.session.delete()".
//
// For views, View narrows the body to what runs for one HTTP method: the
// branch of `if request.method == "POST":` (or of
// `form.validate_on_submit()`) does not run for GET.
//
// The analysis is static and conservative: it recognises the usual
// database, mail, HTTP and file APIs by their resolved names (package
// resolve) and, where the receiver's type is unknown, by method names that
// only mean a write (commit, insert_one, sendmail). It never executes the
// scanned code.
package effects

import (
	"fmt"
	"strings"
	"sync"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
	"github.com/flasksec/flasksec/rules"
)

// Kind is the kind of state change an effect is.
type Kind uint8

// The kinds of effects.
const (
	DBWrite    Kind = iota + 1 // rows inserted or updated, ORM objects added or saved, transactions committed
	DBDelete                   // rows or documents deleted, tables dropped
	SessionEnd                 // the user's session cleared or the user logged out
	Login                      // a user logged in: login_user(), an identity key written into the session
	Mail                       // an email (or chat message) sent
	Outbound                   // a POST/PUT/PATCH/DELETE request sent to another service (a webhook call)
	FileWrite                  // a file written, moved or an upload saved
	FileDelete                 // a file or folder removed
	Command                    // a program run that changes the system (systemctl restart, kill, rm, docker stop)
	numKinds
)

var kindNames = [...]string{
	DBWrite: "writes to the database", DBDelete: "deletes from the database", SessionEnd: "ends the session",
	Login: "logs a user in", Mail: "sends email or messages", Outbound: "calls another service",
	FileWrite: "writes files", FileDelete: "deletes files", Command: "runs a command that changes the system",
}

// String describes the kind as a verb phrase ("deletes from the database").
func (k Kind) String() string {
	if k == 0 || k >= numKinds {
		return "changes state"
	}
	return kindNames[k]
}

// Call is one call of a chain from an analysed function to the function
// doing an effect.
type Call struct {
	File   *project.File // the file of the call site
	Node   *ast.Call     // the call site
	Callee *resolve.Func // the repository function called
}

// Effect is one state change a function makes, directly or through the
// repository functions it calls.
type Effect struct {
	Kind Kind
	What string        // the operation: "db.session.delete()", "DELETE FROM users", "session.clear()"
	File *project.File // the file of the operation
	Node ast.Node      // the call or statement doing it
	Via  []Call        // the calls leading to it, outermost first; empty when the function does it itself
	// Methods is the set of request methods for which the effect
	// happens (a helper's `if request.method == "POST":` branch only for
	// POST); AllMethods outside request-method tests.
	Methods Methods
	// Bookkeeping says the write only records that the request happened
	// or caches what it computed: an audit or event log row, analytics, a
	// "last seen" timestamp, a get-or-create cache, an update-check
	// result (see bookkeeping). It changes nothing the user asked for.
	Bookkeeping bool
}

// Methods is a set of HTTP request methods.
type Methods uint8

// The request methods of a Methods set.
const (
	GET Methods = 1 << iota
	HEAD
	POST
	PUT
	PATCH
	DELETE
	OPTIONS
	// AllMethods is every method: no request-method test decides.
	AllMethods Methods = 1<<iota - 1
)

var methodBits = map[string]Methods{"GET": GET, "HEAD": HEAD, "POST": POST, "PUT": PUT, "PATCH": PATCH,
	"DELETE": DELETE, "OPTIONS": OPTIONS}

// MethodsOf returns the set of the named methods (upper-case); GET
// brings HEAD, which Flask answers with the GET view.
func MethodsOf(names ...string) Methods {
	var ms Methods
	for _, n := range names {
		ms |= methodBits[strings.ToUpper(n)]
	}
	if ms&GET != 0 {
		ms |= HEAD
	}
	return ms
}

// Has reports whether the set holds the named method.
func (ms Methods) Has(name string) bool { return ms&methodBits[strings.ToUpper(name)] != 0 }

// Line returns the line of the operation.
func (e Effect) Line() int { return int(e.Node.Pos().Line) }

// Describe says where the effect happens: "db.session.delete() at
// app/views.py:12" for a direct effect, "delete_user() in
// app/models.py:14 calls db.session.delete()" through a helper.
func (e Effect) Describe() string {
	if len(e.Via) == 0 {
		return fmt.Sprintf("%s at %s:%d", e.What, e.File.Path, e.Line())
	}
	fn := e.Via[len(e.Via)-1].Callee
	return fmt.Sprintf("%s() in %s:%d calls %s", fn.Name, e.File.Path, e.Line(), e.What)
}

// Trace returns the effect's call path as trace steps: each call site,
// then the operation.
func (e Effect) Trace() []rules.TraceStep {
	var out []rules.TraceStep
	for _, c := range e.Via {
		pos := c.Node.Pos()
		out = append(out, rules.TraceStep{Path: c.File.Path, Line: int(pos.Line), Col: int(pos.Col) + 1,
			Note: "calls " + c.Callee.Qual + "()"})
	}
	pos := e.Node.Pos()
	out = append(out, rules.TraceStep{Path: e.File.Path, Line: int(pos.Line), Col: int(pos.Col) + 1,
		Note: e.What + " " + e.Kind.String()})
	return out
}

// Analysis holds the effects of the repository functions of a project.
// A function's effects are computed the first time they are asked for
// (directly, or because a view or another function calls it), so a scan
// pays only for the functions its rules reach: nothing at all in a tree
// without views. It is safe for concurrent use.
type Analysis struct {
	proj   *project.Project
	ix     *resolve.Index
	tables *knowledge.Tables
	// methods maps a method name to the repository methods of that name,
	// for calls on values of unknown type (order.cancel()).
	methods map[string][]*resolve.Func

	mu    sync.Mutex
	funcs map[*resolve.Func][]Effect
	done  map[*resolve.Func]bool  // funcs[fn] is final
	state map[*resolve.Func]uint8 // during ensure: 1 in progress, 2 computed this round
	// changed says whether a function's effects changed this round.
	changed bool
}

type analysisKey struct{}

// Of returns the effects analysis of p, one per project.
func Of(p *project.Project) *Analysis {
	return project.Cached(p, analysisKey{}, func() *Analysis { return newAnalysis(p) })
}

func newAnalysis(p *project.Project) *Analysis {
	a := &Analysis{proj: p, ix: resolve.Of(p), tables: knowledge.New(nil, nil, nil),
		funcs: map[*resolve.Func][]Effect{}, done: map[*resolve.Func]bool{}, methods: map[string][]*resolve.Func{}}
	for _, fn := range a.ix.Funcs() {
		if fn.Class != nil && !strings.HasPrefix(fn.Name, "__") {
			a.methods[fn.Name] = append(a.methods[fn.Name], fn)
		}
	}
	return a
}

// ensure computes the effects of fn and of every function it reaches.
// Recursive functions see each other's effects from the previous round;
// a few rounds reach the fixpoint (kinds only get added). The caller holds
// a.mu.
func (a *Analysis) ensure(fn *resolve.Func) {
	if fn == nil || a.done[fn] {
		return
	}
	for round := 0; round < 4; round++ {
		a.state, a.changed = map[*resolve.Func]uint8{}, false
		a.compute(fn, 0)
		if !a.changed {
			break
		}
	}
	for g, st := range a.state {
		if st == 2 {
			a.done[g] = true
		}
	}
	a.state = nil
}

// maxDepth bounds call chains.
const maxDepth = 12

// Func returns the effects of a repository function, its callees'
// included: at most one per kind, the one found first in source order
// (direct effects before those of callees at the same position).
func (a *Analysis) Func(fn *resolve.Func) []Effect {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.ensure(fn)
	return a.funcs[fn]
}

// Changes reports whether a repository function changes state.
func (a *Analysis) Changes(fn *resolve.Func) bool { return len(a.Func(fn)) > 0 }

func (a *Analysis) compute(fn *resolve.Func, depth int) []Effect {
	if a.done[fn] {
		return a.funcs[fn]
	}
	if a.state == nil {
		// Asked from a view's walk: compute it (and what it calls) now.
		a.ensure(fn)
		return a.funcs[fn]
	}
	switch a.state[fn] {
	case 1:
		return a.funcs[fn] // recursion: what the previous round found
	case 2:
		return a.funcs[fn]
	}
	if depth >= maxDepth {
		return nil // too deep from here; computed (and cached) when reached from a shallower call
	}
	a.state[fn] = 1
	w := walker{a: a, file: fn.File, depth: depth}
	w.stmts(fn.Body, AllMethods)
	if len(w.effects) != len(a.funcs[fn]) {
		a.changed = true
	}
	a.funcs[fn] = w.effects
	a.state[fn] = 2
	return w.effects
}

// View returns the effects of a view when it handles a request with the
// given method (upper-case, "GET"): statements that only run for other
// methods (`if request.method == "POST":`, `if form.validate_on_submit():`,
// code after `if request.method == "GET": return ...`) are left out.
func (a *Analysis) View(r *flask.Route, method string) []Effect {
	if r == nil || r.File == nil || r.File.AST == nil {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	w := walker{a: a, file: r.File, view: true, absent: absentParams(r)}
	w.stmts(r.Body(), methodBits[strings.ToUpper(method)])
	return w.effects
}

// absentParams returns the parameters of a view function that the
// route's URL rule does not fill and that default to a false value (None,
// "", 0, False): a view registered under /confirm and /confirm/<data>
// sees data=None on the first route, so `if data:` is false there.
func absentParams(r *flask.Route) map[string]bool {
	var args *ast.Arguments
	switch fn := r.Func.(type) {
	case *ast.FunctionDef:
		args = fn.Args
	case *ast.AsyncFunctionDef:
		args = fn.Args
	}
	if args == nil {
		return nil
	}
	if r.Class != nil || strings.Contains(r.Rule, "<dynamic>") {
		return nil // the rule's parameters are not known
	}
	inRule := map[string]bool{}
	for _, p := range r.Params {
		inRule[p.Name] = true
	}
	if call, ok := r.Decl.(*ast.Call); ok {
		// defaults={"data": ...} fills the parameter too.
		d, isDict := flask.Kwarg(call, "defaults").(*ast.Dict)
		if flask.Kwarg(call, "defaults") != nil && !isDict {
			return nil
		}
		if isDict {
			for _, k := range d.Keys {
				if ks, ok := flask.StrConst(k); ok {
					inRule[ks] = true
				} else {
					return nil
				}
			}
		}
	}
	out := map[string]bool{}
	params := append(append([]*ast.Arg{}, args.PosOnlyArgs...), args.Args...)
	for i, d := range args.Defaults {
		p := params[len(params)-len(args.Defaults)+i]
		if !inRule[p.Arg] && falsy(d) {
			out[p.Arg] = true
		}
	}
	for i, p := range args.KwOnlyArgs {
		if i < len(args.KwDefaults) && args.KwDefaults[i] != nil && !inRule[p.Arg] && falsy(args.KwDefaults[i]) {
			out[p.Arg] = true
		}
	}
	return out
}

// falsy reports whether a default value is a false literal.
func falsy(e ast.Expr) bool {
	c, ok := e.(*ast.Constant)
	if !ok {
		return false
	}
	if c.IsNone() {
		return true
	}
	if b, ok := flask.BoolConst(c); ok {
		return !b
	}
	if s, ok := c.Str(); ok {
		return s == ""
	}
	if n, ok := c.Int(); ok {
		return n == 0
	}
	return false
}

// walker collects the effects of one body.
type walker struct {
	a     *Analysis
	file  *project.File
	depth int
	view  bool
	// absent are the view's parameters the route leaves at a false
	// default (see absentParams).
	absent map[string]bool
	// mask is the set of request methods reaching the statement walked.
	mask Methods
	// cleanup is set while walking the branch of a failed check on the
	// current user's session that ends the request (see staleCheck).
	cleanup bool
	// dangling is set while walking the branch where a record looked up
	// by the function is missing (see lookupMissing): rows deleted there
	// are dangling references cleaned up, not what the request asks for.
	dangling bool
	// stamps and others count the attribute writes seen so far: those of
	// bookkeeping fields (last_seen, updated_at, view_count) and the rest;
	// a commit after bookkeeping writes only is bookkeeping too.
	stamps, others int
	effects        []Effect
	have           map[haveKey]Methods
}

type haveKey struct {
	kind Kind
	bk   bool
}

// add records an effect unless one of its kind (and bookkeeping status)
// already covers its methods.
func (w *walker) add(e Effect) {
	if e.Methods == 0 {
		e.Methods = w.mask
	}
	e.Methods &= w.mask
	if e.Methods == 0 {
		return
	}
	if w.cleanup && e.Kind == SessionEnd {
		return // a stale session dropped before the request is refused
	}
	if w.dangling && (e.Kind == DBDelete || e.Kind == DBWrite) {
		e.Bookkeeping = true
	}
	if w.have == nil {
		w.have = map[haveKey]Methods{}
	}
	k := haveKey{e.Kind, e.Bookkeeping}
	if e.Methods&^w.have[k] == 0 {
		return
	}
	w.have[k] |= e.Methods
	w.effects = append(w.effects, e)
}

// stmts walks statements reached by the request methods in mask and
// returns the methods for which control may fall through their end.
func (w *walker) stmts(body []ast.Stmt, mask Methods) Methods {
	for _, s := range body {
		if mask == 0 {
			return 0
		}
		mask = w.stmt(s, mask)
	}
	return mask
}

func (w *walker) stmt(s ast.Stmt, mask Methods) Methods {
	w.mask = mask
	switch s := s.(type) {
	case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.ClassDef:
		return mask // definitions run nothing until called
	case *ast.If:
		w.exprs(s.Test)
		onTrue, onFalse := w.branch(s.Test, mask)
		cleanup, dangling := w.cleanup, w.dangling
		if !cleanup && w.staleCheck(s.Test) && ends(s.Body) {
			w.cleanup = true
		}
		missingInBody, missingInElse := w.lookupMissing(s.Test)
		w.dangling = dangling || missingInBody
		a := w.stmts(s.Body, onTrue)
		w.cleanup = cleanup
		w.dangling = dangling || missingInElse
		b := w.stmts(s.Orelse, onFalse)
		w.dangling = dangling
		return a | b
	case *ast.Return:
		if s.Value != nil {
			w.exprs(s.Value)
		}
		return 0
	case *ast.Raise:
		if s.Exc != nil {
			w.exprs(s.Exc)
		}
		return 0
	case *ast.For:
		w.exprs(s.Iter)
		dangling := w.dangling
		w.dangling = dangling || w.orphans(s.Iter)
		w.stmts(s.Body, mask)
		w.dangling = dangling
		w.stmts(s.Orelse, mask)
		return mask
	case *ast.AsyncFor:
		w.exprs(s.Iter)
		w.stmts(s.Body, mask)
		w.stmts(s.Orelse, mask)
		return mask
	case *ast.While:
		w.exprs(s.Test)
		w.stmts(s.Body, mask)
		w.stmts(s.Orelse, mask)
		return mask
	case *ast.With:
		for _, it := range s.Items {
			w.exprs(it.ContextExpr)
		}
		return w.stmts(s.Body, mask)
	case *ast.AsyncWith:
		for _, it := range s.Items {
			w.exprs(it.ContextExpr)
		}
		return w.stmts(s.Body, mask)
	case *ast.Try:
		a := w.stmts(s.Body, mask)
		for _, h := range s.Handlers {
			// A handler of a missing-resource error (TemplateNotFound,
			// NoResultFound, FileNotFoundError) that writes repairs a
			// reference to what no longer exists, like a dangling record.
			dangling := w.dangling
			w.dangling = dangling || catchesMissing(h.Type)
			a |= w.stmts(h.Body, mask)
			w.dangling = dangling
		}
		w.stmts(s.Orelse, mask)
		w.stmts(s.Finalbody, mask)
		return a
	case *ast.Delete:
		for _, t := range s.Targets {
			if sub, ok := t.(*ast.Subscript); ok && w.isSession(sub.Value) {
				key, _ := flask.StrConst(sub.Slice)
				if identityKey(key) {
					w.add(Effect{Kind: SessionEnd, What: "del session[" + quote(key) + "]", File: w.file, Node: s})
				}
			}
		}
		w.exprs(s)
		return mask
	case *ast.Assign:
		for _, t := range s.Targets {
			if sub, ok := t.(*ast.Subscript); ok && w.isSession(sub.Value) {
				key, _ := flask.StrConst(sub.Slice)
				if identityKey(key) {
					w.add(Effect{Kind: Login, What: "session[" + quote(key) + "] = ...", File: w.file, Node: s})
				}
			}
			w.noteAttrWrite(t)
		}
		w.exprs(s.Value)
		return mask
	case *ast.AugAssign:
		w.noteAttrWrite(s.Target)
		w.exprs(s.Value)
		return mask
	case *ast.ExprStmt:
		w.exprs(s.Value)
		w.mask = mask
		if c, ok := s.Value.(*ast.Call); ok && w.aborts(c) {
			return 0
		}
		return mask
	}
	w.exprs(s)
	return mask
}

// noteAttrWrite counts an assignment to an attribute of an object
// (user.last_seen = now(), user.email = ...) as a bookkeeping write or
// another one, and a bookkeeping item (watch["last_viewed"] = ts).
func (w *walker) noteAttrWrite(t ast.Expr) {
	switch t := t.(type) {
	case *ast.Attribute:
		if stampField(t.Attr) {
			w.stamps++
		} else {
			w.others++
		}
	case *ast.Subscript:
		// Items are written to local dicts as often as to stored
		// documents: only a bookkeeping key counts.
		if name, ok := flask.StrConst(t.Slice); ok && stampField(name) && !w.isSession(t.Value) {
			w.stamps++
		}
	}
}

// staleCheck reports whether an if-test checks that the current user's
// session is still valid and its body handles the failure: the user it
// names no longer exists (`if user is None`, `if not user`), or a stored
// value no longer matches (`if session_hash != expected`). A session
// dropped there is cleanup before the request is refused, not a state
// change the request asks for.
func (w *walker) staleCheck(test ast.Expr) bool {
	switch t := test.(type) {
	case *ast.UnaryOp:
		if t.Op == ast.Not {
			_, _, isMethodTest := w.methodTest(t.Operand)
			return !isMethodTest
		}
	case *ast.Compare:
		if len(t.Ops) != 1 {
			return false
		}
		if w.isMethod(t.Left) || w.isMethod(t.Comparators[0]) {
			return false
		}
		switch t.Ops[0] {
		case ast.NotEq, ast.IsNot:
			c, isConst := t.Comparators[0].(*ast.Constant)
			return !isConst || !c.IsNone()
		case ast.Is:
			c, isConst := t.Comparators[0].(*ast.Constant)
			return isConst && c.IsNone()
		}
	case *ast.BoolOp:
		for _, v := range t.Values {
			if w.staleCheck(v) {
				return true
			}
		}
	}
	return false
}

// lookupMissing reads an if-test on a local holding the result of a
// single-record lookup (x = query.first(), .get(...), .one_or_none(),
// .scalar(), find_one(...)), or on the lookup itself, and says in which
// branch the record is missing: the body for `if not x:` / `if x is
// None:`, the else branch for `if x:` / `if x is not None:`.
// catchesMissing reports whether an except clause catches only errors
// that say something looked up does not exist: names ending in NotFound,
// DoesNotExist or NoResultFound, FileNotFoundError.
func catchesMissing(typ ast.Expr) bool {
	if typ == nil {
		return false // a bare except catches everything
	}
	var names []ast.Expr
	if t, ok := typ.(*ast.Tuple); ok {
		names = t.Elts
	} else {
		names = []ast.Expr{typ}
	}
	for _, n := range names {
		d := flask.Dotted(n)
		if i := strings.LastIndex(d, "."); i >= 0 {
			d = d[i+1:]
		}
		missing := strings.HasSuffix(d, "NotFound") || strings.HasSuffix(d, "NotFoundError") ||
			strings.HasSuffix(d, "DoesNotExist") || d == "NoResultFound"
		if !missing {
			return false
		}
	}
	return len(names) > 0
}

func (w *walker) lookupMissing(test ast.Expr) (inBody, inElse bool) {
	var name *ast.Name
	var call *ast.Call // the lookup, when the test makes it in place
	negated := false
	switch t := test.(type) {
	case *ast.Name:
		name = t
	case *ast.Call:
		call = t
	case *ast.UnaryOp:
		if t.Op == ast.Not {
			switch o := t.Operand.(type) {
			case *ast.Name:
				name, negated = o, true
			case *ast.Call:
				call, negated = o, true
			}
		}
	case *ast.Compare:
		n, ok := t.Left.(*ast.Name)
		c, isConst := t.Comparators[0].(*ast.Constant)
		if ok && isConst && c.IsNone() && len(t.Ops) == 1 {
			switch t.Ops[0] {
			case ast.Is:
				name, negated = n, true
			case ast.IsNot:
				name = n
			}
		}
	}
	if name != nil {
		call, _ = w.a.localValue(w.file, name).(*ast.Call)
	}
	if call == nil {
		return false, false
	}
	at, ok := call.Func.(*ast.Attribute)
	if !ok {
		return false, false
	}
	switch at.Attr {
	case "first", "one_or_none", "scalar", "scalar_one_or_none", "find_one", "get_or_none":
	case "get":
		if !isQuery(at.Value) && !isORMSession(at.Value) {
			return false, false // dict.get(...)
		}
	default:
		return false, false
	}
	return negated, !negated
}

// orphans reports whether a loop iterates over rows whose referenced
// record is missing: a query (directly or through a local) filtered on a
// column == None or .is_(None), the shape of an outer join listing
// dangling rows. Deleting them is cleanup, like lookupMissing's branch.
func (w *walker) orphans(iter ast.Expr) bool {
	if n, ok := iter.(*ast.Name); ok {
		iter = w.a.localValue(w.file, n)
	}
	if iter == nil || !isQuery(iter) {
		return false
	}
	found := false
	ast.Inspect(iter, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.Compare:
			if len(x.Ops) == 1 && (x.Ops[0] == ast.Eq || x.Ops[0] == ast.Is) {
				if c, ok := x.Comparators[0].(*ast.Constant); ok && c.IsNone() {
					found = true
				}
			}
		case *ast.Call:
			if a, ok := x.Func.(*ast.Attribute); ok && a.Attr == "is_" {
				if c, ok := flask.Arg(x, 0, "").(*ast.Constant); ok && c.IsNone() {
					found = true
				}
			}
		}
		return !found && x != nil
	})
	return found
}

// ends reports whether a block ends the request on its last statement:
// a return, a raise or an abort() call.
func ends(body []ast.Stmt) bool {
	if len(body) == 0 {
		return false
	}
	switch s := body[len(body)-1].(type) {
	case *ast.Return, *ast.Raise:
		return true
	case *ast.ExprStmt:
		if c, ok := s.Value.(*ast.Call); ok {
			d := flask.Dotted(c.Func)
			return d == "abort" || strings.HasSuffix(d, ".abort")
		}
	case *ast.If:
		return ends(s.Body) && ends(s.Orelse)
	}
	return false
}

// aborts reports whether a call never returns (flask.abort).
func (w *walker) aborts(c *ast.Call) bool {
	q := w.a.ix.QualName(w.file, c.Func)
	return q == "flask.abort" || q == "werkzeug.exceptions.abort"
}

// exprs classifies every call inside n (not inside nested functions or
// lambdas), in source order.
func (w *walker) exprs(n ast.Node) {
	if n == nil {
		return
	}
	ast.Inspect(n, func(x ast.Node) bool {
		switch x := x.(type) {
		case nil:
			return false
		case *ast.Lambda, *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.ClassDef:
			return false
		case *ast.Call:
			w.call(x)
		}
		return true
	})
}

func (w *walker) call(c *ast.Call) {
	if e, ok := w.a.classify(w.file, c); ok {
		// A commit, or obj.save() of an active-record model, stores what
		// the view changed so far.
		stores := strings.HasSuffix(e.What, "commit()") || strings.HasSuffix(e.What, ".save()") && len(c.Args) == 0
		if e.Kind == DBWrite && stores && w.stamps > 0 && w.others == 0 {
			e.Bookkeeping = true // only timestamps, counters and log rows were changed
		}
		if e.Kind == DBWrite && !stores {
			// An object staged: a log row (Tracking(...), AuditLog(...)) or another.
			if w.a.bookkeepingRow(w.file, flask.Arg(c, 0, "")) {
				e.Bookkeeping = true
				w.stamps++
			} else {
				w.others++
			}
		}
		w.add(e)
		return
	}
	qual, fn := w.a.ix.Callee(w.file, c)
	if fn == nil {
		fn = w.a.task(w.file, c)
	}
	if fn == nil {
		fn = w.a.uniqueMethod(w.file, c)
	}
	if fn == nil || qual == "" && fn.Qual == "" {
		return
	}
	mask := w.mask
	bk, hk := bookkeeping(fn), housekeeping(fn)
	for _, e := range w.a.compute(fn, w.depth+1) {
		e.Via = append([]Call{{File: w.file, Node: c, Callee: fn}}, e.Via...)
		if bk && bookkeepingKinds[e.Kind] || hk && e.Kind == FileDelete {
			e.Bookkeeping = true
		}
		if e.Methods &= mask; e.Methods == 0 {
			continue // only for methods that do not reach this call
		}
		w.add(e)
		w.mask = mask
	}
}

// commonMethods are method names of built-in and library types; a call
// of one of them on a value of unknown type is not guessed to be a
// repository method.
var commonMethods = map[string]bool{
	"get": true, "pop": true, "clear": true, "update": true, "append": true, "extend": true, "remove": true,
	"add": true, "copy": true, "items": true, "keys": true, "values": true, "setdefault": true, "insert": true,
	"sort": true, "index": true, "count": true, "format": true, "join": true, "split": true, "strip": true,
	"replace": true, "encode": true, "decode": true, "read": true, "write": true, "close": true, "open": true,
	"send": true, "run": true, "start": true, "stop": true, "save": true, "delete": true, "execute": true,
	"commit": true, "filter": true, "first": true, "all": true, "one": true, "lower": true, "upper": true,
	"query": true, "render": true, "validate": true, "to_dict": true, "json": true, "post": true, "put": true,
	"patch": true, "create": true, "load": true, "dump": true, "dumps": true, "loads": true, "flush": true,
	"set": true, "discard": true, "process": true, "handle": true,
}

// uniqueMethod guesses the repository method a call on a value of
// unknown type reaches (order.cancel() with `order` from a query): the
// only repository method of that name, when the name is not a common
// one.
func (a *Analysis) uniqueMethod(f *project.File, c *ast.Call) *resolve.Func {
	at, ok := c.Func.(*ast.Attribute)
	if !ok || commonMethods[at.Attr] {
		return nil
	}
	if a.ix.QualName(f, at.Value) != "" {
		return nil // a module, class or global the index knows: Callee decided
	}
	if cands := a.methods[at.Attr]; len(cands) == 1 {
		return cands[0]
	}
	return nil
}

// task returns the repository function a background-task call runs:
// send_welcome.delay(...) or .apply_async(...) of a Celery/RQ-style task,
// or queue.enqueue(send_welcome, ...) (also enqueue_in and enqueue_at,
// whose first argument is the delay) of an RQ queue.
func (a *Analysis) task(f *project.File, c *ast.Call) *resolve.Func {
	at, ok := c.Func.(*ast.Attribute)
	if !ok {
		return nil
	}
	var fx ast.Expr
	switch at.Attr {
	case "delay", "apply_async", "send":
		fx = at.Value
	case "enqueue":
		fx = flask.Arg(c, 0, "f")
	case "enqueue_in", "enqueue_at":
		fx = flask.Arg(c, 1, "f")
	case "enqueue_call":
		fx = flask.Arg(c, -1, "func")
	}
	if fx == nil {
		return nil
	}
	if q := a.ix.QualName(f, fx); q != "" {
		return a.ix.Func(q)
	}
	return nil
}

// branch returns the request methods of mask that run the body and the
// else branch of an if-test: a test on the request method splits them; a
// test on a parameter the route leaves at a false default (see
// absentParams) runs only the else branch.
func (w *walker) branch(test ast.Expr, mask Methods) (onTrue, onFalse Methods) {
	if w.absentTest(test) {
		return 0, mask
	}
	msNames, neg, ok := w.methodTest(test)
	if !ok {
		return mask, mask
	}
	var ms Methods
	for n := range msNames {
		ms |= MethodsOf(n)
	}
	if neg {
		ms = AllMethods &^ ms
	}
	return mask & ms, mask &^ ms
}

// absentTest reports whether an if-test is false because it needs a
// view parameter the route leaves at a false default: `if data:`,
// `if data and ...`, `if data is not None`.
func (w *walker) absentTest(test ast.Expr) bool {
	if len(w.absent) == 0 {
		return false
	}
	switch t := test.(type) {
	case *ast.Name:
		return w.absent[t.ID]
	case *ast.BoolOp:
		if t.Op == ast.And {
			for _, v := range t.Values {
				if w.absentTest(v) {
					return true
				}
			}
		}
	case *ast.Compare:
		if n, ok := t.Left.(*ast.Name); ok && w.absent[n.ID] && len(t.Ops) == 1 && t.Ops[0] == ast.IsNot {
			c, isConst := t.Comparators[0].(*ast.Constant)
			return isConst && c.IsNone()
		}
	}
	return false
}

// methodTest reads an if-test as "the request's method is one of ms"
// (negated when neg): request.method == "POST", request.method in
// ("PUT", "PATCH"), request.method != "GET", form.validate_on_submit() and
// form.is_submitted() (true only for POST, PUT, PATCH, DELETE), `A and B` when one side is a
// method test (the body needs it to hold).
func (w *walker) methodTest(e ast.Expr) (ms map[string]bool, neg bool, ok bool) {
	switch e := e.(type) {
	case *ast.UnaryOp:
		if e.Op == ast.Not {
			ms, neg, ok = w.methodTest(e.Operand)
			return ms, !neg, ok
		}
	case *ast.BoolOp:
		if e.Op == ast.And {
			for _, v := range e.Values {
				if ms, neg, ok := w.methodTest(v); ok && !neg {
					// The body runs only when this side holds; the else
					// branch may run for any method.
					return ms, false, true
				}
			}
		}
	case *ast.Call:
		if a, isAttr := e.Func.(*ast.Attribute); isAttr && (a.Attr == "validate_on_submit" || a.Attr == "is_submitted") {
			return map[string]bool{"POST": true, "PUT": true, "PATCH": true, "DELETE": true}, false, true
		}
	case *ast.Compare:
		if len(e.Ops) != 1 {
			return nil, false, false
		}
		left, right := e.Left, e.Comparators[0]
		if !w.isMethod(left) {
			left, right = right, left
		}
		if !w.isMethod(left) {
			return nil, false, false
		}
		ms = map[string]bool{}
		if s, isStr := flask.StrConst(right); isStr {
			ms[strings.ToUpper(s)] = true
		} else {
			var elts []ast.Expr
			switch r := right.(type) {
			case *ast.Tuple:
				elts = r.Elts
			case *ast.List:
				elts = r.Elts
			case *ast.Set:
				elts = r.Elts
			}
			for _, x := range elts {
				if s, isStr := flask.StrConst(x); isStr {
					ms[strings.ToUpper(s)] = true
				}
			}
		}
		if len(ms) == 0 {
			return nil, false, false
		}
		switch e.Ops[0] {
		case ast.Eq, ast.In, ast.Is:
			return ms, false, true
		case ast.NotEq, ast.NotIn, ast.IsNot:
			return ms, true, true
		}
	}
	return nil, false, false
}

// isMethod reports whether e is request.method.
func (w *walker) isMethod(e ast.Expr) bool {
	a, ok := e.(*ast.Attribute)
	if !ok || a.Attr != "method" {
		return false
	}
	q := w.a.ix.QualName(w.file, a.Value)
	return q == "flask.request" || q == "flask.globals.request"
}

func (w *walker) isSession(e ast.Expr) bool { return isFlaskSession(w.a.ix.QualName(w.file, e)) }

func isFlaskSession(q string) bool { return q == "flask.session" || q == "flask.globals.session" }

// identityKey reports whether a session key holds the logged-in user's
// identity.
func identityKey(key string) bool { return IdentityKey(key) }

// IdentityKey reports whether a session key holds the logged-in user's
// identity or credentials ("user_id", "username", "logged_in",
// "access_token"), as opposed to preferences or a cart ("theme", "cart").
func IdentityKey(key string) bool {
	if notIdentity(key) {
		return false
	}
	k := strings.ToLower(strings.TrimLeft(key, "_"))
	switch k {
	case "user", "uid", "username", "logged_in", "loggedin", "login", "auth", "authenticated", "is_authenticated",
		"identity", "id", "email", "admin", "is_admin", "role", "roles", "profile", "current_user", "userinfo",
		"user_info", "member", "customer", "account":
		return true
	}
	for _, part := range []string{"user_id", "userid", "account_id", "member_id", "customer_id", "token", "login",
		"auth", "admin", "user_email"} {
		if strings.Contains(k, part) {
			return true
		}
	}
	return false
}

// notIdentity reports whether a session key holds something other than
// who the user is: OAuth state, post-login targets, CSRF tokens, flashed
// messages, preferences.
func notIdentity(key string) bool {
	k := strings.ToLower(strings.TrimLeft(key, "_"))
	for _, part := range []string{"state", "nonce", "next", "csrf", "redirect", "redir", "flash", "pref"} {
		if strings.Contains(k, part) {
			return true
		}
	}
	return false
}

// CookieAuth returns the evidence that an app authenticates users with
// cookies: Flask-Login and Flask-Security set-ups and login_user() calls,
// flask_jwt_extended with cookie tokens, and writes of identity keys
// (IdentityKey) to Flask's session. A session that only holds
// preferences or a cart is not authentication.
func CookieAuth(m *flask.Model) []flask.Evidence {
	var out []flask.Evidence
	for _, e := range m.Auth.Cookie {
		if !strings.HasPrefix(e.What, "session[") {
			out = append(out, e)
		}
	}
	out = append(out, m.Auth.JWTCookies...)
	for _, w := range m.Auth.SessionWrites {
		switch {
		case IdentityKey(w.Key):
			out = append(out, flask.Evidence{File: w.File, Node: w.Node, What: "session[" + quote(w.Key) + "] written"})
		case !notIdentity(w.Key) && checksPassword(w.Func):
			// Whatever the key is called, a value put into the session by the
			// code that checks a password is who the user is.
			out = append(out, flask.Evidence{File: w.File, Node: w.Node,
				What: "session[" + quote(w.Key) + "] written after a password check"})
		}
	}
	return out
}

// checksPassword reports whether a function verifies a password: it calls
// a password-hash check (check_password_hash, bcrypt's checkpw, an
// authenticate() or verify_password() helper), or a verify() or
// compare_digest() on an argument named like a password.
func checksPassword(fn ast.Node) bool {
	found := false
	flask.InspectBody(flask.FuncBody(fn), func(n ast.Node) bool {
		c, ok := n.(*ast.Call)
		if !ok || found {
			return !found
		}
		name := flask.Dotted(c.Func)
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			name = name[i+1:]
		}
		switch name {
		case "check_password_hash", "checkpw", "check_password", "verify_password", "authenticate",
			"authenticate_user", "check_credentials", "verify_credentials":
			found = true
		case "verify", "compare_digest", "hexverify":
			for _, a := range c.Args {
				if passwordNamed(flask.Dotted(a)) || passwordNamed(exprKey(a)) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// passwordNamed reports whether a name or key looks like a password.
func passwordNamed(s string) bool {
	s = strings.ToLower(s)
	return strings.Contains(s, "passw") || strings.Contains(s, "pwd") || s == "pw" || strings.HasSuffix(s, ".pw") ||
		strings.Contains(s, "passphrase")
}

// exprKey returns K for a subscript or .get of a literal key (form["password"]).
func exprKey(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Subscript:
		k, _ := flask.StrConst(x.Slice)
		return k
	case *ast.Call:
		if a, ok := x.Func.(*ast.Attribute); ok && a.Attr == "get" {
			k, _ := flask.StrConst(flask.Arg(x, 0, "key"))
			return k
		}
	}
	return ""
}

func quote(k string) string {
	if k == "" {
		return "..."
	}
	return "'" + k + "'"
}
