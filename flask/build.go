package flask

import (
	"github.com/flasksec/flasksec/deploy"
	"runtime"
	"sort"
	"strings"

	"github.com/flasksec/flasksec/par"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
)

// importRef is a name a function-level import binds: the qualified name
// it stands for, resolved on use.
type importRef string

// scope is the names bound in a module or a function body that the model
// cares about: apps, blueprints, extensions, view functions and classes.
type scope struct {
	names  map[string]any
	parent *scope
}

func (s *scope) lookup(name string) (any, bool) {
	for ; s != nil; s = s.parent {
		if v, ok := s.names[name]; ok {
			return v, true
		}
	}
	return nil, false
}

// ctx is where the walker stands: the module, the innermost scope, the
// enclosing function and class, and the environments the enclosing
// branches select.
type ctx struct {
	mi     *modInfo
	sc     *scope
	fn     ast.Node // enclosing function; nil at module or class level
	fnName string   // dotted name of the enclosing function ("create_app", "Admin.post")
	class  *ast.ClassDef
	env    Env  // environments the enclosing branches select
	cond   bool // an enclosing branch has a condition the model cannot interpret
	main   *ast.If
	test   bool // test code
	// loop is the innermost for statement enclosing the statement in
	// its function (or at module level); outer its context.
	loop  *ast.For
	outer *ctx
}

// builder holds the state of one model build.
type builder struct {
	m         *Model
	p         *project.Project
	factories map[string]*App // "module.create_app" -> the app it returns
	files     []*modInfo
	nodeMod   map[ast.Node]*modInfo // top-level function or class -> its module
	ix        *resolve.Index        // the repository's name resolution
	// helperRules are add_url_rule calls inside functions that take the
	// rule, view or owner as parameters (register_api(app, View, "/x")),
	// resolved at the functions' call sites once every file is read.
	helperRules []helperRule
	g           *gates
	// runsInFuncs are X.run(...) calls inside functions, and mainCalls the
	// calls made by __main__ blocks: a run in a function that a __main__
	// block calls (main() helpers) is run from that block.
	runsInFuncs []pendingRun
	mainCalls   []mainCall
	// debugEnvs caches, per deployment file, the variables that enable
	// debug mode (see envDebug).
	debugEnvs map[*deploy.File][]deploy.EnvVar
}

// pendingRun is an X.run(...) call inside a function, with its context.
type pendingRun struct {
	c    ctx
	call *ast.Call
	attr *ast.Attribute
}

// mainCall is a call made by a __main__ block.
type mainCall struct {
	file *project.File
	call *ast.Call
	main *ast.If
}

// testOpenGates makes build resolve every name and list every statement,
// as if every library the model looks for could be named (tests compare).
var testOpenGates bool

func build(p *project.Project) *Model {
	m := &Model{proj: p, objects: map[string]any{}, mods: map[*project.File]*modInfo{}}
	b := &builder{m: m, p: p, factories: map[string]*App{}, nodeMod: map[ast.Node]*modInfo{}}
	m.b = b
	ix := resolve.Of(p)
	b.ix = ix
	var files []*project.File
	roots := map[string]bool{}
	for _, f := range p.Files {
		switch {
		case f.AST == nil:
		case f.Kind == project.Python:
			files = append(files, f)
		case f.Is(project.Python):
			addRoots(f, roots) // resolved by the index, not walked by the model
		}
	}
	// Per-file facts, in parallel: first the first components of the
	// names each file can resolve to, which say what the model can find
	// (see gates)...
	mods := make([]*modInfo, len(files))
	fileRoots := make([]map[string]bool, len(files))
	par.Each(len(files), func(i int) {
		mods[i] = newModInfo(ix, files[i])
		fileRoots[i] = map[string]bool{}
		addRoots(files[i], fileRoots[i])
	})
	for i := range mods {
		for r := range fileRoots[i] {
			roots[r] = true
		}
	}
	b.g = newGates(roots)
	if testOpenGates {
		b.g = openGates
	}
	m.g = b.g
	// ... then the statements with their contexts and own nodes, and the
	// names the passes will ask about (see prefetch).
	fls := make([]flattener, runtime.GOMAXPROCS(0))
	for w := range fls {
		fls[w].lean = !b.g.any()
	}
	par.On(len(fls), len(files), func(w, i int) {
		mi := mods[i]
		mi.g = b.g
		mi.stmts, mi.own = fls[w].flatten(mi)
		if b.g.any() && !b.p.Cancelled() {
			b.prefetch(mi)
		}
	})
	for _, mi := range mods {
		m.mods[mi.file] = mi
		b.files = append(b.files, mi)
		for _, fn := range mi.funcs {
			b.nodeMod[fn] = mi
		}
		for _, cl := range mi.classes {
			b.nodeMod[cl] = mi
		}
	}
	// Pass 1: creations (apps, blueprints, extensions) and factories.
	for _, mi := range b.files {
		for i := range mi.stmts {
			b.visitCreate(mi.stmts[i].s, mi.stmts[i].c)
		}
	}
	// Pass 2: apps obtained from factories (app = create_app()), and
	// aliases of apps, blueprints and extensions: none without any.
	if len(m.Apps) > 0 || len(m.Blueprints) > 0 || len(m.Extensions) > 0 || len(b.factories) > 0 {
		for _, mi := range b.files {
			for i := range mi.stmts {
				b.visitFactoryCalls(mi.stmts[i].s, mi.stmts[i].c)
			}
		}
	}
	// Namespaces created in pass 2 go to their place in file/line order.
	sort.SliceStable(m.Extensions, func(i, j int) bool {
		a, c := m.Extensions[i], m.Extensions[j]
		if a.File.Path != c.File.Path {
			return a.File.Path < c.File.Path
		}
		return a.Call.Pos().Before(c.Call.Pos())
	})
	// Pass 3: everything else. Names bind in passes 1 and 2 only, so the
	// CSRF exemptions and header checks are read here too.
	cb := newConfigBuilder(b)
	for _, mi := range b.files {
		for i := range mi.stmts {
			st := &mi.stmts[i]
			own := mi.ownOf(st)
			b.visitUse(st.s, st.c, own)
			cb.visit(st.s, st.c)
			if !mi.test {
				b.csrfStmt(st.s, st.c, own)
			}
		}
	}
	cb.finish()
	b.resolveHelperRules()
	b.runsThroughMain()
	m.indexRoutes()
	b.collectAuth()
	b.collectCSRF()
	b.collectEntrypoints()
	for _, mi := range b.files {
		// The lists are rebuilt on demand (EnvAt); the resolved names
		// stay, read-only, for the model's readers.
		mi.stmts, mi.own, mi.auth = nil, nil, nil
	}
	b.freeze()
	return m
}

// freeze makes the names resolved so far read-only: from then on the
// model may be read from several goroutines.
func (b *builder) freeze() {
	for _, mi := range b.files {
		mi.frozen = true
	}
}

// bind records name -> obj in the context's scope (and, at module level,
// under the module's qualified name).
func (b *builder) bind(c *ctx, name string, obj any) {
	if c.class != nil && c.fn == nil {
		return
	}
	if c.sc.names == nil {
		c.sc.names = map[string]any{}
	}
	c.sc.names[name] = obj
	if c.fn == nil && c.mi.module != "" {
		b.m.objects[c.mi.module+"."+name] = obj
	}
}

// resolve returns the model object (*App, *Blueprint, *Extension, or a
// function/class node) that e refers to, or nil.
func (b *builder) resolve(c *ctx, e ast.Expr) any {
	switch e := e.(type) {
	case *ast.Name:
		if v, ok := c.sc.lookup(e.ID); ok {
			if ref, isRef := v.(importRef); isRef {
				return b.lookupQual(string(ref), 0)
			}
			return v
		}
		if q := c.mi.qual(e); q != "" {
			return b.lookupQual(q, 0)
		}
	case *ast.Attribute:
		if q := c.mi.qual(e); q != "" {
			return b.lookupQual(q, 0)
		}
	case *ast.Call:
		if fn, ok := b.resolve(c, e.Func).(ast.Node); ok {
			if a := b.factories[b.funcQual(fn)]; a != nil {
				return a
			}
		}
	}
	return nil
}

// lookupQual finds the object bound to a qualified name, following
// re-exports through package imports.
func (b *builder) lookupQual(q string, depth int) any {
	if v, ok := b.m.objects[q]; ok {
		return v
	}
	if depth > 6 {
		return nil
	}
	i := strings.LastIndex(q, ".")
	if i < 0 {
		return nil
	}
	modName, name := q[:i], q[i+1:]
	mi := b.moduleNamed(modName)
	if mi == nil {
		return nil
	}
	if fn, ok := mi.funcs[name]; ok {
		return fn
	}
	if cl, ok := mi.classes[name]; ok {
		return cl
	}
	if v, ok := b.m.objects[mi.module+"."+name]; ok {
		return v
	}
	if next, ok := mi.res.Imports[name]; ok && next != q {
		return b.lookupQual(next, depth+1)
	}
	return nil
}

// moduleNamed returns the repository module with a dotted name (as the
// resolve index knows it, including names relative to a folder below the
// scanned root), or nil.
func (b *builder) moduleNamed(name string) *modInfo {
	if rm := b.ix.ModuleNamed(name); rm != nil {
		return b.m.mods[rm.File]
	}
	return nil
}

// funcQual returns "module.func" for a top-level function node.
func (b *builder) funcQual(fn ast.Node) string {
	if mi := b.nodeMod[fn]; mi != nil && mi.funcs[FuncName(fn)] == fn {
		return mi.module + "." + FuncName(fn)
	}
	return ""
}

// classOf resolves e to a class definition in the repository.
func (b *builder) classOf(c *ctx, e ast.Expr) (*ast.ClassDef, *modInfo) {
	cl, _ := b.resolve(c, e).(*ast.ClassDef)
	if cl == nil {
		return nil, nil
	}
	return cl, b.modOfNode(cl)
}

// modOfNode returns the module that defines a top-level function or class.
func (b *builder) modOfNode(n ast.Node) *modInfo { return b.nodeMod[n] }

// extensionClass returns the class name and qualified name of an
// extension or middleware constructor call, or "" when the call is not
// one: classes imported from flask_* packages.
func extensionClass(mi *modInfo, call *ast.Call) (name, qual string) {
	if !mi.g.flaskExt {
		return "", ""
	}
	q := mi.importedQual(call.Func)
	if q == "" {
		return "", ""
	}
	last := q[strings.LastIndex(q, ".")+1:]
	if last == "" || last[0] < 'A' || last[0] > 'Z' {
		return "", ""
	}
	switch {
	case strings.HasPrefix(q, "flask_"):
		return last, q
	}
	return "", ""
}

func (b *builder) visitCreate(s ast.Stmt, c *ctx) {
	var targets []ast.Expr
	var value ast.Expr
	switch s := s.(type) {
	case *ast.Assign:
		targets, value = s.Targets, s.Value
	case *ast.AnnAssign:
		if s.Value == nil {
			return
		}
		targets, value = []ast.Expr{s.Target}, s.Value
	case *ast.ExprStmt:
		value = s.Value
	case *ast.Return:
		// Only an app can be returned as one (none yet, none returned).
		if c.fn != nil && s.Value != nil && len(b.m.Apps) > 0 {
			if a, ok := b.resolve(c, s.Value).(*App); ok && a.Factory == c.fnName {
				if q := c.mi.module + "." + c.fnName; !strings.Contains(c.fnName, ".") {
					b.factories[q] = a
				}
			}
		}
		return
	case *ast.FunctionDef, *ast.AsyncFunctionDef:
		b.bind(c, FuncName(s), s)
		return
	case *ast.Import, *ast.ImportFrom:
		if c.fn != nil {
			// Imports inside a factory: from .main import main as main_bp.
			for local, q := range c.mi.boundImports(s) {
				b.bind(c, local, importRef(q))
			}
		}
		return
	case *ast.ClassDef:
		if c.fn != nil {
			b.bind(c, s.Name, s)
		}
		return
	default:
		return
	}
	call, ok := value.(*ast.Call)
	if !ok || !(c.mi.g.flask || c.mi.g.quart || c.mi.g.flaskExt) {
		return
	}
	var name string
	if len(targets) == 1 {
		if n, ok := targets[0].(*ast.Name); ok {
			name = n.ID
		}
	}
	q := c.mi.importedQual(call.Func)
	switch q {
	case "flask.Flask", "quart.Quart", "flask.app.Flask":
		a := &App{Name: name, File: c.mi.file, Call: call, Factory: c.fnName, Test: c.test,
			Kwargs: map[string]ast.Expr{}}
		for _, k := range call.Keywords {
			if k.Arg != "" {
				a.Kwargs[k.Arg] = k.Value
			}
		}
		a.Config = newConfig()
		b.m.Apps = append(b.m.Apps, a)
		if name != "" {
			b.bind(c, name, a)
		}
		return
	case "flask.Blueprint", "flask.blueprints.Blueprint", "flask_smorest.Blueprint", "flask_smorest.blueprint.Blueprint":
		// A flask-smorest Blueprint is a Flask Blueprint (registered
		// through its Api's register_blueprint).
		bp := &Blueprint{Var: name, File: c.mi.file, Call: call}
		if n, ok := StrConst(Arg(call, 0, "name")); ok {
			bp.Name = n
		} else {
			bp.Name = name
		}
		if v, ok := StrConst(Kwarg(call, "url_prefix")); ok {
			bp.URLPrefix = v
		}
		if v, ok := StrConst(Kwarg(call, "template_folder")); ok {
			bp.TemplateFolder = v
		}
		b.m.Blueprints = append(b.m.Blueprints, bp)
		if name != "" {
			b.bind(c, name, bp)
		}
		return
	}
	if cls, qual := extensionClass(c.mi, call); cls != "" {
		e := &Extension{Name: cls, Qual: qual, Var: name, File: c.mi.file, Call: call, Test: c.test}
		for _, k := range call.Keywords {
			if k.Arg != "" {
				if e.Kwargs == nil {
					e.Kwargs = map[string]ast.Expr{}
				}
				e.Kwargs[k.Arg] = k.Value
			}
		}
		restPaths(e, qual, call)
		b.m.Extensions = append(b.m.Extensions, e)
		if name != "" {
			b.bind(c, name, e)
		}
	}
}

// restLibs are the packages whose Api and Namespace objects route like
// an app, with URL prefixes of their own.
var restLibs = map[string]bool{"flask_restx": true, "flask_restplus": true, "flask_restful": true}

// restPaths records the URL prefix of a REST framework's Api(prefix=...)
// or Namespace(name, path=...) (flask-restx's default path: "/" + name).
func restPaths(e *Extension, qual string, call *ast.Call) {
	if !restLibs[firstComponent(qual)] {
		return
	}
	switch e.Name {
	case "Api":
		e.Path, _ = StrConst(Kwarg(call, "prefix"))
	case "Namespace":
		e.Label, _ = StrConst(Arg(call, 0, "name"))
		if p, ok := StrConst(Kwarg(call, "path")); ok && p != "" {
			e.Path = p
		} else if e.Label != "" {
			e.Path = "/" + e.Label
		}
		e.Path = strings.TrimRight(e.Path, "/")
	}
}

// createNamespace records ns = api.namespace("name", path=...) (pass 2:
// the Api may be created in a module walked later in pass 1).
func (b *builder) createNamespace(c *ctx, name string, call *ast.Call) bool {
	a, ok := call.Func.(*ast.Attribute)
	if !ok || a.Attr != "namespace" {
		return false
	}
	api, ok := b.resolve(c, a.Value).(*Extension)
	if !ok || api.Name != "Api" || !restLibs[firstComponent(api.Qual)] {
		return false
	}
	e := &Extension{Name: "Namespace", Qual: firstComponent(api.Qual) + ".Namespace", Var: name, File: c.mi.file,
		Call: call, Test: c.test, Parent: api}
	restPaths(e, e.Qual, call)
	b.m.Extensions = append(b.m.Extensions, e)
	if _, bound := c.sc.names[name]; !bound {
		b.bind(c, name, e)
	}
	return true
}

func (b *builder) visitFactoryCalls(s ast.Stmt, c *ctx) {
	var targets []ast.Expr
	var value ast.Expr
	switch s := s.(type) {
	case *ast.Assign:
		targets, value = s.Targets, s.Value
	case *ast.AnnAssign:
		targets, value = []ast.Expr{s.Target}, s.Value
	default:
		return
	}
	if len(targets) != 1 {
		return
	}
	n, ok := targets[0].(*ast.Name)
	if !ok {
		return
	}
	switch value.(type) {
	case *ast.Name, *ast.Attribute:
		// app = application; bp = views.bp
		if len(b.m.Apps) == 0 && len(b.m.Blueprints) == 0 && len(b.m.Extensions) == 0 {
			return // nothing to alias
		}
		switch obj := b.resolve(c, value).(type) {
		case *App, *Blueprint, *Extension:
			if _, bound := c.sc.names[n.ID]; !bound {
				b.bind(c, n.ID, obj)
			}
		}
		return
	}
	call, ok := value.(*ast.Call)
	if ok && len(b.m.Extensions) > 0 && b.createNamespace(c, n.ID, call) {
		return
	}
	if !ok || len(b.factories) == 0 {
		return // a call resolves to an app through a factory only
	}
	if a, ok := b.resolve(c, call).(*App); ok {
		if _, bound := c.sc.names[n.ID]; !bound {
			b.bind(c, n.ID, a)
		}
	}
}

// appOf returns the app an expression designates: an app, or an app's
// wsgi_app / an extension bound to an app.
func (b *builder) appOf(c *ctx, e ast.Expr) *App {
	switch v := b.resolve(c, e).(type) {
	case *App:
		return v
	}
	return nil
}

// visitUse reads statement s's routes, hooks, registrations, extension
// set-ups, servers started and .env loads; own are its own nodes (see
// inspectOwn).
func (b *builder) visitUse(s ast.Stmt, c *ctx, own []ast.Node) {
	switch s := s.(type) {
	case *ast.FunctionDef, *ast.AsyncFunctionDef:
		b.collectRoutesOfFunc(s, c)
		b.collectHooks(s, c)
	case *ast.ClassDef:
		b.collectRoutesOfClass(s, c)
	case *ast.Assign:
		// app.wsgi_app = ProxyFix(app.wsgi_app, ...)
		if call, ok := s.Value.(*ast.Call); ok {
			b.checkProxyFix(call, c)
		}
	}
	// Calls anywhere in the statement (not in nested definitions).
	switch s.(type) {
	case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.ClassDef:
		return
	}
	for _, n := range own {
		call, ok := n.(*ast.Call)
		if !ok {
			continue
		}
		if q := c.mi.dotenvQual(call.Func); (q == "dotenv.load_dotenv" || q == "dotenv.main.load_dotenv" ||
			q == "dotenv.dotenv_values") && !c.test {
			b.m.DotEnvLoads = append(b.m.DotEnvLoads, Evidence{File: c.mi.file, Node: call, What: q + "()"})
		} else if a, ok := call.Func.(*ast.Attribute); ok && a.Attr == "read_env" && !c.test {
			// environs: env = Env(); env.read_env()
			b.m.DotEnvLoads = append(b.m.DotEnvLoads, Evidence{File: c.mi.file, Node: call, What: Dotted(call.Func) + "()"})
		}
		if c.main != nil {
			b.mainCalls = append(b.mainCalls, mainCall{file: c.mi.file, call: call, main: c.main})
		}
		attr, ok := call.Func.(*ast.Attribute)
		if !ok {
			if cls, _ := extensionClass(c.mi, call); cls != "" {
				b.noteExtensionApp(c, call)
			}
			continue
		}
		switch attr.Attr {
		case "register_blueprint":
			b.registerBlueprint(c, call, attr)
		case "init_app":
			if e, ok := b.resolve(c, attr.Value).(*Extension); ok && len(call.Args) > 0 {
				e.InitCalls = append(e.InitCalls, InitCall{File: c.mi.file, Call: call, App: b.appOf(c, call.Args[0])})
			}
		case "add_url_rule":
			b.addURLRule(c, call, attr)
		case "add_resource":
			b.addResource(c, call, attr)
		case "add_namespace":
			b.addNamespace(c, call, attr)
		case "after_request", "before_request", "after_app_request", "before_app_request", "teardown_request":
			if len(call.Args) == 1 {
				if fn, ok := b.resolve(c, call.Args[0]).(ast.Node); ok && FuncName(fn) != "" {
					h := &Hook{Kind: attr.Attr, File: b.fileOf(fn, c), Func: fn}
					if bp, ok := b.resolve(c, attr.Value).(*Blueprint); ok && !strings.Contains(attr.Attr, "_app_") {
						h.Blueprint = bp
					}
					b.m.Hooks = append(b.m.Hooks, h)
				}
			}
		case "run":
			// In a __main__ block, or at module level outside any
			// function (then every import starts the server).
			if c.main != nil || (c.fn == nil && c.class == nil && !c.test) {
				b.noteMainRun(c, call, attr)
			} else if c.fn != nil && !c.test && (len(b.m.Apps) > 0 || len(b.m.Extensions) > 0 || c.mi.importsFlask()) {
				// (Else noteMainRun would find nothing to run.)
				b.runsInFuncs = append(b.runsInFuncs, pendingRun{c: *c, call: call, attr: attr})
			}
		}
	}
	if c.main != nil && (c.mi.g.waitress || c.mi.g.werkzeug) {
		if es, ok := s.(*ast.ExprStmt); ok {
			if call, ok := es.Value.(*ast.Call); ok {
				if q := c.mi.importedQual(call.Func); q == "waitress.serve" || q == "werkzeug.serving.run_simple" {
					b.noteMainServe(c, call, q)
				}
			}
		}
	}
}

// noteExtensionApp records the app given to an extension constructor
// used without a variable (CSRFProtect(app), CORS(app)).
func (b *builder) noteExtensionApp(c *ctx, call *ast.Call) {
	for _, e := range b.m.Extensions {
		if e.Call == call {
			v := Arg(call, 0, "app")
			if v == nil {
				return
			}
			switch o := b.resolve(c, v).(type) {
			case *App:
				e.App = o
			case *Blueprint:
				// Api(bp): a REST API mounted on a blueprint.
				e.Blueprint = o
			}
			return
		}
	}
}

func (b *builder) fileOf(n ast.Node, c *ctx) *project.File {
	if mi := b.modOfNode(n); mi != nil {
		return mi.file
	}
	return c.mi.file
}

func (b *builder) registerBlueprint(c *ctx, call *ast.Call, attr *ast.Attribute) {
	if len(call.Args) == 0 {
		return
	}
	bp, ok := b.resolve(c, call.Args[0]).(*Blueprint)
	if !ok {
		return
	}
	r := &Registration{File: c.mi.file, Call: call}
	switch owner := b.resolve(c, attr.Value).(type) {
	case *App:
		r.App = owner
	case *Blueprint:
		r.Parent = owner
	case *Extension:
		// flask-smorest: api.register_blueprint(blp), the Api being
		// bound to its app later perhaps (Api(); api.init_app(app)).
		r.api = owner
	}
	if v := Kwarg(call, "url_prefix"); v != nil {
		r.HasPrefix = true
		r.URLPrefix, _ = StrConst(v)
	}
	bp.Registrations = append(bp.Registrations, r)
}

// maxMainDepth bounds how many repository calls deep runsThroughMain
// follows a __main__ block (main() -> serve() -> app.run()).
const maxMainDepth = 3

// runsThroughMain records, as run from a __main__ block, the X.run(...)
// calls of functions that the block calls, directly or through up to
// maxMainDepth repository functions: `if __name__ == "__main__": main()`
// with app.run() inside main() starts the development server as surely as
// an inline app.run().
func (b *builder) runsThroughMain() {
	if len(b.runsInFuncs) == 0 || len(b.mainCalls) == 0 {
		return
	}
	reached := map[ast.Node]mainCall{}
	type item struct {
		fn    *resolve.Func
		main  mainCall
		depth int
	}
	var queue []item
	for _, mc := range b.mainCalls {
		if _, fn := b.ix.Callee(mc.file, mc.call); fn != nil {
			queue = append(queue, item{fn, mc, 1})
		}
	}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		if _, seen := reached[it.fn.Node]; seen {
			continue
		}
		reached[it.fn.Node] = it.main
		if it.depth >= maxMainDepth {
			continue
		}
		InspectBody(it.fn.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.Call); ok {
				if _, fn := b.ix.Callee(it.fn.File, call); fn != nil {
					queue = append(queue, item{fn, it.main, it.depth + 1})
				}
			}
			return true
		})
	}
	for _, r := range b.runsInFuncs {
		mc, ok := reached[r.c.fn]
		if !ok {
			continue
		}
		c := r.c
		c.main = mc.main
		n := len(b.m.MainBlocks)
		b.noteMainRun(&c, r.call, r.attr)
		if len(b.m.MainBlocks) > n {
			b.m.MainBlocks[n].Started = mc.file
		}
	}
}
