package headers

import (
	"fmt"
	"strings"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/rules"
)

// RequestLimits is FLASK-LIMITS-001.
var RequestLimits = &rules.Rule{
	ID:       "FLASK-LIMITS-001",
	Title:    "No request body size limit",
	Severity: rules.Low,
	CWE:      770,
	Spec:     "4 FLASK-LIMITS-001",
	Category: rules.CatHeaders,
	Doc: rules.Doc{
		What: "Reports an app that sets no MAX_CONTENT_LENGTH for production when no web server configuration " +
			"in the repository limits request bodies either (nginx client_max_body_size, Apache LimitRequestBody, " +
			"Caddy request_body max_size, Traefik maxRequestBodyBytes, uWSGI limit-post), and MAX_FORM_MEMORY_SIZE or MAX_FORM_PARTS set to " +
			"None (unlimited). Severity is Medium when the app reads uploads (request.files) or raw bodies " +
			"(request.data, get_data(), request.stream), Low otherwise.",
		Why: "Without a limit Werkzeug reads whatever the client sends: one request with a multi-gigabyte body " +
			"or hundreds of thousands of form fields exhausts memory, disk or workers.",
		Insecure: "app = Flask(__name__)\n\n@app.post(\"/upload\")\ndef upload():\n    request.files[\"file\"].save(path)",
		Secure: "app.config.update(\n    MAX_CONTENT_LENGTH=16 * 1024 * 1024,  # 16 MB: the largest upload we accept\n" +
			"    MAX_FORM_MEMORY_SIZE=500_000,\n    MAX_FORM_PARTS=1_000,\n)",
		Impact: "Any client can take the service down (memory or disk exhaustion, workers tied up) with a few large requests.",
		Fix: "Set MAX_CONTENT_LENGTH to the largest request the app needs (Flask rejects bigger ones with 413), keep " +
			"MAX_FORM_MEMORY_SIZE and MAX_FORM_PARTS at conservative values, and limit bodies at the reverse proxy " +
			"too (client_max_body_size). Raise the limit only for the upload routes that need it, or use direct-to-storage uploads.",
		Mitigation: "Enforce a body size limit at the proxy, load balancer or platform; run workers with memory limits.",
		FalsePositives: "A proxy, load balancer or platform outside the repository may cap request sizes; not " +
			"visible in app code; verify at runtime/config.",
	},
	Run: runLimits,
}

// bodyReaders are request attributes that take a whole body or upload.
var bodyReaders = map[string]bool{"files": true, "data": true, "get_data": true, "stream": true, "input_stream": true}

func runLimits(pass *rules.Pass) error {
	m := flask.ModelOf(pass.Project)
	app := anchor(m)
	if app == nil || m.Config == nil {
		return nil
	}
	// Explicitly unlimited form parsing.
	for _, key := range []string{"MAX_FORM_MEMORY_SIZE", "MAX_FORM_PARTS", "MAX_CONTENT_LENGTH"} {
		for _, v := range m.Config.Lookup(key, flask.Production).Values {
			if v.Origin == flask.Literal && v.IsNone() && v.File != nil {
				pass.ReportNode(v.File, v.Node, rules.Finding{Confidence: rules.HighConfidence,
					Message: fmt.Sprintf("%s is set to None: no limit on request parsing.", key)})
			}
		}
	}
	s := m.Config.Lookup("MAX_CONTENT_LENGTH", flask.Production)
	if !s.Unset() {
		return nil
	}
	for _, df := range edgeFiles(pass.Project) {
		for _, l := range df.Limits {
			if l.Bytes != 0 {
				return nil // limited at the edge
			}
		}
		if df.Kind.String() == "nginx" && len(df.Limits) == 0 {
			return nil // nginx's own default client_max_body_size is 1 MB
		}
	}
	// What does the app read?
	var reader *flask.Evidence
	for _, f := range pyFiles(pass.Project) {
		imp := imports(f)
		ast.Inspect(f.AST, func(n ast.Node) bool {
			if reader != nil || n == nil {
				return false
			}
			if a, ok := n.(*ast.Attribute); ok && bodyReaders[a.Attr] && isRequest(imp, a.Value) {
				reader = &flask.Evidence{File: f, Node: a, What: "request." + a.Attr}
			}
			return true
		})
	}
	f := rules.Finding{Confidence: rules.MediumConfidence}
	edge := noEdge(pass.Project) + " limits request bodies"
	if edges := edgeFiles(pass.Project); len(edges) > 0 {
		edge = fmt.Sprintf("the proxy configuration in the repository (%s) sets no body size limit", edges[0].Path)
	}
	note := "; not visible in app code; verify at runtime/config"
	if len(s.External) > 0 {
		note = fmt.Sprintf(" (%s may set it outside the code)%s", s.External[0].Via, note)
	}
	if reader != nil {
		f.Severity = rules.Medium
		where := fmt.Sprintf("%s:%d", reader.File.Path, reader.Line())
		if r := m.RouteAt(reader.File.Path, reader.Line()); r != nil {
			where = fmt.Sprintf("%s in %s", where, r)
		}
		f.Message = fmt.Sprintf("MAX_CONTENT_LENGTH is not set for production and %s, while the app reads %s (%s)%s.",
			edge, reader.What, where, note)
	} else {
		f.Confidence = rules.LowConfidence
		f.Message = "MAX_CONTENT_LENGTH is not set for production and " + edge + note + "."
	}
	if strings.Contains(note, "may set it") {
		f.Confidence = rules.LowConfidence
	}
	pass.ReportNode(app.File, app.Call, f)
	return nil
}
