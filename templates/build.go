package templates

import (
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/jinja"
	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/par"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
)

func build(p *project.Project) *Model {
	m := &Model{byName: map[string][]*Template{}, byPath: map[string]*Template{}, usedBy: map[*Template][]*Template{}}
	folders, appFolders := templateFolders(p)
	m.appFolders = appFolders
	// Each template on its own, in parallel.
	files := p.FilesOf(project.Template)
	parsed := make([]*Template, len(files))
	par.Each(len(files), func(i int) {
		f := files[i]
		t := &Template{File: f}
		t.Folder, t.Name = nameOf(f.Path, folders)
		src := string(f.Src)
		if p.Cancelled() {
			src = "" // superseded: an empty template, still a valid one
		}
		t.AST, t.Errors = jinja.Parse(src)
		if len(t.Errors) > 0 {
			if why := foreignReason(f.Path, f.Src); why != "" {
				// Another template language: nothing of it is Jinja.
				t.Foreign = why
				t.AST, t.Errors = jinja.Parse("")
			}
		}
		t.HTML = jinja.AnalyzeHTML(t.AST)
		ctx := make(map[*jinja.Output]jinja.Context, len(t.HTML.Outputs))
		for _, o := range t.HTML.Outputs {
			ctx[o.Output] = o.Context
		}
		w := &walker{t: t, contexts: ctx}
		w.walk(t.AST.Body, walkState{})
		parsed[i] = t
	})
	for _, t := range parsed {
		f := t.File
		m.Templates = append(m.Templates, t)
		m.byPath[f.Path] = t
		m.byName[t.Name] = append(m.byName[t.Name], t)
	}
	// Resolve references between templates.
	for _, t := range m.Templates {
		for _, group := range [][]*Ref{t.Extends, t.Includes, t.Imports} {
			for _, r := range group {
				for _, n := range r.Names {
					if ts := m.Lookup(n, t.Folder); len(ts) > 0 {
						r.Targets = append(r.Targets, ts[0])
					}
				}
			}
		}
		for _, r := range t.Extends {
			for _, target := range r.Targets {
				m.addUse(target, t)
			}
		}
		m.rawIncludes(t)
		m.rawBlocks(t)
		for _, group := range [][]*Ref{t.Includes, t.Imports} {
			for _, r := range group {
				if !r.WithContext {
					continue
				}
				for _, target := range r.Targets {
					m.addUse(target, t)
				}
			}
		}
	}
	cfg := p.Config
	m.findPython(p, knowledge.New(cfg.Sources, cfg.Sinks, cfg.Sanitizers))
	for _, r := range m.Renders {
		for _, n := range r.Names {
			ts := m.Lookup(n, path.Dir(r.File.Path))
			if len(ts) == 0 {
				continue
			}
			r.Templates = append(r.Templates, ts[0])
			ts[0].Renders = append(ts[0].Renders, r)
		}
	}
	return m
}

// rawIncludes re-reads the HTML contexts of templates included inside a
// <script> or <style> element: a partial holding only JavaScript or CSS
// (no markup of its own) starts in that element's text.
func (m *Model) rawIncludes(t *Template) {
	for _, ic := range t.HTML.Includes {
		c := ic.Context
		if c.Kind != jinja.CtxScript && c.Kind != jinja.CtxStyle {
			continue
		}
		for _, name := range constStrings(ic.Include.Template) {
			ts := m.Lookup(name, t.Folder)
			if len(ts) == 0 || ts[0] == t || ts[0].HTML.Tags > 0 || ts[0].rawIn != "" {
				continue
			}
			target := ts[0]
			target.rawIn = c.Tag
			info := jinja.AnalyzeHTMLIn(target.AST, c.Tag, c.Script)
			ctx := make(map[*jinja.Output]jinja.Context, len(info.Outputs))
			for _, o := range info.Outputs {
				ctx[o.Output] = o.Context
			}
			for _, o := range target.Outputs {
				o.Context = ctx[o.Node]
			}
		}
	}
}

// rawBlocks re-reads the HTML contexts of the blocks a template
// overrides when its parent opens them inside a <script> or <style>
// element (<script>{% block js %}{% endblock %}</script>).
func (m *Model) rawBlocks(t *Template) {
	for _, r := range t.Extends {
		for _, parent := range r.Targets {
			raw := map[string]jinja.Context{}
			for _, bc := range parent.HTML.Blocks {
				if k := bc.Context.Kind; k == jinja.CtxScript || k == jinja.CtxStyle {
					raw[bc.Block.Name] = bc.Context
				}
			}
			if len(raw) == 0 {
				continue
			}
			for _, bc := range t.HTML.Blocks {
				c, ok := raw[bc.Block.Name]
				if !ok || bc.Context.Kind != jinja.CtxText {
					continue
				}
				info := jinja.AnalyzeHTMLIn(&jinja.Template{Span: bc.Block.Span, Body: bc.Block.Body}, c.Tag, c.Script)
				ctx := make(map[*jinja.Output]jinja.Context, len(info.Outputs))
				for _, o := range info.Outputs {
					ctx[o.Output] = o.Context
				}
				for _, o := range t.Outputs {
					if c, ok := ctx[o.Node]; ok {
						o.Context = c
					}
				}
			}
		}
	}
}

func (m *Model) addUse(target, user *Template) {
	if target == user {
		return
	}
	for _, u := range m.usedBy[target] {
		if u == user {
			return
		}
	}
	m.usedBy[target] = append(m.usedBy[target], user)
}

// templateFolders returns the project-relative template folders declared
// in Python: Flask(template_folder=...) and Blueprint(template_folder=...),
// relative to the declaring file's folder as Flask resolves them.
func templateFolders(p *project.Project) (folders []string, appFolders map[string]bool) {
	appFolders = map[string]bool{}
	add := func(f *project.File, dir string) string {
		if dir == "" || path.IsAbs(dir) {
			return ""
		}
		d := path.Clean(path.Join(path.Dir(f.Path), dir))
		folders = append(folders, d)
		return d
	}
	model := flask.ModelOf(p)
	for _, a := range model.Apps {
		if a.Test {
			continue
		}
		dir := "templates"
		if v, ok := flask.StrConst(a.Kwargs["template_folder"]); ok {
			dir = v
		}
		if d := add(a.File, dir); d != "" {
			appFolders[d] = true
		}
	}
	for _, b := range model.Blueprints {
		add(b.File, b.TemplateFolder)
	}
	sort.Strings(folders)
	return folders, appFolders
}

// nameOf returns a template file's folder and name: relative to the
// deepest declared template folder holding it, else to the nearest
// enclosing "templates" folder, else its project path.
func nameOf(rel string, folders []string) (folder, name string) {
	best := ""
	for _, d := range folders {
		if d == "." {
			d = ""
		}
		if (d == "" || strings.HasPrefix(rel, d+"/")) && len(d) >= len(best) {
			best = d
			folder = d
			name = strings.TrimPrefix(strings.TrimPrefix(rel, d), "/")
		}
	}
	if name != "" && best != "" {
		return folder, name
	}
	parts := strings.Split(rel, "/")
	for i := len(parts) - 2; i >= 0; i-- {
		if parts[i] == "templates" {
			return strings.Join(parts[:i+1], "/"), strings.Join(parts[i+1:], "/")
		}
	}
	if name != "" {
		return folder, name
	}
	return "", rel
}

// Render is one Python call that renders a template.
type Render struct {
	File *project.File
	Call *ast.Call
	// Names are the candidate template names (a constant, a name bound to
	// constants, a list, both branches of a conditional); empty when the
	// name is computed at run time.
	Names []string
	// Func is the enclosing function's name ("show", "Admin.get"); Route
	// its route when it is a view ("GET /profile").
	Func     string
	FuncNode ast.Node
	Route    string
	// Keywords are the context values passed by name, including the keys
	// of a **{"k": v} dict literal.
	Keywords map[string]ast.Expr
	// StarKwargs are the **ctx arguments that could not be expanded.
	StarKwargs []ast.Expr
	// Env is true when the template is rendered through a jinja2
	// Environment built in the code (env.get_template(...).render(...)),
	// not through Flask; EnvAutoescape says whether that environment
	// autoescapes.
	Env           bool
	EnvAutoescape bool
	// Returned is true when the call's result is returned by its function
	// as is (a view's response body).
	Returned  bool
	Templates []*Template // the templates the names resolve to
	// Wrapper is set on a render seen through a helper: a function that
	// calls render_template(name, **kwargs) with its own parameters. The
	// render is then the call of the helper (File, Call, Func, Route,
	// Keywords are the caller's) and Wrapper the render_template call
	// inside the helper.
	Wrapper *Render
}

// Line returns the 1-based line of the call.
func (r *Render) Line() int { return int(r.Call.Pos().Line) }

// Where describes the render site: `view show (GET /profile) at app.py:14`.
func (r *Render) Where() string {
	s := ""
	if r.Func != "" {
		s = r.Func
		if r.Route != "" {
			s += " (" + r.Route + ")"
		}
		s += " at "
	}
	s += r.File.Path + ":" + strconv.Itoa(r.Line())
	if r.Wrapper != nil {
		s += " through " + r.Wrapper.Func + "()"
	}
	return s
}

var renderFuncs = map[string]bool{
	"flask.render_template": true, "flask.templating.render_template": true,
	"flask.stream_template": true, "flask.templating.stream_template": true,
}

var envClasses = map[string]bool{
	"jinja2.Environment": true, "jinja2.environment.Environment": true,
}

// pyFile is the per-file state of the Python scan, and what it finds.
type pyFile struct {
	f     *project.File
	ix    *resolve.Index
	model *flask.Model
	envs  map[string]bool // variable name -> autoescape of the Environment assigned to it (module level)
	// flask and jinja2 are set when a name of the project can resolve to
	// one of flask's or jinja2's (see flask.Model.MayResolveUnder): else
	// no call can render a template or build an Environment.
	flask, jinja2 bool

	renders []*Render
	autoOff []PySite
	ext     []extEvent // see findExtensions
	funcs   []ast.Node // the functions, in walk order (findExtensions)
	regs    []ast.Node // registrations of filters and globals met (findExtensions)
	regv    *regVisitor
	// callsOnly makes the walk list the file's calls in calls, and do
	// nothing else (see throughHelpers).
	callsOnly bool
	calls     []pyCall

	fn     ast.Node // the function whose statement visit inspects
	retVal ast.Expr // the value of the last return statement visit met
	onCall func(*ast.Call)
}

// testResolveAll makes every call resolved, whatever the project imports
// (tests compare).
var testResolveAll bool

// newPyFile returns the state of the scan of file f.
func newPyFile(f *project.File, ix *resolve.Index, model *flask.Model) *pyFile {
	pf := &pyFile{f: f, ix: ix, model: model,
		flask: testResolveAll || model.MayResolveUnder("flask"), jinja2: testResolveAll || model.MayResolveUnder("jinja2")}
	pf.onCall = func(c *ast.Call) { pf.call(c, pf.fn, ast.Expr(c) == pf.retVal) }
	return pf
}

// qual returns the qualified name of e (see resolve.Index.QualName).
func (pf *pyFile) qual(e ast.Expr) string { return pf.model.QualName(pf.f, e) }

// findPython finds render calls, Environment objects and autoescape
// settings in every Python file, and the template filters and globals
// they define (see findExtensions): each file on its own, in parallel,
// the results in file order.
func (m *Model) findPython(p *project.Project, kb *knowledge.Tables) {
	ix := resolve.Of(p)
	model := flask.ModelOf(p)
	var files []*project.File
	for _, f := range p.FilesOf(project.Python) {
		if f.AST != nil {
			files = append(files, f)
		}
	}
	pfs := make([]*pyFile, len(files))
	par.Each(len(files), func(i int) {
		f := files[i]
		pf := newPyFile(f, ix, model)
		pf.envs = map[string]bool{}
		pf.collectEnvs(f.AST.Body)
		pf.walkBody(f.AST.Body, nil)
		pf.findExtensions()
		pfs[i] = pf
	})
	m.Filters = map[string]*Filter{}
	m.Globals = map[string][]*Global{}
	for _, pf := range pfs {
		m.Renders = append(m.Renders, pf.renders...)
		m.AutoescapeOff = append(m.AutoescapeOff, pf.autoOff...)
		m.addExtensions(pf, ix, kb)
	}
	m.Renders = append(m.Renders, m.throughHelpers(files, ix, model)...)
	sort.SliceStable(m.Renders, func(i, j int) bool {
		a, b := m.Renders[i], m.Renders[j]
		if a.File.Path != b.File.Path {
			return a.File.Path < b.File.Path
		}
		return a.Call.Pos().Before(b.Call.Pos())
	})
}

// collectEnvs records module-level `env = Environment(...)` assignments.
func (pf *pyFile) collectEnvs(body []ast.Stmt) {
	for _, s := range body {
		as, ok := s.(*ast.Assign)
		if !ok || len(as.Targets) != 1 {
			continue
		}
		n, ok := as.Targets[0].(*ast.Name)
		if !ok {
			continue
		}
		if c, ok := as.Value.(*ast.Call); ok && pf.jinja2 && envClasses[pf.qual(c.Func)] {
			pf.envs[n.ID] = envAutoescape(c)
		}
	}
}

// envAutoescape says whether Environment(...) autoescapes: autoescape=True
// or a select_autoescape(...)/callable value does; no argument or False
// does not (Jinja's default is off).
func envAutoescape(c *ast.Call) bool {
	v := flask.Kwarg(c, "autoescape")
	if v == nil {
		return false
	}
	if b, ok := flask.BoolConst(v); ok {
		return b
	}
	return true
}

// walkBody visits statements; fn is the enclosing function node.
func (pf *pyFile) walkBody(body []ast.Stmt, fn ast.Node) {
	for _, s := range body {
		switch s := s.(type) {
		case *ast.FunctionDef:
			pf.walkBody(s.Body, s)
			continue
		case *ast.AsyncFunctionDef:
			pf.walkBody(s.Body, s)
			continue
		case *ast.ClassDef:
			pf.walkBody(s.Body, fn)
			continue
		case *ast.Assign:
			if !pf.callsOnly {
				pf.autoescapeSetting(s)
			}
		}
		pf.fn, pf.retVal = fn, nil
		ast.Walk(pf, s)
		// Nested bodies of compound statements hold nested functions too.
		pf.walkNestedBodies(s, fn)
	}
}

// Visit implements ast.Visitor for walkBody: it handles the calls of a
// statement outside nested functions, classes and lambdas, telling those
// a return statement returns as they are.
func (pf *pyFile) Visit(n ast.Node) ast.Visitor {
	switch n := n.(type) {
	case nil, *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.ClassDef:
		return nil
	case *ast.Lambda:
		if !pf.callsOnly {
			pf.regWalk(n) // for findExtensions
		}
		return nil
	case *ast.Return:
		if n.Value != nil {
			pf.retVal = n.Value // visited next
		}
	case *ast.Name:
		walkExpr(n, pf, pf.onCall)
		return nil
	case *ast.Constant:
		walkExpr(n, pf, pf.onCall)
		return nil
	case *ast.Attribute:
		walkExpr(n, pf, pf.onCall)
		return nil
	case *ast.Call:
		walkExpr(n, pf, pf.onCall)
		return nil
	case *ast.Subscript:
		walkExpr(n, pf, pf.onCall)
		return nil
	case *ast.Compare:
		walkExpr(n, pf, pf.onCall)
		return nil
	case *ast.BinOp:
		walkExpr(n, pf, pf.onCall)
		return nil
	case *ast.UnaryOp:
		walkExpr(n, pf, pf.onCall)
		return nil
	case *ast.BoolOp:
		walkExpr(n, pf, pf.onCall)
		return nil
	case *ast.Tuple:
		walkExpr(n, pf, pf.onCall)
		return nil
	case *ast.List:
		walkExpr(n, pf, pf.onCall)
		return nil
	case *ast.Starred:
		walkExpr(n, pf, pf.onCall)
		return nil
	case *ast.Dict:
		walkExpr(n, pf, pf.onCall)
		return nil
	case *ast.JoinedStr:
		walkExpr(n, pf, pf.onCall)
		return nil
	case *ast.FormattedValue:
		walkExpr(n, pf, pf.onCall)
		return nil
	case *ast.Slice:
		walkExpr(n, pf, pf.onCall)
		return nil
	}
	return pf
}

// walkExpr walks e and its children as ast.Walk(v, e) does when v.Visit
// returns v for them, calling call on each call before its children,
// for the common kinds of expressions: without a call through
// ast.Visitor per node. It reports false, doing nothing, when e is of
// another kind; the children of e of other kinds go through ast.Walk(v,
// ...), so that v decides about them (lambdas, comprehensions...).
func walkExpr(e ast.Expr, v ast.Visitor, call func(*ast.Call)) bool {
	switch x := e.(type) {
	case *ast.Name, *ast.Constant:
	case *ast.Attribute:
		walkChild(x.Value, v, call)
	case *ast.Call:
		call(x)
		walkChild(x.Func, v, call)
		for _, a := range x.Args {
			walkChild(a, v, call)
		}
		for _, k := range x.Keywords {
			if k != nil {
				walkChild(k.Value, v, call)
			}
		}
	case *ast.Subscript:
		walkChild(x.Value, v, call)
		walkChild(x.Slice, v, call)
	case *ast.Compare:
		walkChild(x.Left, v, call)
		for _, c := range x.Comparators {
			walkChild(c, v, call)
		}
	case *ast.BinOp:
		walkChild(x.Left, v, call)
		walkChild(x.Right, v, call)
	case *ast.UnaryOp:
		walkChild(x.Operand, v, call)
	case *ast.BoolOp:
		for _, y := range x.Values {
			walkChild(y, v, call)
		}
	case *ast.Tuple:
		for _, y := range x.Elts {
			walkChild(y, v, call)
		}
	case *ast.List:
		for _, y := range x.Elts {
			walkChild(y, v, call)
		}
	case *ast.Starred:
		walkChild(x.Value, v, call)
	case *ast.Dict:
		for _, k := range x.Keys {
			walkChild(k, v, call)
		}
		for _, y := range x.Values {
			walkChild(y, v, call)
		}
	case *ast.JoinedStr:
		for _, y := range x.Values {
			walkChild(y, v, call)
		}
	case *ast.FormattedValue:
		walkChild(x.Value, v, call)
		walkChild(x.FormatSpec, v, call)
	case *ast.Slice:
		walkChild(x.Lower, v, call)
		walkChild(x.Upper, v, call)
		walkChild(x.Step, v, call)
	default:
		return false
	}
	return true
}

// walkChild walks a child expression of walkExpr (nil: none).
func walkChild(e ast.Expr, v ast.Visitor, call func(*ast.Call)) {
	if e != nil && !walkExpr(e, v, call) {
		ast.Walk(v, e)
	}
}

// walkNested finds function definitions inside compound statements
// (their calls were already seen by the enclosing Inspect).
func (pf *pyFile) walkNested(body []ast.Stmt, fn ast.Node) {
	for _, s := range body {
		switch s := s.(type) {
		case *ast.FunctionDef:
			pf.walkBody(s.Body, s)
		case *ast.AsyncFunctionDef:
			pf.walkBody(s.Body, s)
		case *ast.ClassDef:
			pf.walkBody(s.Body, fn)
		default:
			pf.walkNestedBodies(s, fn)
		}
	}
}

// walkNestedBodies walks the nested bodies of a compound statement
// with walkNested: an if's, a loop's (else included), a with's, a try's
// (handlers, else and finally included); not a match's or a try*'s.
func (pf *pyFile) walkNestedBodies(s ast.Stmt, fn ast.Node) {
	switch s := s.(type) {
	case *ast.If:
		pf.walkNested(s.Body, fn)
		pf.walkNested(s.Orelse, fn)
	case *ast.For:
		pf.walkNested(s.Body, fn)
		pf.walkNested(s.Orelse, fn)
	case *ast.AsyncFor:
		pf.walkNested(s.Body, fn)
		pf.walkNested(s.Orelse, fn)
	case *ast.While:
		pf.walkNested(s.Body, fn)
		pf.walkNested(s.Orelse, fn)
	case *ast.With:
		pf.walkNested(s.Body, fn)
	case *ast.AsyncWith:
		pf.walkNested(s.Body, fn)
	case *ast.Try:
		pf.walkNested(s.Body, fn)
		pf.walkNested(s.Orelse, fn)
		pf.walkNested(s.Finalbody, fn)
		for _, h := range s.Handlers {
			pf.walkNested(h.Body, fn)
		}
	}
}

// autoescapeSetting records app.jinja_env.autoescape = False and
// app.jinja_options = {"autoescape": False}.
func (pf *pyFile) autoescapeSetting(as *ast.Assign) {
	for _, t := range as.Targets {
		a, ok := t.(*ast.Attribute)
		if !ok {
			continue
		}
		off := false
		switch {
		case a.Attr == "autoescape":
			if inner, ok := a.Value.(*ast.Attribute); ok && inner.Attr == "jinja_env" {
				off = falseValue(as.Value)
			}
		case a.Attr == "jinja_options":
			off = optionsDisable(as.Value)
		}
		if off {
			pf.autoOff = append(pf.autoOff, PySite{File: pf.f, Line: int(as.Pos().Line), Col: int(as.Pos().Col)})
		}
	}
}

// falseValue reports whether e is False or a lambda returning False.
func falseValue(e ast.Expr) bool {
	if l, ok := e.(*ast.Lambda); ok {
		e = l.Body
	}
	b, ok := flask.BoolConst(e)
	return ok && !b
}

func optionsDisable(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Dict:
		for i, k := range e.Keys {
			if s, ok := flask.StrConst(k); ok && s == "autoescape" && i < len(e.Values) {
				return falseValue(e.Values[i])
			}
		}
	case *ast.Call:
		if v := flask.Kwarg(e, "autoescape"); v != nil {
			return falseValue(v)
		}
	}
	return false
}

func (pf *pyFile) funcInfo(fn ast.Node) (name, route string) {
	if fn == nil {
		return "", ""
	}
	if f := pf.ix.FuncAt(pf.f, int(fn.Pos().Line)); f != nil {
		name = strings.TrimPrefix(f.Qual, pf.f.Module+".")
	} else {
		name = flask.FuncName(fn)
	}
	if r := pf.model.RouteOfFunc(fn); r != nil {
		route = r.String()
	}
	return name, route
}

// call handles one Python call: render_template(...) and
// env.get_template(...).render(...).
func (pf *pyFile) call(c *ast.Call, fn ast.Node, returned bool) {
	if pf.callsOnly {
		pf.calls = append(pf.calls, pyCall{f: pf.f, call: c, fn: fn, returned: returned})
		return
	}
	if registryCallShape(c) {
		pf.regs = append(pf.regs, c) // for findExtensions
	}
	if (pf.flask && renderFuncs[pf.qual(c.Func)]) || renderParam(c.Func, fn) {
		r := pf.newRender(c, fn, returned)
		r.Names = pf.names(flask.Arg(c, 0, "template_name_or_list"), fn)
		for _, k := range c.Keywords {
			if k != nil && k.Arg == "template_name_or_list" {
				continue
			}
			pf.keyword(r, k)
		}
		pf.renders = append(pf.renders, r)
		return
	}
	// <env>.get_template(name).render(...) or t.render(...) with
	// t = <env>.get_template(name) in the same function.
	sel, ok := c.Func.(*ast.Attribute)
	if !ok || (sel.Attr != "render" && sel.Attr != "stream" && sel.Attr != "generate") {
		return
	}
	get := pf.getTemplateCall(sel.Value, fn)
	if get == nil {
		return
	}
	env, ok := get.Func.(*ast.Attribute).Value.(*ast.Name)
	if !ok {
		return
	}
	auto, isEnv := pf.envs[env.ID]
	if !isEnv {
		auto, isEnv = pf.localEnv(env.ID, fn)
	}
	if !isEnv {
		return
	}
	r := pf.newRender(c, fn, returned)
	r.Env, r.EnvAutoescape = true, auto
	r.Names = pf.names(flask.Arg(get, 0, "name"), fn)
	for _, a := range c.Args {
		if d, ok := a.(*ast.Dict); ok {
			pf.dictKeys(r, d)
		}
	}
	for _, k := range c.Keywords {
		pf.keyword(r, k)
	}
	pf.renders = append(pf.renders, r)
}

func (pf *pyFile) newRender(c *ast.Call, fn ast.Node, returned bool) *Render {
	r := &Render{File: pf.f, Call: c, FuncNode: fn, Keywords: map[string]ast.Expr{}, Returned: returned}
	r.Func, r.Route = pf.funcInfo(fn)
	return r
}

func (pf *pyFile) keyword(r *Render, k *ast.Keyword) {
	if k == nil {
		return
	}
	if k.Arg != "" {
		r.Keywords[k.Arg] = k.Value
		return
	}
	if d, ok := k.Value.(*ast.Dict); ok {
		pf.dictKeys(r, d)
		return
	}
	if n, ok := k.Value.(*ast.Name); ok && pf.localDict(r, n.ID) {
		return
	}
	r.StarKwargs = append(r.StarKwargs, k.Value)
}

// localDict expands **name when name is a local dict built in the render's
// function from a literal or dict(...) and item assignments
// (name["key"] = value). It reports false when the dict cannot be
// followed (it is also bound otherwise).
func (pf *pyFile) localDict(r *Render, name string) bool {
	vals := localAssigns(r.FuncNode, name)
	if len(vals) != 1 {
		return false
	}
	switch d := vals[0].(type) {
	case *ast.Dict:
		for _, key := range d.Keys {
			if _, ok := flask.StrConst(key); !ok {
				return false
			}
		}
		pf.dictKeys(r, d)
	case *ast.Call:
		if n, ok := d.Func.(*ast.Name); !ok || n.ID != "dict" || len(d.Args) > 0 {
			return false
		}
		for _, kw := range d.Keywords {
			if kw == nil || kw.Arg == "" {
				return false
			}
			r.Keywords[kw.Arg] = kw.Value
		}
	default:
		return false
	}
	var body []ast.Stmt
	switch f := r.FuncNode.(type) {
	case *ast.FunctionDef:
		body = f.Body
	case *ast.AsyncFunctionDef:
		body = f.Body
	}
	for _, st := range body {
		ast.Inspect(st, func(n ast.Node) bool {
			as, ok := n.(*ast.Assign)
			if !ok {
				return true
			}
			for _, t := range as.Targets {
				sub, ok := t.(*ast.Subscript)
				if !ok {
					continue
				}
				if base, ok := sub.Value.(*ast.Name); ok && base.ID == name {
					if key, ok := flask.StrConst(sub.Slice); ok {
						r.Keywords[key] = as.Value
					}
				}
			}
			return true
		})
	}
	return true
}

func (pf *pyFile) dictKeys(r *Render, d *ast.Dict) {
	for i, key := range d.Keys {
		if i >= len(d.Values) {
			break
		}
		if s, ok := flask.StrConst(key); ok {
			r.Keywords[s] = d.Values[i]
		} else if key == nil {
			r.StarKwargs = append(r.StarKwargs, d.Values[i])
		}
	}
}

// getTemplateCall returns the X.get_template(...) call e stands for:
// e itself, or the value assigned to the local name e in fn.
func (pf *pyFile) getTemplateCall(e ast.Expr, fn ast.Node) *ast.Call {
	if n, ok := e.(*ast.Name); ok {
		for _, v := range localAssigns(fn, n.ID) {
			if c := asGetTemplate(v); c != nil {
				return c
			}
		}
		return nil
	}
	return asGetTemplate(e)
}

func asGetTemplate(e ast.Expr) *ast.Call {
	c, ok := e.(*ast.Call)
	if !ok {
		return nil
	}
	if a, ok := c.Func.(*ast.Attribute); ok && a.Attr == "get_template" {
		return c
	}
	return nil
}

func (pf *pyFile) localEnv(name string, fn ast.Node) (auto, ok bool) {
	for _, v := range localAssigns(fn, name) {
		if c, isCall := v.(*ast.Call); isCall && pf.jinja2 && envClasses[pf.qual(c.Func)] {
			return envAutoescape(c), true
		}
	}
	return false, false
}

// localAssigns returns the values assigned to a plain name anywhere in
// the body of fn (not in nested functions).
func localAssigns(fn ast.Node, name string) []ast.Expr {
	var body []ast.Stmt
	switch f := fn.(type) {
	case *ast.FunctionDef:
		body = f.Body
	case *ast.AsyncFunctionDef:
		body = f.Body
	default:
		return nil
	}
	var out []ast.Expr
	for _, s := range body {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.ClassDef, *ast.Lambda:
				return false
			case *ast.Assign:
				for _, t := range n.Targets {
					if tn, ok := t.(*ast.Name); ok && tn.ID == name {
						out = append(out, n.Value)
					}
				}
			case *ast.AnnAssign:
				if tn, ok := n.Target.(*ast.Name); ok && tn.ID == name && n.Value != nil {
					out = append(out, n.Value)
				}
			}
			return true
		})
	}
	return out
}

// maxNameDepth bounds constant chasing for template names.
const maxNameDepth = 6

// names returns the template names a render call's first argument can
// take.
func (pf *pyFile) names(e ast.Expr, fn ast.Node) []string {
	var out []string
	seen := map[string]bool{}
	var visit func(f *project.File, e ast.Expr, fn ast.Node, depth int)
	visit = func(f *project.File, e ast.Expr, fn ast.Node, depth int) {
		if e == nil || depth > maxNameDepth {
			return
		}
		if s, ok := flask.StrConst(e); ok {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
			return
		}
		switch e := e.(type) {
		case *ast.List:
			for _, it := range e.Elts {
				visit(f, it, fn, depth+1)
			}
		case *ast.Tuple:
			for _, it := range e.Elts {
				visit(f, it, fn, depth+1)
			}
		case *ast.IfExp:
			visit(f, e.Body, fn, depth+1)
			visit(f, e.Orelse, fn, depth+1)
		case *ast.Name:
			if vals := localAssigns(fn, e.ID); len(vals) > 0 {
				for _, v := range vals {
					visit(f, v, fn, depth+1)
				}
				return
			}
			if mod := pf.ix.Module(f); mod != nil {
				if vals := mod.Assigns[e.ID]; len(vals) > 0 {
					for _, v := range vals {
						visit(f, v, nil, depth+1)
					}
					return
				}
			}
			pf.visitQual(pf.ix.QualName(f, e), visit, depth)
		case *ast.Attribute:
			pf.visitQual(pf.ix.QualName(f, e), visit, depth)
		}
	}
	visit(pf.f, e, fn, 0)
	return out
}

// visitQual follows a qualified name "pkg.mod.NAME" to the module-level
// constants assigned to it.
func (pf *pyFile) visitQual(q string, visit func(*project.File, ast.Expr, ast.Node, int), depth int) {
	i := strings.LastIndexByte(q, '.')
	if i <= 0 {
		return
	}
	mod := pf.ix.ModuleNamed(q[:i])
	if mod == nil {
		return
	}
	for _, v := range mod.Assigns[q[i+1:]] {
		visit(mod.File, v, nil, depth+1)
	}
}

// pyCall is one Python call seen during the scan, with its enclosing
// function.
type pyCall struct {
	f        *project.File
	call     *ast.Call
	fn       ast.Node
	returned bool
}

// paramIndex returns the positional index of parameter name of fn (-1
// when it is keyword-only or absent) and whether fn has it at all.
func paramIndex(fn ast.Node, name string) (int, bool) {
	var args *ast.Arguments
	switch f := fn.(type) {
	case *ast.FunctionDef:
		args = f.Args
	case *ast.AsyncFunctionDef:
		args = f.Args
	}
	if args == nil {
		return -1, false
	}
	i := 0
	for _, group := range [][]*ast.Arg{args.PosOnlyArgs, args.Args} {
		for _, a := range group {
			if a != nil && a.Arg == name {
				return i, true
			}
			i++
		}
	}
	for _, a := range args.KwOnlyArgs {
		if a != nil && a.Arg == name {
			return -1, true
		}
	}
	return -1, false
}

// kwargsName returns the name of fn's **kwargs parameter, or "".
func kwargsName(fn ast.Node) string {
	var args *ast.Arguments
	switch f := fn.(type) {
	case *ast.FunctionDef:
		args = f.Args
	case *ast.AsyncFunctionDef:
		args = f.Args
	}
	if args == nil || args.Kwarg == nil {
		return ""
	}
	return args.Kwarg.Arg
}

// throughHelpers finds renders of templates named by a helper's caller:
// for a render_template call whose template name is a parameter of its
// function, each call of that function with a constant name gives a
// render whose context is the caller's keyword arguments (when the
// helper passes its **kwargs on).
//
// The calls of every Python file (files) are listed, and their callees
// resolved, only when there is such a render.
func (m *Model) throughHelpers(files []*project.File, ix *resolve.Index, model *flask.Model) []*Render {
	var out []*Render
	var calls []pyCall
	var callees []*resolve.Func // of calls
	listed := false
	for _, r := range m.Renders {
		if len(r.Names) > 0 || r.FuncNode == nil || r.Env {
			continue
		}
		n, ok := flask.Arg(r.Call, 0, "template_name_or_list").(*ast.Name)
		if !ok {
			continue
		}
		idx, isParam := paramIndex(r.FuncNode, n.ID)
		if !isParam {
			continue
		}
		kw := kwargsName(r.FuncNode)
		passesKwargs := false
		for _, star := range r.StarKwargs {
			if sn, ok := star.(*ast.Name); ok && sn.ID == kw && kw != "" {
				passesKwargs = true
			}
		}
		helper := ix.FuncAt(r.File, int(r.FuncNode.Pos().Line))
		if helper == nil || ast.Node(helper.Node) != r.FuncNode {
			continue
		}
		if helper.Class != nil && idx > 0 {
			idx-- // self
		}
		if !listed {
			calls = allCalls(files, ix, model)
			callees = make([]*resolve.Func, len(calls))
			par.Each(len(calls), func(i int) { _, callees[i] = ix.Callee(calls[i].f, calls[i].call) })
			listed = true
		}
		for i, pc := range calls {
			if callees[i] != helper {
				continue
			}
			var nameArg ast.Expr
			if idx >= 0 && idx < len(pc.call.Args) {
				nameArg = pc.call.Args[idx]
			} else {
				nameArg = flask.Kwarg(pc.call, n.ID)
			}
			pf := newPyFile(pc.f, ix, model)
			names := pf.names(nameArg, pc.fn)
			if len(names) == 0 {
				continue
			}
			d := pf.newRender(pc.call, pc.fn, pc.returned)
			d.Names, d.Wrapper = names, r
			if passesKwargs {
				for _, k := range pc.call.Keywords {
					if k != nil && k.Arg != n.ID {
						pf.keyword(d, k)
					}
				}
			}
			out = append(out, d)
		}
	}
	return out
}

// allCalls returns the calls of the files, in file order and in the order
// walkBody meets them.
func allCalls(files []*project.File, ix *resolve.Index, model *flask.Model) []pyCall {
	per := make([][]pyCall, len(files))
	par.Each(len(files), func(i int) {
		pf := newPyFile(files[i], ix, model)
		pf.callsOnly = true
		pf.walkBody(files[i].AST.Body, nil)
		per[i] = pf.calls
	})
	var out []pyCall
	for _, cs := range per {
		out = append(out, cs...)
	}
	return out
}

// renderParam reports whether a callee is a parameter named
// render_template of the enclosing function: Flask's renderer handed in
// by the caller (plugin.render(..., render_template=render_template)).
func renderParam(callee ast.Expr, fn ast.Node) bool {
	n, ok := callee.(*ast.Name)
	if !ok || n.ID != "render_template" {
		return false
	}
	var args *ast.Arguments
	switch f := fn.(type) {
	case *ast.FunctionDef:
		args = f.Args
	case *ast.AsyncFunctionDef:
		args = f.Args
	}
	if args == nil {
		return false
	}
	for _, group := range [][]*ast.Arg{args.PosOnlyArgs, args.Args, args.KwOnlyArgs} {
		for _, a := range group {
			if a != nil && a.Arg == n.ID {
				return true
			}
		}
	}
	return false
}
