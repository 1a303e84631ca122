package taint

import (
	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
)

// view is a function Flask calls for a route.
type view struct {
	route  string            // "GET /user/<int:id>"
	params map[string]string // path parameter name -> converter
}

// findViews returns the view functions of the project's routes (from the
// Flask model: route decorators, add_url_rule, class-based views) with
// their path parameters. A function serving several routes gets the
// parameters of all of them and the first route's name.
func findViews(p *project.Project) map[ast.Node]*view {
	views := map[ast.Node]*view{}
	for _, r := range flask.ModelOf(p).Routes {
		if r.Func == nil {
			continue
		}
		v := views[r.Func]
		if v == nil {
			v = &view{route: r.String(), params: map[string]string{}}
			views[r.Func] = v
		}
		for _, prm := range r.Params {
			if old, ok := v.params[prm.Name]; ok && !safeConverter(old) {
				continue
			}
			v.params[prm.Name] = prm.Converter
		}
	}
	return views
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

func constStr(e ast.Expr) (string, bool) {
	c, ok := e.(*ast.Constant)
	if !ok {
		return "", false
	}
	return c.Str()
}
