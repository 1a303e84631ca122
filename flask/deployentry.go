package flask

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/flasksec/flasksec/deploy"
	"github.com/flasksec/flasksec/project"
)

// pythonNames are the interpreters a command may start.
func isPython(w string) bool {
	b := path.Base(w)
	return b == "python" || b == "python3" || strings.HasPrefix(b, "python3.") || b == "python2" || b == "py"
}

// wrappers are commands that run the rest of the line.
var wrappers = map[string]bool{
	"exec": true, "nohup": true, "pipenv": true, "poetry": true, "uv": true, "pdm": true, "hatch": true,
	"run": true, "env": true, "sudo": true, "dumb-init": true, "tini": true, "--": true, "gosu": true, "su-exec": true,
	"newrelic-admin": true, "run-program": true, "ddtrace-run": true, "opentelemetry-instrument": true, "doppler": true,
}

func (b *builder) collectDeployEntrypoints() {
	for _, df := range deploy.FilesOf(b.p) {
		file := b.p.File(df.Path)
		cmds := df.Commands
		if df.Kind == deploy.Dockerfile {
			cmds = imageCommand(df.Commands)
		}
		// Each command reads its own compose service's environment: group
		// the variables once, not once per command (a compose file of n
		// services would cost n*n).
		byService := map[string][]deploy.EnvVar{}
		for _, e := range df.Env {
			byService[e.Service] = append(byService[e.Service], e)
		}
		for _, cmd := range cmds {
			env := map[string]string{}
			for _, e := range byService[cmd.Service] {
				if e.Line <= cmd.Line || df.Kind != deploy.Dockerfile {
					env[e.Name] = e.Value
				}
			}
			for _, e := range cmd.Env {
				env[e.Name] = e.Value
			}
			b.commandEntrypoints(df, file, cmd, cmd.Args, env, 0)
		}
	}
}

// commandEntrypoints analyses one command's words.
func (b *builder) commandEntrypoints(df *deploy.File, file *project.File, cmd deploy.Command, args []string, env map[string]string, depth int) {
	if depth > 3 {
		return
	}
	// Split at shell operators written as words (exec form keeps them out).
	for i, w := range args {
		if w == "&&" || w == ";" || w == "||" || w == "|" {
			b.commandEntrypoints(df, file, cmd, args[:i], env, depth)
			b.commandEntrypoints(df, file, cmd, args[i+1:], env, depth)
			return
		}
	}
	for len(args) > 0 {
		w := args[0]
		switch {
		case wrappers[w] || strings.HasPrefix(w, "-") && len(args) > 1 && (args[0] == "--"):
			args = args[1:]
		case envWord(w):
			name, val, _ := strings.Cut(w, "=")
			env[name] = val
			args = args[1:]
		default:
			goto done
		}
	}
done:
	if len(args) == 0 {
		return
	}
	w0 := path.Base(args[0])
	// A start script run by the image or the Procfile: ./boot.sh, sh entrypoint.sh.
	script := ""
	switch {
	case strings.HasSuffix(w0, ".sh") || strings.HasSuffix(w0, ".bash"):
		script = args[0]
	case (w0 == "sh" || w0 == "bash") && len(args) >= 2 && !strings.HasPrefix(args[1], "-"):
		script = args[1]
	}
	if script != "" && df.Production {
		for _, sf := range b.filesBySuffixAny(script) {
			if b.m.scriptsStarted == nil {
				b.m.scriptsStarted = map[string]string{}
			}
			if _, ok := b.m.scriptsStarted[sf]; !ok {
				b.m.scriptsStarted[sf] = fmt.Sprintf("%s:%d", df.Path, cmd.Line)
			}
		}
		return
	}
	// sh -c "..."
	if (w0 == "sh" || w0 == "bash" || w0 == "/bin/sh") && len(args) >= 3 && args[1] == "-c" {
		for _, part := range splitShellWords(args[2]) {
			b.commandEntrypoints(df, file, cmd, part, env, depth+1)
		}
		return
	}
	ep := &Entrypoint{File: file, Line: cmd.Line, Command: DisplayCommand(args), Env: env,
		Production: df.Production && !deploy.DevService(cmd.Service), DevHint: DevHintFor(df, cmd.Service)}
	switch {
	case isPython(w0):
		rest := args[1:]
		for len(rest) > 0 && strings.HasPrefix(rest[0], "-") && rest[0] != "-m" {
			rest = rest[1:]
		}
		if len(rest) == 0 {
			return
		}
		if rest[0] == "-m" {
			if len(rest) < 2 {
				return
			}
			mod := rest[1]
			switch mod {
			case "flask":
				b.flaskCLI(ep, rest[2:], env)
				return
			case "gunicorn", "waitress", "uwsgi", "hypercorn", "uvicorn":
				b.wsgiServer(ep, mod, rest[2:])
				return
			}
			ep.Kind, ep.Target = RunScript, mod
			if f := b.p.Module(mod); f != nil {
				ep.Targets = append(ep.Targets, f)
				if main := b.p.Module(mod + ".__main__"); main != nil {
					ep.Targets = append(ep.Targets, main)
				}
			}
		} else {
			if !strings.HasSuffix(rest[0], ".py") {
				return
			}
			ep.Kind, ep.Target = RunScript, rest[0]
			ep.Targets = b.filesBySuffix(rest[0])
		}
	case w0 == "flask":
		b.flaskCLI(ep, args[1:], env)
		return
	case w0 == "gunicorn" || w0 == "uwsgi" || w0 == "waitress-serve" || w0 == "hypercorn" || w0 == "uvicorn" ||
		w0 == "mod_wsgi-express" || w0 == "bjoern" || w0 == "granian":
		b.wsgiServer(ep, w0, args[1:])
		return
	default:
		return
	}
	b.envDebug(ep, df)
	b.m.Entrypoints = append(b.m.Entrypoints, ep)
}

func envWord(w string) bool {
	name, _, ok := strings.Cut(w, "=")
	if !ok || name == "" {
		return false
	}
	for i, r := range name {
		if !(r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// splitShellWords splits an sh -c script into commands and words.
func splitShellWords(script string) [][]string {
	var out [][]string
	var cur []string
	for _, w := range deploy.Words(script) {
		if w == "&&" || w == ";" || w == "||" {
			out = append(out, cur)
			cur = nil
			continue
		}
		if strings.HasSuffix(w, ";") {
			cur = append(cur, strings.TrimSuffix(w, ";"))
			out = append(out, cur)
			cur = nil
			continue
		}
		cur = append(cur, w)
	}
	return append(out, cur)
}

// flaskCLI handles `flask [--app X] [--debug] run [--debug] [--reload]`.
func (b *builder) flaskCLI(ep *Entrypoint, args []string, env map[string]string) {
	app := env["FLASK_APP"]
	isRun := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--app" || a == "-A":
			if i+1 < len(args) {
				app = args[i+1]
				i++
			}
		case strings.HasPrefix(a, "--app="):
			app = strings.TrimPrefix(a, "--app=")
		case a == "--debug":
			ep.Debug, ep.DebugLine, ep.DebugWhy = true, ep.Line, "--debug flag"
		case a == "--reload":
			ep.Reload = true
		case a == "run":
			isRun = true
		case a == "--debugger":
			ep.Debug, ep.DebugLine, ep.DebugWhy = true, ep.Line, "--debugger flag"
		}
	}
	if !isRun {
		return
	}
	ep.Kind = FlaskRun
	if app == "" {
		// Flask looks for wsgi.py or app.py in the working directory.
		ep.Target = "app.py or wsgi.py (FLASK_APP unset)"
		ep.Targets = append(b.filesBySuffix("wsgi.py"), b.filesBySuffix("app.py")...)
		if len(ep.Targets) == 0 {
			for _, a := range b.m.ProductionApps() {
				ep.Targets = append(ep.Targets, a.File)
			}
		}
	} else {
		ep.Target = app
		ep.Targets = b.appTargets(app)
	}
	b.envDebugFromMap(ep)
	for _, df := range deploy.FilesOf(b.p) {
		if b.p.File(df.Path) == ep.File {
			b.envDebug(ep, df)
		}
	}
	b.m.Entrypoints = append(b.m.Entrypoints, ep)
}

// wsgiServer handles gunicorn/uwsgi/waitress-serve/... command lines.
func (b *builder) wsgiServer(ep *Entrypoint, server string, args []string) {
	ep.Kind = WSGIServer
	var target string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--reload" || a == "--py-autoreload" || strings.HasPrefix(a, "--py-autoreload="):
			ep.Reload = true
		case (a == "--module" || a == "-w" && server == "uwsgi" || a == "--wsgi-file" || a == "--mount" || a == "--wsgi" || a == "--app") && i+1 < len(args):
			target = args[i+1]
			i++
		case strings.HasPrefix(a, "--module=") || strings.HasPrefix(a, "--wsgi-file=") || strings.HasPrefix(a, "--app="):
			_, target, _ = strings.Cut(a, "=")
		case strings.HasPrefix(a, "-") && !strings.Contains(a, "=") && i+1 < len(args) && takesValue(server, a):
			i++
		case strings.HasPrefix(a, "-"):
		default:
			if target == "" && (strings.Contains(a, ":") || strings.HasSuffix(a, ".py") || !strings.Contains(a, "/")) {
				target = a
			}
		}
	}
	if target == "" {
		// gunicorn -c gunicorn.conf.py with wsgi_app = "..." comes through
		// the gunicorn file's own command.
		return
	}
	if i := strings.Index(target, "="); i >= 0 && server == "uwsgi" {
		target = target[i+1:]
	}
	ep.Target = target
	ep.Targets = b.appTargets(target)
	for _, df := range deploy.FilesOf(b.p) {
		if b.p.File(df.Path) == ep.File {
			b.envDebug(ep, df)
		}
	}
	b.envDebugFromMap(ep)
	b.m.Entrypoints = append(b.m.Entrypoints, ep)
}

// takesValue reports whether a server option takes a separate value.
func takesValue(server, opt string) bool {
	switch opt {
	case "-b", "--bind", "-w", "--workers", "-k", "--worker-class", "-t", "--timeout", "-c", "--config",
		"--threads", "--log-level", "--access-logfile", "--error-logfile", "-u", "--user", "-g", "--group",
		"--host", "--port", "--listen", "--url-scheme", "--chdir", "--pythonpath", "--http",
		"--socket", "--processes", "--master", "--env", "-e", "--workers-per-core", "--keep-alive", "--log-config",
		"--forwarded-allow-ips", "--worker-tmp-dir", "--max-requests", "--graceful-timeout", "--limit-request-line":
		return !(server == "uwsgi" && opt == "--master")
	}
	return false
}

// appTargets resolves "pkg.module:app", "module:create_app()",
// "app.py", "src/app.py", "pkg.module" to repository files.
func (b *builder) appTargets(target string) []*project.File {
	mod, _, _ := strings.Cut(target, ":")
	mod = strings.TrimSpace(mod)
	if strings.HasSuffix(mod, ".py") || strings.Contains(mod, "/") {
		return b.filesBySuffix(mod)
	}
	if f := b.p.Module(mod); f != nil {
		return []*project.File{f}
	}
	// Modules under a source folder the project does not index by that name.
	return b.filesBySuffix(strings.ReplaceAll(mod, ".", "/") + ".py")
}

// filesBySuffix returns the Python files whose path is p or ends with "/"+p.
func (b *builder) filesBySuffix(p string) []*project.File {
	p = strings.TrimPrefix(path.Clean(strings.TrimPrefix(p, "./")), "/")
	var out []*project.File
	for _, f := range b.p.Files {
		if f.Kind != project.Python {
			continue
		}
		if f.Path == p || strings.HasSuffix(f.Path, "/"+p) || strings.HasSuffix(p, "/"+f.Path) {
			out = append(out, f)
		}
	}
	if len(out) == 0 && strings.HasSuffix(p, ".py") {
		base := path.Base(p)
		for _, f := range b.p.Files {
			if f.Kind == project.Python && path.Base(f.Path) == base && !IsTestFile(f) {
				out = append(out, f)
			}
		}
		if len(out) > 1 {
			out = nil
		}
	}
	return out
}

// envDebug marks debug mode coming from the deployment file's environment.
//
// The last variable of the file that enables debug mode wins (in a
// Dockerfile, the last one before the entry point's line). The variables
// that do are listed once per file (see debugVars): a file of n entry
// points and n variables costs n, not n*n.
func (b *builder) envDebug(ep *Entrypoint, df *deploy.File) {
	if ep.Debug {
		return
	}
	vars := b.debugVars(df)
	for i := len(vars) - 1; i >= 0; i-- {
		e := vars[i]
		if df.Kind == deploy.Dockerfile && e.Line > ep.Line {
			continue
		}
		ep.Debug, ep.DebugLine, ep.DebugWhy = true, e.Line, debugEnv(e.Name, e.Value)
		return
	}
}

// debugVars returns the variables of df that enable Flask's debug mode,
// in file order, computing them on first use.
func (b *builder) debugVars(df *deploy.File) []deploy.EnvVar {
	if vars, ok := b.debugEnvs[df]; ok {
		return vars
	}
	var vars []deploy.EnvVar
	for _, e := range df.Env {
		if debugEnv(e.Name, e.Value) != "" {
			vars = append(vars, e)
		}
	}
	if b.debugEnvs == nil {
		b.debugEnvs = map[*deploy.File][]deploy.EnvVar{}
	}
	b.debugEnvs[df] = vars
	return vars
}

func (b *builder) envDebugFromMap(ep *Entrypoint) {
	if ep.Debug {
		return
	}
	for _, name := range []string{"FLASK_DEBUG", "FLASK_ENV"} {
		if why := debugEnv(name, ep.Env[name]); why != "" {
			ep.Debug, ep.DebugLine, ep.DebugWhy = true, ep.Line, why
		}
	}
}

// debugEnv returns why an environment variable enables Flask's debug
// mode ("FLASK_DEBUG=1"), or "".
func debugEnv(name, value string) string {
	v := strings.ToLower(strings.Trim(value, `"' `))
	switch name {
	case "FLASK_DEBUG":
		if v != "" && v != "0" && v != "false" && v != "no" && v != "off" && !strings.HasPrefix(v, "$") {
			return "FLASK_DEBUG=" + value
		}
	case "FLASK_ENV":
		if v == "development" {
			return "FLASK_ENV=development"
		}
	}
	return ""
}

// DebugEnv is the exported form of debugEnv for rules reading deployment
// files directly.
func DebugEnv(name, value string) string { return debugEnv(name, value) }

// imageCommand returns what a Dockerfile's container runs: the last
// ENTRYPOINT followed by the last CMD as its arguments (ENTRYPOINT
// ["python"] + CMD ["app.py"] is `python app.py`), or the last CMD alone.
// A shell-form ENTRYPOINT ignores CMD, as Docker does.
func imageCommand(cmds []deploy.Command) []deploy.Command {
	var entry, cmd *deploy.Command
	for i := range cmds {
		switch cmds[i].Source {
		case "ENTRYPOINT":
			entry = &cmds[i]
		case "CMD":
			cmd = &cmds[i]
		}
	}
	switch {
	case entry == nil && cmd == nil:
		return nil
	case entry == nil:
		return []deploy.Command{*cmd}
	case cmd == nil || strings.HasPrefix(strings.TrimSpace(entry.Text), "sh -c") || !entry.Exec:
		return []deploy.Command{*entry}
	}
	joined := *cmd
	joined.Args = append(append([]string(nil), entry.Args...), cmd.Args...)
	joined.Text = strings.TrimSpace(entry.Text + " " + cmd.Text)
	joined.Env = append(append([]deploy.EnvVar(nil), entry.Env...), cmd.Env...)
	return []deploy.Command{joined}
}

// filesBySuffixAny returns the paths of project files of any kind whose
// path is p or ends with "/"+p (after cleaning "./").
func (b *builder) filesBySuffixAny(p string) []string {
	p = strings.TrimPrefix(path.Clean(strings.TrimPrefix(p, "./")), "/")
	var out []string
	for _, f := range b.p.Files {
		if f.Path == p || strings.HasSuffix(f.Path, "/"+p) || strings.HasSuffix(p, "/"+f.Path) {
			out = append(out, f.Path)
		}
	}
	return out
}

// ScriptStartedBy returns where a production Dockerfile, Procfile or
// other deployment file runs the shell script at relPath
// ("Dockerfile:7"), or "" when none does.
func (m *Model) ScriptStartedBy(relPath string) string { return m.scriptsStarted[relPath] }

// DevHint says why a deployment file marked production may be a local
// development set-up ("it bind-mounts . at docker-compose.yml:7"), or "".
func DevHint(df *deploy.File) string {
	if len(df.DevHints) == 0 {
		return ""
	}
	h := df.DevHints[0]
	return fmt.Sprintf("it bind-mounts %s into the container at %s:%d, as local set-ups do", h.Value, df.Path, h.Line)
}

// DevHintFor is DevHint restricted to one compose service ("" for files
// without services).
func DevHintFor(df *deploy.File, service string) string {
	for _, h := range df.DevHints {
		if h.Service == service {
			return fmt.Sprintf("it bind-mounts %s into the container at %s:%d, as local set-ups do", h.Value, df.Path, h.Line)
		}
	}
	return ""
}

// secretWord matches option or variable names that hold secrets.
var secretWord = regexp.MustCompile(`(?i)(secret|passw|pwd|token|api[_-]?key|private|credential)`)

// DisplayCommand joins a command's words for messages, with the values of
// secret-looking NAME=value and --name=value words masked, so that a
// finding never repeats a key passed on a command line.
func DisplayCommand(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if name, _, ok := strings.Cut(a, "="); ok && secretWord.MatchString(name) {
			a = name + "=***"
		} else if i > 0 && strings.HasPrefix(args[i-1], "-") && secretWord.MatchString(args[i-1]) {
			a = "***"
		}
		out[i] = a
	}
	return strings.Join(out, " ")
}
