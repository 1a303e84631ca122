package taint

import (
	"strings"

	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
)

// wrapperArgs returns what the repo decorators of a view pass to it: for
// a decorator
//
//	def with_user(f):
//	    @wraps(f)
//	    def wrapper(*args, **kwargs):
//	        return f(request.args["user"], *args, **kwargs)
//	    return wrapper
//
// the view's first parameter receives request data. The result maps a
// parameter index of the view to the source labels its decorators pass.
func (e *engine) wrapperArgs(fn *resolve.Func) map[int]taint {
	var out map[int]taint
	ps := params(fn.Args)
	for _, d := range fn.Decorators {
		if _, isCall := d.(*ast.Call); isCall {
			continue // decorator factories: not followed
		}
		dec := e.ix.Func(e.qualName(fn.File, d))
		if dec == nil || dec == fn {
			continue
		}
		dps := params(dec.Args)
		if len(dps) == 0 {
			continue
		}
		wrapped := strings.TrimLeft(dps[0], "*")
		for _, w := range e.nested(dec) {
			wu := e.units[w]
			if wu == nil {
				continue
			}
			if wu.res.Load() == nil {
				e.run(wu)
			}
			wexprs := wu.res.Load().exprs
			for _, call := range callsTo(w.Body, wrapped) {
				for i, x := range call.Args {
					if _, st := x.(*ast.Starred); st {
						break
					}
					out = addBinding(out, i, wexprs[x], call, w, fn)
				}
				for _, k := range call.Keywords {
					for i, p := range ps {
						if k.Arg != "" && p == k.Arg {
							out = addBinding(out, i, wexprs[k.Value], call, w, fn)
						}
					}
				}
			}
		}
	}
	return out
}

func addBinding(out map[int]taint, i int, t taint, call *ast.Call, w, view *resolve.Func) map[int]taint {
	var srcs taint
	for _, l := range t {
		if l.org.src == nil {
			continue
		}
		l.trace = l.trace.push(w.File, call.Pos(), "passed to the view "+view.Name+"() by the decorator's "+w.Name+"()", "")
		srcs = join(srcs, single(l))
	}
	if len(srcs) == 0 {
		return out
	}
	if out == nil {
		out = map[int]taint{}
	}
	out[i] = join(out[i], srcs)
	return out
}

// nested returns the functions defined directly inside fn.
func (e *engine) nested(fn *resolve.Func) []*resolve.Func {
	if e.children == nil {
		e.children = map[*resolve.Func][]*resolve.Func{}
		for _, f := range e.ix.Funcs() {
			if f.Parent != nil {
				e.children[f.Parent] = append(e.children[f.Parent], f)
			}
		}
	}
	return e.children[fn]
}

// callsTo returns the calls of name (a plain name) in a body, outside
// nested definitions.
func callsTo(body []ast.Stmt, name string) []*ast.Call {
	var out []*ast.Call
	for _, s := range body {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.ClassDef, *ast.Lambda:
				return false
			case *ast.Call:
				if id, ok := n.Func.(*ast.Name); ok && id.ID == name {
					out = append(out, n)
				}
			}
			return true
		})
	}
	return out
}
