package resolve

import (
	"strings"
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

// TestQualNameLongChain checks that chains longer than maxQualLinks
// attributes get no name, and those up to it still resolve.
func TestQualNameLongChain(t *testing.T) {
	for _, tc := range []struct {
		links int
		want  bool
	}{{1, true}, {maxQualLinks, true}, {maxQualLinks + 1, false}, {2500, false}} {
		src := "import os\nx = os" + strings.Repeat(".a", tc.links) + "\n"
		mod, err := parser.ParseFile("m.py", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		f := &project.File{Path: "m.py", Kind: project.Python, Src: []byte(src), AST: mod}
		ix := Of(project.New("/x", []*project.File{f}, nil))
		q := ix.QualName(f, mod.Body[1].(*ast.Assign).Value)
		if want := "os" + strings.Repeat(".a", tc.links); tc.want && q != want || !tc.want && q != "" {
			t.Errorf("%d links: QualName = %.40q, want resolved %v", tc.links, q, tc.want)
		}
	}
}
