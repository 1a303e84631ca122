package resolve

import (
	"testing"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/python/parser"
)

// fixture is a small package spread over several modules.
var fixture = map[string]string{
	"app/__init__.py": `from flask import Flask
from .views import bp
from .db import run_query as rq
`,
	"app/db.py": `import sqlite3
from flask import request as r

def run_query(sql):
    return sqlite3.connect("x.db").execute(sql)

class Repo:
    def find(self, q):
        return self.raw(q)

    def raw(self, q):
        return run_query(q)

class AdminRepo(Repo):
    def purge(self):
        return self.raw("DELETE FROM t")
`,
	"app/views.py": `from flask import Blueprint, request
import subprocess as sp
import os.path
from . import db
from .db import Repo, run_query
from app import rq
from ..outside import thing

bp = Blueprint("v", __name__)
req = request

@bp.route("/")
def index():
    name = request.args.get("n")
    run_query(name)
    db.run_query(name)
    rq(name)
    sp.run(name)
    os.path.join("a", name)
    Repo().find(name)
    return req.form

def shadow(request):
    return request.args

def later():
    global helper
    helper = 1

def nested():
    def inner():
        return run_query("x")
    return inner
`,
}

func load(t *testing.T) (*project.Project, *Index) {
	t.Helper()
	var files []*project.File
	for path, src := range fixture {
		mod, err := parser.ParseFile(path, []byte(src))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		files = append(files, &project.File{Path: path, Kind: project.Python, Src: []byte(src), AST: mod})
	}
	p := project.New("/fixture", files, nil)
	return p, Of(p)
}

// calls returns the calls of a function's body in source order.
func calls(fn *Func) []*ast.Call {
	var out []*ast.Call
	for _, s := range fn.Body {
		ast.Inspect(s, func(n ast.Node) bool {
			if c, ok := n.(*ast.Call); ok {
				out = append(out, c)
			}
			return true
		})
	}
	return out
}

func TestCallee(t *testing.T) {
	p, ix := load(t)
	views := p.File("app/views.py")
	index := ix.Func("app.views.index")
	if index == nil {
		t.Fatal("app.views.index not indexed")
	}
	want := []struct {
		qual string
		repo bool
	}{
		{"flask.request.args.get", false},
		{"app.db.run_query", true}, // from .db import run_query
		{"app.db.run_query", true}, // db.run_query via from . import db
		{"app.db.run_query", true}, // rq re-exported by app/__init__.py under an alias
		{"subprocess.run", false},
		{"os.path.join", false},
		{"app.db.Repo.find", true}, // Repo().find: the call on the instance is not resolved...
		{"app.db.Repo", true},      // ...but the constructor is (to __init__ when defined; Repo has none)
	}
	got := calls(index)
	if len(got) != len(want) {
		t.Fatalf("got %d calls, want %d", len(got), len(want))
	}
	for i, c := range got {
		qual, fn := ix.Callee(views, c)
		w := want[i]
		switch {
		case w.qual == "app.db.Repo.find":
			if qual != "" {
				t.Errorf("call %d: Repo().find resolved to %q; instance methods need type inference the index does not do", i, qual)
			}
		case w.qual == "app.db.Repo":
			if qual != "app.db.Repo" || fn != nil {
				t.Errorf("call %d: got %q, %v; want app.db.Repo with no __init__", i, qual, fn)
			}
		default:
			if qual != w.qual || (fn != nil) != w.repo {
				t.Errorf("call %d: got %q (repo %v), want %q (repo %v)", i, qual, fn != nil, w.qual, w.repo)
			}
		}
	}
}

func TestModuleAlias(t *testing.T) {
	p, ix := load(t)
	views := p.File("app/views.py")
	ret := ix.Func("app.views.index").Body[len(ix.Func("app.views.index").Body)-1].(*ast.Return)
	if q := ix.QualName(views, ret.Value); q != "flask.request.form" {
		t.Errorf("req.form = %q, want flask.request.form (req = request at module level)", q)
	}
}

func TestShadowing(t *testing.T) {
	p, ix := load(t)
	views := p.File("app/views.py")
	fn := ix.Func("app.views.shadow")
	ret := fn.Body[0].(*ast.Return)
	if q := ix.QualName(views, ret.Value); q != "" {
		t.Errorf("a parameter named request resolved to %q; it shadows the import", q)
	}
}

func TestSelfAndInheritance(t *testing.T) {
	p, ix := load(t)
	db := p.File("app/db.py")
	find := ix.Func("app.db.Repo.find")
	c := calls(find)[0]
	if qual, fn := ix.Callee(db, c); qual != "app.db.Repo.raw" || fn == nil {
		t.Errorf("self.raw in Repo.find = %q", qual)
	}
	purge := ix.Func("app.db.AdminRepo.purge")
	c = calls(purge)[0]
	if qual, fn := ix.Callee(db, c); qual != "app.db.Repo.raw" || fn == nil || fn.Class.Name != "Repo" {
		t.Errorf("self.raw in AdminRepo.purge = %q (want the base class's method)", qual)
	}
	if got := ix.Class("app.db.AdminRepo").Bases; len(got) != 1 || got[0] != "app.db.Repo" {
		t.Errorf("AdminRepo bases = %v", got)
	}
}

func TestFuncAtAndNested(t *testing.T) {
	p, ix := load(t)
	views := p.File("app/views.py")
	inner := ix.Func("app.views.nested.inner")
	if inner == nil || inner.Parent == nil || inner.Parent.Name != "nested" {
		t.Fatalf("nested function not indexed with its parent: %+v", inner)
	}
	line := int(inner.Body[0].Pos().Line)
	if got := ix.FuncAt(views, line); got != inner {
		t.Errorf("FuncAt(%d) = %v, want inner", line, got)
	}
	if got := ix.FuncAt(views, 1); got != nil {
		t.Errorf("FuncAt(1) = %v, want nil at module level", got.Qual)
	}
	if qual, fn := ix.Callee(views, calls(inner)[0]); qual != "app.db.run_query" || fn == nil {
		t.Errorf("call in nested function = %q", qual)
	}
}

func TestImportsTable(t *testing.T) {
	p, ix := load(t)
	m := ix.Module(p.File("app/views.py"))
	want := map[string]string{
		"Blueprint": "flask.Blueprint", "sp": "subprocess", "os": "os", "db": "app.db",
		"Repo": "app.db.Repo", "rq": "app.rq", "thing": "outside.thing",
	}
	for name, q := range want {
		if got := m.Imports[name]; got != q {
			t.Errorf("Imports[%q] = %q, want %q", name, got, q)
		}
	}
	if len(m.Assigns["bp"]) != 1 || m.Funcs["index"] == nil {
		t.Error("module-level definitions missing")
	}
	if ix.ModuleNamed("app.db") == nil || ix.ModuleNamed("db") == nil {
		t.Error("modules must be known by their full name and by their name below a containing folder")
	}
}

func TestStarImports(t *testing.T) {
	files := map[string]string{
		"legacy.py": `from flask import *
from os.path import *
from helpers import *

@app.route("/")
def view():
    a = request.args
    b = render_template_string(a)
    c = join("x", a)
    d = eval(a)
    e = clean(a)
    f = undefined_name
`,
		"helpers.py": `from markupsafe import escape as clean
`,
	}
	var fs []*project.File
	for path, src := range files {
		mod, err := parser.ParseFile(path, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, &project.File{Path: path, Kind: project.Python, Src: []byte(src), AST: mod})
	}
	p := project.New("/x", fs, nil)
	ix := Of(p)
	f := p.File("legacy.py")
	if got := ix.Module(f).Stars; len(got) != 3 || got[0] != "flask" || got[2] != "helpers" {
		t.Fatalf("Stars = %v", got)
	}
	view := ix.Func("legacy.view")
	want := []string{
		"flask.request.args",
		"flask.render_template_string", // flask is known to export it, though os.path comes later
		"os.path.join",                 // the later star import: not a flask export
		"",                             // eval is a builtin, never a star import's
		"markupsafe.escape",            // through the repo module's own import
		"os.path.undefined_name",       // unknown: credited to the last library star import
	}
	for i, s := range view.Body {
		e := s.(*ast.Assign).Value
		if c, ok := e.(*ast.Call); ok {
			e = c.Func // the name of the called function
		}
		if got := ix.QualName(f, e); got != want[i] {
			t.Errorf("statement %d: got %q, want %q", i, got, want[i])
		}
	}
}

func TestFunctionScopedImports(t *testing.T) {
	files := map[string]string{
		"site/__init__.py": `from flask import Flask

def public_app():
    from .public import bp
    app = Flask(__name__)
    app.register_blueprint(bp)
    return app

def staff_app():
    from .staff import bp
    app = Flask(__name__)
    app.register_blueprint(bp)
    return app
`,
		"site/public.py": "bp = object()\n",
		"site/staff.py":  "bp = object()\n",
	}
	p, ix := loadFiles(t, files)
	f := p.File("site/__init__.py")
	for fn, want := range map[string]string{"site.public_app": "site.public.bp", "site.staff_app": "site.staff.bp"} {
		reg := ix.Func(fn).Body[2].(*ast.ExprStmt).Value.(*ast.Call)
		if got := ix.QualName(f, reg.Args[0]); got != want {
			t.Errorf("bp in %s = %q, want %q", fn, got, want)
		}
	}
	imp := ix.Func("site.staff_app").Body[0]
	if got := ImportBindings(f, imp); got["bp"] != "site.staff.bp" || len(got) != 1 {
		t.Errorf("ImportBindings = %v", got)
	}
}

func TestNestedStarImports(t *testing.T) {
	files := map[string]string{
		"app/__init__.py": `from flask import *
from .extensions import *

app = Flask(__name__)
guard = CSRFProtect(app)
other = thing(app)
`,
		"app/extensions.py": "from flask_wtf.csrf import *\n",
	}
	p, ix := loadFiles(t, files)
	f := p.File("app/__init__.py")
	body := f.AST.Body
	if got := ix.QualName(f, body[2].(*ast.Assign).Value.(*ast.Call).Func); got != "flask.Flask" {
		t.Errorf("Flask = %q: a library star import inside a repo module must not claim names it is not known to export", got)
	}
	if got := ix.QualName(f, body[3].(*ast.Assign).Value.(*ast.Call).Func); got != "flask_wtf.csrf.CSRFProtect" {
		t.Errorf("CSRFProtect = %q: the nested library is known to export it", got)
	}
	// An unknown name is not claimed by the nested library's star import; it
	// falls to the outer module's last library star import.
	if got := ix.QualName(f, body[4].(*ast.Assign).Value.(*ast.Call).Func); got != "flask.thing" {
		t.Errorf("thing = %q", got)
	}
}

func loadFiles(t *testing.T, files map[string]string) (*project.Project, *Index) {
	t.Helper()
	var fs []*project.File
	for path, src := range files {
		mod, err := parser.ParseFile(path, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, &project.File{Path: path, Kind: project.Python, Src: []byte(src), AST: mod})
	}
	p := project.New("/x", fs, nil)
	return p, Of(p)
}

// TestFuncAtMatchesBruteForce checks the O(log n) FuncAt against a scan of
// every function, on every line of a file with nested functions, classes
// inside functions, methods, decorators and module-level code between.
func TestFuncAtMatchesBruteForce(t *testing.T) {
	src := `import os

def a():
    x = 1
    def b():
        return 2
    y = 3
    class C:
        def m(self):
            def n():
                pass
            return n
        z = 4
    return y

w = 5

@deco
def c(
    p,
):
    async def d():
        pass
    return p

class D:
    def e(self): return 1
    def f(self):
        pass

v = 6
`
	p, ix := loadFiles(t, map[string]string{"m.py": src})
	f := p.File("m.py")
	lines := f.NumLines()
	for line := 1; line <= lines+1; line++ {
		var want *Func
		for _, fn := range ix.spans[f] {
			if int(fn.Node.Pos().Line) <= line && line <= int(fn.Node.End().Line) {
				if want == nil || want.Node.Pos().Before(fn.Node.Pos()) {
					want = fn
				}
			}
		}
		if got := ix.FuncAt(f, line); got != want {
			t.Errorf("line %d: FuncAt = %v, want %v", line, name(got), name(want))
		}
	}
	if got := ix.FuncAt(f, 11); got == nil || got.Qual != "m.a.C.m.n" {
		t.Errorf("line 11 = %v, want m.a.C.m.n", name(got))
	}
}

func name(fn *Func) string {
	if fn == nil {
		return "<module>"
	}
	return fn.Qual
}
