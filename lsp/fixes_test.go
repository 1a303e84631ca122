package lsp

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestFixAction checks that a finding with a fix gets a preferred "Fix:"
// code action before the suppression, with edits in the client's
// encoding ("é" before the call shifts UTF-16 columns), and that applying
// it clears the finding.
func TestFixAction(t *testing.T) {
	const app = `import yaml
from flask import Flask, request

app = Flask(__name__)


@app.post("/import")
def import_data():
    données = yaml.load(request.data, Loader=yaml.Loader)
    return str(len(données))
`
	const want = `import yaml
from flask import Flask, request

app = Flask(__name__)


@app.post("/import")
def import_data():
    données = yaml.safe_load(request.data)
    return str(len(données))
`
	root := t.TempDir()
	writeTree(t, root, map[string]string{"app.py": app})
	c := startServer(t, Options{})
	c.initialize(root, nil, nil)
	uri := pathToURI(filepath.Join(root, "app.py"))
	c.open(uri, app, 1)
	got := c.diagnostics(uri, "diagnostics", func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == 1 })
	d := find(got.Diagnostics, "FLASKSEC-DESERIALIZE-001")
	if d == nil {
		t.Fatalf("no FLASKSEC-DESERIALIZE-001 in %v", codes(got.Diagnostics))
	}
	var actions []CodeAction
	c.result("textDocument/codeAction", map[string]any{
		"textDocument": map[string]string{"uri": uri},
		"range":        d.Range,
		"context":      map[string]any{"diagnostics": []Diagnostic{*d}},
	}, &actions)
	if len(actions) != 2 || !strings.HasPrefix(actions[0].Title, "Fix: ") || !actions[0].IsPreferred ||
		!strings.HasPrefix(actions[1].Title, "Suppress") {
		t.Fatalf("code actions = %+v", actions)
	}
	edits := actions[0].Edit.Changes[uri]
	if len(edits) != 2 || edits[0].Range.Start != (Position{8, 19}) {
		t.Fatalf("edits = %+v", edits)
	}
	text := app
	for i := len(edits) - 1; i >= 0; i-- { // back to front: earlier ranges stay valid
		text = encUTF16.applyChange(text, &edits[i].Range, edits[i].NewText)
	}
	if text != want {
		t.Fatalf("fixed text:\n%s\nwant:\n%s", text, want)
	}
	c.change(uri, text, 2)
	got = c.diagnostics(uri, "after the fix", func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == 2 })
	if find(got.Diagnostics, "FLASKSEC-DESERIALIZE-001") != nil {
		t.Errorf("after the fix: %v", codes(got.Diagnostics))
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"import yaml\nx = 1\n", true},
		{"x = 'données'\n", true},
		{"import yaml\r\nx = 1\r\n", false},
		{"\ufeffimport yaml\n", false},
		{"# -*- coding: latin-1 -*-\nx = 'données'\n", false},
		{"# coding: utf-8\nx = 1\n", true}, // ASCII reads the same in any declared encoding
	}
	for _, tt := range tests {
		if got := plainText(tt.text); got != tt.want {
			t.Errorf("plainText(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
