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

// findExtensions lists the template filters and globals defined in the
// file, in one walk: decorated functions in walk order, then the filter
// and global registrations, which may name any function of the file.
func (pf *pyFile) findExtensions() {
	v := &extVisitor{pf: pf}
	v.onCall = v.call
	ast.Walk(v, pf.f.AST)
	if len(v.registry) == 0 {
		return
	}
	funcs := map[string]ast.Node{} // by name, the last definition winning
	for _, fn := range v.funcs {
		funcs[flask.FuncName(fn)] = fn
	}
	for _, n := range v.registry {
		switch n := n.(type) {
		case *ast.Assign:
			pf.registryAssign(n, funcs)
		case *ast.Call:
			pf.registryCall(n, funcs)
		}
	}
}

// extVisitor is the walk of findExtensions.
type extVisitor struct {
	pf       *pyFile
	funcs    []ast.Node // the functions, in walk order
	registry []ast.Node // assignments and calls that may register a filter or a global
	onCall   func(*ast.Call)
}

func (v *extVisitor) call(n *ast.Call) {
	if a, ok := n.Func.(*ast.Attribute); ok {
		switch a.Attr {
		case "add_template_filter", "add_app_template_filter":
			v.registry = append(v.registry, n)
		case "update":
			if g, ok := a.Value.(*ast.Attribute); ok && g.Attr == "globals" {
				v.registry = append(v.registry, n)
			}
		}
	}
}

func (v *extVisitor) Visit(n ast.Node) ast.Visitor {
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
	case *ast.FunctionDef:
		v.funcs = append(v.funcs, n)
		v.pf.decorated(n, n.DecoratorList, n.Body)
	case *ast.AsyncFunctionDef:
		v.funcs = append(v.funcs, n)
		v.pf.decorated(n, n.DecoratorList, n.Body)
	case *ast.Assign:
		for _, t := range n.Targets {
			if sub, ok := t.(*ast.Subscript); ok {
				if reg, ok := sub.Value.(*ast.Attribute); ok && (reg.Attr == "filters" || reg.Attr == "globals") {
					v.registry = append(v.registry, n)
					break
				}
			}
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
