package lsp

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestSecretsInSinksNeverWritten checks that credentials on the sink
// lines of data-flow findings (a Bearer token in a shell command, a
// secret query parameter in a redirect, a password in a connection
// string) appear in nothing the server writes, while the diagnostics
// are still published for those lines.
func TestSecretsInSinksNeverWritten(t *testing.T) {
	secrets := []string{"Zq-bearer-planted-61", "Zq-query-planted-62", "Zq-dsn-planted-63"}
	root := t.TempDir()
	writeTree(t, root, map[string]string{"app.py": "from flask import Flask\n\napp = Flask(__name__)\n"})
	c := startServer(t, Options{})
	c.initialize(root, map[string]string{"confidence": "low"}, nil)
	uri := pathToURI(filepath.Join(root, "app.py"))
	text := "import os\n\nfrom flask import Flask, redirect, request\n\napp = Flask(__name__)\n\n\n" +
		"@app.route(\"/run\")\ndef run():\n" +
		"    os.system(\"curl -H 'Authorization: Bearer " + secrets[0] + "' https://ci.example/\" + request.args[\"job\"])\n" +
		"    os.system(\"psql postgresql://app:" + secrets[2] + "@db/app -c \" + request.args[\"q\"])\n" +
		"    return redirect(\"https://partner.example/cb?token=" + secrets[1] + "&next=\" + request.args[\"n\"])\n"
	c.open(uri, text, 1)
	got := c.diagnostics(uri, "the command injection findings", func(p PublishDiagnosticsParams) bool {
		return find(p.Diagnostics, "FLASK-INJECT-002") != nil
	})
	lines := map[int]bool{}
	for _, d := range got.Diagnostics {
		if d.Code == "FLASK-INJECT-002" {
			lines[d.Range.Start.Line] = true
		}
		c.call("textDocument/hover", map[string]any{"textDocument": map[string]string{"uri": uri}, "position": d.Range.Start})
	}
	if !lines[9] || !lines[10] {
		t.Errorf("FLASK-INJECT-002 not reported on both sink lines: %v", lines)
	}
	c.shutdown()
	// Diagnostics carry messages and trace notes, not evidence; this
	// guards against that changing without redaction.
	for _, s := range secrets {
		if strings.Contains(c.raw.String(), s) {
			t.Errorf("the server wrote the secret %q to the client", s)
		}
		if strings.Contains(c.logs.String(), s) {
			t.Errorf("the server logged the secret %q", s)
		}
	}
}
