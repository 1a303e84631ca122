package flask

import (
	"strings"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
)

// The model's passes look at the same statements with the same contexts
// several times (creations, factory calls, uses and configuration,
// sessions, CSRF), and the costly part of each look is resolving names
// (resolve.Index.QualName). So the build first computes, for each file
// on its own and in parallel, what does not depend on other files: the
// statements in walk order with their contexts, the nodes of each
// statement the passes inspect, the names its calls resolve to, and its
// session and Authorization-header evidence. The sequential passes then
// iterate over these lists, and merge in file order.

// stmtAt is one statement of a module in walk order, with its context
// and its own nodes (see inspectOwn) that the passes look at:
// mi.own[lo:hi].
type stmtAt struct {
	s      ast.Stmt
	c      *ctx
	lo, hi int32
}

// ownOf returns the own nodes of a statement of mi.stmts.
func (mi *modInfo) ownOf(st *stmtAt) []ast.Node { return mi.own[st.lo:st.hi:st.hi] }

// gates say which libraries a qualified name of the project can belong
// to at all. Every name resolve.Index.QualName returns starts with a
// component that some import statement of the project names (the
// imported module, an imported name, or the importing package for a
// relative import) or that starts the name of one of the project's
// modules: re-exports, aliases and star imports only ever replace a
// prefix by another such name. When no import or module starts with
// "flask", no expression can resolve to flask.request, and the checks
// comparing a resolved name with one of flask's can skip resolving.
type gates struct {
	roots    map[string]bool // first components of the names the project can resolve to; nil when unknown
	flask    bool            // flask.*
	quart    bool            // quart.*
	flaskExt bool            // flask_*.* (extensions)
	dotenv   bool            // dotenv.*
	werkzeug bool            // werkzeug.*
	waitress bool            // waitress.*
}

// openGates let every check resolve: the state before the project's
// imports are known.
var openGates = &gates{flask: true, quart: true, flaskExt: true, dotenv: true, werkzeug: true, waitress: true}

func newGates(roots map[string]bool) *gates {
	g := &gates{roots: roots, flask: roots["flask"], quart: roots["quart"], dotenv: roots["dotenv"],
		werkzeug: roots["werkzeug"], waitress: roots["waitress"]}
	for r := range roots {
		if strings.HasPrefix(r, "flask_") {
			g.flaskExt = true
			break
		}
	}
	return g
}

// any reports whether one of the libraries the model looks for can be
// named.
func (g *gates) any() bool {
	return g.flask || g.quart || g.flaskExt || g.dotenv || g.werkzeug || g.waitress
}

// may reports whether a name can resolve under the top-level package
// root.
func (g *gates) may(root string) bool { return g.roots == nil || g.roots[root] }

// firstComponent returns "a" for "a.b.c".
func firstComponent(q string) string {
	if i := strings.IndexByte(q, '.'); i >= 0 {
		return q[:i]
	}
	return q
}

// addRoots adds to roots the first components that the imports of file
// f and its module name can start a qualified name with (see gates). It
// over-approximates: every imported module and every imported name
// counts, whether or not it binds anything.
func addRoots(f *project.File, roots map[string]bool) {
	roots[firstComponent(f.Module)] = true
	if f.AST != nil {
		eachStmt(f.AST.Body, func(s ast.Stmt) {
			switch s := s.(type) {
			case *ast.Import:
				for _, a := range s.Names {
					roots[firstComponent(a.Name)] = true
				}
			case *ast.ImportFrom:
				roots[firstComponent(s.Module)] = true
				for _, a := range s.Names {
					roots[firstComponent(a.Name)] = true
				}
			}
		})
	}
}

// eachStmt calls fn on every statement of body and of the statements
// nested in it, at any depth (function and class bodies included).
func eachStmt(body []ast.Stmt, fn func(ast.Stmt)) {
	for _, s := range body {
		fn(s)
		switch s := s.(type) {
		case *ast.FunctionDef:
			eachStmt(s.Body, fn)
		case *ast.AsyncFunctionDef:
			eachStmt(s.Body, fn)
		case *ast.ClassDef:
			eachStmt(s.Body, fn)
		case *ast.If:
			eachStmt(s.Body, fn)
			eachStmt(s.Orelse, fn)
		case *ast.For:
			eachStmt(s.Body, fn)
			eachStmt(s.Orelse, fn)
		case *ast.AsyncFor:
			eachStmt(s.Body, fn)
			eachStmt(s.Orelse, fn)
		case *ast.While:
			eachStmt(s.Body, fn)
			eachStmt(s.Orelse, fn)
		case *ast.With:
			eachStmt(s.Body, fn)
		case *ast.AsyncWith:
			eachStmt(s.Body, fn)
		case *ast.Try:
			eachStmt(s.Body, fn)
			for _, h := range s.Handlers {
				eachStmt(h.Body, fn)
			}
			eachStmt(s.Orelse, fn)
			eachStmt(s.Finalbody, fn)
		case *ast.TryStar:
			eachStmt(s.Body, fn)
			for _, h := range s.Handlers {
				eachStmt(h.Body, fn)
			}
			eachStmt(s.Orelse, fn)
			eachStmt(s.Finalbody, fn)
		case *ast.Match:
			for _, c := range s.Cases {
				eachStmt(c.Body, fn)
			}
		}
	}
}

// flattener lists the statements of a module in walk order with their
// contexts: the walk the model's passes used to repeat, done once.
//
// A flattener serves one goroutine and file after file: the lists of a
// file are cut from chunks it shares with the files before it, so that
// they are allocated once and never copied as they grow.
type flattener struct {
	noOwn bool // list the statements only (EnvAt)
	// lean is set when no name of the project can be one of the
	// libraries the model looks for (see gates): no app, blueprint or
	// extension can be created, no session or request read, and the
	// lists keep only what the passes can still find (see unread and
	// leanCall).
	lean bool
	root ast.Node // the node being inspected (see Visit)

	// The chunks the current file's lists grow in; its lists start at
	// stmt0 and own0.
	stmts       []stmtAt
	own         []ast.Node
	ctxs        []ctx
	scopes      []scope
	stmt0, own0 int
}

// chunk is how many elements a new chunk holds at least.
const chunk = 2048

// flatten lists the statements of mi in walk order with their contexts
// (see walk), and unless noOwn their own nodes (see inspectOwn); it
// sets mi.root to the module's scope.
func (fl *flattener) flatten(mi *modInfo) (stmts []stmtAt, own []ast.Node) {
	root := fl.newScope(nil)
	c := fl.newCtx(ctx{mi: mi, sc: root, env: AnyEnv, test: mi.test})
	if c.test {
		c.env = Testing
	}
	fl.walk(mi.file.AST.Body, c)
	if !fl.noOwn {
		mi.root = root
	}
	n, o := len(fl.stmts), len(fl.own)
	stmts, own = fl.stmts[fl.stmt0:n:n], fl.own[fl.own0:o:o]
	fl.stmt0, fl.own0 = n, o
	return stmts, own
}

// newCtx returns a copy of c that lives as long as the lists.
func (fl *flattener) newCtx(c ctx) *ctx {
	if len(fl.ctxs) == cap(fl.ctxs) {
		fl.ctxs = make([]ctx, 0, chunk)
	}
	fl.ctxs = append(fl.ctxs, c)
	return &fl.ctxs[len(fl.ctxs)-1]
}

func (fl *flattener) newScope(parent *scope) *scope {
	if len(fl.scopes) == cap(fl.scopes) {
		fl.scopes = make([]scope, 0, chunk)
	}
	fl.scopes = append(fl.scopes, scope{parent: parent})
	return &fl.scopes[len(fl.scopes)-1]
}

// add lists statement s and its own nodes; the indexes of the own
// nodes are relative to the start of the file's.
func (fl *flattener) add(s ast.Stmt, c *ctx) {
	lo := len(fl.own) - fl.own0
	if !fl.noOwn {
		fl.inspectOwn(s)
	}
	hi := len(fl.own) - fl.own0
	if lo == hi && !fl.noOwn && fl.unread(s, c) {
		return
	}
	if len(fl.stmts) == cap(fl.stmts) {
		// A new chunk: the file's statements so far move to it.
		nb := make([]stmtAt, 0, max(chunk, 2*(len(fl.stmts)-fl.stmt0)))
		fl.stmts = append(nb, fl.stmts[fl.stmt0:]...)
		fl.stmt0 = 0
	}
	fl.stmts = append(fl.stmts, stmtAt{s: s, c: c, lo: int32(lo), hi: int32(hi)})
}

// unread reports whether the passes have nothing to read in statement s
// (in context c) when it has no own nodes: no definition, import,
// assignment or returned value (docstrings, pass, if x:...). In a lean
// listing, assignments matter only to the configuration (X.config[k] =,
// X.secret_key =), imports only inside functions, returned values not.
func (fl *flattener) unread(s ast.Stmt, c *ctx) bool {
	switch s := s.(type) {
	case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.ClassDef:
		return false
	case *ast.Import, *ast.ImportFrom:
		return fl.lean && c.fn == nil
	case *ast.Assign:
		if !fl.lean {
			return false
		}
		for _, t := range s.Targets {
			if configTargetShape(t) {
				return false
			}
		}
		return true
	case *ast.AnnAssign:
		return fl.lean && !configTargetShape(s.Target)
	case *ast.Return:
		return fl.lean || s.Value == nil || c.fn == nil
	}
	return true
}

// configTargetShape reports whether an assignment target can set
// configuration (see configBuilder.assign): a subscript or an attribute.
func configTargetShape(t ast.Expr) bool {
	switch t.(type) {
	case *ast.Subscript, *ast.Attribute:
		return true
	}
	return false
}

// leanCall reports whether a lean listing keeps a call: a method call
// that can declare a route or a hook, register a blueprint, initialise
// an extension, start a server, load a .env file, exempt a view from CSRF
// protection or configure an app (see visitUse, csrfStmt,
// configBuilder.call). Without the libraries the model looks for, no
// other call can matter.
func leanCall(call *ast.Call) bool {
	a, ok := call.Func.(*ast.Attribute)
	if !ok {
		return false
	}
	switch a.Attr {
	case "register_blueprint", "init_app", "add_url_rule", "add_resource", "after_request", "before_request",
		"after_app_request", "before_app_request", "teardown_request", "run", "read_env", "exempt",
		"update", "from_mapping", "setdefault", "from_object", "from_envvar", "from_pyfile", "from_prefixed_env", "from_file":
		return true
	}
	return false
}

func (fl *flattener) keep(n ast.Node) {
	if len(fl.own) == cap(fl.own) {
		nb := make([]ast.Node, 0, max(2*chunk, 2*(len(fl.own)-fl.own0)))
		fl.own = append(nb, fl.own[fl.own0:]...)
		fl.own0 = 0
	}
	fl.own = append(fl.own, n)
}

// inspectOwn appends to fl.own the calls, comparisons, subscripts and
// .authorization attributes among the own nodes of s, in walk order. The
// own nodes of a statement are those that belong to it and not to the
// statements nested in it: the whole of a simple statement, only the
// header expressions of a compound one (an if's test, a for's target and
// iterable, a with's items, a match's subject), whose bodies the passes
// visit statement by statement. Nested function, class and lambda
// definitions are not entered.
func (fl *flattener) inspectOwn(s ast.Stmt) {
	switch s := s.(type) {
	case *ast.If:
		fl.inspectShallow(s.Test)
	case *ast.While:
		fl.inspectShallow(s.Test)
	case *ast.For:
		fl.inspectShallow(s.Target)
		fl.inspectShallow(s.Iter)
	case *ast.AsyncFor:
		fl.inspectShallow(s.Target)
		fl.inspectShallow(s.Iter)
	case *ast.With:
		for _, it := range s.Items {
			fl.inspectShallow(it.ContextExpr)
		}
	case *ast.AsyncWith:
		for _, it := range s.Items {
			fl.inspectShallow(it.ContextExpr)
		}
	case *ast.Match:
		fl.inspectShallow(s.Subject)
	case *ast.Try, *ast.TryStar, *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.ClassDef:
	default:
		fl.inspectShallow(s)
	}
}

// inspectShallow walks n as the package's inspectShallow does, with the
// flattener as the visitor: the same nodes in the same order, without a
// closure call per node.
func (fl *flattener) inspectShallow(n ast.Node) {
	if n == nil {
		return
	}
	fl.root = n
	switch s := n.(type) {
	case *ast.Assign:
		for _, t := range s.Targets {
			fl.expr(t)
		}
		fl.expr(s.Value)
	case *ast.ExprStmt:
		fl.expr(s.Value)
	case *ast.Return:
		fl.expr(s.Value)
	case *ast.AugAssign:
		fl.expr(s.Target)
		fl.expr(s.Value)
	case *ast.AnnAssign:
		fl.expr(s.Target)
		fl.expr(s.Annotation)
		fl.expr(s.Value)
	case ast.Expr:
		fl.expr(s)
	default:
		ast.Walk(fl, n)
	}
}

// expr visits e and its children as ast.Walk(fl, e) does, for the
// common kinds of expressions without a call through ast.Visitor per
// node; the others go through ast.Walk.
func (fl *flattener) expr(e ast.Expr) {
	switch x := e.(type) {
	case nil:
	case *ast.Name, *ast.Constant:
	case *ast.Attribute:
		if x.Attr == "authorization" && !fl.lean {
			fl.keep(x)
		}
		fl.expr(x.Value)
	case *ast.Call:
		if !fl.lean || leanCall(x) {
			fl.keep(x)
		}
		fl.expr(x.Func)
		for _, a := range x.Args {
			fl.expr(a)
		}
		for _, k := range x.Keywords {
			if k != nil {
				fl.expr(k.Value)
			}
		}
	case *ast.Subscript:
		if !fl.lean {
			fl.keep(x)
		}
		fl.expr(x.Value)
		fl.expr(x.Slice)
	case *ast.Compare:
		if !fl.lean {
			fl.keep(x)
		}
		fl.expr(x.Left)
		for _, c := range x.Comparators {
			fl.expr(c)
		}
	case *ast.BinOp:
		fl.expr(x.Left)
		fl.expr(x.Right)
	case *ast.UnaryOp:
		fl.expr(x.Operand)
	case *ast.BoolOp:
		for _, v := range x.Values {
			fl.expr(v)
		}
	case *ast.Tuple:
		for _, v := range x.Elts {
			fl.expr(v)
		}
	case *ast.List:
		for _, v := range x.Elts {
			fl.expr(v)
		}
	case *ast.Starred:
		fl.expr(x.Value)
	case *ast.Dict:
		for _, k := range x.Keys {
			fl.expr(k)
		}
		for _, v := range x.Values {
			fl.expr(v)
		}
	case *ast.JoinedStr:
		for _, v := range x.Values {
			fl.expr(v)
		}
	case *ast.FormattedValue:
		fl.expr(x.Value)
		fl.expr(x.FormatSpec)
	case *ast.Slice:
		fl.expr(x.Lower)
		fl.expr(x.Upper)
		fl.expr(x.Step)
	default:
		ast.Walk(fl, e)
	}
}

// Visit implements ast.Visitor for inspectShallow: expressions of the
// kinds expr knows go to it.
func (fl *flattener) Visit(n ast.Node) ast.Visitor {
	switch x := n.(type) {
	case nil:
		return nil
	// The kinds expr walks itself (one case each: no interface conversion).
	case *ast.Name:
		fl.expr(x)
		return nil
	case *ast.Constant:
		fl.expr(x)
		return nil
	case *ast.Attribute:
		fl.expr(x)
		return nil
	case *ast.Call:
		fl.expr(x)
		return nil
	case *ast.Subscript:
		fl.expr(x)
		return nil
	case *ast.Compare:
		fl.expr(x)
		return nil
	case *ast.BinOp:
		fl.expr(x)
		return nil
	case *ast.UnaryOp:
		fl.expr(x)
		return nil
	case *ast.BoolOp:
		fl.expr(x)
		return nil
	case *ast.Tuple:
		fl.expr(x)
		return nil
	case *ast.List:
		fl.expr(x)
		return nil
	case *ast.Starred:
		fl.expr(x)
		return nil
	case *ast.Dict:
		fl.expr(x)
		return nil
	case *ast.JoinedStr:
		fl.expr(x)
		return nil
	case *ast.FormattedValue:
		fl.expr(x)
		return nil
	case *ast.Slice:
		fl.expr(x)
		return nil
	case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.ClassDef, *ast.Lambda:
		if n != fl.root {
			return nil
		}
	}
	return fl
}

// walk lists every statement of body with its context: the enclosing
// function and class, the scope, the environments the enclosing branches
// select, whether a condition the model cannot read encloses it, and the
// __main__ block it is in.
func (fl *flattener) walk(body []ast.Stmt, c *ctx) {
	for _, s := range body {
		fl.add(s, c)
		switch s := s.(type) {
		case *ast.FunctionDef, *ast.AsyncFunctionDef:
			name := FuncName(s)
			if c.fnName != "" {
				name = c.fnName + "." + name
			} else if c.class != nil {
				name = c.class.Name + "." + name
			}
			inner := fl.newCtx(*c)
			inner.sc, inner.fn, inner.fnName, inner.class = fl.newScope(c.sc), s, name, nil
			inner.loop, inner.outer = nil, nil
			fl.walk(FuncBody(s), inner)
		case *ast.ClassDef:
			inner := fl.newCtx(*c)
			inner.class = s
			fl.walk(s.Body, inner)
		case *ast.If:
			if c.fn == nil && c.class == nil && isNameMain(s.Test) {
				inner := fl.newCtx(*c)
				inner.main = s
				fl.walk(s.Body, inner)
				fl.walk(s.Orelse, c)
				continue
			}
			bodyEnv, elseEnv, known := branchEnv(c.mi, s.Test)
			fl.walk(s.Body, fl.branchCtx(c, known, bodyEnv))
			if len(s.Orelse) > 0 {
				fl.walk(s.Orelse, fl.branchCtx(c, known, elseEnv))
			}
		case *ast.For:
			inner := fl.newCtx(*c)
			inner.cond, inner.loop, inner.outer = true, s, c
			fl.walk(s.Body, inner)
			fl.walk(s.Orelse, fl.condCtx(c))
		case *ast.AsyncFor:
			fl.walk(s.Body, fl.condCtx(c))
		case *ast.While:
			inner := fl.condCtx(c)
			fl.walk(s.Body, inner)
			fl.walk(s.Orelse, inner)
		case *ast.With:
			fl.walk(s.Body, c)
		case *ast.AsyncWith:
			fl.walk(s.Body, c)
		case *ast.Try:
			fl.walk(s.Body, c)
			if len(s.Handlers) > 0 {
				inner := fl.condCtx(c)
				for _, h := range s.Handlers {
					fl.walk(h.Body, inner)
				}
			}
			fl.walk(s.Orelse, c)
			fl.walk(s.Finalbody, c)
		case *ast.TryStar:
			fl.walk(s.Body, c)
			if len(s.Handlers) > 0 {
				inner := fl.condCtx(c)
				for _, h := range s.Handlers {
					fl.walk(h.Body, inner)
				}
			}
			fl.walk(s.Orelse, c)
			fl.walk(s.Finalbody, c)
		case *ast.Match:
			inner := fl.condCtx(c)
			for _, mc := range s.Cases {
				fl.walk(mc.Body, inner)
			}
		}
	}
}

// condCtx returns c under a condition the model cannot read (c itself
// when it already is).
func (fl *flattener) condCtx(c *ctx) *ctx {
	if c.cond {
		return c
	}
	inner := fl.newCtx(*c)
	inner.cond = true
	return inner
}

// branchCtx returns c in a branch of an if statement: restricted to the
// environments env when the test could be read (known), else under a
// condition (c itself when that changes nothing).
func (fl *flattener) branchCtx(c *ctx, known bool, env Env) *ctx {
	if !known {
		return fl.condCtx(c)
	}
	if c.env&env == c.env {
		return c
	}
	inner := fl.newCtx(*c)
	inner.env = c.env & env
	return inner
}

// prefetch resolves, for one file, the names the passes will ask about:
// the callee of every call, the values returned and assigned, and the
// session and Authorization-header evidence of its statements.
func (b *builder) prefetch(mi *modInfo) {
	for _, n := range mi.own {
		if call, ok := n.(*ast.Call); ok {
			mi.qual(call.Func)
		}
	}
	if mi.g.flask || mi.g.quart || mi.g.flaskExt {
		// The names whose apps, blueprints and extensions passes 1 and 2
		// look up (see visitCreate, visitFactoryCalls).
		for i := range mi.stmts {
			switch s := mi.stmts[i].s.(type) {
			case *ast.Return:
				if mi.stmts[i].c.fn != nil {
					mi.qual(s.Value)
				}
			case *ast.Assign:
				if len(s.Targets) == 1 {
					mi.qual(s.Value)
				}
			case *ast.AnnAssign:
				mi.qual(s.Value)
			}
		}
	}
	if mi.test || !(mi.g.flask || mi.g.flaskExt) {
		return
	}
	for i := range mi.stmts {
		st := &mi.stmts[i]
		switch st.s.(type) {
		case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.ClassDef:
			continue
		}
		var r authRec
		b.authStmt(st.s, st.c, mi.ownOf(st), &r)
		if len(r.writes) > 0 || len(r.logins) > 0 || len(r.headers) > 0 {
			mi.auth = append(mi.auth, r)
		}
	}
}
