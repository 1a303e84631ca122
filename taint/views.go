package taint

import (
	"strings"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
)

// view is a function Flask calls for a route.
type view struct {
	route  string            // "GET /user/<int:id>"
	params map[string]string // path parameter name -> converter
}

var routeMethods = map[string]string{"route": "", "get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE"}

// findViews recognises view functions by their route decorators
// (`@app.route(...)`, `@bp.get(...)`) and by add_url_rule(..., view_func=f)
// calls, with the path parameters of their rules.
func findViews(p *project.Project, ix *resolve.Index) map[ast.Node]*view {
	views := map[ast.Node]*view{}
	for _, fn := range ix.Funcs() {
		for _, d := range fn.Decorators {
			call, ok := d.(*ast.Call)
			if !ok {
				continue
			}
			attr, ok := call.Func.(*ast.Attribute)
			if !ok {
				continue
			}
			method, ok := routeMethods[attr.Attr]
			if !ok || len(call.Args) == 0 {
				continue
			}
			rule, ok := constStr(call.Args[0])
			if !ok || !strings.HasPrefix(rule, "/") {
				continue
			}
			if method == "" {
				method = methodsOf(call)
			}
			addView(views, fn.Node, method, rule)
		}
	}
	for _, f := range p.FilesOf(project.Python) {
		if f.AST == nil {
			continue
		}
		ast.Inspect(f.AST, func(n ast.Node) bool {
			call, ok := n.(*ast.Call)
			if !ok {
				return true
			}
			attr, ok := call.Func.(*ast.Attribute)
			if !ok || attr.Attr != "add_url_rule" || len(call.Args) == 0 {
				return true
			}
			rule, ok := constStr(call.Args[0])
			if !ok {
				return true
			}
			var target ast.Expr
			if len(call.Args) >= 3 {
				target = call.Args[2]
			}
			for _, kw := range call.Keywords {
				if kw.Arg == "view_func" {
					target = kw.Value
				}
			}
			if target == nil {
				return true
			}
			if fn := ix.Func(ix.QualName(f, target)); fn != nil {
				addView(views, fn.Node, methodsOf(call), rule)
			}
			return true
		})
	}
	return views
}

func addView(views map[ast.Node]*view, node ast.Node, method, rule string) {
	v := views[node]
	if v == nil {
		v = &view{route: method + " " + rule, params: map[string]string{}}
		views[node] = v
	}
	for _, seg := range strings.Split(rule, "<")[1:] {
		end := strings.IndexByte(seg, '>')
		if end < 0 {
			continue
		}
		conv, name, ok := strings.Cut(seg[:end], ":")
		if !ok {
			name, conv = conv, "string"
		}
		if i := strings.IndexByte(conv, '('); i >= 0 {
			conv = conv[:i]
		}
		v.params[strings.TrimSpace(name)] = strings.TrimSpace(conv)
	}
}

// methodsOf returns the methods= of a route declaration, "GET" by default.
func methodsOf(call *ast.Call) string {
	for _, kw := range call.Keywords {
		if kw.Arg != "methods" {
			continue
		}
		var ms []string
		switch l := kw.Value.(type) {
		case *ast.List:
			for _, e := range l.Elts {
				if s, ok := constStr(e); ok {
					ms = append(ms, strings.ToUpper(s))
				}
			}
		case *ast.Tuple:
			for _, e := range l.Elts {
				if s, ok := constStr(e); ok {
					ms = append(ms, strings.ToUpper(s))
				}
			}
		}
		if len(ms) > 0 {
			return strings.Join(ms, ", ")
		}
	}
	return "GET"
}

func constStr(e ast.Expr) (string, bool) {
	c, ok := e.(*ast.Constant)
	if !ok {
		return "", false
	}
	return c.Str()
}

// safeConverter reports whether a route converter yields a value that
// cannot carry injected text.
func safeConverter(conv string) bool {
	switch conv {
	case "int", "float", "uuid":
		return true
	}
	return false
}
