package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/rules"
)

// debugRunRule is a test-only rule (never registered): it reports
// app.run(debug=True) calls, with a trace when the call is in a function.
var debugRunRule = &rules.Rule{
	ID: "FLASKSEC-TEST-001", Title: "debug server", Severity: rules.Critical, CWE: 489, Spec: "extension",
	Category: rules.CatDeploy,
	Doc: rules.Doc{What: "Finds app.run(debug=True).", Why: "The debugger runs code.", Insecure: "app.run(debug=True)",
		Secure: "app.run()", Impact: "Remote code execution.", Fix: "Remove debug=True.", Mitigation: "Bind to localhost.",
		FalsePositives: "Local scripts."},
	Run: func(p *rules.Pass) error {
		for _, f := range p.Project.FilesOf(project.Python) {
			if f.AST == nil {
				continue
			}
			ast.Inspect(f.AST, func(n ast.Node) bool {
				call, ok := n.(*ast.Call)
				if !ok {
					return true
				}
				if at, ok := call.Func.(*ast.Attribute); !ok || at.Attr != "run" {
					return true
				}
				for _, kw := range call.Keywords {
					if c, ok := kw.Value.(*ast.Constant); ok && kw.Arg == "debug" && c.Value == ast.BoolValue(true) {
						loc := rules.NodeLocation(f, call)
						p.Report(rules.Finding{Location: loc, Message: "the debugger is on",
							Trace: []rules.TraceStep{{Path: f.Path, Line: loc.StartLine, Col: loc.StartCol, Note: "debug=True passed here"}}})
					}
				}
				return true
			})
		}
		return nil
	},
}

// testEnv returns an env writing to buffers, with the test rule as the
// registry and dir as the working folder.
func testEnv(dir string) (*env, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" },
		isTerminal: func(any) bool { return false }, now: time.Now, wd: dir, progressDelay: time.Second,
		rules: func() []*rules.Rule { return []*rules.Rule{debugRunRule} }}
	return e, &out, &errb
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
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

const vulnerableApp = "from flask import Flask\n\napp = Flask(__name__)\n\n\ndef main():\n    app.run(debug=True)\n"

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"bad/app.py":            vulnerableApp,
		"clean/app.py":          "from flask import Flask\napp = Flask(__name__)\n",
		"broken/app.py":         "def f(:\n",
		"badcfg/app.py":         "x = 1\n",
		"badcfg/pyproject.toml": "[tool.flasksec]\nseverity = 3\n",
		"suppressed/app.py":     "app.run(debug=True)  # flasksec: ignore\n",
	})
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // substring expected on stdout
		stderr string // substring expected on stderr ("" means stderr must be empty)
	}{
		{"findings", []string{"scan", "bad"}, 1, "FLASKSEC-TEST-001", ""},
		{"default command", []string{"bad"}, 1, "FLASKSEC-TEST-001", ""},
		{"flags after path", []string{"scan", "bad", "--format", "json"}, 1, `"rule_id": "FLASKSEC-TEST-001"`, ""},
		{"clean", []string{"scan", "clean"}, 0, "no findings", ""},
		{"fail-on above", []string{"scan", "--fail-on", "critical", "bad"}, 1, "", ""},
		{"severity filter", []string{"scan", "--severity", "critical", "--skip-rule", "FLASKSEC-TEST-001", "bad"}, 0, "no findings", ""},
		{"parse error is not fatal", []string{"scan", "broken"}, 0, "Scan errors (1)", ""},
		{"parse error with strict", []string{"scan", "--strict", "broken"}, 1, "app.py:1:", ""},
		{"suppression too broad with strict", []string{"scan", "--strict", "suppressed"}, 1, "suppression too broad", ""},
		{"suppression without strict", []string{"scan", "suppressed"}, 0, "1 suppressed inline", ""},
		{"missing dir", []string{"scan", "nope"}, 2, "", "flasksec: " + filepath.Join(dir, "nope") + ": no such file or directory"},
		{"broken config", []string{"scan", "badcfg"}, 2, "", "tool.flasksec.severity: want a table"},
		{"bad flag", []string{"scan", "--bogus"}, 2, "", "flag provided but not defined: -bogus"},
		{"bad format", []string{"scan", "-f", "xml", "bad"}, 2, "", `--format: unknown format "xml"`},
		{"concise", []string{"scan", "-f", "concise", "bad"}, 1, "bad/app.py:7:5: FLASKSEC-TEST-001 [Critical] the debugger is on\n", ""},
		{"github", []string{"scan", "--format", "github", "bad"}, 1, "::error file=bad/app.py,line=7,col=5,", ""},
		{"group by severity", []string{"scan", "--group-by", "severity", "bad"}, 1, "Critical (1)\n", ""},
		{"statistics", []string{"scan", "--statistics", "bad"}, 1, "   1  FLASKSEC-TEST-001  Critical  debug server\n", ""},
		{"bad group-by", []string{"scan", "--group-by", "colour", "bad"}, 2, "", `--group-by: unknown grouping "colour"`},
		{"statistics json", []string{"scan", "--statistics", "-f", "json", "bad"}, 2, "", "--statistics: works with --format text or concise"},
		{"bad severity", []string{"scan", "--severity", "severe", "bad"}, 2, "", "--severity: unknown severity"},
		{"unknown rule", []string{"scan", "--rule", "FLASK-NOPE-001", "bad"}, 2, "", `--rule: unknown rule "FLASK-NOPE-001"`},
		{"unwritable output", []string{"scan", "-o", "no/such/dir/out.json", "bad"}, 2, "", "does not exist"},
		{"output is a folder", []string{"scan", "-o", "bad", "bad"}, 2, "", "is a directory"},
		{"diff outside git", []string{"scan", "--diff", "HEAD", "bad"}, 2, "", "is not inside a git repository"},
		{"help", []string{"scan", "--help"}, 0, "Examples:", ""},
		{"main help", []string{"--help"}, 0, "Commands:", ""},
		{"no args", []string{}, 2, "", "Usage:"},
		{"unknown command", []string{"scna"}, 2, "", `unknown command "scna"`},
		{"rules", []string{"rules"}, 0, "FLASKSEC-TEST-001  Critical  CWE-489  debug server", ""},
		{"rules json", []string{"rules", "--format", "json"}, 0, `"id": "FLASKSEC-TEST-001"`, ""},
		{"rules json shorthand", []string{"rules", "-f", "json"}, 0, `"id": "FLASKSEC-TEST-001"`, ""},
		{"help shows double-dash flags", []string{"scan", "--help"}, 0, "  -f, --format format\n", ""},
		{"help shows double-dash output", []string{"baseline", "--help"}, 0, "  -o, --output file\n", ""},
		{"explain", []string{"explain", "flasksec-test-001"}, 0, "Insecure example", ""},
		{"explain unknown", []string{"explain", "FLASK-NOPE-001"}, 2, "", `unknown rule "FLASK-NOPE-001"`},
		{"explain typo", []string{"explain", "FLASKSEC-TEST-01"}, 2, "", `unknown rule "FLASKSEC-TEST-01" (did you mean "FLASKSEC-TEST-001"?)`},
		{"rule typo", []string{"scan", "--rule", "FLASKSEC-TSET-001", "bad"}, 2, "", `(did you mean "FLASKSEC-TEST-001"?)`},
		{"explain help", []string{"help", "explain"}, 0, "Examples:", ""},
		{"version", []string{"version"}, 0, "flasksec " + version, ""},
		{"parse dump", []string{"parse", "--dump", "clean/app.py"}, 0, "Module(body=[ImportFrom(module='flask'", ""},
		{"parse error", []string{"parse", "--dump", "broken/app.py"}, 1, "", "broken/app.py:1:"},
		{"parse missing", []string{"parse", "--dump", "nope.py"}, 2, "", "cannot read nope.py: no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, out, errb := testEnv(dir)
			code := run(context.Background(), tt.args, e)
			if code != tt.code {
				t.Errorf("exit code %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errb)
			}
			if strings.Contains(out.String(), "\n  -format") || strings.Contains(out.String(), "\n  -rule") {
				t.Errorf("help prints single-dash flags:\n%s", out)
			}
			if !strings.Contains(out.String(), tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, out)
			}
			if tt.stderr == "" && errb.Len() > 0 && tt.code != 2 {
				t.Errorf("unexpected stderr: %s", errb)
			}
			if !strings.Contains(errb.String(), tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, errb)
			}
			if tt.code == 2 && tt.stderr != "" && !strings.HasPrefix(tt.stderr, "Usage") && strings.Count(strings.TrimSpace(errb.String()), "\n") > 0 && !strings.Contains(tt.name, "flag") {
				t.Errorf("a fatal error must be one line:\n%s", errb)
			}
		})
	}
}

func TestOutputFileAndBaseline(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"app/app.py": vulnerableApp})
	e, out, errb := testEnv(dir)
	if code := run(context.Background(), []string{"scan", "-f", "sarif", "-o", "out.sarif", "--write-baseline", "bl.json", "app"}, e); code != 1 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	if out.Len() != 0 {
		t.Errorf("report went to stdout as well: %s", out)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "out.sarif"))
	if err != nil || !json.Valid(raw) || !bytes.Contains(raw, []byte(`"version": "2.1.0"`)) {
		t.Fatalf("sarif file: %v\n%s", err, raw)
	}
	e, _, errb = testEnv(dir)
	if code := run(context.Background(), []string{"scan", "--baseline", "bl.json", "app"}, e); code != 0 {
		t.Errorf("with the baseline: exit %d, %s", code, errb)
	}
	// The baseline command writes the same fingerprints.
	e, _, errb = testEnv(dir)
	if code := run(context.Background(), []string{"baseline", "-o", "bl2.json", "app"}, e); code != 0 || !strings.Contains(errb.String(), "recorded 1 finding") {
		t.Fatalf("baseline: exit %d, %s", code, errb)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "bl.json"))
	b, _ := os.ReadFile(filepath.Join(dir, "bl2.json"))
	if !bytes.Equal(a, b) {
		t.Errorf("baselines differ:\n%s\n%s", a, b)
	}
	entries, _ := os.ReadDir(dir)
	for _, en := range entries {
		if strings.Contains(en.Name(), ".tmp") || strings.HasPrefix(en.Name(), ".flasksec-write-test") {
			t.Errorf("temporary file left behind: %s", en.Name())
		}
	}
}

func TestMultiplePaths(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"one/app.py": vulnerableApp, "two/app.py": vulnerableApp})
	e, out, _ := testEnv(dir)
	if code := run(context.Background(), []string{"scan", "-f", "json", "one", "two"}, e); code != 1 {
		t.Fatalf("exit %d", code)
	}
	var rep struct {
		Findings []rules.Finding `json:"findings"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 2 || rep.Findings[0].Location.Path != "one/app.py" || rep.Findings[1].Location.Path != "two/app.py" {
		t.Errorf("merged findings: %+v", rep.Findings)
	}
}

// TestTextWidthFromColumns checks that the text report wraps at the width
// COLUMNS gives, or at the terminal's.
func TestTextWidthFromColumns(t *testing.T) {
	e, _, _ := testEnv("")
	e.getenv = func(k string) string {
		if k == "COLUMNS" {
			return "72"
		}
		return ""
	}
	if w := textWidth(e, ""); w != 72 {
		t.Errorf("COLUMNS=72: width %d", w)
	}
	e, _, _ = testEnv("")
	e.isTerminal = func(any) bool { return true }
	e.columns = func(any) int { return 180 }
	if w := textWidth(e, ""); w != 180 {
		t.Errorf("terminal of 180 columns: width %d", w)
	}
	if w := textWidth(e, "out.txt"); w != 0 {
		t.Errorf("report to a file: width %d, want the default", w)
	}
}

func TestColor(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"app.py": vulnerableApp})
	for _, tt := range []struct {
		name     string
		tty      bool
		noColor  string
		flags    []string
		wantANSI bool
	}{
		{"terminal", true, "", nil, true},
		{"pipe", false, "", nil, false},
		{"NO_COLOR", true, "1", nil, false},
		{"--no-color", true, "", []string{"--no-color"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e, out, _ := testEnv(dir)
			e.isTerminal = func(w any) bool { return tt.tty && w == e.stdout }
			e.getenv = func(k string) string {
				if k == "NO_COLOR" {
					return tt.noColor
				}
				return ""
			}
			run(context.Background(), append(append([]string{"scan"}, tt.flags...), "."), e)
			if got := strings.Contains(out.String(), "\x1b["); got != tt.wantANSI {
				t.Errorf("ANSI codes: %v, want %v", got, tt.wantANSI)
			}
		})
	}
}

// TestProgress checks the progress line: shown on a terminal once the
// delay has passed, cleared at the end, and never shown otherwise.
func TestProgress(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"app.py": vulnerableApp})
	slow := *debugRunRule
	slow.Run = func(p *rules.Pass) error {
		time.Sleep(300 * time.Millisecond)
		return debugRunRule.Run(p)
	}
	for _, tt := range []struct {
		name string
		tty  bool
		want bool
	}{{"terminal", true, true}, {"pipe", false, false}} {
		t.Run(tt.name, func(t *testing.T) {
			e, _, errb := testEnv(dir)
			e.rules = func() []*rules.Rule { return []*rules.Rule{&slow} }
			e.progressDelay = 10 * time.Millisecond
			e.isTerminal = func(w any) bool { return tt.tty && w == e.stderr }
			run(context.Background(), []string{"scan", "."}, e)
			got := errb.String()
			if shown := strings.Contains(got, "flasksec: running 1 rules over 1 files"); shown != tt.want {
				t.Errorf("progress shown = %v, want %v: %q", shown, tt.want, got)
			}
			if tt.want && !strings.HasSuffix(got, "\r\x1b[K") {
				t.Errorf("progress line not cleared: %q", got)
			}
		})
	}
}

// TestSARIFPathsFromWorkingFolder checks that SARIF paths are relative to
// the working folder (the checkout root code scanning resolves them
// against), whatever folder was scanned.
func TestSARIFPathsFromWorkingFolder(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"src/app/main.py": vulnerableApp})
	for _, arg := range []string{"src", "src/app/main.py"} {
		e, out, errb := testEnv(dir)
		if code := run(context.Background(), []string{"scan", "-f", "sarif", arg}, e); code != 1 {
			t.Fatalf("%s: exit %d: %s", arg, code, errb)
		}
		if !strings.Contains(out.String(), `"uri": "src/app/main.py"`) {
			t.Errorf("%s: SARIF uri not relative to the working folder:\n%s", arg, out)
		}
	}
	// The process's working folder, as the command runs it (the env's
	// working folder unset): a relative path given must still be resolved.
	t.Chdir(dir)
	for _, arg := range []string{"src", "./src/app", "src/app/main.py"} {
		e, out, errb := testEnv("")
		if code := run(context.Background(), []string{"scan", "-f", "sarif", arg}, e); code != 1 {
			t.Fatalf("%s: exit %d: %s", arg, code, errb)
		}
		if !strings.Contains(out.String(), `"uri": "src/app/main.py"`) {
			t.Errorf("%s from the process's working folder: SARIF uri not relative to it:\n%s", arg, out)
		}
	}
	// JSON keeps paths relative to the scanned folder.
	e, out, _ := testEnv(dir)
	run(context.Background(), []string{"scan", "-f", "json", "src"}, e)
	if !strings.Contains(out.String(), `"path": "app/main.py"`) {
		t.Errorf("json paths changed:\n%s", out)
	}
}
