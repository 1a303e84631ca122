package scan

import (
	"strings"
	"testing"

	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/rules/files"
)

// TestJoinUploadDestination scans an upload handler with the path and
// upload rules: a save() under the client's file name is one finding that
// names both rules; a save() under a server-made name gives only the
// upload rule's own points.
func TestJoinUploadDestination(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"app.py": `import os
import uuid
from flask import Flask, request

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 1 << 20


@app.post("/attach")
def attach():
    f = request.files["doc"]
    f.save(os.path.join("/srv/docs", f.filename))
    return "ok"


@app.post("/attach/safe")
def attach_safe():
    f = request.files["doc"]
    if f.mimetype not in {"application/pdf"}:
        return "no", 400
    f.save(os.path.join("/srv/docs", uuid.uuid4().hex + ".pdf"))
    return "ok"
`})
	res := run(t, Options{Root: dir, ParsePython: parser.ParseFile, Rules: []*rules.Rule{files.Path, files.Upload}})
	var got []string
	for _, f := range res.Findings {
		got = append(got, brief([]rules.Finding{f})+"  "+f.Message)
	}
	if len(res.Findings) != 1 {
		t.Fatalf("want one finding at app.py:12, got:\n%s", strings.Join(got, "\n"))
	}
	f := res.Findings[0]
	if f.Location.StartLine != 12 || !strings.Contains(f.Message, "also FLASK-") ||
		!strings.Contains(f.Message, "allowlist") {
		t.Errorf("the save() under the client's name should be one finding naming both rules and the missing allowlist:\n%s", strings.Join(got, "\n"))
	}
	if res.Counts[f.Severity] != 1 {
		t.Errorf("counts = %v, want one %v finding", res.Counts, f.Severity)
	}
}
