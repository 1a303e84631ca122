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

// parsedArgs returns the parameters of a view that a request-parsing
// decorator fills: webargs' @use_args / @use_kwargs (also through a
// FlaskParser instance, or flask-apispec's) and flask-smorest's
// @blp.arguments. Flask passes route parameters as keywords and such a
// decorator adds the parsed request data: use_args as one more argument
// (a dict), use_kwargs as one keyword argument per field. So every
// parameter that is not a route parameter holds request data, except,
// when the fields are given as a dict literal, those whose field type
// cannot carry text (fields.Int, fields.Bool, fields.UUID, dates...). The
// result maps a parameter name to the decorator's name ("use_args"); nil
// when there is no such decorator.
func parsedArgs(fn *resolve.Func, routeParams map[string]string) map[string]string {
	var out map[string]string
	for _, d := range fn.Decorators {
		call, ok := d.(*ast.Call)
		if !ok {
			continue
		}
		var name string
		switch f := call.Func.(type) {
		case *ast.Name:
			name = f.ID
		case *ast.Attribute:
			name = f.Attr
		}
		if name != "use_args" && name != "use_kwargs" && name != "arguments" {
			continue
		}
		if name == "arguments" {
			// flask-smorest: @blp.arguments(Schema); only on a blueprint-like
			// receiver, not any function called arguments.
			if _, ok := call.Func.(*ast.Attribute); !ok || len(call.Args) == 0 {
				continue
			}
		}
		safe := safeArgFields(call)
		allSafe := len(safe) > 0
		if d, ok := firstArg(call).(*ast.Dict); ok {
			for _, k := range d.Keys {
				if key, ok := constStr(k); !ok || !safe[key] {
					allSafe = false
				}
			}
		} else {
			allSafe = false
		}
		for _, p := range params(fn.Args) {
			p = strings.TrimLeft(p, "*")
			if _, route := routeParams[p]; route || p == "self" {
				continue
			}
			if name == "use_kwargs" && safe[p] || name != "use_kwargs" && allSafe {
				continue
			}
			if out == nil {
				out = map[string]string{}
			}
			out[p] = name
		}
	}
	return out
}

func firstArg(call *ast.Call) ast.Expr {
	if len(call.Args) > 0 {
		return call.Args[0]
	}
	return nil
}

// safeArgFields returns the keys of a dict literal of webargs/marshmallow
// fields whose type cannot carry text.
func safeArgFields(call *ast.Call) map[string]bool {
	d, ok := firstArg(call).(*ast.Dict)
	if !ok {
		return nil
	}
	out := map[string]bool{}
	for i, k := range d.Keys {
		key, ok := constStr(k)
		if !ok {
			continue
		}
		fc, ok := d.Values[i].(*ast.Call)
		if !ok {
			continue
		}
		var typ string
		switch f := fc.Func.(type) {
		case *ast.Name:
			typ = f.ID
		case *ast.Attribute:
			typ = f.Attr
		}
		switch typ {
		case "Int", "Integer", "Float", "Decimal", "Number", "Bool", "Boolean", "UUID", "Date", "DateTime",
			"NaiveDateTime", "AwareDateTime", "Time", "TimeDelta":
			out[key] = true
		}
	}
	return out
}
