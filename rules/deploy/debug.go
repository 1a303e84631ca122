// Package deploy implements the deployment rules: FLASK-DEPLOY-001
// (development server in production) and FLASK-DEPLOY-002 (debug mode in
// production). Both judge code by the production evidence the repository
// holds: what its deployment files start and with which environment.
package deploy

import (
	"fmt"
	"strings"

	dep "github.com/flasksec/flasksec/deploy"
	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/rules"
)

// DebugMode is FLASK-DEPLOY-002: debug mode enabled in production.
var DebugMode = &rules.Rule{
	ID:       "FLASK-DEPLOY-002",
	Title:    "Debug mode is enabled in production",
	Severity: rules.Critical,
	CWE:      489,
	Spec:     "4 FLASK-DEPLOY-002",
	Category: rules.CatDeploy,
	Doc: rules.Doc{
		What: "Finds debug mode switched on where production runs: app.run(debug=True) or use_debugger=True in a " +
			"file a deployment file starts, `flask run --debug` in a deployment file, FLASK_DEBUG=1 or " +
			"FLASK_ENV=development in a production image, unit or Procfile, DEBUG = True in the production " +
			"configuration, `app.debug = True` in code production runs, Werkzeug's DebuggedApplication with " +
			"evalex=True, and (at low confidence) TRAP_HTTP_EXCEPTIONS=True in production. Debug settings in development configs, tests, or files nothing deploys are ordinary " +
			"development and are reported only at low confidence.",
		Why: "With debug mode on, Werkzeug's interactive debugger answers every unhandled exception with a page " +
			"that runs Python code typed into the browser; the PIN that guards it can be derived from values an " +
			"attacker often can read. Exposed, it is remote code execution. Even without the debugger, debug mode " +
			"shows tracebacks, source and configuration to any visitor.",
		Insecure: "# Dockerfile\nENV FLASK_DEBUG=1\nCMD [\"flask\", \"run\", \"--host=0.0.0.0\"]",
		Secure: "# Dockerfile: no debug variables; a production server\nCMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"app:app\"]\n\n" +
			"# local development only\n$ flask --app app run --debug",
		Impact: "Anyone who can trigger an error page can run arbitrary code on the server with the app's " +
			"privileges (read secrets, pivot into the network), or at least read source and configuration from tracebacks.",
		Fix: "Remove the debug switch from the production path: drop FLASK_DEBUG/--debug from deployment files, " +
			"set DEBUG only in the development config, and read any toggle from the environment with a false default " +
			"(app.run(debug=os.environ.get(\"FLASK_DEBUG\") == \"1\") for local runs).",
		Mitigation: "Block the service from untrusted networks until the fix ships, and serve with a WSGI server " +
			"(gunicorn) rather than the development server, which is what runs the interactive debugger.",
		FalsePositives: "Verify which configuration and environment production really gets: a value set here may " +
			"be overridden by the platform's environment. Debug in a file only developers run is allowed.",
	},
	Run: runDebug,
}

// truthy reports whether a debug argument is a true literal (True, 1, "1").
func truthy(e ast.Expr) bool {
	if b, ok := flask.BoolConst(e); ok {
		return b
	}
	if n, ok := flask.IntConst(e); ok {
		return n != 0
	}
	return false
}

func isShell(path string) bool { return dep.KindOf(path) == dep.Shell }

func runDebug(pass *rules.Pass) error {
	m := flask.ModelOf(pass.Project)
	reported := map[string]bool{}
	report := func(f rules.Finding) {
		key := fmt.Sprintf("%s:%d", f.Location.Path, f.Location.StartLine)
		if reported[key] {
			return
		}
		reported[key] = true
		pass.Report(f)
	}
	// 1. Debug switched on in deployment files.
	dotenvWhy := map[string]string{}
	for _, df := range dep.FilesOf(pass.Project) {
		conf := rules.HighConfidence
		sev := rules.Severity(0)
		switch {
		case df.Kind == dep.DotEnv && isExample(df.Path):
			continue // documentation of the variables, not a file anything reads
		case df.Kind == dep.DotEnv:
			// .env / .flaskenv matter in production when something there
			// reads them: load_dotenv() in the started code, the flask CLI.
			prod, why, certain := m.DotEnvInProduction(df.Path)
			switch {
			case !prod:
				conf, sev = rules.LowConfidence, rules.Low
			case !certain:
				conf = rules.MediumConfidence
			}
			dotenvWhy[df.Path] = why
		case !df.Production:
			continue
		case df.Kind.Edge():
			continue
		case df.Kind == dep.Shell && m.ScriptStartedBy(df.Path) == "":
			conf = rules.MediumConfidence
		}
		for _, e := range df.Env {
			why := flask.DebugEnv(e.Name, e.Value)
			if why == "" || dep.DevService(e.Service) {
				continue // a compose service named for development
			}
			conf := conf
			hint := devNote(flask.DevHintFor(df, e.Service))
			if hint != "" && conf == rules.HighConfidence {
				conf = rules.MediumConfidence
			}
			msg := fmt.Sprintf("%s sets %s, which turns on Flask's debug mode for the app it starts%s.", df.Path, why, hint)
			if w := dotenvWhy[df.Path]; w != "" {
				msg = fmt.Sprintf("%s sets %s, and it is read in production (%s): debug mode for the app.", df.Path, why, w)
			}
			if conf == rules.LowConfidence {
				msg = fmt.Sprintf("%s sets %s; the file is read by the flask CLI for local runs (allowed for development; "+
					"verify it is not shipped to production).", df.Path, why)
			}
			report(rules.Finding{Location: lineLoc(df.Path, e.Line), Confidence: conf, Severity: sev, Message: msg})
		}
		for _, c := range df.Commands {
			hint := devNote(flask.DevHintFor(df, c.Service))
			for _, e := range c.Env {
				if why := flask.DebugEnv(e.Name, e.Value); why != "" && df.Production && !dep.DevService(c.Service) {
					report(rules.Finding{Location: lineLoc(df.Path, c.Line), Confidence: conf,
						Message: fmt.Sprintf("%s runs `%s` with %s: debug mode in a deployment command%s.", df.Path, flask.DisplayCommand(c.Args), why, hint)})
				}
			}
		}
	}
	// 2. --debug flags on production commands.
	for _, ep := range m.Entrypoints {
		if !ep.Production || !ep.Debug || ep.File == nil || ep.DebugWhy == "" {
			continue
		}
		if ep.DebugWhy != "--debug flag" && ep.DebugWhy != "--debugger flag" {
			continue // environment variables are reported at their own line above
		}
		report(rules.Finding{Location: lineLoc(ep.File.Path, ep.DebugLine), Confidence: entryConfidence(m, ep),
			Message: fmt.Sprintf("%s starts the app with `%s`: the interactive debugger runs in production%s.", ep.File.Path, ep.Command, devNote(ep.DevHint))})
	}
	// 3. app.run(debug=True) in __main__ blocks.
	for _, mb := range m.MainBlocks {
		dbg := mb.Debug
		if d := flask.Kwarg(mb.Call, "use_debugger"); d != nil && truthy(d) {
			dbg = d
		}
		if dbg == nil || !truthy(dbg) {
			continue
		}
		var direct *flask.Entrypoint
		for _, ep := range m.StartedInProduction(mb.StartedFile()) {
			// python file.py runs the __main__ block; a module-level call
			// runs on any import, a WSGI server's included.
			if ep.Kind == flask.RunScript || ep.Kind == flask.Declared || mb.If == nil {
				direct = ep
				break
			}
		}
		if direct != nil {
			pass.ReportNode(mb.File, dbg, rules.Finding{Confidence: entryConfidence(m, direct),
				Message: fmt.Sprintf("%s() enables the debugger, and %s runs this file in production.", flask.Dotted(mb.Call.Func), where(direct))})
			continue
		}
		if len(m.StartedInProduction(mb.StartedFile())) > 0 || m.Deployed() {
			continue // production imports the app through a WSGI server; the __main__ block does not run there
		}
		pass.ReportNode(mb.File, dbg, rules.Finding{Severity: rules.Low, Confidence: rules.LowConfidence,
			Message: fmt.Sprintf("%s() enables debug mode in a __main__ block; nothing in the repository deploys this file "+
				"(allowed for local development; not visible in app code; verify at runtime/config).", flask.Dotted(mb.Call.Func))})
	}
	// 4. DEBUG = True / app.debug = True in the configuration production gets.
	if m.Config != nil {
		s := m.Config.Lookup("DEBUG", flask.Production)
		for _, v := range s.Values {
			debugValue(pass, m, v, len(s.External) > 0, report)
		}
		// TRAP_HTTP_EXCEPTIONS turns every HTTP error into an unhandled
		// exception: a debugging aid, with tracebacks when debug is on.
		for _, v := range m.Config.Lookup("TRAP_HTTP_EXCEPTIONS", flask.Production).Values {
			if b, ok := v.Bool(); ok && b && v.File != nil && v.Node != nil {
				report(rules.Finding{Location: rules.NodeLocation(v.File, v.Node), Severity: rules.Low, Confidence: rules.LowConfidence,
					Message: "TRAP_HTTP_EXCEPTIONS is True in configuration production gets: a debugging setting that turns HTTP errors into unhandled exceptions (tracebacks with debug mode)."})
			}
		}
		// Values that do not apply to production are development usage:
		// nothing to report.
	}
	// 5. DebuggedApplication(app, evalex=True).
	for _, f := range pass.Project.FilesOf(project.Python) {
		if f.AST == nil || flask.IsTestFile(f) {
			continue
		}
		ast.Inspect(f.AST, func(n ast.Node) bool {
			call, ok := n.(*ast.Call)
			if !ok {
				return n != nil
			}
			if name := flask.Dotted(call.Func); name != "DebuggedApplication" && name != "debug.DebuggedApplication" &&
				name != "werkzeug.debug.DebuggedApplication" {
				return true
			}
			ev := flask.Kwarg(call, "evalex")
			if ev == nil || !truthy(ev) {
				return true
			}
			env, cond := m.EnvAt(f, int(call.Pos().Line))
			switch {
			case env&flask.Production == 0:
			case cond || m.InMainBlock(f, int(call.Pos().Line)) || !m.Deployed():
				pass.ReportNode(f, call, rules.Finding{Severity: rules.Low, Confidence: rules.LowConfidence,
					Message: "DebuggedApplication(evalex=True) serves Werkzeug's interactive debugger; nothing shows it is limited to development (verify at runtime/config)."})
			default:
				pass.ReportNode(f, call, rules.Finding{
					Message: "DebuggedApplication(evalex=True) wraps the app in Werkzeug's interactive debugger in code production runs."})
			}
			return true
		})
	}
	return nil
}

// debugValue reports one DEBUG value production may get.
func debugValue(pass *rules.Pass, m *flask.Model, v *flask.Value, external bool, report func(rules.Finding)) {
	on := false
	how := ""
	switch v.Origin {
	case flask.Literal:
		on = truthy(v.Expr)
		how = "DEBUG is set to a true literal"
	case flask.FromEnvironment:
		if v.Default != nil && truthy(v.Default) {
			on = true
			how = fmt.Sprintf("DEBUG defaults to true when %s is unset", v.EnvVar)
		}
	}
	if !on || v.File == nil || v.Node == nil {
		return
	}
	loc := rules.NodeLocation(v.File, v.Node)
	if line := int(v.Node.Pos().Line); m.InMainBlock(v.File, line) {
		// Set in a __main__ block: production runs it only if a deployment
		// file runs this file directly.
		for _, ep := range m.StartedInProduction(v.File) {
			if ep.Kind == flask.RunScript || ep.Kind == flask.Declared {
				report(rules.Finding{Location: loc, Confidence: entryConfidence(m, ep),
					Message: fmt.Sprintf("%s in a __main__ block, and %s runs this file in production.", how, where(ep))})
				return
			}
		}
		if !m.Deployed() {
			report(rules.Finding{Location: loc, Severity: rules.Low, Confidence: rules.LowConfidence,
				Message: fmt.Sprintf("%s in a __main__ block; nothing in the repository deploys this file (allowed for local development).", how)})
		}
		return
	}
	if reach, known := m.ReachableInProduction(v.File); known && !reach {
		report(rules.Finding{Location: loc, Severity: rules.Low, Confidence: rules.LowConfidence,
			Message: fmt.Sprintf("%s in %s, which no production entrypoint imports (allowed for local development).", how, v.File.Path)})
		return
	}
	switch {
	case v.Envs == flask.Production && !v.Conditional:
		report(rules.Finding{Location: loc, Confidence: rules.HighConfidence,
			Message: fmt.Sprintf("%s in the production configuration (%s).", how, v.Via)})
	case !v.Conditional && m.Deployed():
		conf := rules.HighConfidence
		if v.Origin == flask.FromEnvironment || external {
			conf = rules.MediumConfidence
			if external {
				how += " (configuration loaded from outside the code may override it)"
			}
		}
		report(rules.Finding{Location: loc, Confidence: conf,
			Message: fmt.Sprintf("%s in configuration that applies in every environment (%s), and the repository deploys this app.", how, v.Via)})
	default:
		report(rules.Finding{Location: loc, Severity: rules.Low, Confidence: rules.LowConfidence,
			Message: fmt.Sprintf("%s; the code does not show whether production gets this value (not visible in app code; verify at runtime/config).", how)})
	}
}

func lineLoc(path string, line int) rules.Location {
	return rules.Location{Path: path, StartLine: line, StartCol: 1, EndLine: line}
}

// isExample reports whether a file documents settings rather than holds
// them (.env.example, .env.sample, .env.template, .env.dist).
func isExample(path string) bool {
	l := strings.ToLower(path)
	return strings.Contains(l, "example") || strings.Contains(l, "sample") || strings.Contains(l, "template") ||
		strings.HasSuffix(l, ".dist")
}
