package mcpserver_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// planted is a secret that must never appear in an answer.
const planted = "Zq8vPlantedSecret93kLm0x"

// buildCLI builds flasksec into a temporary folder.
func buildCLI(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "flasksec")
	cmd := exec.Command("go", "build", "-o", bin, "../cmd/flasksec")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// project writes a small Flask project and returns its root.
func project(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	write(t, filepath.Join(root, "app.py"), "from flask import Flask, request\napp = Flask(__name__)\n\n@app.route(\"/\")\ndef index():\n    return \"<p>\" + request.args[\"q\"] + \"</p>\"\n")
	write(t, filepath.Join(root, "loader.py"), "import yaml\nfrom flask import request\nfrom app import app\n\n@app.post(\"/load\")\ndef load():\n    return str(yaml.load(request.data))\n")
	return root
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func text(t *testing.T, res *mcp.CallToolResult) string {
	t.Helper()
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(*mcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

// TestSubprocess drives `flasksec mcp` as a client does: initialize,
// tools/list, each tool, resources/read, prompts/get and close.
func TestSubprocess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI")
	}
	bin := buildCLI(t)
	root := project(t)
	outside := t.TempDir()
	write(t, filepath.Join(outside, "evil.py"), "x = 1\n")
	if err := os.Symlink(outside, filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	client := mcp.NewClient(&mcp.Implementation{Name: "test", Version: "1"}, nil)
	cs, err := client.Connect(ctx, &mcp.CommandTransport{Command: exec.Command(bin, "mcp", "--root", root)}, nil)
	if err != nil {
		t.Fatalf("initialize: %v", err)
	}
	tl, err := cs.ListTools(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tool := range tl.Tools {
		names = append(names, tool.Name)
	}
	if got := strings.Join(names, ","); got != "check_code,explain,fix,new_project,scan,snippet" {
		t.Errorf("tools = %s", got)
	}

	call := func(name string, args map[string]any) (string, bool) {
		t.Helper()
		res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: name, Arguments: args})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return text(t, res), res.IsError
	}
	tests := []struct {
		name, tool string
		args       map[string]any
		isErr      bool
		want       []string
		notWant    []string
	}{
		{"scan finds xss", "scan", map[string]any{}, false, []string{`"rule_id": "FLASK-XSS-001"`, `"summary"`}, nil},
		{"scan rules filter", "scan", map[string]any{"rules": []string{"FLASK-CSRF"}}, false, []string{`"findings": []`}, []string{"FLASK-XSS-001"}},
		{"check_code planted secret", "check_code", map[string]any{"filename": "config.py",
			"code": "from app import app\napp.config[\"SECRET_KEY\"] = \"" + planted + "\"\n"}, false,
			[]string{`"rule_id": "FLASK-CONFIG-001"`, `"path": "config.py"`}, []string{planted, `"path": "app.py"`}},
		{"check_code clean", "check_code", map[string]any{"filename": "views.py", "code": "import os\nx = os.environ.get('A')\n"}, false, []string{`"findings": []`}, nil},
		{"explain", "explain", map[string]any{"rule_id": "FLASK-XSS-001"}, false, []string{"FLASK-XSS-001"}, nil},
		{"explain unknown", "explain", map[string]any{"rule_id": "NOPE-1"}, true, []string{"unknown rule"}, nil},
		{"dotdot refused", "scan", map[string]any{"path": "../x"}, true, []string{"refused"}, nil},
		{"absolute outside refused", "scan", map[string]any{"path": outside}, true, []string{"outside the project root"}, nil},
		{"snippet topics", "snippet", map[string]any{}, false, []string{"upload-route", "safe-redirect"}, nil},
		{"snippet", "snippet", map[string]any{"topic": "safe-redirect"}, false, []string{"def "}, nil},
		{"snippet unknown", "snippet", map[string]any{"topic": "nope"}, true, []string{"unknown snippet topic"}, nil},
		{"fix proposes a diff", "fix", map[string]any{}, false, []string{"+++ b/loader.py", "yaml.safe_load(request.data)", "no certain fix: FLASK-XSS-001"}, nil},
		{"fix path refused", "fix", map[string]any{"path": "../x"}, true, []string{"refused"}, nil},
		{"new_project lists", "new_project", map[string]any{"auth": "token"}, false, []string{"=== wsgi.py ===", "SECRET_KEY"}, []string{"Wrote"}},
		{"new_project writes", "new_project", map[string]any{"dir": "gen"}, false, []string{"Wrote 22 files into gen"}, nil},
		{"new_project not empty", "new_project", map[string]any{"dir": "gen"}, true, []string{"not empty"}, nil},
		{"new_project outside refused", "new_project", map[string]any{"dir": "../gen"}, true, []string{"refused"}, nil},
		{"diff_base option refused", "scan", map[string]any{"diff_base": "--output=/tmp/x"}, true, []string{"cannot start with"}, nil},
		{"symlink out refused", "check_code", map[string]any{"filename": "link/evil.py", "code": "x = 2\n"}, true, []string{"symbolic link"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, isErr := call(tc.tool, tc.args)
			if isErr != tc.isErr {
				t.Errorf("isError = %v, want %v: %s", isErr, tc.isErr, got)
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("answer lacks %q:\n%.2000s", w, got)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(got, w) {
					t.Errorf("answer has %q:\n%.2000s", w, got)
				}
			}
		})
	}
	if b, err := os.ReadFile(filepath.Join(root, "loader.py")); err != nil || !strings.Contains(string(b), "yaml.load(request.data)") {
		t.Errorf("the fix tool wrote to disk: %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(root, "gen", "wsgi.py")); err != nil {
		t.Errorf("new_project with dir wrote no wsgi.py: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "config.py")); !os.IsNotExist(err) {
		t.Errorf("check_code touched the disk: %v", err)
	}

	for uri, want := range map[string]string{
		"flasksec://rules/FLASK-XSS-001": "FLASK-XSS-001",
		"flasksec://rules":               "flasksec://rules/FLASK-XSS-001",
		"flasksec://spec-baseline":       "FLASK-CONFIG-001",
	} {
		rr, err := cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: uri})
		if err != nil {
			t.Fatalf("read %s: %v", uri, err)
		}
		if len(rr.Contents) != 1 || !strings.Contains(rr.Contents[0].Text, want) {
			t.Errorf("read %s lacks %q", uri, want)
		}
	}
	if _, err := cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: "flasksec://rules/NOPE-1"}); err == nil {
		t.Error("unknown rule resource: no error")
	}
	pr, err := cs.GetPrompt(ctx, &mcp.GetPromptParams{Name: "secure_flask_code"})
	if err != nil {
		t.Fatal(err)
	}
	if len(pr.Messages) != 1 || !strings.Contains(pr.Messages[0].Content.(*mcp.TextContent).Text, "check_code") {
		t.Errorf("prompt = %+v", pr.Messages)
	}
	if err := cs.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
}

// TestMalformed sends lines that are not JSON-RPC: each gets a JSON-RPC
// error and the server keeps answering.
func TestMalformed(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI")
	}
	bin := buildCLI(t)
	cmd := exec.Command(bin, "mcp", "--root", project(t))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	msgs := []string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`,
		`{"jsonrpc":"2.0","method":"notifications/initialized"}`,
		`this is not json`,
		`[{"jsonrpc":"2.0","id":7,"method":"ping"}]`,
		`42`,
		`{"id":8,"method":"ping"}`,
		`{"jsonrpc":"2.0","id":2,"method":"no/such/method"}`,
		`{"jsonrpc":"2.0","id":3,"method":"tools/list"}`,
	}
	for _, m := range msgs {
		io.WriteString(stdin, m+"\n")
	}
	time.Sleep(2 * time.Second)
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("server ended with %v; output:\n%s", err, out.String())
	}
	got := out.String()
	for _, want := range []string{`"code":-32700`, `"code":-32600`, `"id":8,"error"`, `"id":2,"error"`, `"id":3,"result"`} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %s:\n%s", want, got)
		}
	}
}

// TestScanDiffBase checks that diff_base limits the scan to lines changed
// since the revision, as `scan --diff` does.
func TestScanDiffBase(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("skipping: git not found")
	}
	bin := buildCLI(t)
	root := project(t)
	gitRun := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	gitRun("init", "-q")
	gitRun("add", ".")
	gitRun("commit", "-q", "-m", "base")
	write(t, filepath.Join(root, "more.py"), "from flask import request\nfrom app import app\n\n@app.get(\"/more\")\ndef more():\n    return \"<b>\" + request.args[\"m\"] + \"</b>\"\n")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	client := mcp.NewClient(&mcp.Implementation{Name: "test", Version: "1"}, nil)
	cs, err := client.Connect(ctx, &mcp.CommandTransport{Command: exec.Command(bin, "mcp", "--root", root)}, nil)
	if err != nil {
		t.Fatalf("initialize: %v", err)
	}
	defer cs.Close()
	res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "scan", Arguments: map[string]any{"diff_base": "HEAD"}})
	if err != nil {
		t.Fatal(err)
	}
	got := text(t, res)
	if res.IsError || !strings.Contains(got, `"path": "more.py"`) || strings.Contains(got, `"path": "app.py"`) {
		t.Errorf("scan with diff_base HEAD: want the finding of the new more.py only, got:\n%.3000s", got)
	}
}
