package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/rules/all"
	"github.com/flasksec/flasksec/scan"
)

// TestSecretNeverWritten checks that a hard-coded SECRET_KEY in a buffer
// appears in nothing the server writes: diagnostics, hover, code
// actions, log.
func TestSecretNeverWritten(t *testing.T) {
	const secret = "hunter2-Sup3r-s3cret-value-9f8e7d6c"
	root := t.TempDir()
	writeTree(t, root, map[string]string{"app.py": "from flask import Flask\n\napp = Flask(__name__)\n"})
	c := startServer(t, Options{})
	c.initialize(root, map[string]string{"confidence": "low"}, nil)
	uri := pathToURI(filepath.Join(root, "app.py"))
	text := "from flask import Flask\n\napp = Flask(__name__)\napp.config[\"SECRET_KEY\"] = \"" + secret + "\"\n" +
		"app.secret_key = \"" + secret + "\"\nSECRET = {\"SECRET_KEY\": \"" + secret + "\"}\n"
	c.open(uri, text, 1)
	got := c.diagnostics(uri, "the secret key finding", func(p PublishDiagnosticsParams) bool {
		return find(p.Diagnostics, "FLASK-CONFIG-001") != nil
	})
	for _, d := range got.Diagnostics {
		c.call("textDocument/hover", map[string]any{"textDocument": map[string]string{"uri": uri}, "position": d.Range.Start})
		c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]string{"uri": uri}, "range": d.Range,
			"context": map[string]any{"diagnostics": []Diagnostic{d}}})
	}
	// A syntax error right after the secret, inside the same string.
	c.change(uri, strings.Replace(text, secret+"\"\napp.secret_key", secret+"\napp.secret_key", 1), 2)
	c.diagnostics(uri, "the syntax error", func(p PublishDiagnosticsParams) bool { return find(p.Diagnostics, "syntax") != nil })
	c.shutdown()
	for _, part := range []string{secret, secret[:16], secret[10:]} {
		if strings.Contains(c.raw.String(), part) {
			t.Errorf("the server wrote the secret (%q) to the client", part)
		}
		if strings.Contains(c.logs.String(), part) {
			t.Errorf("the server logged the secret (%q)", part)
		}
	}
}

// TestProtocolErrors checks the server's answers to misuse: nothing
// crashes, every request gets an answer.
func TestProtocolErrors(t *testing.T) {
	c := startServer(t, Options{})
	// Before initialize.
	if m := c.call("textDocument/hover", map[string]any{}); m.Error == nil || m.Error.Code != codeServerNotInitialized {
		t.Errorf("request before initialize: %+v", m.Error)
	}
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": "file:///x.py", "text": "x", "version": 1}})
	c.initialize(t.TempDir(), nil, nil)
	if m := c.call("initialize", map[string]any{}); m.Error == nil || m.Error.Code != codeInvalidRequest {
		t.Errorf("second initialize: %+v", m.Error)
	}
	if m := c.call("workspace/symbol", map[string]any{"query": "x"}); m.Error == nil || m.Error.Code != codeMethodNotFound {
		t.Errorf("unknown request: %+v", m.Error)
	}
	if m := c.call("textDocument/hover", nil); m.Error == nil || m.Error.Code != codeInvalidParams {
		t.Errorf("hover without params: %+v", m.Error)
	}
	if m := c.call("textDocument/hover", map[string]any{"position": "here"}); m.Error == nil || m.Error.Code != codeInvalidParams {
		t.Errorf("hover with bad params: %+v", m.Error)
	}
	c.notify("$/cancelRequest", map[string]any{"id": 1})
	c.notify("$/setTrace", map[string]any{"value": "verbose"})
	c.notify("workspace/unknownThing", map[string]any{})
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": "file:///never/opened.py", "version": 2},
		"contentChanges": []map[string]any{{"text": "x"}}})
	c.notify("textDocument/didOpen", "not an object")
	// Malformed JSON: a parse error with a null id.
	c.in.Write([]byte("Content-Length: 9\r\n\r\n{\"jsonrpc"))
	m := c.waitFor("the parse error", func(m rawMessage) bool { return m.Error != nil && m.Error.Code == codeParseError })
	if string(m.ID) != "null" {
		t.Errorf("parse error id = %s, want null", m.ID)
	}
	// Valid JSON that is no message, a batch, a bad id, a wrong version.
	c.in.Write([]byte(frame(`{"jsonrpc":"2.0","id":1,"method":5}`)))
	c.waitFor("the invalid request", func(m rawMessage) bool {
		return m.Error != nil && m.Error.Code == codeInvalidRequest && string(m.ID) == "null"
	})
	c.in.Write([]byte(frame(`[{"jsonrpc":"2.0","id":50,"method":"shutdown"}]`)))
	c.waitFor("the batch error", func(m rawMessage) bool {
		return m.Error != nil && m.Error.Code == codeInvalidRequest && string(m.ID) == "null"
	})
	c.in.Write([]byte(frame(`{"jsonrpc":"1.0","id":51,"method":"shutdown"}`)))
	c.waitFor("the version error", func(m rawMessage) bool { return m.Error != nil && string(m.ID) == "51" })
	c.in.Write([]byte(frame(`{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}`)))
	c.waitFor("the id error", func(m rawMessage) bool {
		return m.Error != nil && m.Error.Code == codeInvalidRequest && string(m.ID) == "null"
	})
	// Bad frames are skipped; the session goes on.
	c.in.Write([]byte("Content-Length: -1\r\n\r\nnonsense\r\nContent-Length: x\r\n\r\n"))
	if m := c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]string{"uri": "file:///nowhere.py"},
		"range": Range{}, "context": map[string]any{"diagnostics": []any{}}}); m.Error != nil || string(m.Result) != "[]" {
		t.Errorf("code action after bad frames: %s %+v", m.Result, m.Error)
	}
	// After shutdown, requests fail; exit then gives 0.
	if m := c.call("shutdown", nil); m.Error != nil {
		t.Fatalf("shutdown: %+v", m.Error)
	}
	if m := c.call("textDocument/hover", map[string]any{}); m.Error == nil || m.Error.Code != codeInvalidRequest {
		t.Errorf("request after shutdown: %+v", m.Error)
	}
	c.notify("exit", nil)
	if code := <-c.exit; code != 0 {
		t.Errorf("exit code = %d, want 0", code)
	}
	c.exit <- 0
	if !strings.Contains(c.logs.String(), "malformed message") {
		t.Errorf("bad frames were not logged:\n%s", c.logs.String())
	}
}

func TestExitCodes(t *testing.T) {
	t.Run("exit without shutdown", func(t *testing.T) {
		c := startServer(t, Options{})
		c.initialize(t.TempDir(), nil, nil)
		c.notify("exit", nil)
		code := <-c.exit
		c.exit <- code
		if code != 1 {
			t.Errorf("exit code = %d, want 1", code)
		}
	})
	t.Run("input closed", func(t *testing.T) {
		c := startServer(t, Options{})
		c.in.Close()
		code := <-c.exit
		c.exit <- code
		if code != 1 {
			t.Errorf("exit code = %d, want 1", code)
		}
	})
}

// TestConfidenceOption checks that initializationOptions.confidence
// shows Low-confidence findings, hidden by default as in the CLI.
func TestConfidenceOption(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"app.py": vulnerableApp, "Procfile": "web: python app.py\n"})
	uri := pathToURI(filepath.Join(root, "app.py"))
	count := func(opts any) []string {
		c := startServer(t, Options{})
		c.initialize(root, opts, nil)
		got := c.diagnostics(uri, "the diagnostics of app.py", func(PublishDiagnosticsParams) bool { return true })
		c.shutdown()
		var out []string
		for _, d := range got.Diagnostics {
			out = append(out, d.Code)
		}
		return out
	}
	def, low := count(nil), count(map[string]string{"confidence": "low"})
	if slices.Contains(def, "FLASK-HOST-001") || !slices.Contains(low, "FLASK-HOST-001") || len(low) <= len(def) {
		t.Errorf("default: %v; with confidence low: %v", def, low)
	}
	if !slices.Contains(def, "FLASK-INJECT-001") {
		t.Errorf("files on disk are analysed without opening them: got %v", def)
	}
}

// TestTemplateBuffer overrides a template with an unsaved buffer and
// suppresses its finding with a Jinja comment.
func TestTemplateBuffer(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"app.py": "from flask import Flask, render_template, request\n\napp = Flask(__name__)\n\n\n@app.route(\"/hello\")\n" +
			"def hello():\n    return render_template(\"hello.html\", name=request.args.get(\"name\", \"\"))\n",
		"templates/hello.html": "<p>Hello {{ name }}</p>\n",
	})
	c := startServer(t, Options{})
	c.initialize(root, nil, map[string]any{"workspace": map[string]any{"workspaceEdit": map[string]any{"documentChanges": true}}})
	uri := pathToURI(filepath.Join(root, "templates", "hello.html"))
	text := "<p>Hello {{ name|safe }}</p>\n"
	c.open(uri, text, 7)
	got := c.diagnostics(uri, "the XSS finding", func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == 7 })
	if want := []string{"FLASK-XSS-001@0:9-0:24"}; !slices.Equal(codes(got.Diagnostics), want) {
		t.Fatalf("diagnostics = %v, want %v", codes(got.Diagnostics), want)
	}
	d := got.Diagnostics[0]
	if !strings.Contains(d.Message, "request.args") || !strings.Contains(d.Message, "app.py:8") {
		t.Errorf("message = %q", d.Message)
	}
	var actions []CodeAction
	c.result("textDocument/codeAction", map[string]any{"textDocument": map[string]string{"uri": uri}, "range": d.Range,
		"context": map[string]any{"diagnostics": []Diagnostic{d}, "only": []string{"quickfix"}}}, &actions)
	if len(actions) != 1 || len(actions[0].Edit.DocumentChanges) != 1 {
		t.Fatalf("actions = %+v", actions)
	}
	dc := actions[0].Edit.DocumentChanges[0]
	if dc.TextDocument.URI != uri || dc.TextDocument.Version != 7 || len(dc.Edits) != 1 ||
		dc.Edits[0].NewText != "  {# flasksec: ignore[FLASK-XSS-001] reason: TODO #}" || dc.Edits[0].Range.Start != (Position{0, 28}) {
		t.Fatalf("edit = %+v", dc)
	}
	// Other kinds of action are not offered.
	var none []CodeAction
	c.result("textDocument/codeAction", map[string]any{"textDocument": map[string]string{"uri": uri}, "range": d.Range,
		"context": map[string]any{"diagnostics": []Diagnostic{d}, "only": []string{"refactor"}}}, &none)
	if len(none) != 0 {
		t.Errorf("refactor actions = %+v", none)
	}
	c.change(uri, encUTF16.applyChange(text, &dc.Edits[0].Range, dc.Edits[0].NewText), 8)
	got = c.diagnostics(uri, "the suppressed finding", func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == 8 })
	if want := []string{"suppression@0:33-0:77"}; !slices.Equal(codes(got.Diagnostics), want) {
		t.Errorf("after the suppression: %v, want %v", codes(got.Diagnostics), want)
	}
	c.shutdown()
}

// TestDiskChanges covers files changed outside the editor, new unsaved
// files, and closing buffers.
func TestDiskChanges(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"app.py":   safeApp,
		"Procfile": "web: python app.py\n",
	})
	c := startServer(t, Options{})
	c.initialize(root, nil, nil)
	appURI := pathToURI(filepath.Join(root, "app.py"))

	// app.py changes on disk, the editor reports it.
	writeTree(t, root, map[string]string{"app.py": vulnerableApp})
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": appURI, "type": 2}}})
	got := c.diagnostics(appURI, "findings of the changed file", func(p PublishDiagnosticsParams) bool { return len(p.Diagnostics) == 3 })
	if got.Version != nil {
		t.Errorf("a file not open has a version: %d", *got.Version)
	}

	// A new file on disk.
	writeTree(t, root, map[string]string{"jobs.py": "import os\nfrom flask import request\n\n\ndef run():\n    os.system(request.args[\"c\"])\n"})
	jobsURI := pathToURI(filepath.Join(root, "jobs.py"))
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": jobsURI, "type": 1}}})
	c.diagnostics(jobsURI, "findings of the new file", func(p PublishDiagnosticsParams) bool { return find(p.Diagnostics, "FLASK-INJECT-002") != nil })

	// It is deleted.
	os.Remove(filepath.Join(root, "jobs.py"))
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": jobsURI, "type": 3}}})
	c.diagnostics(jobsURI, "the deleted file's findings cleared", func(p PublishDiagnosticsParams) bool { return len(p.Diagnostics) == 0 })

	// An unsaved new buffer, then closed without saving.
	newURI := pathToURI(filepath.Join(root, "pkg", "new.py"))
	c.open(newURI, "import os\nfrom flask import request\n\n\ndef run():\n    os.system(request.args[\"c\"])\n", 1)
	c.diagnostics(newURI, "findings of the unsaved file", func(p PublishDiagnosticsParams) bool { return find(p.Diagnostics, "FLASK-INJECT-002") != nil })
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]string{"uri": newURI}})
	c.diagnostics(newURI, "the closed unsaved file's findings cleared", func(p PublishDiagnosticsParams) bool { return len(p.Diagnostics) == 0 })

	// A buffer that fixes app.py, saved, then closed: the disk counts.
	c.open(appURI, safeApp, 1)
	c.diagnostics(appURI, "the fixed buffer", func(p PublishDiagnosticsParams) bool { return len(p.Diagnostics) == 0 })
	writeTree(t, root, map[string]string{"app.py": safeApp})
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]string{"uri": appURI}})
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]string{"uri": appURI}})
	// An unsaved buffer in an excluded folder is not analysed.
	writeTree(t, root, map[string]string{".flasksec.toml": "exclude = [\"scratch/**\"]\n"})
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": pathToURI(filepath.Join(root, ".flasksec.toml")), "type": 1}}})
	scratch := pathToURI(filepath.Join(root, "scratch", "try.py"))
	c.open(scratch, vulnerableApp, 1)
	// Analyses run in order: once a later buffer's diagnostics arrive,
	// the excluded one's would have.
	c.open(appURI, vulnerableApp, 2)
	c.diagnostics(appURI, "a later analysis", func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == 2 })
	c.shutdown()
	if strings.Contains(c.raw.String(), scratch) {
		t.Errorf("the excluded buffer got diagnostics")
	}
	if strings.Contains(c.logs.String(), "panic") {
		t.Errorf("log shows a panic:\n%s", c.logs.String())
	}
}

// TestNewestResultsWin sends many changes in a row: the diagnostics
// published never go back to an older version, and the last version's
// diagnostics arrive.
func TestNewestResultsWin(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"app.py": safeApp, "Procfile": "web: python app.py\n"})
	c := startServer(t, Options{})
	c.initialize(root, nil, nil)
	uri := pathToURI(filepath.Join(root, "app.py"))
	c.open(uri, safeApp, 1)
	const n = 30
	for v := 2; v <= n; v++ {
		text := safeApp
		if v%2 == 1 {
			text = vulnerableApp
		}
		c.change(uri, text, v)
	}
	// n is even: the last text is the safe one.
	c.diagnostics(uri, "the last version", func(p PublishDiagnosticsParams) bool {
		return p.Version != nil && *p.Version == n && len(p.Diagnostics) == 0
	})
	c.shutdown()
	last := 0
	for _, m := range publishedVersions(t, c.raw.String(), uri) {
		if m < last {
			t.Errorf("version %d published after version %d", m, last)
		}
		last = m
	}
}

// publishedVersions lists the versions of the publishDiagnostics of uri
// in the server's output, in order.
func publishedVersions(t *testing.T, raw, uri string) []int {
	r := NewReader(strings.NewReader(raw), 0)
	var out []int
	for {
		body, err := r.Read()
		if err != nil {
			return out
		}
		var m struct {
			Method string                   `json:"method"`
			Params PublishDiagnosticsParams `json:"params"`
		}
		if json.Unmarshal(body, &m) == nil && m.Method == "textDocument/publishDiagnostics" && m.Params.URI == uri && m.Params.Version != nil {
			out = append(out, *m.Params.Version)
		}
	}
}

// TestClientCapabilities: UTF-8 positions, plain-text hover, no
// relatedInformation (the trace goes into the message), no root folder.
func TestClientCapabilities(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"app.py": safeApp, "Procfile": "web: python app.py\n"})
	c := startServer(t, Options{})
	var res initializeResult
	c.result("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{
		"general":      map[string]any{"positionEncodings": []string{"utf-8"}},
		"textDocument": map[string]any{"hover": map[string]any{"contentFormat": []string{"plaintext"}}},
	}}, &res)
	if res.Capabilities.PositionEncoding != "utf-8" {
		t.Errorf("positionEncoding = %q", res.Capabilities.PositionEncoding)
	}
	c.notify("initialized", map[string]any{})
	uri := pathToURI(filepath.Join(root, "app.py"))
	c.open(uri, vulnerableApp, 1)
	got := c.diagnostics(uri, "diagnostics in UTF-8 columns", func(p PublishDiagnosticsParams) bool { return len(p.Diagnostics) > 0 })
	inj := find(got.Diagnostics, "FLASK-INJECT-001")
	if inj == nil || inj.Range != (Range{Position{10, 15}, Position{10, 75}}) {
		t.Fatalf("FLASK-INJECT-001 = %+v", inj)
	}
	if len(inj.RelatedInformation) != 0 || !strings.Contains(inj.Message, "\ntrace:\n  app.py:9: ") {
		t.Errorf("message = %q, related = %v", inj.Message, inj.RelatedInformation)
	}
	var h hover
	c.result("textDocument/hover", map[string]any{"textDocument": map[string]string{"uri": uri}, "position": Position{10, 20}}, &h)
	if h.Contents.Kind != "plaintext" || !strings.Contains(h.Contents.Value, "What it finds\n-------------") {
		t.Errorf("hover = %+v", h.Contents)
	}
	c.shutdown()
}

// TestBrokenConfig shows a configuration error once, and recovers when
// the file is fixed.
func TestBrokenConfig(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"app.py": vulnerableApp, "Procfile": "web: python app.py\n",
		".flasksec.toml": "enable = [\"FLASK-NOPE-999\"]\n"})
	c := startServer(t, Options{})
	c.initialize(root, nil, nil)
	m := c.waitFor("the configuration error", func(m rawMessage) bool { return m.Method == "window/showMessage" })
	if !strings.Contains(string(m.Params), "FLASK-NOPE-999") {
		t.Errorf("message = %s", m.Params)
	}
	cfg := filepath.Join(root, ".flasksec.toml")
	writeTree(t, root, map[string]string{".flasksec.toml": "enable = [\"FLASK-INJECT\"]\n"})
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": pathToURI(cfg), "type": 2}}})
	got := c.diagnostics(pathToURI(filepath.Join(root, "app.py")), "diagnostics with the fixed configuration",
		func(p PublishDiagnosticsParams) bool { return len(p.Diagnostics) > 0 })
	if want := []string{"FLASK-INJECT-001@10:14-10:72"}; !slices.Equal(codes(got.Diagnostics), want) {
		t.Errorf("diagnostics = %v, want %v (only the enabled family)", codes(got.Diagnostics), want)
	}
	c.shutdown()
}

// TestDebounce checks that changes in quick succession are analysed
// together after the quiet period, with a real (short) debounce.
func TestDebounce(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"app.py": safeApp})
	c := startServer(t, Options{Debounce: 50 * time.Millisecond})
	c.initialize(root, nil, nil)
	uri := pathToURI(filepath.Join(root, "app.py"))
	c.open(uri, safeApp, 1)
	for v := 2; v <= 5; v++ {
		c.change(uri, vulnerableApp+fmt.Sprintf("# edit %d\n", v), v)
	}
	c.diagnostics(uri, "the last version", func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == 5 })
	c.shutdown()
}

// TestWatcherRegistration checks that a client that can register file
// watchers dynamically is asked to, once initialized.
func TestWatcherRegistration(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize(t.TempDir(), nil, map[string]any{"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}})
	m := c.waitFor("client/registerCapability", func(m rawMessage) bool { return m.Method == "client/registerCapability" })
	var p registrationParams
	if err := json.Unmarshal(m.Params, &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Registrations) != 1 || p.Registrations[0].Method != "workspace/didChangeWatchedFiles" || !strings.Contains(string(m.Params), "**/*.{py,") {
		t.Errorf("registration = %s", m.Params)
	}
	// The client's answer is a response the server accepts silently.
	c.send(map[string]any{"jsonrpc": "2.0", "id": m.ID, "result": nil})
	c.shutdown()
}

// TestMatchesScan checks that, with no buffer open, the server reports
// what `flasksec scan` reports: the same findings, at the same lines, on
// the bundled vulnerable app.
func TestMatchesScan(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", "examples", "vulnerable"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := scan.Run(context.Background(), scan.Options{Root: root, ParsePython: parser.ParseFile, Rules: all.Rules()})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{}
	for _, f := range res.Findings {
		uri := joinURI(pathToURI(root), f.Location.Path)
		want[uri] = append(want[uri], fmt.Sprintf("%s@%d", f.RuleID, f.Location.StartLine))
	}
	if len(want) == 0 {
		t.Fatal("the scan found nothing")
	}
	c := startServer(t, Options{})
	c.initialize(root, nil, nil)
	for _, uri := range sortedKeys(want) {
		got := c.diagnostics(uri, "the diagnostics of "+uri, func(PublishDiagnosticsParams) bool { return true })
		var lines []string
		for _, d := range got.Diagnostics {
			if d.Code != codeSyntax && d.Code != codeSuppression {
				lines = append(lines, fmt.Sprintf("%s@%d", d.Code, d.Data.Line))
				if d.Range.Start.Line != d.Data.Line-1 {
					t.Errorf("%s: range starts on line %d, the finding on %d", d.Code, d.Range.Start.Line, d.Data.Line)
				}
			}
		}
		slices.Sort(lines)
		slices.Sort(want[uri])
		if !slices.Equal(lines, want[uri]) {
			t.Errorf("%s:\n got  %v\n want %v", uri, lines, want[uri])
		}
	}
	c.shutdown()
	r := NewReader(strings.NewReader(c.raw.String()), 0)
	for {
		body, err := r.Read()
		if err != nil {
			break
		}
		var m struct {
			Method string                   `json:"method"`
			Params PublishDiagnosticsParams `json:"params"`
		}
		if json.Unmarshal(body, &m) == nil && m.Method == "textDocument/publishDiagnostics" && want[m.Params.URI] == nil && len(m.Params.Diagnostics) > 0 {
			t.Errorf("diagnostics for %s, where the scan finds nothing: %v", m.Params.URI, codes(m.Params.Diagnostics))
		}
	}
}
