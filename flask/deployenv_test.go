package flask_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/parser"
)

// TestDeployEnvDebug checks which environment variables reach a deployment
// entry point: a compose service's own environment (not another
// service's), the last debug-enabling variable of the file, and in a
// Dockerfile only the variables set before the command.
func TestDeployEnvDebug(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            []string // per entry point: line, FLASK_APP it runs with, debug reason
	}{
		{"compose services keep their own environment", "docker-compose.yml",
			"services:\n  a:\n    command: flask run\n    environment:\n      FLASK_APP: one.py\n  b:\n    command: flask run\n    environment:\n      FLASK_APP: two.py\n",
			[]string{"3 one.py ", "7 two.py "}},
		{"the last debug variable of the file wins", "docker-compose.yml",
			"services:\n  a:\n    command: gunicorn app:app\n    environment:\n      FLASK_DEBUG: \"1\"\n  b:\n    command: gunicorn app:app\n    environment:\n      FLASK_ENV: development\n",
			[]string{"3  FLASK_ENV=development", "7  FLASK_ENV=development"}},
		{"no debug variable", "docker-compose.yml",
			"services:\n  a:\n    command: gunicorn app:app\n    environment:\n      FLASK_DEBUG: \"0\"\n",
			[]string{"3  "}},
		{"a Dockerfile reads variables set before the command", "Dockerfile",
			"FROM python\nENV FLASK_DEBUG=1\nCMD gunicorn app:app\nENV FLASK_ENV=development\n",
			[]string{"3  FLASK_DEBUG=1"}},
	}
	src := []byte("from flask import Flask\napp = Flask(__name__)\n")
	mod, _ := parser.ParseFile("app.py", src)
	for _, tc := range tests {
		p := project.New("/x", []*project.File{
			{Path: "app.py", Kind: project.Python, Src: src, AST: mod},
			{Path: tc.file, Kind: project.Deploy, Src: []byte(tc.src)},
		}, nil)
		var got []string
		for _, ep := range flask.ModelOf(p).Entrypoints {
			got = append(got, fmt.Sprintf("%d %s %s", ep.Line, ep.Env["FLASK_APP"], ep.DebugWhy))
		}
		sort.Strings(got)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: entry points %q, want %q", tc.name, got, tc.want)
		}
	}
}
