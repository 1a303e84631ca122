// Package sizes generates source files of a chosen size in the shapes that
// once made the analysis super-linear or crash (long operator chains,
// attribute chains, call chains, method-call chains, many statements, many
// docker-compose services, long chains in a Jinja template), for the benchmarks and tests beside it and for
// bench/sizes.sh, which checks that the time grows linearly.
package sizes

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A Shape generates the files of a project with n units of one shape.
type Shape struct {
	Name string // terms, attrs, calls, links, stmts, compose or template
	File string // the file generated, relative to the project root
	// Gen returns the content of File for n units.
	Gen func(n int) string
}

// header makes each Python file a Flask app, so that every Flask-specific
// pass runs on it.
const header = "from flask import Flask, request\napp = Flask(__name__)\n"

// Shapes lists every shape, in a fixed order.
var Shapes = []Shape{
	{"terms", "app.py", func(n int) string { return header + "x = 1" + strings.Repeat(" + 1", n-1) + "\n" }},
	{"attrs", "app.py", func(n int) string { return header + "x = a" + strings.Repeat(".a", n) + "\n" }},
	{"calls", "app.py", func(n int) string { return header + "x = f" + strings.Repeat("()", n) + "\n" }},
	{"links", "app.py", func(n int) string {
		return header + "x = db.query(request.args['q'])" + strings.Repeat(".filter(y)", n) + "\n"
	}},
	{"stmts", "app.py", genStmts},
	{"compose", "docker-compose.yml", genCompose},
	{"template", "templates/page.html", func(n int) string { return "<p>{{ a" + strings.Repeat(".a", n) + " }}</p>\n" }},
}

// genStmts returns n simple statements, a mix of assignments, calls and
// string building as in ordinary code.
func genStmts(n int) string {
	var b strings.Builder
	b.WriteString(header)
	for i := 0; i < n; i++ {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "v%d = request.args.get('k%d')\n", i%50, i)
		case 1:
			fmt.Fprintf(&b, "w%d = 'a' + str(v%d)\n", i%50, (i+49)%50)
		case 2:
			fmt.Fprintf(&b, "print(w%d, %d)\n", (i+49)%50, i)
		default:
			fmt.Fprintf(&b, "c%d = {'n': %d}\n", i%50, i)
		}
	}
	return b.String()
}

// genCompose returns a docker-compose file of n services, each running
// the app under gunicorn with an environment of its own.
func genCompose(n int) string {
	var b strings.Builder
	b.WriteString("services:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  svc%d:\n    image: app\n    command: gunicorn -b 0.0.0.0:%d app:app\n", i, 8000+i%1000)
		fmt.Fprintf(&b, "    environment:\n      FLASK_DEBUG: \"0\"\n      WORKER: \"%d\"\n", i)
	}
	return b.String()
}

// Lookup returns the shape named name.
func Lookup(name string) (Shape, bool) {
	for _, s := range Shapes {
		if s.Name == name {
			return s, true
		}
	}
	return Shape{}, false
}

// Write creates, in dir, the project of the shape with n units; a
// compose project also gets a small app.py for its entry point.
func (s Shape) Write(dir string, n int) error {
	if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, s.File)), 0o755); err != nil {
		return fmt.Errorf("writing the %s project: %w", s.Name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, s.File), []byte(s.Gen(n)), 0o644); err != nil {
		return fmt.Errorf("writing the %s project: %w", s.Name, err)
	}
	if s.File != "app.py" {
		if err := os.WriteFile(filepath.Join(dir, "app.py"), []byte(header), 0o644); err != nil {
			return fmt.Errorf("writing the %s project: %w", s.Name, err)
		}
	}
	return nil
}
