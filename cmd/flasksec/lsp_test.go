package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lspFrames frames JSON-RPC messages as an editor sends them.
func lspFrames(msgs ...any) *bytes.Reader {
	var b bytes.Buffer
	for _, m := range msgs {
		body, _ := json.Marshal(m)
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(body), body)
	}
	return bytes.NewReader(b.Bytes())
}

func TestLSPCommand(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"app.py": vulnerableApp})
	e, out, errb := testEnv(dir)
	e.stdin = lspFrames(
		map[string]any{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": map[string]any{
			"rootUri": "file://" + filepath.ToSlash(dir), "capabilities": map[string]any{}}},
		map[string]any{"jsonrpc": "2.0", "method": "initialized", "params": map[string]any{}},
		map[string]any{"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
		map[string]any{"jsonrpc": "2.0", "method": "exit"},
	)
	logFile := filepath.Join(dir, "lsp.log")
	if code := run(context.Background(), []string{"lsp", "--confidence", "low", "--log", logFile}, e); code != 0 {
		t.Fatalf("exit code %d; stderr:\n%s", code, errb)
	}
	if !strings.Contains(out.String(), `"name":"flasksec"`) || !strings.Contains(out.String(), `"id":2,"result":null`) {
		t.Errorf("stdout:\n%s", out)
	}
	log, err := os.ReadFile(logFile)
	if err != nil || !strings.Contains(string(log), "language server starting") {
		t.Errorf("log file: %v\n%s", err, log)
	}
	if errb.Len() != 0 {
		t.Errorf("stderr with --log: %s", errb)
	}
}

func TestLSPCommandUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		out  string // in stdout or stderr
	}{
		{[]string{"--help"}, 0, "lsp "},
		{[]string{"lsp", "--help"}, 0, "Language Server Protocol"},
		{[]string{"lsp", "--confidence", "sure"}, 2, "--confidence"},
		{[]string{"lsp", "some/dir"}, 2, "takes no arguments"},
		{[]string{"lsp", "--log", "/nonexistent-dir/x/lsp.log"}, 2, "--log"},
		{[]string{"lsp"}, 1, ""}, // no input: the stream ends without exit
	} {
		e, out, errb := testEnv(t.TempDir())
		if code := run(context.Background(), tt.args, e); code != tt.code {
			t.Errorf("%v: exit code %d, want %d; stderr %s", tt.args, code, tt.code, errb)
		}
		if !strings.Contains(out.String()+errb.String(), tt.out) {
			t.Errorf("%v: output lacks %q:\n%s%s", tt.args, tt.out, out, errb)
		}
	}
}
