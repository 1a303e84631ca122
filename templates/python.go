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

// findExtensions collects template filters and globals defined in Python.
func (m *Model) findExtensions(p *project.Project, ix *resolve.Index) {
	cfg := p.Config
	kb := knowledge.New(cfg.Sources, cfg.Sinks, cfg.Sanitizers)
	m.Filters = map[string]*Filter{}
	m.Globals = map[string][]*Global{}
	for _, f := range p.FilesOf(project.Python) {
		if f.AST == nil {
			continue
		}
		funcs := map[string]ast.Node{}
		ast.Inspect(f.AST, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FunctionDef:
				funcs[n.Name] = n
				m.decorated(f, n, n.DecoratorList, n.Body, ix, kb)
			case *ast.AsyncFunctionDef:
				funcs[n.Name] = n
				m.decorated(f, n, n.DecoratorList, n.Body, ix, kb)
			}
			return true
		})
		ast.Inspect(f.AST, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Assign:
				m.registryAssign(f, n, funcs, ix, kb)
			case *ast.Call:
				m.registryCall(f, n, funcs, ix, kb)
			}
			return true
		})
	}
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
func (m *Model) decorated(f *project.File, fn ast.Node, decos []ast.Expr, body []ast.Stmt, ix *resolve.Index, kb *knowledge.Tables) {
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
			m.addFilter(f, name, fn, ix, kb)
		case "template_global", "app_template_global":
			m.Globals[name] = append(m.Globals[name], &Global{Name: name, File: f, Func: fn, Line: int(fn.Pos().Line)})
		case "context_processor", "app_context_processor":
			for _, s := range body {
				ast.Inspect(s, func(n ast.Node) bool {
					switch n.(type) {
					case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.Lambda, *ast.ClassDef:
						return false
					}
					if r, ok := n.(*ast.Return); ok && r.Value != nil {
						m.dictGlobals(f, fn, r.Value)
					}
					return true
				})
			}
		}
	}
}

// dictGlobals records the keys of a dict literal or dict(...) call.
func (m *Model) dictGlobals(f *project.File, fn ast.Node, v ast.Expr) {
	add := func(name string, val ast.Expr) {
		m.Globals[name] = append(m.Globals[name], &Global{Name: name, File: f, Value: val, Func: fn, Line: int(val.Pos().Line)})
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
func (m *Model) registryAssign(f *project.File, as *ast.Assign, funcs map[string]ast.Node, ix *resolve.Index, kb *knowledge.Tables) {
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
				m.addFilter(f, key, funcs[n.ID], ix, kb)
			}
		case "globals":
			m.Globals[key] = append(m.Globals[key], &Global{Name: key, File: f, Value: as.Value, Line: int(as.Pos().Line)})
		}
	}
}

// registryCall handles app.add_template_filter(f, "name"),
// app.add_template_global(f, "name") and
// app.jinja_env.globals.update(x=v).
func (m *Model) registryCall(f *project.File, c *ast.Call, funcs map[string]ast.Node, ix *resolve.Index, kb *knowledge.Tables) {
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
		m.addFilter(f, name, funcs[n.ID], ix, kb)
	case "update":
		if g, ok := a.Value.(*ast.Attribute); ok && g.Attr == "globals" {
			for _, k := range c.Keywords {
				if k != nil && k.Arg != "" {
					m.Globals[k.Arg] = append(m.Globals[k.Arg], &Global{Name: k.Arg, File: f, Value: k.Value, Line: int(k.Value.Pos().Line)})
				}
			}
			for _, arg := range c.Args {
				m.dictGlobals(f, nil, arg)
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
