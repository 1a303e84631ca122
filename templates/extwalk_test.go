package templates

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/resolve"
)

// extCorner holds the places findExtensions must look at beside what
// walkBody walks.
const extCorner = `from flask import Flask
app = Flask(__name__)
app.jinja_env.filters["a"] = lambda x: x
f = lambda: app.add_template_filter(up, "lam")


def up(s, key=app.add_template_filter(str.upper, "default")) -> app.jinja_env.globals.update(ret=1):
    return s.upper()


@app.template_filter("dec")
def dec(s):
    return s


class K(Base, meta=app.add_template_filter(up, "classkw")):
    app.jinja_env.globals.update(inclass=1)

    def m(self):
        app.add_template_filter(up, "method")


if app:
    def g():
        app.add_template_filter(up, "inif")
    app.jinja_env.globals["x"] = 1
try:
    pass
except ValueError:
    def h():
        app.add_template_filter(up, "inexcept")
else:
    app.jinja_env.globals.update(inelse=1)
match app:
    case 1:
        def mm(x=app.add_template_filter(up, "matchdefault")):
            app.add_template_filter(up, "inmatch")

            def deeper():
                app.add_template_filter(up, "deeper")
        app.add_template_filter(up, "matchbody")
try:
    pass
except* ValueError:
    class C:
        app.add_template_filter(up, "trystar")
app.add_template_filter(up, "dup")
app.add_template_filter(dec, "dup")
`

// pyFiles lists the parsed Python files of the test trees.
func pyFiles(t *testing.T) ([]*project.File, *project.Project) {
	var dirs []string
	for _, pattern := range []string{"../flask/testdata/*", "../rules/*/testdata/*", "../examples/*"} {
		ms, _ := filepath.Glob(pattern)
		dirs = append(dirs, ms...)
	}
	if root := os.Getenv("FLASKSEC_CORPUS"); root != "" && !testing.Short() {
		dirs = append(dirs, filepath.SplitList(root)...)
	}
	var out []*project.File
	var last *project.Project
	for _, d := range dirs {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			continue
		}
		p, err := project.Load(d, project.Options{ParsePython: parser.ParseFile})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range p.FilesOf(project.Python) {
			if f.AST != nil {
				out = append(out, f)
			}
		}
		last = p
	}
	return out, last
}

// TestExtensionsWalk checks findExtensions against the two whole-file
// walks it replaces, and that it meets every call of a file once.
func TestExtensionsWalk(t *testing.T) {
	corner := newProject(t, map[string]string{"app.py": extCorner})
	files, _ := pyFiles(t)
	files = append(files, corner.File("app.py"))
	projOf := map[*project.File]*project.Project{corner.File("app.py"): corner}
	for _, f := range files {
		p := projOf[f]
		if p == nil {
			p = project.New("/x", []*project.File{f}, nil)
		}
		ix := resolve.Of(p)
		model := flask.ModelOf(p)

		// Every call once.
		testAllCalls = true
		pf := newPyFile(f, ix, model)
		pf.envs = map[string]bool{}
		pf.walkBody(f.AST.Body, nil)
		pf.extStmts(f.AST.Body, extReached)
		testAllCalls = false
		seen := map[*ast.Call]int{}
		for _, n := range pf.regs {
			if c, ok := n.(*ast.Call); ok {
				seen[c]++
			}
		}
		ast.Inspect(f.AST, func(n ast.Node) bool {
			if c, ok := n.(*ast.Call); ok {
				if seen[c] != 1 {
					t.Errorf("%s:%d:%d: call met %d times", f.Path, c.Pos().Line, c.Pos().Col, seen[c])
				}
				delete(seen, c)
			}
			return true
		})
		for c := range seen {
			t.Errorf("%s:%d: call met that the walk does not reach", f.Path, c.Pos().Line)
		}

		// The same events as the two whole-file walks.
		pf = newPyFile(f, ix, model)
		pf.envs = map[string]bool{}
		pf.walkBody(f.AST.Body, nil)
		pf.findExtensions()
		ref := newPyFile(f, ix, model)
		funcs := map[string]ast.Node{}
		ast.Inspect(f.AST, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FunctionDef:
				funcs[n.Name] = n
				ref.decorated(n, n.DecoratorList, n.Body)
			case *ast.AsyncFunctionDef:
				funcs[n.Name] = n
				ref.decorated(n, n.DecoratorList, n.Body)
			}
			return true
		})
		ast.Inspect(f.AST, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Assign:
				ref.registryAssign(n, funcs)
			case *ast.Call:
				ref.registryCall(n, funcs)
			}
			return true
		})
		if got, want := events(pf.ext), events(ref.ext); got != want {
			t.Errorf("%s: events\n got %s\nwant %s", f.Path, got, want)
		}
		if f == corner.File("app.py") && len(ref.ext) < 15 {
			t.Errorf("corner case: only %d events: %s", len(ref.ext), events(ref.ext))
		}
	}
}

func events(es []extEvent) string {
	s := ""
	for _, e := range es {
		if e.global != nil {
			g := e.global
			s += fmt.Sprintf("[global %s %d %v %v]", g.Name, g.Line, g.Value, g.Func)
		} else {
			s += fmt.Sprintf("[filter %s %v]", e.filter, e.fn)
		}
	}
	return s
}
