package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/rules/all"
)

func TestNewCommand(t *testing.T) {
	dir := t.TempDir()
	e, _, errb := testEnv(dir)
	if code := run(context.Background(), []string{"new", "--auth", "token", "--uploads", "svc"}, e); code != exitOK {
		t.Fatalf("new: exit %d, stderr %q", code, errb)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "svc", "README.md")); err != nil || !strings.HasPrefix(string(b), "# svc\n") {
		t.Fatalf("README.md: %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "svc", "app", "uploads.py")); err != nil {
		t.Errorf("--uploads: %v", err)
	}
	// The generated project scans clean through the CLI at low confidence.
	e, out, errb := testEnv(dir)
	e.rules = all.Rules
	if code := run(context.Background(), []string{"scan", "--confidence", "low", "svc"}, e); code != exitOK {
		t.Errorf("scan of the new project: exit %d\n%s%s", code, out, errb)
	}

	tests := []struct {
		args []string
		want string
	}{
		{[]string{"new", "svc"}, "not empty"},
		{[]string{"new", "--auth", "basic", "other"}, "--auth"},
		{[]string{"new", "--db", "mysql", "other"}, "--db"},
	}
	for _, tt := range tests {
		e, _, errb := testEnv(dir)
		if code := run(context.Background(), tt.args, e); code != exitError || !strings.Contains(errb.String(), tt.want) {
			t.Errorf("%v: exit %d, stderr %q, want exit 2 mentioning %q", tt.args, code, errb, tt.want)
		}
	}
}

func TestSnippetCommand(t *testing.T) {
	e, out, _ := testEnv(t.TempDir())
	if code := run(context.Background(), []string{"snippet"}, e); code != exitOK {
		t.Fatalf("snippet: exit %d", code)
	}
	for _, topic := range []string{"safe-redirect", "upload-route", "csrf", "subprocess-no-shell"} {
		if !strings.Contains(out.String(), topic) {
			t.Errorf("topic list lacks %s:\n%s", topic, out)
		}
	}
	e, out, _ = testEnv(t.TempDir())
	if code := run(context.Background(), []string{"snippet", "safe-redirect"}, e); code != exitOK || !strings.Contains(out.String(), "def safe_redirect(") {
		t.Errorf("snippet safe-redirect: exit %d, output %q", code, out)
	}
	e, _, errb := testEnv(t.TempDir())
	if code := run(context.Background(), []string{"snippet", "nope"}, e); code != exitError || !strings.Contains(errb.String(), "unknown snippet topic") {
		t.Errorf("snippet nope: exit %d, stderr %q", code, errb)
	}
}
