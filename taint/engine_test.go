package taint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/config"
	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/resolve"
	"github.com/flasksec/flasksec/rules"
	"os"
	"path/filepath"
)

// generatedModule returns a module of n functions: a chain f0 -> f1 ->
// ... -> f(n-1) where the last one runs its argument as a command, pairs
// of mutually recursive functions, and a view feeding the chain.
func generatedModule(n int) (src string, sinkLine int) {
	var b strings.Builder
	line := 1
	w := func(format string, args ...any) {
		fmt.Fprintf(&b, format+"\n", args...)
		line++
	}
	w("import os")
	w("from flask import Flask, request")
	w("app = Flask(__name__)")
	chain := n - n/10
	for i := 0; i < chain-1; i++ {
		w("def f%d(x):", i)
		w("    y = x + 'a'")
		w("    return f%d(y)", i+1)
	}
	w("def f%d(x):", chain-1)
	sinkLine = line
	w("    os.system(x)")
	w("    return x")
	for i := chain; i+1 < n; i += 2 {
		w("def g%d(x, k):", i)
		w("    if k:")
		w("        return g%d(x, k - 1)", i+1)
		w("    return 'clean'")
		w("def g%d(x, k):", i+1)
		w("    return g%d(x + 'b', k)", i)
	}
	w("@app.route('/run')")
	w("def run():")
	w("    f0(request.args['cmd'])")
	w("    os.system(g%d(request.args['other'], 3))", chain)
	w("    return 'ok'")
	return b.String(), sinkLine
}

// TestGeneratedModule checks that the fixpoint terminates on a module of
// 5,000 functions with a long call chain and mutual recursion, and finds
// exactly the one flow through the chain.
func TestGeneratedModule(t *testing.T) {
	src, sinkLine := generatedModule(5000)
	p := load(t, map[string]string{"big.py": src})
	r := Of(p)
	flows := r.All()
	if len(flows) != 1 {
		t.Fatalf("got %d flows, want 1: %v", len(flows), describe(r))
	}
	fl := flows[0]
	if fl.Kind != knowledge.Command || int(fl.Node.Pos().Line) != sinkLine || fl.Confidence != rules.HighConfidence ||
		fl.Origin != knowledge.Request {
		t.Errorf("flow = %s at line %d (%s, %s), want command at line %d (High, request)",
			fl.Kind, fl.Node.Pos().Line, fl.Confidence, fl.Origin, sinkLine)
	}
	if st := r.Stats(); st.Functions < 5000 || st.Analyses > st.Functions*maxRounds {
		t.Errorf("stats = %+v", st)
	}
	if len(fl.Trace) == 0 || fl.Trace[0].Note != "request.args read here" {
		t.Errorf("trace does not start at the source: %v", fl.Trace)
	}
}

// findCall returns the first call of f whose callee text is name.
func findCall(f *project.File, name string) *ast.Call {
	var found *ast.Call
	ast.Inspect(f.AST, func(n ast.Node) bool {
		if c, ok := n.(*ast.Call); ok && found == nil && exprText(c.Func) == name {
			found = c
		}
		return found == nil
	})
	return found
}

func TestExpr(t *testing.T) {
	p := load(t, map[string]string{
		"app.py": `
from flask import Flask, request, render_template
from helpers import show
app = Flask(__name__)

@app.route("/u")
def u():
    bio = request.form["bio"]
    render_template("u.html", bio=bio, title="Profile")
    return show(bio.strip())
`,
		"helpers.py": `
from flask import render_template

def show(text):
    return render_template("show.html", text=text)
`})
	r := Of(p)
	app := p.File("app.py")
	call := findCall(app, "render_template")
	var bio, title ast.Expr
	for _, k := range call.Keywords {
		switch k.Arg {
		case "bio":
			bio = k.Value
		case "title":
			title = k.Value
		}
	}
	fl := r.Expr(app, bio)
	if fl == nil || fl.Origin != knowledge.Request || fl.Source != "request.form" {
		t.Fatalf("Expr(bio) = %+v, want a flow from request.form", fl)
	}
	if last := fl.Trace[len(fl.Trace)-1]; last.Line != 9 {
		t.Errorf("trace ends at line %d, want 9", last.Line)
	}
	if fl := r.Expr(app, title); fl != nil {
		t.Errorf("Expr(title) = %+v, want nil", fl)
	}
	helpers := p.File("helpers.py")
	text := findCall(helpers, "render_template").Keywords[0].Value
	if fl := r.Expr(helpers, text); fl == nil || len(fl.Via) != 1 || !strings.HasPrefix(fl.Via[0], "show()") {
		t.Errorf("Expr(text) in the helper = %+v, want a flow through show()", fl)
	}
	if got := len(r.Flows(knowledge.TemplateContext)); got != 2 {
		t.Errorf("%d template-context flows, want 2", got)
	}
}

func TestUserConfig(t *testing.T) {
	files := map[string]string{
		"util.py": `
def get_input():
    return open("/dev/stdin").read()

def run_query(q):
    pass

def clean(v):
    return v
`,
		"main.py": `
import os
from util import get_input, run_query, clean

def main():
    v = get_input()
    run_query("SELECT " + v)
    run_query(clean(v))
    os.system(v)
    os.system(clean(v))
`}
	var fs []*project.File
	for path, src := range files {
		mod, err := parser.ParseFile(path, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, &project.File{Path: path, Kind: project.Python, Src: []byte(src), AST: mod})
	}
	cfg := &config.Config{Sources: []string{"util.get_input"}, Sinks: []string{"util.run_query"}, Sanitizers: []string{"util.clean"}}
	r := Of(project.New("", fs, cfg))
	got := strings.Join(describe(r), "\n")
	want := "command/shell main.py:9 High configured source\nsql main.py:7 High configured source"
	if got != want {
		t.Errorf("flows:\n%s\nwant:\n%s", got, want)
	}
}

// TestDeterministic checks that flows and their traces do not depend on
// map iteration order: several analyses of the same sources agree.
func TestDeterministic(t *testing.T) {
	src, _ := generatedModule(400)
	files := map[string]string{
		"big.py": src,
		"app.py": `
from flask import Flask, request
from helpers import a, b
app = Flask(__name__)

@app.route("/x")
def x():
    v = request.args["v"]
    w = request.args["v"]
    a(v if v else w)
    b(w, v)
    return "ok"
`,
		"helpers.py": `
import os
def a(x):
    os.system(x)
def b(p, q):
    a(p + q)
    a(q)
`}
	render := func() string {
		var b strings.Builder
		for _, fl := range Of(load(t, files)).All() {
			fmt.Fprintf(&b, "%s %s:%d %s\n", fl.Kind, fl.File.Path, fl.Node.Pos().Line, fl.Message())
			for _, st := range fl.Trace {
				fmt.Fprintf(&b, "  %s:%d:%d %s\n", st.Path, st.Line, st.Col, st.Note)
			}
		}
		return b.String()
	}
	first := render()
	if first == "" {
		t.Fatal("no flows")
	}
	for i := 0; i < 4; i++ {
		if got := render(); got != first {
			t.Fatalf("analysis %d differs:\n%s\nfirst:\n%s", i+2, got, first)
		}
	}
}

// BenchmarkAnalyze measures the taint engine alone on the generated
// 2,000-file app (parsing, resolution and the Flask model are done
// before the timer starts).
func BenchmarkAnalyze(b *testing.B) {
	files, want := GenerateApp(2000)
	p := load(b, files)
	resolve.Of(p)
	flask.ModelOf(p)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := analyze(p)
		if got := len(r.Flows(knowledge.SQL)); got != want {
			b.Fatalf("%d SQL flows, want %d", got, want)
		}
	}
}

// TestViewTiming checks that when the fixpoint learns which functions are
// views (it starts before the Flask model is built) changes no flow: on
// every rule fixture and example app, learning them first and learning
// them only after a fixpoint without them give the same flows, routes and
// traces.
func TestViewTiming(t *testing.T) {
	dirs, err := filepath.Glob("../rules/*/testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	examples, _ := filepath.Glob("../examples/*")
	dirs = append(dirs, examples...)
	render := renderFlows
	n, flows := 0, 0
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		p, err := project.Load(dir, project.Options{ParsePython: parser.ParseFile})
		if err != nil {
			continue // fixtures of broken input
		}
		first := analyzeWith(p, viewsFirst, 1)
		last := analyzeWith(p, viewsLast, 1)
		if a, b := render(first), render(last); a != b {
			t.Errorf("%s: views learnt first:\n%s\nviews learnt last:\n%s", dir, a, b)
		}
		n++
		flows += len(first.All())
	}
	if n < 50 || flows < 100 {
		t.Fatalf("only %d fixture trees with %d flows compared", n, flows)
	}
	t.Logf("%d trees, %d flows", n, flows)
}

// TestParallel checks that analysing functions side by side gives the
// flows of the one-at-a-time analysis: on every rule fixture and example
// app, and on a generated 300-file app, with 1 and with 8 goroutines
// (more than the cores, to vary the interleavings).
func TestParallel(t *testing.T) {
	dirs, err := filepath.Glob("../rules/*/testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	examples, _ := filepath.Glob("../examples/*")
	dirs = append(dirs, examples...)
	var projects []*project.Project
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		if p, err := project.Load(dir, project.Options{ParsePython: parser.ParseFile}); err == nil {
			projects = append(projects, p)
		}
	}
	files, _ := GenerateApp(300)
	projects = append(projects, load(t, files))
	for _, p := range projects {
		one := renderFlows(analyzeWith(p, viewsFirst, 1))
		for i := 0; i < 3; i++ {
			if many := renderFlows(analyzeWith(p, viewsWhenReady, 8)); many != one {
				t.Fatalf("%s: 8 goroutines:\n%s\none goroutine:\n%s", p.Root, many, one)
			}
		}
	}
}

// renderFlows prints every flow with its confidence, origin, route and
// trace.
func renderFlows(r *Result) string {
	var b strings.Builder
	for _, fl := range r.All() {
		fmt.Fprintf(&b, "%s/%s %s:%d %s %s route=%q %s\n", fl.Kind, fl.Variant, fl.File.Path, fl.Node.Pos().Line,
			fl.Confidence, fl.Origin, fl.Route, fl.Message())
		for _, st := range fl.Trace {
			fmt.Fprintf(&b, "  %s:%d:%d %s\n", st.Path, st.Line, st.Col, st.Note)
		}
	}
	return b.String()
}

// TestStaticCallees checks the callees derived from the resolved calls
// of each file against a direct walk of each function's body (outside
// nested definitions, lambdas and classes), order included.
func TestStaticCallees(t *testing.T) {
	files, _ := GenerateApp(200)
	files["nested.py"] = `
from helpers import a, b
def deco(f):
    @a
    def wrapper(x=b()):
        return f(a(x))
    return wrapper
class K:
    def m(self):
        g = lambda: b()
        class Inner:
            z = a(1)
        return b(a(2))
`
	files["helpers.py"] = "def a(x=None):\n    return x\ndef b():\n    return 1\n"
	p := load(t, files)
	e := &engine{p: p, ix: resolve.Of(p), units: map[*resolve.Func]*unit{}, calls: map[*project.File]map[*ast.Call]callee{}}
	e.fileCalls = e.resolveAllCalls()
	checked := 0
	for _, fn := range e.ix.Funcs() {
		u := &unit{fn: fn, file: fn.File, body: fn.Body}
		var want []*resolve.Func
		seen := map[*resolve.Func]bool{}
		for _, s := range fn.Body {
			ast.Inspect(s, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.ClassDef, *ast.Lambda:
					return false
				case *ast.Call:
					if _, c := e.ix.Callee(fn.File, n); c != nil && !seen[c] {
						seen[c] = true
						want = append(want, c)
					}
				}
				return true
			})
		}
		got := e.staticCallees(u)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: static callees %v, want %v", fn.Qual, got, want)
		}
		checked += len(want)
	}
	if checked < 100 {
		t.Fatalf("only %d callees checked", checked)
	}
}
