package flask

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/flasksec/flasksec/config"
	"github.com/flasksec/flasksec/project"
)

// EntryKind says how an entrypoint starts the application.
type EntryKind uint8

// The kinds of entrypoints.
const (
	// RunScript runs a Python file or module directly (python app.py,
	// python -m app), which executes its __main__ block.
	RunScript EntryKind = iota + 1
	// FlaskRun is the flask CLI's development server (flask run).
	FlaskRun
	// WSGIServer is a production server importing the app (gunicorn,
	// uwsgi, waitress-serve, mod_wsgi, hypercorn, uvicorn).
	WSGIServer
	// Declared is a file the user's configuration lists as an entrypoint.
	Declared
)

var entryKindNames = [...]string{RunScript: "python script", FlaskRun: "flask run", WSGIServer: "WSGI server", Declared: "declared entrypoint"}

// String returns the kind's name.
func (k EntryKind) String() string {
	if k < RunScript || k > Declared {
		return "unknown"
	}
	return entryKindNames[k]
}

// Entrypoint is one way the application is started.
type Entrypoint struct {
	Kind EntryKind
	// File is the deployment file holding the command (a Dockerfile, a
	// Procfile...); for Declared entrypoints, the declared Python file.
	File    *project.File
	Line    int    // line of the command in File; 0 if none
	Command string // the command as written
	// Production is set when the command comes from a deployment file
	// (Dockerfile, Procfile, compose, systemd unit, platform config, a
	// start script not named for development) or from the user's
	// configuration.
	Production bool
	// Target is the module or file the command starts ("app.py",
	// "app:create_app()", FLASK_APP's value); Targets are the repository
	// files it resolves to.
	Target  string
	Targets []*project.File
	// Debug is set when the command enables debug mode (--debug,
	// FLASK_DEBUG=1 / FLASK_ENV=development in its environment);
	// DebugLine is where (in File), DebugWhy says how.
	Debug     bool
	DebugLine int
	DebugWhy  string
	// Reload is set for --reload / --py-autoreload style flags.
	Reload bool
	// Env holds the environment variables the command runs with, as the
	// deployment file sets them.
	Env map[string]string
	// DevHint says why a production-looking file may be a local
	// development set-up ("bind-mounts . at docker-compose.yml:7"); "" if
	// nothing suggests it.
	DevHint string
}

// Starts reports whether the entrypoint starts file f (f is one of its
// targets).
func (e *Entrypoint) Starts(f *project.File) bool {
	for _, t := range e.Targets {
		if t == f {
			return true
		}
	}
	return false
}

// ProductionEntrypoints returns the entrypoints marked Production.
func (m *Model) ProductionEntrypoints() []*Entrypoint {
	var out []*Entrypoint
	for _, e := range m.Entrypoints {
		if e.Production {
			out = append(out, e)
		}
	}
	return out
}

// StartedInProduction returns the production entrypoints that start the
// Python file f: a script run with python, FLASK_APP/--app pointing at it,
// a WSGI server importing it, or the user's declaration.
func (m *Model) StartedInProduction(f *project.File) []*Entrypoint {
	var out []*Entrypoint
	for _, e := range m.Entrypoints {
		if e.Production && e.Starts(f) {
			out = append(out, e)
		}
	}
	return out
}

func (b *builder) collectEntrypoints() {
	b.collectDeployEntrypoints()
	for _, g := range b.p.Config.Entrypoints {
		for _, f := range b.p.Files {
			if f.Kind == project.Python && config.Match(g, f.Path) {
				b.m.Entrypoints = append(b.m.Entrypoints, &Entrypoint{Kind: Declared, File: f, Command: g,
					Production: true, Target: f.Path, Targets: []*project.File{f}})
			}
		}
	}
}

// DotEnvInProduction reports whether the .env-style file at relPath is
// read in production, why, and whether that is certain: a file named for
// production; a .env loaded by load_dotenv() in a file a production
// entrypoint starts (certain) or elsewhere; a .env or .flaskenv read by
// the flask CLI (with python-dotenv installed) of a production `flask run`.
func (m *Model) DotEnvInProduction(relPath string) (prod bool, why string, certain bool) {
	base := strings.ToLower(path.Base(relPath))
	if strings.Contains(base, "prod") || strings.Contains(base, "staging") {
		return true, "it is named for production", true
	}
	var flaskRun *Entrypoint
	for _, ep := range m.ProductionEntrypoints() {
		if ep.Kind == FlaskRun && flaskRun == nil {
			flaskRun = ep
		}
	}
	switch base {
	case ".env":
		for _, ev := range m.DotEnvLoads {
			if eps := m.StartedInProduction(ev.File); len(eps) > 0 {
				return true, fmt.Sprintf("%s calls %s and %s starts it in production", ev.File.Path, ev.What, where(eps[0])), true
			}
		}
		if len(m.DotEnvLoads) > 0 {
			ev := m.DotEnvLoads[0]
			return true, fmt.Sprintf("%s:%d calls %s", ev.File.Path, ev.Line(), ev.What), false
		}
		if flaskRun != nil {
			return true, fmt.Sprintf("the flask CLI started by %s loads it", where(flaskRun)), false
		}
	case ".flaskenv":
		if flaskRun != nil {
			return true, fmt.Sprintf("the flask CLI started by %s loads it", where(flaskRun)), false
		}
	}
	return false, "", false
}

// where names an entrypoint: "Dockerfile:13 (`python wsgi.py`)".
func where(ep *Entrypoint) string {
	if ep.File == nil || ep.Kind == Declared {
		return "the configured entrypoint " + ep.Command
	}
	return fmt.Sprintf("%s:%d (`%s`)", ep.File.Path, ep.Line, ep.Command)
}

// Where names the entrypoint for messages: "Dockerfile:13 (`python
// wsgi.py`)", or "the configured entrypoint app.py".
func (e *Entrypoint) Where() string { return where(e) }

// ReachableInProduction reports whether the Python file f runs in
// production: it is a target of a production entrypoint or imported,
// directly or through other repository modules (imports inside functions
// included), by one. known is false when no production entrypoint
// resolves to a repository file, so the question cannot be answered.
func (m *Model) ReachableInProduction(f *project.File) (reachable, known bool) {
	m.reachOnce.Do(m.computeReach)
	if m.reach == nil {
		return false, false
	}
	return m.reach[f], true
}

func (m *Model) computeReach() {
	var queue []*project.File
	seen := map[*project.File]bool{}
	for _, ep := range m.ProductionEntrypoints() {
		for _, t := range ep.Targets {
			if !seen[t] {
				seen[t] = true
				queue = append(queue, t)
			}
		}
	}
	if len(queue) == 0 {
		return
	}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		if f.AST == nil {
			continue
		}
		for _, g := range m.settings[f] {
			// A settings file from_pyfile reads runs with the file reading it.
			if !seen[g] {
				seen[g] = true
				queue = append(queue, g)
			}
		}
		mi := m.mods[f]
		if mi == nil {
			continue
		}
		imported := append([]string(nil), mi.res.Stars...)
		for _, q := range mi.res.Imports {
			imported = append(imported, q)
		}
		sort.Strings(imported)
		for _, q := range imported {
			// "pkg.mod.name": the module itself, or the module holding name.
			for _, cand := range []string{q, parentModule(q)} {
				if g := m.moduleFile(cand); g != nil && !seen[g] {
					seen[g] = true
					queue = append(queue, g)
				}
			}
		}
		// Parent packages' __init__.py run before a submodule.
		for p := parentModule(f.Module); p != ""; p = parentModule(p) {
			if g := m.proj.Module(p); g != nil && !seen[g] {
				seen[g] = true
				queue = append(queue, g)
			}
		}
	}
	m.reach = seen
}

// moduleFile returns the repository file of a dotted module name, as the
// resolve index knows it, or nil.
func (m *Model) moduleFile(name string) *project.File {
	if name == "" {
		return nil
	}
	if mi := m.b.moduleNamed(name); mi != nil {
		return mi.file
	}
	return nil
}

// parentModule returns "a.b" for "a.b.c", "" for "a".
func parentModule(q string) string {
	if i := strings.LastIndex(q, "."); i >= 0 {
		return q[:i]
	}
	return ""
}
