package templates

import (
	"sort"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
)

// Filter is a template filter defined in Python (@app.template_filter,
// app.add_template_filter, app.jinja_env.filters[name] = f).
type Filter struct {
	Name string
	File *project.File
	Func ast.Node // *ast.FunctionDef / *ast.AsyncFunctionDef; nil when not found
	// ReturnsMarkup is set when the function returns Markup(...): its
	// output is not escaped by Jinja.
	ReturnsMarkup bool
	// Sanitizes is set when the function calls an HTML sanitiser or
	// escaper (bleach.clean, nh3.clean, markupsafe.escape...).
	Sanitizes bool
}

// Global is a value made available to every template: a key of a dict
// returned by a context processor, or app.jinja_env.globals[name].
type Global struct {
	Name  string
	File  *project.File
	Value ast.Expr // the value; nil when only the name is known
	Func  ast.Node // the context processor; nil for jinja_env.globals
	Line  int
}

var markupQuals = map[string]bool{"markupsafe.Markup": true, "flask.Markup": true, "jinja2.Markup": true,
	"jinja2.utils.Markup": true}

// extEvent is one template filter (filter, fn) or global a file defines,
// in the order Model.addExtensions takes them: the first filter of a
// name wins.
type extEvent struct {
	filter string
	fn     ast.Node
	global *Global
}

// findExtensions lists the template filters and globals the file
// defines, in the order a walk of the whole file meets them: decorated
// functions first, then the registrations (jinja_env.filters[...] = f,
// add_template_filter(f), jinja_env.globals.update(...)), which may name
// any function of the file.
//
// It runs after walkBody, which has met most of the file's calls and kept
// the registrations among them (pyFile.regs): it goes through the
// statements, and walks only the expressions walkBody leaves out - the
// headers of functions and classes (decorators, defaults, annotations,
// bases), lambdas (see pyFile.Visit), and the functions and classes
// walkBody never enters (in a match or a try* statement). The order of
// the registrations matters only when there are several (the first
// filter of a name wins); then the file is walked again for them.
func (pf *pyFile) findExtensions() {
	pf.extStmts(pf.f.AST.Body, extReached)
	if len(pf.regs) == 0 {
		return
	}
	funcs := map[string]ast.Node{} // by name, the last definition winning
	for _, fn := range pf.funcs {
		funcs[flask.FuncName(fn)] = fn
	}
	regs := pf.regs
	if len(regs) > 1 {
		v := &regVisitor{assigns: true}
		v.onCall = v.call
		ast.Walk(v, pf.f.AST)
		regs = v.regs
	}
	for _, n := range regs {
		switch n := n.(type) {
		case *ast.Assign:
			pf.registryAssign(n, funcs)
		case *ast.Call:
			pf.registryCall(n, funcs)
		}
	}
}

// How extStmts reaches a list of statements: walkBody walks them and the
// functions and classes among them (extReached); walkBody walks them but
// not the functions and classes among them (extUnreached: in a match or
// a try* statement); or their calls have been seen already
// (extCovered).
const (
	extReached = iota
	extUnreached
	extCovered
)

// extStmts lists the functions of body, in walk order, with their
// decorators' filters and globals (see decorated), and the registrations
// among its assignments and among the calls walkBody leaves out.
func (pf *pyFile) extStmts(body []ast.Stmt, mode int) {
	for _, s := range body {
		switch s := s.(type) {
		case *ast.FunctionDef:
			pf.funcs = append(pf.funcs, s)
			pf.decorated(s, s.DecoratorList, s.Body)
			pf.extDef(s, mode, s.Body, s.Args, s.DecoratorList, s.Returns, s.TypeParams)
		case *ast.AsyncFunctionDef:
			pf.funcs = append(pf.funcs, s)
			pf.decorated(s, s.DecoratorList, s.Body)
			pf.extDef(s, mode, s.Body, s.Args, s.DecoratorList, s.Returns, s.TypeParams)
		case *ast.ClassDef:
			var heads []ast.Expr
			heads = append(append(heads, s.Bases...), s.DecoratorList...)
			if mode == extReached {
				for _, k := range s.Keywords {
					pf.regWalk(k)
				}
			}
			pf.extDef(s, mode, s.Body, nil, heads, nil, s.TypeParams)
		case *ast.Assign:
			if registryAssignShape(s) {
				pf.regs = append(pf.regs, s)
			}
		case *ast.If:
			pf.extStmts(s.Body, mode)
			pf.extStmts(s.Orelse, mode)
		case *ast.For:
			pf.extStmts(s.Body, mode)
			pf.extStmts(s.Orelse, mode)
		case *ast.AsyncFor:
			pf.extStmts(s.Body, mode)
			pf.extStmts(s.Orelse, mode)
		case *ast.While:
			pf.extStmts(s.Body, mode)
			pf.extStmts(s.Orelse, mode)
		case *ast.With:
			pf.extStmts(s.Body, mode)
		case *ast.AsyncWith:
			pf.extStmts(s.Body, mode)
		case *ast.Try:
			pf.extStmts(s.Body, mode)
			for _, h := range s.Handlers {
				pf.extStmts(h.Body, mode)
			}
			pf.extStmts(s.Orelse, mode)
			pf.extStmts(s.Finalbody, mode)
		case *ast.TryStar:
			inner := max(mode, extUnreached)
			pf.extStmts(s.Body, inner)
			for _, h := range s.Handlers {
				pf.extStmts(h.Body, inner)
			}
			pf.extStmts(s.Orelse, inner)
			pf.extStmts(s.Finalbody, inner)
		case *ast.Match:
			inner := max(mode, extUnreached)
			for _, c := range s.Cases {
				pf.extStmts(c.Body, inner)
			}
		}
	}
}

// extDef goes through a function or class definition d for extStmts:
// walkBody walks the body of one it reaches, not its header (args,
// heads: decorators and bases, returns, type parameters), and nothing of
// one it does not reach.
func (pf *pyFile) extDef(d ast.Stmt, mode int, body []ast.Stmt, args *ast.Arguments, heads []ast.Expr, returns ast.Expr, tps []ast.TypeParam) {
	switch mode {
	case extReached:
		if args != nil {
			pf.regWalk(args)
		}
		for _, h := range heads {
			if h != nil {
				pf.regWalk(h)
			}
		}
		if returns != nil {
			pf.regWalk(returns)
		}
		for _, tp := range tps {
			if tp != nil {
				pf.regWalk(tp)
			}
		}
		pf.extStmts(body, extReached)
	case extUnreached:
		pf.regWalk(d)
		pf.extStmts(body, extCovered)
	default:
		pf.extStmts(body, extCovered)
	}
}

// regWalk walks n for the registrations among its calls.
func (pf *pyFile) regWalk(n ast.Node) {
	if pf.regv == nil {
		pf.regv = &regVisitor{}
		pf.regv.onCall = pf.regv.call
	}
	pf.regv.regs = pf.regs
	ast.Walk(pf.regv, n)
	pf.regs = pf.regv.regs
}

// testAllCalls makes every call a registration candidate (tests check
// that findExtensions meets every call once).
var testAllCalls bool

// registryCallShape reports whether a call may register a template filter
// or globals (see registryCall).
func registryCallShape(n *ast.Call) bool {
	if testAllCalls {
		return true
	}
	if a, ok := n.Func.(*ast.Attribute); ok {
		switch a.Attr {
		case "add_template_filter", "add_app_template_filter":
			return true
		case "update":
			g, ok := a.Value.(*ast.Attribute)
			return ok && g.Attr == "globals"
		}
	}
	return false
}

// registryAssignShape reports whether an assignment may register a
// template filter or a global (see registryAssign).
func registryAssignShape(n *ast.Assign) bool {
	for _, t := range n.Targets {
		if sub, ok := t.(*ast.Subscript); ok {
			if reg, ok := sub.Value.(*ast.Attribute); ok && (reg.Attr == "filters" || reg.Attr == "globals") {
				return true
			}
		}
	}
	return false
}

// regVisitor collects, in walk order, the calls (and with assigns, the
// assignments) that may register a template filter or a global.
type regVisitor struct {
	regs    []ast.Node
	assigns bool
	onCall  func(*ast.Call)
}

func (v *regVisitor) call(n *ast.Call) {
	if registryCallShape(n) {
		v.regs = append(v.regs, n)
	}
}

func (v *regVisitor) Visit(n ast.Node) ast.Visitor {
	switch n := n.(type) {
	case nil:
		return nil
	case *ast.Name:
		walkExpr(n, v, v.onCall)
		return nil
	case *ast.Constant:
		walkExpr(n, v, v.onCall)
		return nil
	case *ast.Attribute:
		walkExpr(n, v, v.onCall)
		return nil
	case *ast.Call:
		walkExpr(n, v, v.onCall)
		return nil
	case *ast.Subscript:
		walkExpr(n, v, v.onCall)
		return nil
	case *ast.Compare:
		walkExpr(n, v, v.onCall)
		return nil
	case *ast.BinOp:
		walkExpr(n, v, v.onCall)
		return nil
	case *ast.UnaryOp:
		walkExpr(n, v, v.onCall)
		return nil
	case *ast.BoolOp:
		walkExpr(n, v, v.onCall)
		return nil
	case *ast.Tuple:
		walkExpr(n, v, v.onCall)
		return nil
	case *ast.List:
		walkExpr(n, v, v.onCall)
		return nil
	case *ast.Starred:
		walkExpr(n, v, v.onCall)
		return nil
	case *ast.Dict:
		walkExpr(n, v, v.onCall)
		return nil
	case *ast.JoinedStr:
		walkExpr(n, v, v.onCall)
		return nil
	case *ast.FormattedValue:
		walkExpr(n, v, v.onCall)
		return nil
	case *ast.Slice:
		walkExpr(n, v, v.onCall)
		return nil
	case *ast.Assign:
		if v.assigns && registryAssignShape(n) {
			v.regs = append(v.regs, n)
		}
	}
	return v
}

// addExtensions adds the filters and globals of a file, in order.
func (m *Model) addExtensions(pf *pyFile, ix *resolve.Index, kb *knowledge.Tables) {
	for _, e := range pf.ext {
		if g := e.global; g != nil {
			m.Globals[g.Name] = append(m.Globals[g.Name], g)
		} else {
			m.addFilter(pf.f, e.filter, e.fn, ix, kb)
		}
	}
}

func (pf *pyFile) addFilter(name string, fn ast.Node) {
	pf.ext = append(pf.ext, extEvent{filter: name, fn: fn})
}

func (pf *pyFile) addGlobal(g *Global) {
	pf.ext = append(pf.ext, extEvent{global: g})
}

func (m *Model) addFilter(f *project.File, name string, fn ast.Node, ix *resolve.Index, kb *knowledge.Tables) {
	if name == "" || m.Filters[name] != nil {
		return
	}
	flt := &Filter{Name: name, File: f, Func: fn}
	if def := ix.FuncAt(f, int(fn.Pos().Line)); def != nil && ast.Node(def.Node) == fn {
		// A function the user declared a sanitiser ([tool.flasksec] sanitizers).
		if kinds, ok := kb.Sanitizer(def.Qual); ok && (kinds.Has(knowledge.HTML) || kinds.Has(knowledge.TemplateContext)) {
			flt.Sanitizes = true
		}
	}
	var body []ast.Stmt
	switch d := fn.(type) {
	case *ast.FunctionDef:
		body = d.Body
	case *ast.AsyncFunctionDef:
		body = d.Body
	}
	for _, s := range body {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Return:
				if c, ok := n.Value.(*ast.Call); ok && isMarkup(f, c, ix) {
					flt.ReturnsMarkup = true
				}
			case *ast.Call:
				q := ix.QualName(f, n.Func)
				if kinds, ok := kb.Sanitizer(q); ok && (kinds.Has(knowledge.HTML) || kinds.Has(knowledge.TemplateContext)) {
					flt.Sanitizes = true
				}
			}
			return true
		})
	}
	m.Filters[name] = flt
}

func isMarkup(f *project.File, c *ast.Call, ix *resolve.Index) bool {
	if markupQuals[ix.QualName(f, c.Func)] {
		return true
	}
	n, ok := c.Func.(*ast.Name)
	return ok && n.ID == "Markup"
}

// decorated handles @x.template_filter(...), @x.app_template_filter(...),
// @x.context_processor and @x.app_context_processor, and
// @x.template_global(...).
func (pf *pyFile) decorated(fn ast.Node, decos []ast.Expr, body []ast.Stmt) {
	for _, d := range decos {
		call, _ := d.(*ast.Call)
		target := d
		if call != nil {
			target = call.Func
		}
		a, ok := target.(*ast.Attribute)
		if !ok {
			continue
		}
		name := flask.FuncName(fn)
		if call != nil {
			if v, ok := flask.StrConst(flask.Arg(call, 0, "name")); ok {
				name = v
			}
		}
		switch a.Attr {
		case "template_filter", "app_template_filter":
			pf.addFilter(name, fn)
		case "template_global", "app_template_global":
			pf.addGlobal(&Global{Name: name, File: pf.f, Func: fn, Line: int(fn.Pos().Line)})
		case "context_processor", "app_context_processor":
			for _, s := range body {
				ast.Inspect(s, func(n ast.Node) bool {
					switch n.(type) {
					case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.Lambda, *ast.ClassDef:
						return false
					}
					if r, ok := n.(*ast.Return); ok && r.Value != nil {
						pf.dictGlobals(fn, r.Value)
					}
					return true
				})
			}
		}
	}
}

// dictGlobals records the keys of a dict literal or dict(...) call.
func (pf *pyFile) dictGlobals(fn ast.Node, v ast.Expr) {
	add := func(name string, val ast.Expr) {
		pf.addGlobal(&Global{Name: name, File: pf.f, Value: val, Func: fn, Line: int(val.Pos().Line)})
	}
	switch d := v.(type) {
	case *ast.Dict:
		for i, k := range d.Keys {
			if s, ok := flask.StrConst(k); ok && i < len(d.Values) {
				add(s, d.Values[i])
			}
		}
	case *ast.Call:
		if n, ok := d.Func.(*ast.Name); ok && n.ID == "dict" {
			for _, k := range d.Keywords {
				if k != nil && k.Arg != "" {
					add(k.Arg, k.Value)
				}
			}
		}
	}
}

// registryAssign handles app.jinja_env.filters["x"] = f and
// app.jinja_env.globals["x"] = v.
func (pf *pyFile) registryAssign(as *ast.Assign, funcs map[string]ast.Node) {
	for _, t := range as.Targets {
		sub, ok := t.(*ast.Subscript)
		if !ok {
			continue
		}
		reg, ok := sub.Value.(*ast.Attribute)
		if !ok {
			continue
		}
		key, ok := flask.StrConst(sub.Slice)
		if !ok {
			continue
		}
		switch reg.Attr {
		case "filters":
			if n, ok := as.Value.(*ast.Name); ok && funcs[n.ID] != nil {
				pf.addFilter(key, funcs[n.ID])
			}
		case "globals":
			pf.addGlobal(&Global{Name: key, File: pf.f, Value: as.Value, Line: int(as.Pos().Line)})
		}
	}
}

// registryCall handles app.add_template_filter(f, "name"),
// app.add_template_global(f, "name") and
// app.jinja_env.globals.update(x=v).
func (pf *pyFile) registryCall(c *ast.Call, funcs map[string]ast.Node) {
	a, ok := c.Func.(*ast.Attribute)
	if !ok {
		return
	}
	switch a.Attr {
	case "add_template_filter", "add_app_template_filter":
		n, ok := flask.Arg(c, 0, "f").(*ast.Name)
		if !ok || funcs[n.ID] == nil {
			return
		}
		name := n.ID
		if v, ok := flask.StrConst(flask.Arg(c, 1, "name")); ok {
			name = v
		}
		pf.addFilter(name, funcs[n.ID])
	case "update":
		if g, ok := a.Value.(*ast.Attribute); ok && g.Attr == "globals" {
			for _, k := range c.Keywords {
				if k != nil && k.Arg != "" {
					pf.addGlobal(&Global{Name: k.Arg, File: pf.f, Value: k.Value, Line: int(k.Value.Pos().Line)})
				}
			}
			for _, arg := range c.Args {
				pf.dictGlobals(nil, arg)
			}
		}
	}
}

// GlobalNames returns the names of the template globals, sorted.
func (m *Model) GlobalNames() []string {
	var out []string
	for n := range m.Globals {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
