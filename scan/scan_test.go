package scan

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/config"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/python/token"
	"github.com/flasksec/flasksec/rules"
)

// fakeParse stands in for python/parser in these tests: it records the
// file's "#" comments, which is all the driver reads of a tree.
func fakeParse(filename string, src []byte) (*ast.Module, error) {
	m := &ast.Module{}
	for i, line := range strings.Split(string(src), "\n") {
		if c := commentStart(line); c >= 0 {
			m.Comments = append(m.Comments, &ast.Comment{Slash: token.Pos{Line: int32(i + 1), Col: int32(c)}, Text: line[c:]})
		}
	}
	return m, nil
}

// dangerRule is a test-only rule: it reports every line of a Python or
// deploy file that contains "DANGER" (High confidence) or "danger" (Low
// confidence).
var dangerRule = &rules.Rule{
	ID: "FLASKSEC-TEST-001", Title: "danger", Severity: rules.High, CWE: 1, Spec: "extension",
	Category: rules.CatInjection,
	Doc:      rules.Doc{What: "w", Why: "y", Insecure: "i", Secure: "s", Impact: "imp", Fix: "fix", Mitigation: "m", FalsePositives: "fp"},
	Run: func(p *rules.Pass) error {
		for _, f := range p.Project.Files {
			for n := 1; n <= f.NumLines(); n++ {
				line := f.Line(n)
				code, _, _ := strings.Cut(line, "#")
				switch {
				case strings.Contains(code, "DANGER"):
					p.Report(rules.Finding{Location: rules.Location{Path: f.Path, StartLine: n}})
				case strings.Contains(code, "danger"):
					p.Report(rules.Finding{Location: rules.Location{Path: f.Path, StartLine: n}, Confidence: rules.LowConfidence})
				}
			}
		}
		return nil
	},
}

// otherRule reports lines containing "OTHER", with Low severity.
var otherRule = &rules.Rule{
	ID: "FLASKSEC-TEST-002", Title: "other", Severity: rules.Low, CWE: 2, Spec: "extension",
	Category: rules.CatConfig,
	Doc:      rules.Doc{What: "w", Why: "y", Insecure: "i", Secure: "s", Impact: "imp", Fix: "fix", Mitigation: "m", FalsePositives: "fp"},
	Run: func(p *rules.Pass) error {
		for _, f := range p.Project.Files {
			for n := 1; n <= f.NumLines(); n++ {
				if strings.Contains(f.Line(n), "OTHER") {
					p.Report(rules.Finding{Location: rules.Location{Path: f.Path, StartLine: n}})
				}
			}
		}
		return nil
	},
}

var testRules = []*rules.Rule{dangerRule, otherRule}

func write(t *testing.T, dir string, files map[string]string) {
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

func run(t *testing.T, opts Options) *Result {
	t.Helper()
	if opts.ParsePython == nil {
		opts.ParsePython = fakeParse
	}
	if opts.Rules == nil {
		opts.Rules = testRules
	}
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// brief lists findings as "path:line RULE".
func brief(fs []rules.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s:%d %s\n", f.Location.Path, f.Location.StartLine, f.RuleID)
	}
	return b.String()
}

func TestSuppressionParse(t *testing.T) {
	tests := []struct {
		text   string
		nosec  bool
		ok     bool
		ids    string
		reason string
		isNo   bool
	}{
		{"flasksec: ignore[FLASK-XSS-001] trusted HTML", false, true, "FLASK-XSS-001", "trusted HTML", false},
		{" flasksec:ignore[flask-xss-001, FLASK-SSTI-001]: reviewed", false, true, "FLASK-XSS-001 FLASK-SSTI-001", "reviewed", false},
		{"flasksec: ignore", false, true, "", "", false},
		{"flasksec: ignore because", false, true, "", "because", false},
		{"flasksec: ignored", false, false, "", "", false},
		{"nosec", false, false, "", "", false},
		{"nosec B602", true, true, "B602", "", true},
		{"nosec: B602, b607 reviewed in #12", true, true, "B602 B607", "reviewed in #12", true},
		{"nosec FLASK-INJECT-002", true, true, "FLASK-INJECT-002", "", true},
		{"nosec because constant", true, true, "", "because constant", true},
		{"noqa: E501", true, false, "", "", false},
	}
	for _, tt := range tests {
		s, ok := ParseSuppression(tt.text, tt.nosec)
		if ok != tt.ok || strings.Join(s.IDs, " ") != tt.ids || s.Reason != tt.reason || s.Nosec != tt.isNo {
			t.Errorf("ParseSuppression(%q) = %+v, %v", tt.text, s, ok)
		}
	}
}

func TestSuppressions(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"app.py": strings.Join([]string{
			"a = DANGER  # flasksec: ignore[FLASKSEC-TEST-001] constant input", // 1 suppressed
			"# flasksec: ignore[FLASKSEC-TEST-001] reviewed",                   // 2 covers line 3
			"b = DANGER", // 3 suppressed
			"c = DANGER  # flasksec: ignore[FLASKSEC-TEST-002] wrong rule", // 4 kept; unused
			"d = DANGER  # flasksec: ignore",                               // 5 suppressed, too broad, no reason
			"e = 1  # flasksec: ignore[FLASKSEC-TEST-001] trailing",        // 6 does not cover line 7; unused
			"f = DANGER",          // 7 kept
			"g = DANGER  # nosec", // 8 kept: nosec off
			"h = 2  # flasksec: ignore[FLASK-NOPE-001] typo",                                 // 9 unknown rule
			"i = DANGER OTHER  # flasksec: ignore[FLASKSEC-TEST-001,FLASKSEC-TEST-002] both", // 10
			"",
		}, "\n"),
		"templates/page.html": "{# flasksec: ignore[FLASKSEC-TEST-001] trusted #}\n{{ DANGER }}\n{{ DANGER }}\n",
		"Dockerfile":          "FROM python\n# flasksec: ignore[FLASKSEC-TEST-001] build stage only\nRUN DANGER\n",
	})
	res := run(t, Options{Root: dir, Strict: true})
	got := brief(res.Findings)
	wantFindings := "app.py:4 FLASKSEC-TEST-001\napp.py:7 FLASKSEC-TEST-001\napp.py:8 FLASKSEC-TEST-001\ntemplates/page.html:3 FLASKSEC-TEST-001\n"
	if got != wantFindings {
		t.Errorf("findings:\n%s\nwant:\n%s", got, wantFindings)
	}
	// Lines 1, 3, 5 and both findings of 10 in app.py, the template's line
	// 2 and the Dockerfile's line 3.
	if res.Hidden.Suppressed != 7 {
		t.Errorf("suppressed %d, want 7", res.Hidden.Suppressed)
	}
	var probs []string
	for _, p := range res.Errors {
		probs = append(probs, fmt.Sprintf("%s:%d %s", p.Path, p.Line, p.Message))
	}
	wantProbs := []string{
		"app.py:4 unused suppression: it silences no finding",
		"app.py:5 suppression too broad: name the rules it silences, as in # flasksec: ignore[RULE-ID] reason",
		"app.py:5 suppression without a reason: say why the finding is safe after the bracket",
		"app.py:6 unused suppression: it silences no finding",
		"app.py:9 suppression names unknown rule FLASK-NOPE-001",
	}
	if strings.Join(probs, "\n") != strings.Join(wantProbs, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(wantProbs, "\n"))
	}
	// Without --strict, no problems; with nosec on, line 8 is silenced.
	res = run(t, Options{Root: dir, Config: &config.Config{Nosec: true}})
	if len(res.Errors) != 0 || strings.Contains(brief(res.Findings), "app.py:8 ") {
		t.Errorf("nosec: %v\n%s", res.Errors, brief(res.Findings))
	}
}

func TestFilters(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"a.py":           "x = DANGER\ny = danger\nz = OTHER\n",
		"skip/b.py":      "x = DANGER\n",
		".flasksec.toml": "[severity]\nFLASKSEC-TEST-002 = \"critical\"\n",
	})
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"defaults hide low confidence", Options{}, "a.py:1 FLASKSEC-TEST-001\na.py:3 FLASKSEC-TEST-002\nskip/b.py:1 FLASKSEC-TEST-001\n"},
		{"confidence low", Options{MinConfidence: rules.LowConfidence}, "a.py:1 FLASKSEC-TEST-001\na.py:2 FLASKSEC-TEST-001\na.py:3 FLASKSEC-TEST-002\nskip/b.py:1 FLASKSEC-TEST-001\n"},
		{"severity critical (override applies)", Options{MinSeverity: rules.Critical}, "a.py:3 FLASKSEC-TEST-002\n"},
		{"rule", Options{Only: []string{"FLASKSEC-TEST-002"}}, "a.py:3 FLASKSEC-TEST-002\n"},
		{"rule family", Options{Only: []string{"flasksec-test"}}, "a.py:1 FLASKSEC-TEST-001\na.py:3 FLASKSEC-TEST-002\nskip/b.py:1 FLASKSEC-TEST-001\n"},
		{"skip rule", Options{Skip: []string{"FLASKSEC-TEST-001"}}, "a.py:3 FLASKSEC-TEST-002\n"},
		{"exclude", Options{Exclude: []string{"skip/"}}, "a.py:1 FLASKSEC-TEST-001\na.py:3 FLASKSEC-TEST-002\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Root = dir
			res := run(t, tt.opts)
			if got := brief(res.Findings); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
	res := run(t, Options{Root: dir})
	for _, f := range res.Findings {
		if f.RuleID == "FLASKSEC-TEST-002" && f.Severity != rules.Critical {
			t.Errorf("severity override not applied: %v", f.Severity)
		}
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.py": "x = 1\n"})
	bad := t.TempDir()
	write(t, bad, map[string]string{".flasksec.toml": "enable = [\"FLASK-NOPE-001\"]\n"})
	badSev := t.TempDir()
	write(t, badSev, map[string]string{"pyproject.toml": "[tool.flasksec.severity]\nFLASK-NOPE-001 = \"low\"\n"})
	broken := t.TempDir()
	write(t, broken, map[string]string{"pyproject.toml": "[tool.flasksec\n"})
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"missing root", Options{Root: filepath.Join(dir, "nope")}, "nope: no such file or directory"},
		{"unknown --rule", Options{Root: dir, Only: []string{"FLASK-XSS-999"}}, `--rule: unknown rule "FLASK-XSS-999"`},
		{"unknown config rule", Options{Root: bad}, `.flasksec.toml: enable: unknown rule "FLASK-NOPE-001"`},
		{"unknown severity rule", Options{Root: badSev}, "severity.FLASK-NOPE-001: unknown rule"},
		{"broken config", Options{Root: broken}, "pyproject.toml:2: TOML syntax error"},
		{"missing baseline", Options{Root: dir, Baseline: filepath.Join(dir, "b.json")}, "b.json: no such file"},
		{"bad exclude", Options{Root: dir, Exclude: []string{"a["}}, "--exclude: bad glob"},
		{"no parser", Options{Root: dir, ParsePython: nil}, "no Python parser"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			if tt.name != "no parser" {
				opts.ParsePython = fakeParse
			}
			opts.Rules = testRules
			_, err := Run(context.Background(), opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestFingerprintStability(t *testing.T) {
	dir := t.TempDir()
	src := "def f():\n    x = DANGER\n    x = DANGER\n"
	write(t, dir, map[string]string{"a.py": src})
	before := run(t, Options{Root: dir}).Findings
	if len(before) != 2 || before[0].Fingerprint == before[1].Fingerprint || len(before[0].Fingerprint) != 32 {
		t.Fatalf("duplicates need distinct fingerprints: %+v", before)
	}
	tests := []struct {
		name, src string
		same      []bool
	}{
		{"line added above", "import os\n\ndef f():\n    x = DANGER\n    x = DANGER\n", []bool{true, true}},
		{"line added below", src + "\nprint(1)\n", []bool{true, true}},
		{"re-indented", "def f():\n  x  =  DANGER\n  x = DANGER\n", []bool{true, true}},
		{"first line changed", "def f():\n    x = DANGER + 1\n    x = DANGER\n", []bool{false, false}},
		{"second line changed", "def f():\n    x = DANGER\n    y = DANGER\n", []bool{true, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			write(t, dir, map[string]string{"a.py": tt.src})
			after := run(t, Options{Root: dir}).Findings
			if len(after) != 2 {
				t.Fatalf("got %d findings", len(after))
			}
			for i := range after {
				if got := after[i].Fingerprint == before[i].Fingerprint; got != tt.same[i] {
					t.Errorf("finding %d: same fingerprint = %v, want %v", i, got, tt.same[i])
				}
			}
		})
	}
}

func TestBaselineRoundTrip(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.py": "x = DANGER\ny = danger\n"})
	all, err := AllFindings(context.Background(), Options{Root: dir, ParsePython: fakeParse, Rules: testRules})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Findings) != 2 {
		t.Fatalf("AllFindings must include low confidence: %s", brief(all.Findings))
	}
	path := filepath.Join(t.TempDir(), "baseline.json")
	if err := NewBaseline(all.Findings).Write(path); err != nil {
		t.Fatal(err)
	}
	back, err := ReadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Findings) != 2 || back.Findings[0].Path != "a.py" || !back.Has(all.Findings[1].Fingerprint) {
		t.Fatalf("round trip: %+v", back)
	}
	res := run(t, Options{Root: dir, Baseline: path, MinConfidence: rules.LowConfidence})
	if len(res.Findings) != 0 || res.Hidden.Baseline != 2 {
		t.Fatalf("baselined findings shown: %s (hidden %+v)", brief(res.Findings), res.Hidden)
	}
	if len(res.Current) != 2 {
		t.Errorf("Current must keep hidden findings for --write-baseline: %s", brief(res.Current))
	}
	write(t, dir, map[string]string{"a.py": "import os\nx = DANGER\ny = danger\nz = DANGER\n"})
	res = run(t, Options{Root: dir, Baseline: path})
	if got := brief(res.Findings); got != "a.py:4 FLASKSEC-TEST-001\n" {
		t.Errorf("only the new finding must show, got:\n%s", got)
	}
	os.WriteFile(path, []byte(`{"version": 7}`), 0o644)
	if _, err := ReadBaseline(path); err == nil || !strings.Contains(err.Error(), "not a flasksec baseline") {
		t.Errorf("bad baseline: %v", err)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFileAtomic(filepath.Join(dir, "no", "such", "out.json"), []byte("x")); err == nil {
		t.Error("write into a missing folder succeeded")
	}
	p := filepath.Join(dir, "out.json")
	if err := WriteFileAtomic(p, []byte("hello")); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if b, _ := os.ReadFile(p); string(b) != "hello" || len(entries) != 1 {
		t.Errorf("content %q, %d entries (temp file left?)", b, len(entries))
	}
}

func TestDiff(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	gitRun := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out.String())
		}
	}
	write(t, dir, map[string]string{"app/a.py": "x = DANGER\ny = 1\nz = DANGER\n", "app/b.py": "x = DANGER\n"})
	gitRun("init", "-q")
	gitRun("add", ".")
	gitRun("commit", "-q", "-m", "init")
	write(t, dir, map[string]string{"app/a.py": "x = DANGER\ny = DANGER\nz = DANGER\n", "app/new.py": "n = DANGER\n"})
	res := run(t, Options{Root: dir, Diff: "HEAD"})
	if got, want := brief(res.Findings), "app/a.py:2 FLASKSEC-TEST-001\napp/new.py:1 FLASKSEC-TEST-001\n"; got != want {
		t.Errorf("diff from root:\n%s\nwant\n%s", got, want)
	}
	if res.Hidden.Diff != 3 {
		t.Errorf("hidden by diff: %d, want 3", res.Hidden.Diff)
	}
	// Scanning a sub-folder maps git's paths to the folder's.
	res = run(t, Options{Root: filepath.Join(dir, "app"), Diff: "HEAD"})
	if got, want := brief(res.Findings), "a.py:2 FLASKSEC-TEST-001\nnew.py:1 FLASKSEC-TEST-001\n"; got != want {
		t.Errorf("diff from sub-folder:\n%s\nwant\n%s", got, want)
	}
	for _, tt := range []struct{ root, rev, want string }{
		{t.TempDir(), "HEAD", "is not inside a git repository"},
		{dir, "no-such-rev", `unknown git revision "no-such-rev"`},
		{dir, "--output=x", "cannot start with '-'"},
	} {
		_, err := Run(context.Background(), Options{Root: tt.root, Diff: tt.rev, ParsePython: fakeParse, Rules: testRules})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("diff %s in %s: %v, want %q", tt.rev, tt.root, err, tt.want)
		}
	}
}

func TestParseUnifiedDiff(t *testing.T) {
	out := "diff --git a/x/a.py b/x/a.py\n--- a/x/a.py\n+++ b/x/a.py\n@@ -1,0 +2,3 @@\n+a\n@@ -9 +12 @@\n-b\n+c\n@@ -20,2 +22,0 @@\n" +
		"--- a/x/gone.py\n+++ /dev/null\n@@ -1 +0,0 @@\n--- a/other.py\n+++ b/other.py\n@@ -1 +1 @@\n"
	c, err := parseUnifiedDiff([]byte(out), "x/")
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for n := 0; n < 30; n++ {
		if c.Lines["a.py"][n] {
			lines = append(lines, n)
		}
	}
	if fmt.Sprint(lines) != "[2 3 4 12]" || len(c.Lines) != 1 {
		t.Errorf("changed lines %v, files %v", lines, c.Lines)
	}
	if !c.Touches(rules.Location{Path: "a.py", StartLine: 10, EndLine: 12}) || c.Touches(rules.Location{Path: "a.py", StartLine: 5}) {
		t.Error("Touches")
	}
	if _, err := parseUnifiedDiff([]byte("+++ b/x/a.py\n@@ -1 +x @@\n"), "x/"); err == nil {
		t.Error("bad hunk accepted")
	}
}

// TestDeterministic checks that two scans give the same findings in the
// same order.
func TestDeterministic(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := 0; i < 40; i++ {
		files[fmt.Sprintf("p%d/m%d.py", i%5, i)] = "a = DANGER\nb = OTHER\nc = DANGER\n"
	}
	write(t, dir, files)
	first := run(t, Options{Root: dir})
	for i := 0; i < 3; i++ {
		again := run(t, Options{Root: dir})
		if brief(again.Findings) != brief(first.Findings) || len(first.Findings) != 120 {
			t.Fatal("scan output differs between runs")
		}
		for j := range again.Findings {
			if again.Findings[j].Fingerprint != first.Findings[j].Fingerprint {
				t.Fatal("fingerprints differ between runs")
			}
		}
	}
}

func TestRoutes(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"app.py": `from flask import Flask

app = Flask(__name__)


@app.route("/upload", methods=["POST"])
def upload():
    x = DANGER
    return x


def helper():
    return DANGER
`})
	res := run(t, Options{Root: dir, ParsePython: parser.ParseFile})
	if len(res.Findings) != 2 {
		t.Fatalf("findings: %s", brief(res.Findings))
	}
	if got := res.Findings[0].Location; got.Route != "POST /upload" || got.Function != "upload" {
		t.Errorf("view finding: route %q, function %q", got.Route, got.Function)
	}
	if got := res.Findings[1].Location; got.Route != "" || got.Function != "helper" {
		t.Errorf("helper finding: route %q, function %q", got.Route, got.Function)
	}
}

func TestRuleFailure(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.py": "x = DANGER\n"})
	boom := *otherRule
	boom.ID = "FLASKSEC-TEST-003"
	boom.Run = func(*rules.Pass) error { panic("boom") }
	res := run(t, Options{Root: dir, Rules: []*rules.Rule{dangerRule, &boom}})
	if len(res.Findings) != 1 {
		t.Errorf("the other rule's findings must be kept: %s", brief(res.Findings))
	}
	if len(res.Errors) != 1 || res.Errors[0].Kind != "rule" || res.Errors[0].Message != "rule FLASKSEC-TEST-003 panicked: boom" {
		t.Errorf("rule error: %+v", res.Errors)
	}
}

func TestUnreadableRoot(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.py": "x = 1\n", "sub/b.py": "y = 2\n"})
	os.Chmod(filepath.Join(dir, "a.py"), 0)
	os.Chmod(filepath.Join(dir, "sub"), 0)
	defer os.Chmod(filepath.Join(dir, "sub"), 0o755)
	for _, root := range []string{filepath.Join(dir, "a.py"), filepath.Join(dir, "sub")} {
		_, err := Run(context.Background(), Options{Root: root, ParsePython: fakeParse, Rules: testRules})
		if err == nil || !strings.Contains(err.Error(), "cannot read "+root+": permission denied") {
			t.Errorf("%s: %v", root, err)
		}
	}
	// Inside a readable root, an unreadable file is a scan error.
	res := run(t, Options{Root: dir})
	if len(res.Errors) != 1 || res.Errors[0].Kind != "read" || res.Errors[0].Path != "a.py" {
		t.Errorf("errors: %+v", res.Errors)
	}
}

// TestTemplateSyntaxErrors checks that a broken template is a scan error
// with its position, beside the Python errors, and does not stop the scan.
func TestTemplateSyntaxErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"app.py":               "DANGER = 1\n",
		"templates/ok.html":    "<p>{{ name }}</p>\n",
		"templates/bad.html":   "<p>\n{{ name }</p>\n",
		"templates/later.html": "{% if x %}<b>{{ x }}</b>\n",
	})
	res := run(t, Options{Root: dir})
	var got []string
	for _, e := range res.Errors {
		got = append(got, fmt.Sprintf("%s %s:%d", e.Kind, e.Path, e.Line))
	}
	want := []string{"parse templates/bad.html:2", "parse templates/later.html:1"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("errors = %v, want %v", got, want)
	}
	if len(res.Findings) != 1 {
		t.Errorf("the scan must go on past broken templates: %d findings, want 1", len(res.Findings))
	}
}

// TestForeignTemplatesSkipped checks that a Mustache or AngularJS .html
// file is listed as skipped with the reason, not as a Jinja syntax error
// (so --strict does not fail on it), while a broken Jinja template stays
// an error.
func TestForeignTemplatesSkipped(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"app.py":                "DANGER = 1\n",
		"templates/alert.html":  "<span class=\"{{{STATUS}}}\">{{STATUS}}</span>\n{{#rows}}<td>{{.}}</td>{{/rows}}\n",
		"templates/list.html":   "<li ng-repeat=\"x in xs\">{{ x.at | date:'short' }}</li>\n",
		"templates/broken.html": "<p>\n{{ name }</p>\n",
	})
	res := run(t, Options{Root: dir})
	var errs, skipped []string
	for _, e := range res.Errors {
		errs = append(errs, e.Path)
	}
	for _, s := range res.Skipped {
		skipped = append(skipped, s.Path+": "+s.Reason)
	}
	if strings.Join(errs, ",") != "templates/broken.html" {
		t.Errorf("errors = %v, want only templates/broken.html", errs)
	}
	if len(skipped) != 2 || !strings.HasPrefix(skipped[0], "templates/alert.html: not a Jinja template") ||
		!strings.Contains(skipped[0], "Mustache") || !strings.Contains(skipped[1], "AngularJS") {
		t.Errorf("skipped = %q, want alert.html (Mustache) and list.html (AngularJS)", skipped)
	}
}

// TestProblemsAndRoutesRedacted checks the text that reaches a report
// outside Pass.Report: scan problems (a rule that fails quoting the
// code it read) and routes taken from the scanned code.
func TestProblemsAndRoutesRedacted(t *testing.T) {
	const secret = "Zq-route-token-77"
	dir := t.TempDir()
	write(t, dir, map[string]string{"app.py": `from flask import Flask

app = Flask(__name__)


@app.route("/cb?api_key=` + secret + `")
def cb():
    return DANGER
`})
	boom := *otherRule
	boom.ID = "FLASKSEC-TEST-003"
	boom.Run = func(*rules.Pass) error {
		return fmt.Errorf(`cannot read password = "%s" in app.py`, secret)
	}
	res := run(t, Options{Root: dir, ParsePython: parser.ParseFile, Rules: []*rules.Rule{dangerRule, &boom}})
	if len(res.Findings) != 1 || len(res.Errors) != 1 {
		t.Fatalf("findings %s, errors %+v", brief(res.Findings), res.Errors)
	}
	if got := res.Findings[0].Location.Route; got != "GET /cb?api_key=***" {
		t.Errorf("route %q", got)
	}
	if got := res.Errors[0].Message; got != `rule FLASKSEC-TEST-003: cannot read password = "***" in app.py` {
		t.Errorf("problem message %q", got)
	}
}
