package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/rules/all"
)

// waitTimeout bounds every wait for a message: generous, so that a slow
// or busy machine does not fail the tests, since nothing here depends on
// the analysis being fast.
const waitTimeout = 2 * time.Minute

// lockedBuffer is a bytes.Buffer safe for concurrent use.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// client drives a server in-process over pipes, as an editor would.
type client struct {
	t      testing.TB
	w      *Writer
	in     *io.PipeWriter
	raw    *lockedBuffer // every byte the server wrote
	logs   *lockedBuffer // the server's log
	exit   chan int
	nextID int

	mu      sync.Mutex
	queue   []rawMessage // messages received and not consumed yet
	arrived chan struct{}
	closed  bool
}

// startServer starts a server with the registry's rules and no debounce.
func startServer(t testing.TB, opts Options) *client {
	t.Helper()
	if opts.ParsePython == nil {
		opts.ParsePython = parser.ParseFile
	}
	if opts.Rules == nil {
		opts.Rules = all.Rules()
	}
	c := &client{t: t, raw: &lockedBuffer{}, logs: &lockedBuffer{}, exit: make(chan int, 1), arrived: make(chan struct{}, 1)}
	opts.Log = log.New(c.logs, "", 0)
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c.in, c.w = inW, NewWriter(inW)
	go func() {
		code := Serve(context.Background(), inR, outW, opts)
		outW.Close()
		c.exit <- code
	}()
	go func() {
		r := NewReader(io.TeeReader(outR, c.raw), 0)
		for {
			body, err := r.Read()
			if err != nil {
				c.mu.Lock()
				c.closed = true
				c.mu.Unlock()
				c.poke()
				return
			}
			var m rawMessage
			if err := json.Unmarshal(body, &m); err != nil {
				t.Errorf("server wrote invalid JSON: %v", err)
				continue
			}
			c.mu.Lock()
			c.queue = append(c.queue, m)
			c.mu.Unlock()
			c.poke()
		}
	}()
	t.Cleanup(func() {
		inW.Close()
		select {
		case <-c.exit:
		case <-time.After(waitTimeout):
			t.Error("server did not stop")
		}
		if t.Failed() {
			t.Logf("server log:\n%s", c.logs.String())
		}
	})
	return c
}

func (c *client) poke() {
	select {
	case c.arrived <- struct{}{}:
	default:
	}
}

// waitFor returns and removes the first queued message that matches,
// waiting for one to arrive.
func (c *client) waitFor(what string, match func(rawMessage) bool) rawMessage {
	c.t.Helper()
	deadline := time.After(waitTimeout)
	for {
		c.mu.Lock()
		for i, m := range c.queue {
			if match(m) {
				c.queue = slices.Delete(c.queue, i, i+1)
				c.mu.Unlock()
				return m
			}
		}
		closed := c.closed
		c.mu.Unlock()
		if closed {
			c.t.Fatalf("server closed its output while waiting for %s", what)
		}
		select {
		case <-c.arrived:
		case <-deadline:
			c.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func (c *client) send(v any) {
	c.t.Helper()
	if err := c.w.Write(v); err != nil {
		c.t.Fatalf("writing to the server: %v", err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.send(notification{JSONRPC: "2.0", Method: method, Params: params})
}

// call sends a request and returns its response.
func (c *client) call(method string, params any) rawMessage {
	c.t.Helper()
	c.nextID++
	id := json.RawMessage(fmt.Sprint(c.nextID))
	c.send(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	return c.waitFor("the response to "+method, func(m rawMessage) bool {
		return m.Method == "" && bytes.Equal(m.ID, id)
	})
}

// result calls and decodes a successful result into v.
func (c *client) result(method string, params, v any) {
	c.t.Helper()
	m := c.call(method, params)
	if m.Error != nil {
		c.t.Fatalf("%s: error %v", method, m.Error)
	}
	if err := json.Unmarshal(m.Result, v); err != nil {
		c.t.Fatalf("%s: result %s: %v", method, m.Result, err)
	}
}

// diagnostics waits for a publishDiagnostics of uri that satisfies ok.
func (c *client) diagnostics(uri, what string, ok func(PublishDiagnosticsParams) bool) PublishDiagnosticsParams {
	c.t.Helper()
	var got PublishDiagnosticsParams
	c.waitFor(what, func(m rawMessage) bool {
		if m.Method != "textDocument/publishDiagnostics" {
			return false
		}
		var p PublishDiagnosticsParams
		if json.Unmarshal(m.Params, &p) != nil || p.URI != uri {
			return false
		}
		if ok(p) {
			got = p
			return true
		}
		return false
	})
	return got
}

// initialize runs the initialize handshake with root as the workspace.
func (c *client) initialize(root string, initOptions any, caps map[string]any) initializeResult {
	c.t.Helper()
	if caps == nil {
		caps = map[string]any{
			"textDocument": map[string]any{
				"publishDiagnostics": map[string]any{"relatedInformation": true},
				"hover":              map[string]any{"contentFormat": []string{"markdown", "plaintext"}},
			},
		}
	}
	params := map[string]any{
		"processId":        os.Getpid(),
		"rootUri":          pathToURI(root),
		"workspaceFolders": []map[string]string{{"uri": pathToURI(root), "name": filepath.Base(root)}},
		"capabilities":     caps,
	}
	if initOptions != nil {
		params["initializationOptions"] = initOptions
	}
	var res initializeResult
	c.result("initialize", params, &res)
	c.notify("initialized", map[string]any{})
	return res
}

func (c *client) open(uri, text string, version int) {
	c.t.Helper()
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "python", "version": version, "text": text}})
}

func (c *client) change(uri, text string, version int) {
	c.t.Helper()
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": version},
		"contentChanges": []map[string]any{{"text": text}}})
}

// shutdown ends the session properly and checks the exit code.
func (c *client) shutdown() {
	c.t.Helper()
	if m := c.call("shutdown", nil); m.Error != nil || string(m.Result) != "null" {
		c.t.Fatalf("shutdown: %s %v", m.Result, m.Error)
	}
	c.notify("exit", nil)
	select {
	case code := <-c.exit:
		c.exit <- code // for the cleanup
		if code != 0 {
			c.t.Errorf("exit code after shutdown = %d, want 0", code)
		}
	case <-time.After(waitTimeout):
		c.t.Fatal("server did not exit")
	}
}

func writeTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// codes returns "RULE@line:col-line:col" for each diagnostic, sorted.
func codes(ds []Diagnostic) []string {
	var out []string
	for _, d := range ds {
		r := d.Range
		out = append(out, fmt.Sprintf("%s@%d:%d-%d:%d", d.Code, r.Start.Line, r.Start.Character, r.End.Line, r.End.Character))
	}
	slices.Sort(out)
	return out
}

func find(ds []Diagnostic, code string) *Diagnostic {
	for i := range ds {
		if ds[i].Code == code {
			return &ds[i]
		}
	}
	return nil
}

// The disk version of app.py is safe; the buffer the editor opens is not.
const (
	safeApp = `import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.route("/user")
def user():
    uid = request.args.get("id", "")
    db = sqlite3.connect("app.db")
    données = db.execute("SELECT '😀' FROM users WHERE id = ?", (uid,))
    return str(len(données.fetchall()))
`
	// Line 11 (0-based 10) has "é" before the sink and "😀" inside it:
	// the call starts at character 14 (byte 15) and ends at character
	// 71, UTF-16 unit 72.
	vulnerableApp = `import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.route("/user")
def user():
    uid = request.args.get("id", "")
    db = sqlite3.connect("app.db")
    données = db.execute("SELECT '😀' FROM users WHERE id = '%s'" % uid)
    return str(len(données.fetchall()))


if __name__ == "__main__":
    app.run(debug=True)
`
)

func TestSession(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"app.py":           safeApp,
		"Procfile":         "web: python app.py\n",
		"requirements.txt": "flask\n",
	})
	c := startServer(t, Options{})
	res := c.initialize(root, nil, nil)
	caps := res.Capabilities
	if caps.TextDocumentSync.Change != 1 || !caps.TextDocumentSync.OpenClose || !caps.HoverProvider ||
		!slices.Equal(caps.CodeActionProvider.CodeActionKinds, []string{"quickfix"}) || caps.PositionEncoding != "utf-16" {
		t.Errorf("capabilities = %+v", caps)
	}
	if res.ServerInfo.Name != "flasksec" {
		t.Errorf("serverInfo = %+v", res.ServerInfo)
	}

	uri := pathToURI(filepath.Join(root, "app.py"))
	c.open(uri, vulnerableApp, 1)
	got := c.diagnostics(uri, "diagnostics of the unsaved buffer", func(p PublishDiagnosticsParams) bool {
		return p.Version != nil && *p.Version == 1
	})
	want := []string{
		"FLASK-DEPLOY-001@15:4-15:23",
		"FLASK-DEPLOY-002@15:18-15:22",
		"FLASK-INJECT-001@10:14-10:72",
	}
	if !slices.Equal(codes(got.Diagnostics), want) {
		t.Fatalf("diagnostics = %v\nwant %v", codes(got.Diagnostics), want)
	}
	inj := find(got.Diagnostics, "FLASK-INJECT-001")
	if inj.Severity != severityError || inj.Source != "flasksec" ||
		!strings.Contains(inj.Message, "request.args reaches db.execute()") || !strings.Contains(inj.Message, "confidence: High") {
		t.Errorf("diagnostic = %+v", inj)
	}
	if len(inj.RelatedInformation) < 2 || inj.RelatedInformation[0].Location.URI != uri ||
		inj.RelatedInformation[0].Location.Range.Start.Line != 8 || !strings.Contains(inj.RelatedInformation[0].Message, "request.args") {
		t.Errorf("trace = %+v", inj.RelatedInformation)
	}
	if d := find(got.Diagnostics, "FLASK-DEPLOY-002"); d == nil || d.Severity != severityError {
		t.Errorf("FLASK-DEPLOY-002 = %+v", d)
	}

	// Hover on the sink shows the rule's documentation.
	var h hover
	c.result("textDocument/hover", map[string]any{"textDocument": map[string]string{"uri": uri},
		"position": Position{Line: 10, Character: 20}}, &h)
	inject := ruleByID(t, "FLASK-INJECT-001")
	if h.Contents.Kind != "markdown" || !strings.Contains(h.Contents.Value, "**FLASK-INJECT-001**") ||
		!strings.Contains(h.Contents.Value, inject.Title) || !strings.Contains(h.Contents.Value, "### What it finds") ||
		!strings.Contains(h.Contents.Value, "route GET /user") {
		t.Errorf("hover = %+v", h)
	}
	if h.Range == nil || *h.Range != inj.Range {
		t.Errorf("hover range = %+v, want %+v", h.Range, inj.Range)
	}
	// Hover away from any finding shows nothing.
	if m := c.call("textDocument/hover", map[string]any{"textDocument": map[string]string{"uri": uri},
		"position": Position{Line: 0, Character: 1}}); string(m.Result) != "null" {
		t.Errorf("hover on an import = %s", m.Result)
	}

	// The code action inserts a suppression comment at the end of line 11.
	var actions []CodeAction
	c.result("textDocument/codeAction", map[string]any{
		"textDocument": map[string]string{"uri": uri},
		"range":        inj.Range,
		"context":      map[string]any{"diagnostics": []Diagnostic{*inj}},
	}, &actions)
	if len(actions) != 1 || actions[0].Kind != "quickfix" || actions[0].IsPreferred {
		t.Fatalf("code actions = %+v", actions)
	}
	edits := actions[0].Edit.Changes[uri]
	wantEdit := TextEdit{Range: Range{Position{10, 72}, Position{10, 72}}, NewText: "  # flasksec: ignore[FLASK-INJECT-001] reason: TODO"}
	if len(edits) != 1 || edits[0] != wantEdit {
		t.Fatalf("edits = %+v, want %+v", edits, wantEdit)
	}
	// Applied, the finding is suppressed and the placeholder flagged.
	suppressed := encUTF16.applyChange(vulnerableApp, &edits[0].Range, edits[0].NewText)
	c.change(uri, suppressed, 2)
	got = c.diagnostics(uri, "diagnostics after the suppression", func(p PublishDiagnosticsParams) bool {
		return p.Version != nil && *p.Version == 2
	})
	if want := []string{"FLASK-DEPLOY-001@15:4-15:23", "FLASK-DEPLOY-002@15:18-15:22", "suppression@10:76-10:123"}; !slices.Equal(codes(got.Diagnostics), want) {
		t.Errorf("after the suppression: %v, want %v", codes(got.Diagnostics), want)
	}

	// A syntax error: a diagnostic at its place, and no crash.
	broken := strings.Replace(vulnerableApp, "def user():", "def user(:", 1)
	c.change(uri, broken, 3)
	got = c.diagnostics(uri, "the syntax error", func(p PublishDiagnosticsParams) bool {
		return p.Version != nil && *p.Version == 3
	})
	syn := find(got.Diagnostics, "syntax")
	if syn == nil || syn.Severity != severityError || syn.Range.Start.Line != 7 || syn.Source != "flasksec" {
		t.Errorf("syntax diagnostic = %+v in %v", syn, codes(got.Diagnostics))
	}

	// The fix clears every diagnostic of the buffer.
	fixed := strings.Replace(safeApp, "return str(", "return str(", 1)
	c.change(uri, fixed, 4)
	got = c.diagnostics(uri, "diagnostics cleared", func(p PublishDiagnosticsParams) bool {
		return p.Version != nil && *p.Version == 4
	})
	if len(got.Diagnostics) != 0 {
		t.Errorf("after the fix: %v", codes(got.Diagnostics))
	}
	// Nothing more for this file.
	if m := c.call("textDocument/hover", map[string]any{"textDocument": map[string]string{"uri": uri},
		"position": Position{Line: 10, Character: 20}}); string(m.Result) != "null" {
		t.Errorf("hover after the fix = %s", m.Result)
	}
	c.shutdown()
}

func ruleByID(t *testing.T, id string) *rules.Rule {
	t.Helper()
	for _, r := range all.Rules() {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no rule %s", id)
	return nil
}
