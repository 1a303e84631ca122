package resolve

import (
	"testing"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/python/parser"
)

// TestQualNameModuleLevelCache checks that bare names read outside any
// function (cached by identifier) resolve as before, while the same
// identifier inside a function still follows that function's scope.
func TestQualNameModuleLevelCache(t *testing.T) {
	src := "from flask import request\nimport os\na = request\nb = request\n" +
		"def f(request):\n    return request\n" +
		"def g():\n    from os import path as request\n    return request\n" +
		"c = request\n"
	mod, err := parser.ParseFile("m.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	f := &project.File{Path: "m.py", Kind: project.Python, Src: []byte(src), AST: mod}
	ix := Of(project.New("/x", []*project.File{f}, nil))
	var got []string
	ast.Inspect(mod, func(n ast.Node) bool {
		if nm, ok := n.(*ast.Name); ok && nm.ID == "request" && nm.Ctx == ast.Load {
			// Twice: the second answer comes from the cache.
			q1, q2 := ix.QualName(f, nm), ix.QualName(f, nm)
			if q1 != q2 {
				t.Errorf("line %d: %q then %q", nm.Pos().Line, q1, q2)
			}
			got = append(got, q1)
		}
		return true
	})
	want := []string{"flask.request", "flask.request", "", "os.path", "flask.request"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("read %d: %q, want %q", i, got[i], want[i])
		}
	}
}
