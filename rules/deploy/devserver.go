package deploy

import (
	"fmt"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/rules"
)

// DevServer is FLASK-DEPLOY-001: the development server used as the
// production entrypoint.
var DevServer = &rules.Rule{
	ID:       "FLASK-DEPLOY-001",
	Title:    "Flask's development server is the production entrypoint",
	Severity: rules.High,
	CWE:      1188,
	Spec:     "4 FLASK-DEPLOY-001",
	Category: rules.CatDeploy,
	Doc: rules.Doc{
		What: "Finds deployments that serve the app with Werkzeug's development server: a Dockerfile, Procfile, " +
			"compose file, systemd unit or start script that runs `flask run`, or runs a Python file whose " +
			"`if __name__ == \"__main__\":` block calls app.run(). The same app.run() with no deployment file " +
			"starting it is ordinary local development and is reported only at low confidence.",
		Why: "The development server is built for one developer on localhost: it is single-process by default, " +
			"has no hardening against slow or malformed clients, and its documentation says not to use it in " +
			"production. A production-grade WSGI server (gunicorn, uWSGI, Waitress, mod_wsgi) or a managed " +
			"platform should serve the app.",
		Insecure: "# Dockerfile\nCMD [\"python\", \"app.py\"]\n\n# app.py\nif __name__ == \"__main__\":\n    app.run(host=\"0.0.0.0\")",
		Secure:   "# Dockerfile\nCMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"app:app\"]\n\n# app.py (local development only)\nif __name__ == \"__main__\":\n    app.run()",
		Impact: "Anyone who can reach the service can tie it up with a handful of slow or concurrent requests " +
			"(denial of service), and the server lacks the request hardening of production servers.",
		Fix: "Start the app with a WSGI server in the production entrypoint, e.g. " +
			"`gunicorn --bind 0.0.0.0:8000 'app:create_app()'`, and keep `flask run`/app.run() for local development.",
		Mitigation: "Until the entrypoint changes, keep debug mode off, run behind a reverse proxy that buffers " +
			"requests and limits connections, and do not expose the port directly.",
		FalsePositives: "Check that the flagged file or command is really what runs in production: a Dockerfile " +
			"used only for local development, or a script named without a dev marker, may not be. Declare real " +
			"entrypoints in [tool.flasksec] entrypoints.",
	},
	Run: runDevServer,
}

func runDevServer(pass *rules.Pass) error {
	m := flask.ModelOf(pass.Project)
	// `flask run` in deployment files.
	for _, ep := range m.Entrypoints {
		if ep.Kind != flask.FlaskRun || ep.File == nil {
			continue
		}
		loc := rules.Location{Path: ep.File.Path, StartLine: ep.Line, StartCol: 1, EndLine: ep.Line}
		if !ep.Production {
			continue
		}
		pass.Report(rules.Finding{
			Location:   loc,
			Confidence: entryConfidence(m, ep),
			Message: fmt.Sprintf("%s%s starts the app with `flask run`, Werkzeug's development server, in a deployment file%s.",
				ep.File.Path, startedBy(m, ep.File.Path), devNote(ep.DevHint)),
		})
	}
	// app.run() in __main__ blocks.
	for _, mb := range m.MainBlocks {
		if !mb.DevServer() {
			continue
		}
		eps := m.StartedInProduction(mb.StartedFile())
		var direct *flask.Entrypoint
		for _, ep := range m.StartedInProduction(mb.StartedFile()) {
			// python file.py runs the __main__ block; a module-level call
			// runs on any import, a WSGI server's included.
			if ep.Kind == flask.RunScript || ep.Kind == flask.Declared || mb.If == nil {
				direct = ep
				break
			}
		}
		imported := false
		if reach, _ := m.ReachableInProduction(mb.StartedFile()); reach && mb.If == nil && direct == nil {
			imported = true
		}
		switch {
		case direct != nil:
			pass.ReportNode(mb.File, mb.Call, rules.Finding{
				Confidence: entryConfidence(m, direct),
				Message: fmt.Sprintf("%s() starts the development server, and %s runs this file in production.",
					flask.Dotted(mb.Call.Func), where(direct)),
			})
		case imported:
			pass.ReportNode(mb.File, mb.Call, rules.Finding{
				Message: fmt.Sprintf("%s() at module level starts the development server whenever the module is imported, and the production entrypoint imports it.",
					flask.Dotted(mb.Call.Func)),
			})
		case len(eps) > 0 || m.Deployed():
			// Production starts the app some other way (a WSGI server imports
			// the module; the __main__ block does not run there).
		default:
			pass.ReportNode(mb.File, mb.Call, rules.Finding{
				Severity:   rules.Low,
				Confidence: rules.LowConfidence,
				Message: fmt.Sprintf("%s() starts the development server; no deployment file in the repository shows "+
					"how production starts the app (allowed for local development; not visible in app code; verify at runtime/config).",
					flask.Dotted(mb.Call.Func)),
			})
		}
	}
	return nil
}

// where names an entrypoint for messages: "Dockerfile:12 (`python app.py`)".
func where(ep *flask.Entrypoint) string { return ep.Where() }

// entryConfidence is High for container, process-manager and platform
// files and for configured entrypoints, Medium for shell scripts (which
// may be local helpers).
func entryConfidence(m *flask.Model, ep *flask.Entrypoint) rules.Confidence {
	if ep.Kind == flask.Declared || ep.File == nil {
		return rules.HighConfidence
	}
	if ep.DevHint != "" {
		return rules.MediumConfidence // e.g. a compose file mounting the source tree
	}
	if isShell(ep.File.Path) && m.ScriptStartedBy(ep.File.Path) == "" {
		return rules.MediumConfidence // a start script nothing in the repository is seen running
	}
	return rules.HighConfidence
}

// startedBy returns " (run by Dockerfile:7)" for a start script a
// deployment file runs, else "".
func startedBy(m *flask.Model, path string) string {
	if by := m.ScriptStartedBy(path); by != "" {
		return " (run by " + by + ")"
	}
	return ""
}

// devNote returns "; it may be for local development: <hint>" or "".
func devNote(hint string) string {
	if hint == "" {
		return ""
	}
	return "; it may be for local development only (" + hint + ")"
}
