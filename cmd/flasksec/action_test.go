package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// buildBinary builds the flasksec command into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "flasksec")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestActionScript runs the scan step of the GitHub Action
// (scripts/action-scan.sh) as the runner does, with inputs in the
// environment, and checks the annotations, the SARIF file, the outputs
// and the exit codes.
func TestActionScript(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	bin := buildBinary(t)
	script, err := filepath.Abs("../../scripts/action-scan.sh")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"app/main.py": "import subprocess\nfrom flask import Flask, request\napp = Flask(__name__)\n\n\n@app.get(\"/ping\")\n" +
			"def ping():\n    return subprocess.check_output(\"ping -c1 \" + request.args[\"h\"], shell=True)\n",
		"clean/ok.py":    "x = 1\n",
		"weird dir/a.py": "x = 2\n",
	})
	tests := []struct {
		name    string
		env     map[string]string
		code    int
		stdout  string
		outputs string
	}{
		{"annotations", map[string]string{"INPUT_PATH": "app"}, 0, "::error file=app/main.py,line=8,col=12,", "exit-code=1\n"},
		{"sarif", map[string]string{"INPUT_PATH": "app", "INPUT_FORMAT": "sarif", "INPUT_SARIF_FILE": "out.sarif"}, 0, "", "exit-code=1\nsarif-file=out.sarif\n"},
		{"clean", map[string]string{"INPUT_PATH": "clean"}, 0, "::notice title=flasksec::flasksec: no findings", "exit-code=0\n"},
		{"fail-on none", map[string]string{"INPUT_PATH": "app", "INPUT_FAIL_ON": "none"}, 0, "::error file=app/main.py", "exit-code=0\n"},
		{"extra args", map[string]string{"INPUT_PATH": "app clean", "INPUT_ARGS": "--skip-rule FLASK-DEPLOY --confidence low"}, 0, "", ""},
		{"bad format", map[string]string{"INPUT_FORMAT": "xml"}, 2, "format must be github or sarif", ""},
		{"bad fail-on", map[string]string{"INPUT_FAIL_ON": "severe"}, 2, "fail-on must be", ""},
		{"missing path", map[string]string{"INPUT_PATH": "nope"}, 2, "", "exit-code=2\n"},
		{"shell in input", map[string]string{"INPUT_PATH": "$(touch pwned) app"}, 2, "", "exit-code=2\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outFile := filepath.Join(t.TempDir(), "github_output")
			cmd := exec.Command("bash", script)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "FLASKSEC="+bin, "GITHUB_OUTPUT="+outFile)
			for k, v := range tt.env {
				cmd.Env = append(cmd.Env, k+"="+v)
			}
			out, err := cmd.Output()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, out)
			}
			if !strings.Contains(string(out), tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, out)
			}
			got, _ := os.ReadFile(outFile)
			if tt.outputs != "" && string(got) != tt.outputs {
				t.Errorf("outputs %q, want %q", got, tt.outputs)
			}
		})
	}
	if b, err := os.ReadFile(filepath.Join(dir, "out.sarif")); err != nil || !strings.Contains(string(b), `"uri": "app/main.py"`) {
		t.Errorf("SARIF file: %v\n%.300s", err, b)
	}
	if _, err := os.Stat(filepath.Join(dir, "pwned")); err == nil {
		t.Error("an input ran a shell command")
	}
}

// TestActionInputsDeclared checks that every input action.yml uses is
// declared, that its steps run the script tested above, and that the
// documented one-liner install matches go.mod's module path everywhere.
func TestActionInputsDeclared(t *testing.T) {
	raw, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	action := string(raw)
	_, rest, _ := strings.Cut(action, "\ninputs:\n")
	decl, _, _ := strings.Cut(rest, "\noutputs:\n")
	declared := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^  ([a-z-]+):$`).FindAllStringSubmatch(decl, -1) {
		declared[m[1]] = true
	}
	for _, m := range regexp.MustCompile(`inputs\.([a-z-]+)`).FindAllStringSubmatch(action, -1) {
		if !declared[m[1]] {
			t.Errorf("action.yml uses undeclared input %q", m[1])
		}
	}
	if !strings.Contains(action, `"$GITHUB_ACTION_PATH/scripts/action-scan.sh"`) {
		t.Error("action.yml does not run scripts/action-scan.sh")
	}

	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^module (\S+)$`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("no module line in go.mod")
	}
	oneLiner := "go install " + string(m[1]) + "/cmd/flasksec@latest"
	for _, f := range []string{"../../README.md", "../../.github/workflows/flasksec.yml.example"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), oneLiner) {
			t.Errorf("%s lacks the install one-liner %q", f, oneLiner)
		}
		for _, other := range regexp.MustCompile(`go install (\S+)/cmd/flasksec@`).FindAllStringSubmatch(string(b), -1) {
			if other[1] != string(m[1]) {
				t.Errorf("%s installs from %s, but go.mod says %s", f, other[1], m[1])
			}
		}
	}
	if !strings.Contains(action, "github.com/flasksec/flasksec/cmd/flasksec@") || string(m[1]) != "github.com/flasksec/flasksec" {
		t.Errorf("action.yml's go install path and go.mod's module path %s differ", m[1])
	}
}
