package taint

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/parser"
)

// load builds an in-memory project from path -> source.
func load(t testing.TB, files map[string]string) *project.Project {
	t.Helper()
	var fs []*project.File
	for path, src := range files {
		mod, err := parser.ParseFile(path, []byte(src))
		if err != nil {
			t.Fatalf("%s does not parse: %v", path, err)
		}
		fs = append(fs, &project.File{Path: path, Kind: project.Python, Src: []byte(src), AST: mod})
	}
	return project.New("", fs, nil)
}

// describe renders flows as "kind path:line conf origin" lines.
func describe(r *Result) []string {
	var out []string
	for _, fl := range r.All() {
		out = append(out, fmt.Sprintf("%s%s %s:%d %s %s", fl.Kind, variant(fl), fl.File.Path, fl.Node.Pos().Line, fl.Confidence, fl.Origin))
	}
	sort.Strings(out)
	return out
}

func variant(fl *Flow) string {
	if fl.Variant == "" {
		return ""
	}
	return "/" + fl.Variant
}

func TestFlows(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name: "direct",
			files: map[string]string{"app.py": `
from flask import Flask, request
import sqlite3
app = Flask(__name__)

@app.route("/s")
def search():
    q = request.args.get("q", "")
    conn = sqlite3.connect("db")
    conn.execute("SELECT * FROM t WHERE name = '%s'" % q)
    conn.execute("SELECT * FROM t WHERE name = ?", (q,))
    q = "constant"
    conn.execute("SELECT * FROM t WHERE name = '" + q + "'")
    return "ok"
`},
			want: []string{"sql app.py:10 High request"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Of(load(t, tt.files))
			got := describe(r)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("flows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			_ = knowledge.SQL
		})
	}
}
