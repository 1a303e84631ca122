package taint

import (
	"sort"
	"strings"

	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
	"github.com/flasksec/flasksec/rules"
)

// callArgs are a call's evaluated arguments.
type callArgs struct {
	call     *ast.Call
	recv     *value   // the receiver of a method call; nil otherwise
	recvExpr ast.Expr // its expression
	method   string   // the method name for x.m(...) calls
	pos      []*value
	posExpr  []ast.Expr        // the expression of each positional argument; nil for arguments bound by functools.partial
	kw       map[string]*value // "**" for **kwargs
	kwExpr   map[string]ast.Expr
	starred  bool
}

func (a *callArgs) all() taint {
	var t taint
	for _, v := range a.pos {
		t = join(t, v.t)
	}
	for _, k := range sortedKeys(a.kw) {
		t = join(t, a.kw[k].t)
	}
	return t
}

func (a *callArgs) anyBuilt() bool {
	for _, v := range a.pos {
		if v.built {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]*value) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

// moduleBinds reports whether a module binds name at its top level.
func (e *engine) moduleBinds(c *ctx, name string) bool {
	m := e.ix.Module(c.f)
	if m == nil {
		return false
	}
	if _, ok := m.Imports[name]; ok {
		return true
	}
	if _, ok := m.Funcs[name]; ok {
		return true
	}
	if _, ok := m.Classes[name]; ok {
		return true
	}
	if _, ok := m.Assigns[name]; ok {
		return true
	}
	// Names bound in an enclosing function (closures) are not builtins.
	for fn := c.u.fn; fn != nil; fn = fn.Parent {
		if fn.Parent != nil {
			for _, p := range params(fn.Parent.Args) {
				if strings.TrimLeft(p, "*") == name {
					return true
				}
			}
		}
	}
	return false
}

// globalType returns the type of a module-level instance by qualified
// name ("app.models.db" assigned `db = Database()`), or "".
func (e *engine) globalType(q string) string {
	if q == "" {
		return ""
	}
	e.mu.Lock()
	t, ok := e.globals[q]
	e.mu.Unlock()
	if ok {
		return t
	}
	if i := strings.LastIndexByte(q, '.'); i > 0 {
		if m := e.ix.ModuleNamed(q[:i]); m != nil {
			if vals := m.Assigns[q[i+1:]]; len(vals) == 1 {
				if call, ok := vals[0].(*ast.Call); ok {
					cq, _ := e.ix.Callee(m.File, call)
					if e.ix.Class(cq) != nil {
						t = e.ix.Class(cq).Qual
					} else {
						t = e.kb.ResultType(cq)
					}
				}
			}
		}
	}
	e.mu.Lock()
	e.globals[q] = t
	e.mu.Unlock()
	return t
}

// note records the taint of a call argument for Result.Expr.
func (c *ctx) note(x ast.Expr, v *value) {
	if v.tainted() {
		if c.exprs == nil {
			c.exprs = map[ast.Expr]taint{}
		}
		c.exprs[x] = join(c.exprs[x], v.t)
	}
}

// call evaluates a call: sinks it is, summaries of repo callees, sources,
// sanitisers and propagation.
func (c *ctx) call(s *state, call *ast.Call) *value {
	if n, ok := call.Func.(*ast.Name); ok && n.ID == "super" && c.selfName != "" {
		if _, local := s.vars["super"]; !local {
			// super() in a method: self, seen through the class's bases.
			self := s.vars[c.selfName]
			v := &value{typ: "super:" + c.u.fn.Class.Qual}
			if self != nil {
				v.t, v.fields = self.t, self.fields
			}
			return v
		}
	}
	cl := c.e.resolveCall(c.f, call)
	qual, fn := cl.qual, cl.fn
	a := &callArgs{call: call}
	if len(call.Keywords) > 0 {
		a.kw, a.kwExpr = map[string]*value{}, map[string]ast.Expr{}
	}
	if attr, ok := call.Func.(*ast.Attribute); ok {
		a.method = attr.Attr
		a.recvExpr = attr.Value
		a.recv = c.eval(s, attr.Value)
		if !rootIsGlobal(s, attr) {
			qual, fn = "", nil
		}
	} else if n, ok := call.Func.(*ast.Name); ok {
		if v, local := s.vars[n.ID]; local {
			qual, fn = "", nil
			if v.typ == "function" && v.der != nil {
				qual = v.der.fn
				fn = c.e.ix.Func(qual)
			}
			if v.typ == "partial" && v.der != nil {
				qual = v.der.fn
				fn = c.e.ix.Func(qual)
				for _, b := range v.bound {
					a.pos = append(a.pos, b)
					a.posExpr = append(a.posExpr, nil)
				}
			}
		} else if qual == "" && !c.e.moduleBinds(c, n.ID) {
			qual = "builtins." + n.ID
		}
	} else {
		c.eval(s, call.Func)
	}
	for _, x := range call.Args {
		v := c.eval(s, x)
		if _, ok := x.(*ast.Starred); ok {
			a.starred = true
		}
		a.pos = append(a.pos, v)
		a.posExpr = append(a.posExpr, x)
		c.note(x, v)
	}
	for _, k := range call.Keywords {
		v := c.eval(s, k.Value)
		name := k.Arg
		if name == "" {
			name = "**"
		}
		a.kw[name] = joinValues(a.kw[name], v)
		a.kwExpr[name] = k.Value
		c.note(k.Value, v)
	}
	if fn == nil && (a.method == "delay" || a.method == "apply_async") {
		if task, bound := c.e.taskFunc(c.f, a.recvExpr); task != nil {
			// task.delay(x) runs task(x) in a worker: the same data reaches the
			// same sinks, only later.
			fn, qual = task, task.Qual
			a.method, a.recv, a.recvExpr = "", nil, nil
			if call.Func.(*ast.Attribute).Attr == "apply_async" {
				c.asyncArgs(s, a)
			}
			if bound {
				// bind=True: Celery passes the task itself first.
				a.pos = append([]*value{clean}, a.pos...)
				a.posExpr = append([]ast.Expr{nil}, a.posExpr...)
			}
		}
	}
	if fn == nil && rqMethods[a.method] {
		if job := c.rqJob(s, a); job != nil {
			// queue.enqueue(job, x) runs job(x) in an RQ worker: the same
			// data reaches the same sinks, only later.
			fn, qual = job, job.Qual
			a.method, a.recv, a.recvExpr = "", nil, nil
		}
	}
	tqual := ""
	if a.recv != nil && a.method != "" {
		if a.recv.req {
			qual = "flask.request." + a.method
		} else if cls, ok := strings.CutPrefix(a.recv.typ, "super:"); ok {
			if fn == nil {
				fn = c.e.superMethod(cls, a.method)
				if fn != nil {
					qual = fn.Qual
				}
			}
		} else if a.recv.typ != "" {
			tqual = a.recv.typ + "." + a.method
			if fn == nil {
				if cls := c.e.ix.Class(a.recv.typ); cls != nil {
					if m := c.e.ix.LookupMethod(cls, a.method); m != nil {
						fn, qual = m, m.Qual
					}
				}
			}
		}
	}
	// Sinks.
	specs := c.e.kb.Sinks(qual)
	if len(specs) == 0 && tqual != "" {
		specs = c.e.kb.Sinks(tqual)
	}
	if len(specs) == 0 && a.method != "" && fn == nil && !a.recv.req && !c.e.kb.NotSink(tqual) {
		specs = c.e.kb.MethodSinks(a.method)
	}
	for _, sp := range specs {
		c.checkSink(s, sp, qual, tqual, a)
	}
	return c.result(s, qual, tqual, fn, a)
}

// isModuleCall reports whether x.m(...) calls a function of a module
// (os.path.join) rather than a method of a value: the receiver is
// untainted, of unknown type, and not a module-level variable or class of
// the repo.
func (c *ctx) isModuleCall(qual string, a *callArgs) bool {
	if qual == "" || a.recv == nil || a.recv.tainted() || a.recv.typ != "" {
		return false
	}
	rq := c.e.qualName(c.f, a.recvExpr)
	if c.e.ix.Class(rq) != nil {
		return false
	}
	if i := strings.LastIndexByte(rq, '.'); i > 0 {
		if m := c.e.ix.ModuleNamed(rq[:i]); m != nil {
			if _, ok := m.Assigns[rq[i+1:]]; ok {
				return false
			}
		}
	}
	return true
}

// result computes the value a call returns.
func (c *ctx) result(s *state, qual, tqual string, fn *resolve.Func, a *callArgs) *value {
	kb := c.e.kb
	call := a.call
	// Sources.
	for _, q := range []string{qual, tqual} {
		if q == "" {
			continue
		}
		if src, ok := kb.CallSource(q); ok {
			return c.sourceValue(call, src)
		}
	}
	if a.method != "" && fn == nil {
		if src, ok := kb.CallSource("*." + a.method); ok {
			return c.sourceValue(call, src)
		}
		if knowledge.ORMResultMethod(a.method) && ormChain(a.recvExpr) {
			return c.sourceValue(call, knowledge.Source{Origin: knowledge.Stored,
				Desc: "a database row (" + exprText(call.Func) + "())"})
		}
	}
	// re.sub("[^a-z0-9_-]+", "", x) keeps only the class's characters;
	// re.sub(r"[/\\:]", "_", x) leaves no path separator.
	if qual == "re.sub" && len(call.Args) >= 3 {
		if p, ok := constStr(call.Args[0]); ok {
			if repl, ok := constStr(call.Args[1]); ok {
				kinds, ok := negatedClassKinds(p)
				if !ok || repl != "" {
					kinds = 0
				}
				if removesSlash(call.Args[0], call.Args[1]) {
					kinds |= knowledge.Set(knowledge.Path)
				}
				if kinds != 0 {
					v := &value{t: a.pos[2].t.sanitize(kinds), typ: "str"}
					if v.tainted() {
						v.t = v.t.step(c.f, call.Pos(), "characters matching "+p+" replaced by re.sub()")
					}
					return v
				}
			}
		}
	}
	// Sanitisers, cleaners.
	if kinds, ok := kb.Sanitizer(qual); ok && qual != "" {
		v := &value{t: a.all().sanitize(kinds), typ: kb.ResultType(qual)}
		if v.tainted() {
			v.t = v.t.step(c.f, call.Pos(), "passed through "+exprText(call.Func)+"()")
		}
		return v
	}
	if qual != "" && kb.Cleaner(qual) || tqual != "" && kb.Cleaner(tqual) {
		return &value{typ: kb.ResultType(qual)}
	}
	if numericBound(qual, call) {
		return &value{typ: "int"}
	}
	// Repo functions.
	if fn != nil {
		return c.applySummary(s, a, fn, qual)
	}
	if (qual == "os.path.splitext" || qual == "posixpath.splitext" || qual == "ntpath.splitext") && len(a.pos) == 1 {
		// (root, ext): the extension starts after the last separator, so it
		// holds none.
		t := a.pos[0].t
		return &value{t: t, typ: "tuple", tupleN: 2,
			fields: map[string]taint{tupleKey(0): t, tupleKey(1): t.sanitize(knowledge.Set(knowledge.Path))}}
	}
	if names := c.e.namedTuple(qual); names != nil {
		return namedTupleValue(names, a)
	}
	if cls := c.e.ix.Class(qual); cls != nil && qual != "" {
		return c.formValue(call, cls, &value{typ: cls.Qual, t: a.all().degrade()})
	}
	var der *derived
	if len(a.pos) > 0 && (knowledge.PathNormalizer(qual) || knowledge.URLParser(qual)) {
		der = &derived{fn: qual}
		if n, ok := call.Args[0].(*ast.Name); ok {
			der.arg = n.ID
		}
	}
	if tqual != "" && knowledge.PathNormalizer(tqual) {
		if n, ok := a.recvExpr.(*ast.Name); ok {
			der = &derived{fn: tqual, arg: n.ID}
		}
	}
	if qual == "functools.partial" && len(call.Args) > 0 && !a.starred {
		if q := c.e.qualName(c.f, call.Args[0]); c.e.ix.Func(q) != nil {
			return &value{typ: "partial", der: &derived{fn: q}, bound: a.pos[1:]}
		}
	}
	for _, q := range []string{qual, tqual} {
		if p, ok := kb.Propagator(q); ok && q != "" {
			v := &value{typ: p.Type, der: der}
			if p.Args == nil {
				v.t = a.all()
				v.built = a.anyBuilt()
			} else {
				for _, i := range p.Args {
					if i < len(a.pos) {
						v.t = join(v.t, a.pos[i].t)
						v.built = v.built || a.pos[i].built
					}
				}
			}
			if a.method != "" && a.recv != nil && !c.isModuleCall(qual, a) {
				v.t = join(v.t, a.recv.t)
			}
			return v
		}
	}
	if rt := kb.ResultType(qual); rt != "" && qual != "" {
		return &value{t: a.all().degrade(), typ: rt, der: der}
	}
	if a.method != "" && !c.isModuleCall(qual, a) {
		return c.method(s, a, tqual, der)
	}
	// An unknown function: its result may carry its arguments' data, at a
	// lower confidence; at low confidence only when its name says it
	// returns a verdict, a looked-up record or a status (login(u, pw),
	// is_valid(x), find_user(name)).
	t := a.all().degrade()
	if knowledge.Verdict(calleeName(qual, call)) {
		t = t.lowest()
	}
	return &value{t: t, typ: kb.ResultType(qual), der: der, opaque: true}
}

// method computes the result of a method called on a value.
func (c *ctx) method(s *state, a *callArgs, tqual string, der *derived) *value {
	r := a.recv
	m := a.method
	switch {
	case m == "get" && isCleanType(a.kwExpr["type"], c):
		return clean
	case m == "_replace" && r.typ == "namedtuple":
		// meta._replace(title=x): the same fields, title now x.
		nv := &value{typ: r.typ, fields: make(map[string]taint, len(r.fields))}
		for k, t := range r.fields {
			nv.fields[k] = t
		}
		for k, kv := range a.kw {
			if k == "**" {
				for f := range nv.fields {
					nv.fields[f] = join(nv.fields[f], kv.t)
				}
				continue
			}
			nv.fields[k] = kv.t
		}
		for _, t := range nv.fields {
			nv.t = join(nv.t, t)
		}
		return nv
	case knowledge.StrMethod(m):
		v := &value{t: join(r.t, a.all()), typ: "str", der: der}
		strRecv := r.strLit || r.typ == "str" || r.built
		if (m == "format" || m == "format_map") && fixedHost(a.recvExpr) {
			v.t = v.t.sanitize(urlKinds)
		}
		switch m {
		case "format", "format_map":
			v.built = r.built || len(a.pos) > 0 && !allConst(a.call.Args) || len(a.kw) > 0 && !allConstKw(a.call)
		case "join":
			v.built = strRecv && len(a.pos) > 0 && (!allConst(a.call.Args) || a.pos[0].built)
		default:
			v.built = r.built
		}
		if m == "split" || m == "rsplit" || m == "splitlines" || m == "partition" || m == "rpartition" {
			v.typ = "list"
		}
		if m == "replace" && len(a.call.Args) >= 2 && removesSlash(a.call.Args[0], a.call.Args[1]) {
			// name.replace("/", "_"): no separator is left, as with
			// os.path.basename (the client's name is still the name).
			v.t = v.t.sanitize(knowledge.Set(knowledge.Path))
		}
		return v
	case knowledge.ContainerMethod(m):
		// stmt.values(**d) on a library object is again one (a statement).
		v := &value{t: join(r.t, a.all()), typ: elemType(r.typ), opaque: r.opaque && r.typ == ""}
		if tqual != "" {
			if t := c.e.kb.ResultType(tqual); t != "" {
				v.typ = t // FileStorage.read(): the upload's bytes
			}
		}
		if m == "get" || m == "pop" || m == "setdefault" || m == "getlist" {
			// The key selects a value; only the receiver and a default carry data.
			v.t = r.t
			for _, x := range a.pos[min(1, len(a.pos)):] {
				v.t = join(v.t, x.t)
			}
			if d, ok := a.kw["default"]; ok {
				v.t = join(v.t, d.t)
			}
			if len(a.call.Args) > 0 && !r.tainted() {
				if n, ok := a.call.Args[0].(*ast.Name); ok {
					v.der = &derived{fn: "lookup", arg: n.ID}
				}
			}
		}
		if k := firstConstArg(a.call); k != "" && r.fields != nil {
			if ft, ok := r.fields["["+k+"]"]; ok {
				v.t = ft
			}
		}
		return v
	case knowledge.Mutator(m):
		c.mutate(s, a.recvExpr, a.all())
		return clean
	case knowledge.CleanMethod(m):
		return clean
	}
	if tqual != "" {
		if t := c.e.kb.ResultType(tqual); t != "" {
			return &value{t: join(r.t, a.all()), typ: t, der: der}
		}
	}
	t := join(r.t, a.all()).degrade()
	if knowledge.Verdict(m) {
		t = t.lowest() // user.check_password(pw), db.find_user(name)
	}
	return &value{t: t, der: der, opaque: true}
}

// removesSlash reports whether replacing old (a "/" string, or a
// character class holding "/", for re.sub) by repl leaves no "/" in a
// value: both are constants and repl holds no "/".
func removesSlash(old, repl ast.Expr) bool {
	o, ok := constStr(old)
	if !ok {
		return false
	}
	r, ok := constStr(repl)
	if !ok || strings.Contains(r, "/") {
		return false
	}
	if o == "/" {
		return true
	}
	p := strings.TrimRight(o, "+*")
	if !strings.HasPrefix(p, "[") || strings.HasPrefix(p, "[^") || !strings.HasSuffix(p, "]") {
		return false
	}
	cs, n := parseClass(p[1:])
	return n == len(p)-2 && cs.has('/')
}

// namedTuple returns the field names of a module-level namedtuple class
// (Meta = namedtuple("Meta", "path, title") or with a list of names), or
// nil when qual is not one.
func (e *engine) namedTuple(qual string) []string {
	i := strings.LastIndexByte(qual, '.')
	if i < 0 {
		return nil
	}
	m := e.ix.ModuleNamed(qual[:i])
	if m == nil {
		return nil
	}
	vals := m.Assigns[qual[i+1:]]
	if len(vals) != 1 {
		return nil
	}
	call, ok := vals[0].(*ast.Call)
	if !ok || len(call.Args) < 2 {
		return nil
	}
	if q, _ := e.ix.Callee(m.File, call); q != "collections.namedtuple" {
		return nil
	}
	var names []string
	switch x := call.Args[1].(type) {
	case *ast.Constant:
		s, _ := x.Str()
		names = strings.Fields(strings.ReplaceAll(s, ",", " "))
	case *ast.List:
		for _, el := range x.Elts {
			if s, ok := constStr(el); ok {
				names = append(names, s)
			}
		}
	case *ast.Tuple:
		for _, el := range x.Elts {
			if s, ok := constStr(el); ok {
				names = append(names, s)
			}
		}
	}
	return names
}

// namedTupleValue builds a namedtuple instance: each field holds its own
// argument's data (fields not given are clean defaults).
func namedTupleValue(names []string, a *callArgs) *value {
	v := &value{t: a.all(), fields: make(map[string]taint, len(names)), typ: "namedtuple"}
	for i, n := range names {
		switch {
		case i < len(a.pos) && !a.starred:
			v.fields[n] = a.pos[i].t
		case a.kw[n] != nil:
			v.fields[n] = a.kw[n].t
		case a.kw["**"] != nil || a.starred:
			v.fields[n] = a.all() // built from *args/**kwargs: any field may hold anything
		default:
			v.fields[n] = nil
		}
	}
	return v
}

// calleeName returns the name a call's callee is known by: its qualified
// name, else the expression as written.
func calleeName(qual string, call *ast.Call) string {
	if qual != "" {
		return qual
	}
	return exprText(call.Func)
}

func firstConstArg(call *ast.Call) string {
	if len(call.Args) == 0 {
		return ""
	}
	k, _ := constStr(call.Args[0])
	return k
}

func allConst(xs []ast.Expr) bool {
	for _, x := range xs {
		if !isConstExpr(x) {
			return false
		}
	}
	return true
}

func allConstKw(call *ast.Call) bool {
	for _, k := range call.Keywords {
		if !isConstExpr(k.Value) {
			return false
		}
	}
	return true
}

// isCleanType reports whether a type= argument (request.args.get(...,
// type=int)) converts to a harmless type.
func isCleanType(x ast.Expr, c *ctx) bool {
	if x == nil {
		return false
	}
	q := c.e.qualName(c.f, x)
	if q == "" {
		if n, ok := x.(*ast.Name); ok {
			q = "builtins." + n.ID
		}
	}
	return c.e.kb.Cleaner(q)
}

// mutate adds t to the variable (or attribute) a mutating method was
// called on.
func (c *ctx) mutate(s *state, x ast.Expr, t taint) {
	if len(t) == 0 {
		return
	}
	switch x := x.(type) {
	case *ast.Name:
		old := s.vars[x.ID]
		nv := &value{t: join(old.tOrNil(), t)}
		if old != nil {
			nv.typ, nv.fields, nv.built = old.typ, old.fields, old.built
		}
		s.set(x.ID, nv)
	case *ast.Attribute:
		if n, ok := x.Value.(*ast.Name); ok {
			s.set(n.ID, s.vars[n.ID].withField(x.Attr, t, true))
		}
	}
}

// ormChain reports whether a receiver expression is an ORM or SQL query
// chain (User.query.filter_by(...), db.session.execute(...)).
func ormChain(x ast.Expr) bool {
	for x != nil {
		switch e := x.(type) {
		case *ast.Attribute:
			switch e.Attr {
			case "query", "session", "execute", "scalars", "select", "filter", "filter_by":
				return true
			}
			x = e.Value
		case *ast.Call:
			x = e.Func
		case *ast.Name:
			return e.ID == "session" || e.ID == "query"
		default:
			return false
		}
	}
	return false
}

// applySummary applies a repo callee's summary at a call.
func (c *ctx) applySummary(s *state, a *callArgs, fn *resolve.Func, qual string) *value {
	call := a.call
	if c.callees == nil {
		c.callees = map[*resolve.Func]bool{}
	}
	c.callees[fn] = true
	ps := c.e.paramsOf(fn)
	actual := make([]*value, len(ps))
	ctor := fn.Name == "__init__" && fn.Class != nil && qual != fn.Qual
	var obj *value // the object a constructor call builds
	if ctor {
		obj = &value{typ: fn.Class.Qual}
	}
	idx := 0
	if isMethod(fn) && len(ps) > 0 {
		switch {
		case ctor:
			actual[0] = obj
			idx = 1
		case a.recv != nil && !c.isClassRef(s, a.recvExpr, fn.Class):
			actual[0] = a.recv
			idx = 1
		case hasDecorator(fn, "classmethod"):
			actual[0] = clean
			idx = 1
		}
	}
	shift := idx
	nPos := len(fn.Args.PosOnlyArgs) + len(fn.Args.Args)
	vararg := -1
	if fn.Args.Vararg != nil {
		vararg = nPos
	}
	var byName map[string]int // only keyword arguments need it
	if len(a.kw) > 0 {
		byName = make(map[string]int, len(ps))
	}
	kwarg := -1
	for i, p := range ps {
		switch {
		case strings.HasPrefix(p, "**"):
			kwarg = i
		case strings.HasPrefix(p, "*"):
		case byName != nil:
			byName[p] = i
		}
	}
	for i, v := range a.pos {
		if _, st := a.posExpr[i].(*ast.Starred); st {
			for j := idx; j < len(ps); j++ {
				actual[j] = joinValues(actual[j], v)
			}
			continue
		}
		switch {
		case idx < nPos:
			actual[idx] = v
			idx++
		case vararg >= 0:
			actual[vararg] = joinValues(actual[vararg], v)
		}
	}
	for _, k := range sortedKeys(a.kw) {
		v := a.kw[k]
		if k == "**" {
			for j := range ps {
				if actual[j] == nil {
					actual[j] = v
				}
			}
			continue
		}
		if i, ok := byName[k]; ok {
			actual[i] = v
		} else if kwarg >= 0 {
			actual[kwarg] = joinValues(actual[kwarg], v)
		}
	}
	sum := c.summaryOf(fn)
	if sum == nil {
		// Not analysed yet (a recursion's first round): start from the
		// bottom; the callee's first summary re-queues this caller.
		if ctor {
			return obj
		}
		return &value{}
	}
	enter := func(t taint) taint { return c.substitute(t, actual, call, fn) }
	for _, se := range sum.sinks {
		for _, l := range enter(taint{se.lab}) {
			if l.san.Has(se.site.kind) {
				continue
			}
			c.record(se.site, l)
		}
	}
	// Arguments the callee validates (it aborts or raises otherwise).
	for i, k := range sum.validated {
		if x := argExprFor(a, i-shift); x != nil {
			if n, ok := x.(*ast.Name); ok {
				if v := s.vars[n.ID]; v != nil {
					nv := *v
					nv.t = v.t.sanitize(k)
					s.set(n.ID, &nv)
				}
			}
		}
	}
	// Data the callee put into a mutable argument (a list it appended to).
	for i, t := range sum.mutated {
		if i >= len(actual) || actual[i] == nil {
			continue
		}
		if x := argExprFor(a, i-shift); x != nil {
			if n, ok := x.(*ast.Name); ok {
				if st := enter(t); len(st) > 0 {
					old := s.vars[n.ID]
					nv := &value{t: join(old.tOrNil(), st)}
					if old != nil {
						nv.typ, nv.fields, nv.built = old.typ, old.fields, old.built
					}
					s.set(n.ID, nv)
				}
			}
		}
	}
	entered := func() map[string]taint {
		var m map[string]taint
		for k, t := range sum.selfFields {
			if st := enter(t); len(st) > 0 {
				if m == nil {
					m = map[string]taint{}
				}
				m[k] = st
			}
		}
		return m
	}
	if ctor {
		out := (&value{typ: fn.Class.Qual}).withFields(entered(), false)
		return c.formValue(call, fn.Class, out)
	}
	if len(sum.selfFields) > 0 && actual[0] != nil {
		if r, ok := a.recvExpr.(*ast.Name); ok {
			if m := entered(); len(m) > 0 {
				s.set(r.ID, s.vars[r.ID].withFields(m, true))
			}
		}
	}
	out := &value{t: enter(sum.ret), typ: sum.retType, built: sum.retBuilt, opaque: sum.retOpaque}
	out.tupleN = sum.retTupleN
	if len(sum.retFields) > 0 {
		// The returned object's known attributes (a namedtuple's fields, what
		// the function set on it) and tuple elements, in the caller's terms.
		out.fields = make(map[string]taint, len(sum.retFields))
		for k, t := range sum.retFields {
			out.fields[k] = enter(t)
		}
	}
	return out
}

// summaryOf returns the summary of fn's unit, nil before its first
// analysis, and notes that c read it.
func (c *ctx) summaryOf(fn *resolve.Func) *summary {
	u := c.e.units[fn]
	if u == nil {
		return nil
	}
	r := u.res.Load()
	c.reads = append(c.reads, readOfResult(u, r))
	if r == nil {
		return nil
	}
	return r.sum
}

func hasDecorator(fn *resolve.Func, name string) bool {
	for _, d := range fn.Decorators {
		if n, ok := d.(*ast.Name); ok && n.ID == name {
			return true
		}
	}
	return false
}

// isClassRef reports whether x names the class itself (Class.method(obj)).
func (c *ctx) isClassRef(s *state, x ast.Expr, cls *resolve.Class) bool {
	if cls == nil {
		return false
	}
	if n, ok := x.(*ast.Name); ok {
		if n.ID == "cls" || n.ID == "super" {
			return false
		}
		if _, local := s.vars[n.ID]; local {
			return false // a variable (self, obj): resolve would say "" too
		}
	}
	return c.e.qualName(c.f, x) == cls.Qual
}

// substitute maps a callee's labels into the caller: parameters become
// the caller's arguments' labels, with the callee's trace appended.
func (c *ctx) substitute(t taint, actual []*value, call *ast.Call, fn *resolve.Func) taint {
	var out taint
	// The notes of the steps added, built once per call rather than
	// once per label.
	var returned, passed, entered string
	for _, l := range t {
		if l.org.src != nil {
			m := l
			if returned == "" {
				returned = "returned by " + display(fn)
			}
			m.trace = m.trace.push(c.f, call.Pos(), returned, "")
			out = join(out, single(m))
			continue
		}
		i := l.org.param
		if i < 0 || i >= len(actual) || actual[i] == nil {
			continue
		}
		av := actual[i]
		var in taint
		switch {
		case av.req:
			desc := "request"
			if l.org.field != "" {
				desc = "request." + l.org.field
			}
			src := c.e.source(c.f, call.Pos(), desc, knowledge.Request, c.route)
			in = single(label{org: srcOrigin(src), conf: rules.HighConfidence,
				trace: (*tnode)(nil).push(c.f, call.Pos(), "request passed to "+display(fn)+", which reads "+desc, "")})
		case l.org.field == knowledge.FileNameAttr && av.tainted() &&
			(av.typ == "werkzeug.datastructures.FileStorage" || fromFiles(av.t)):
			src := c.e.source(c.f, call.Pos(), "the uploaded file's name", knowledge.FileName, c.route)
			in = single(label{org: srcOrigin(src), conf: rules.HighConfidence,
				trace: (*tnode)(nil).push(c.f, call.Pos(), "uploaded file passed to "+display(fn)+", which reads its client-supplied name", "")})
		case l.org.field != "":
			if ft, ok := av.fields[l.org.field]; ok {
				in = ft
			} else if av.opaque && av.typ == "" {
				// obj.attr in the callee, for obj an object an unknown library
				// call returned: as in the caller, low confidence at most.
				in = av.t.lowest()
			} else {
				// The argument's data; for an argument that is the caller's own
				// parameter, that parameter's attribute, so that the caller's
				// callers can tell the attribute apart from the whole object.
				for _, m := range av.t {
					if m.org.src == nil && m.org.field == "" {
						m.org = paramOrigin(m.org.param, l.org.field)
					}
					in = join(in, single(m))
				}
			}
		default:
			in = av.t
		}
		for _, m := range in {
			n := m
			if l.conf < n.conf {
				n.conf = l.conf
			}
			n.san |= l.san
			if passed == "" {
				entered = display(fn) + " in " + fn.File.Path
				passed = "passed to " + entered
			}
			n.trace = concat(m.trace.push(c.f, call.Pos(), passed, entered), l.trace)
			if n.san&knowledge.AllKinds == knowledge.AllKinds {
				continue
			}
			out = join(out, single(n))
		}
	}
	return out
}

// record notes that a label reaches a site: a flow when it comes from a
// source, a summary entry when it comes from a parameter.
func (c *ctx) record(st *site, l label) {
	if l.org.src != nil {
		c.hits = append(c.hits, hit{site: st, lab: l})
		return
	}
	if c.u.fn == nil {
		return
	}
	k := st.key + "|" + l.org.key()
	if c.seenEntry[k] {
		return
	}
	if c.seenEntry == nil {
		c.seenEntry = map[string]bool{}
	}
	c.seenEntry[k] = true
	c.sinkEntries = append(c.sinkEntries, sinkEntry{site: st, lab: l})
}

// checkValue reports the labels of v that reach a sink.
func (c *ctx) checkValue(v *value, node ast.Node, arg ast.Expr, kind knowledge.SinkKind, variant, name string) {
	if !v.tainted() {
		return
	}
	var st *site
	for _, l := range v.t {
		if l.san.Has(kind) {
			continue
		}
		if st == nil {
			st = c.e.site(kind, variant, c.f, node, arg, name, c.u.qual, c.route)
		}
		if v.built {
			st.built = true
		}
		c.record(st, l)
	}
}

// attrType returns the type of attribute attr of instances of a repo
// class, when the class's methods assign it from a known constructor
// (self.session = requests.Session()), or "".
func (e *engine) attrType(typ, attr string) string {
	if typ == "" {
		return ""
	}
	e.mu.Lock()
	types, ok := e.attrTypes[typ]
	e.mu.Unlock()
	if !ok {
		types = e.classAttrTypes(typ)
		e.mu.Lock()
		e.attrTypes[typ] = types
		e.mu.Unlock()
	}
	return types[attr]
}

// classAttrTypes scans a repo class's methods once for self.x = Call(...)
// assignments and returns the types they give; nil for non-classes.
func (e *engine) classAttrTypes(typ string) map[string]string {
	cls := e.ix.Class(typ)
	if cls == nil {
		return nil
	}
	out := map[string]string{}
	names := make([]string, 0, len(cls.Methods))
	for n := range cls.Methods {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		m := cls.Methods[n]
		ps := params(m.Args)
		if len(ps) == 0 {
			continue
		}
		self := ps[0]
		for _, st := range m.Body {
			ast.Inspect(st, func(x ast.Node) bool {
				as, ok := x.(*ast.Assign)
				if !ok {
					return true
				}
				call, ok := as.Value.(*ast.Call)
				if !ok {
					return true
				}
				for _, tg := range as.Targets {
					a, ok := tg.(*ast.Attribute)
					if !ok {
						continue
					}
					if n, ok := a.Value.(*ast.Name); !ok || n.ID != self {
						continue
					}
					if _, seen := out[a.Attr]; seen {
						continue
					}
					q, _ := e.ix.Callee(m.File, call)
					if c := e.ix.Class(q); c != nil {
						out[a.Attr] = c.Qual
					} else if t := e.kb.ResultType(q); t != "" {
						out[a.Attr] = t
					}
				}
				return true
			})
		}
	}
	return out
}

// argExprFor returns the i-th positional argument expression of a call
// (parameters counted after a bound receiver), or nil (keyword, starred
// or bound by functools.partial).
func argExprFor(a *callArgs, i int) ast.Expr {
	if i < 0 || i >= len(a.posExpr) {
		return nil
	}
	for _, x := range a.posExpr[:i+1] {
		if _, st := x.(*ast.Starred); st {
			return nil
		}
	}
	return a.posExpr[i]
}

// superMethod finds a method in the repo bases of a class (what
// super().method reaches).
func (e *engine) superMethod(classQual, method string) *resolve.Func {
	cls := e.ix.Class(classQual)
	if cls == nil {
		return nil
	}
	for _, b := range cls.Bases {
		if m := e.ix.LookupMethod(e.ix.Class(b), method); m != nil {
			return m
		}
	}
	return nil
}

// property returns the repo method behind a @property (or
// cached_property) attribute of instances of typ, or nil.
func (e *engine) property(typ, attr string) *resolve.Func {
	cls := e.ix.Class(typ)
	if cls == nil {
		return nil
	}
	m := e.ix.LookupMethod(cls, attr)
	if m == nil {
		return nil
	}
	for _, d := range m.Decorators {
		var name string
		switch d := d.(type) {
		case *ast.Name:
			name = d.ID
		case *ast.Attribute:
			name = d.Attr
		}
		if name == "property" || name == "cached_property" {
			return m
		}
	}
	return nil
}

// display names a repo function in traces and messages: "build_query()",
// "UserRepo.search()", "UserRepo()" for a constructor.
func display(fn *resolve.Func) string {
	switch {
	case fn.Class != nil && fn.Name == "__init__":
		return fn.Class.Name + "()"
	case fn.Class != nil:
		return fn.Class.Name + "." + fn.Name + "()"
	}
	return fn.Name + "()"
}

// numericBound reports whether call is min() or max() with a number
// literal among its arguments: clamping a value against a number either
// returns a number or raises TypeError (Python 3 does not order str and
// int), so the result is numeric whatever the other arguments were.
func numericBound(qual string, call *ast.Call) bool {
	if qual != "builtins.min" && qual != "builtins.max" {
		if n, ok := call.Func.(*ast.Name); !ok || qual != "" || (n.ID != "min" && n.ID != "max") {
			return false
		}
	}
	if len(call.Args) < 2 || len(call.Keywords) > 0 {
		return false // min(iterable) or a key=/default= call compares other things
	}
	for _, a := range call.Args {
		if _, ok := a.(*ast.Starred); ok {
			return false
		}
	}
	for _, a := range call.Args {
		if u, ok := a.(*ast.UnaryOp); ok && (u.Op == ast.USub || u.Op == ast.UAdd) {
			a = u.Operand
		}
		if c, ok := a.(*ast.Constant); ok {
			switch c.Value.(type) {
			case ast.IntValue, ast.FloatValue:
				return true
			}
		}
	}
	return false
}

// taskFunc returns the repository function a Celery task object names
// (a function decorated with @shared_task, @app.task or @celery.task), or
// nil; bound reports bind=True, with which Celery passes the task itself
// as the first argument.
func (e *engine) taskFunc(f *project.File, recv ast.Expr) (fn *resolve.Func, bound bool) {
	q := e.qualName(f, recv)
	if q == "" {
		return nil, false
	}
	if fn = e.ix.Func(q); fn == nil {
		return nil, false
	}
	for _, d := range fn.Decorators {
		var kws []*ast.Keyword
		if c, ok := d.(*ast.Call); ok {
			d, kws = c.Func, c.Keywords
		}
		name := exprText(d)
		if name == "shared_task" || name == "task" || strings.HasSuffix(name, ".task") || strings.HasSuffix(name, ".shared_task") {
			for _, k := range kws {
				if b, ok := k.Value.(*ast.Constant); ok && k.Arg == "bind" && b.Value == ast.BoolValue(true) {
					bound = true
				}
			}
			return fn, bound
		}
	}
	return nil, false
}

// asyncArgs turns task.apply_async(args=(...), kwargs={...}) into the
// positional and keyword arguments of the task.
// rqMethods are the methods of an RQ queue that queue a function call.
var rqMethods = map[string]bool{"enqueue": true, "enqueue_in": true, "enqueue_at": true, "enqueue_call": true}

// rqOptions are the keyword arguments RQ keeps for itself rather than
// passing them to the queued function.
var rqOptions = map[string]bool{
	"job_timeout": true, "timeout": true, "result_ttl": true, "ttl": true, "failure_ttl": true, "description": true,
	"depends_on": true, "job_id": true, "at_front": true, "meta": true, "retry": true, "on_success": true,
	"on_failure": true, "on_stopped": true, "pipeline": true, "repeat": true,
}

// rqJob recognises queue.enqueue(f, *args, **kwargs), enqueue_in(delay,
// f, ...), enqueue_at(when, f, ...) and enqueue_call(func=f, args=...,
// kwargs=...) of a repo function f (named, or by its dotted path as a
// string), and rewrites a to the arguments f receives. It returns nil, a
// unchanged, for anything else.
func (c *ctx) rqJob(s *state, a *callArgs) *resolve.Func {
	var fx ast.Expr
	skip := 0
	switch a.method {
	case "enqueue":
		skip = 1
	case "enqueue_in", "enqueue_at":
		skip = 2
	case "enqueue_call":
		fx = a.kwExpr["func"]
	}
	if skip > 0 {
		if len(a.posExpr) < skip {
			return nil
		}
		fx = a.posExpr[skip-1]
	}
	if fx == nil {
		return nil
	}
	var job *resolve.Func
	if path, ok := constStr(fx); ok {
		job = c.e.ix.Func(path)
	} else if q := c.e.qualName(c.f, fx); q != "" {
		job = c.e.ix.Func(q)
	}
	if job == nil {
		return nil
	}
	if a.method == "enqueue_call" {
		c.asyncArgs(s, a)
		return job
	}
	a.pos, a.posExpr = a.pos[skip:], a.posExpr[skip:]
	for name := range a.kw {
		if rqOptions[name] {
			delete(a.kw, name)
			delete(a.kwExpr, name)
		}
	}
	return job
}

func (c *ctx) asyncArgs(s *state, a *callArgs) {
	a.pos, a.posExpr = nil, nil
	if x, ok := a.kwExpr["args"]; ok {
		var elts []ast.Expr
		switch t := x.(type) {
		case *ast.Tuple:
			elts = t.Elts
		case *ast.List:
			elts = t.Elts
		}
		for _, e := range elts {
			a.pos = append(a.pos, c.eval(s, e))
			a.posExpr = append(a.posExpr, e)
		}
	}
	kw, kwExpr := map[string]*value{}, map[string]ast.Expr{}
	if d, ok := a.kwExpr["kwargs"].(*ast.Dict); ok {
		for i, k := range d.Keys {
			if name, ok := constStr(k); ok {
				kw[name] = c.eval(s, d.Values[i])
				kwExpr[name] = d.Values[i]
			}
		}
	}
	a.kw, a.kwExpr = kw, kwExpr
}
