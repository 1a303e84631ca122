package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func testRule(id string, sev rules.Severity, cat rules.Category) *rules.Rule {
	return &rules.Rule{ID: id, Title: "title of " + id, Severity: sev, CWE: 79, Spec: "4 " + id, Category: cat,
		Doc: rules.Doc{What: "What it finds.", Why: "Why it matters.", Insecure: "x = Markup(request.args['q'])",
			Secure: "x = escape(request.args['q'])", Impact: "Impact text.", Fix: "Fix text.",
			Mitigation: "Mitigation text.", FalsePositives: "FP text."},
		Run: func(*rules.Pass) error { return nil }}
}

// sampleResult is a fixed result with a data-flow finding, a config
// finding, a scan error and a skipped file.
func sampleResult() *scan.Result {
	xss := testRule("FLASK-XSS-001", rules.High, rules.CatTemplate)
	cfg := testRule("FLASK-CONFIG-001", rules.High, rules.CatConfig)
	res := &scan.Result{
		Root:  "/src/app",
		Rules: []*rules.Rule{cfg, xss},
		Findings: []rules.Finding{
			{RuleID: "FLASK-CONFIG-001", Title: cfg.Title, Severity: rules.Critical, Confidence: rules.HighConfidence, CWE: 798,
				Location: rules.Location{Path: "app/config.py", StartLine: 3, StartCol: 5, EndLine: 3, EndCol: 30, Function: "Config"},
				Message:  "SECRET_KEY is hard-coded", Evidence: "SECRET_KEY = '***'", Impact: "Sessions can be forged.",
				Fix: "Read it from the environment.", Mitigation: "Rotate the key.", FalsePositiveNotes: "Check it is not a test-only config.",
				Fingerprint: "00112233445566778899aabbccddeeff"},
			{RuleID: "FLASK-XSS-001", Title: xss.Title, Severity: rules.High, Confidence: rules.MediumConfidence, CWE: 79,
				Location: rules.Location{Path: "app/views.py", StartLine: 12, StartCol: 12, EndLine: 12, EndCol: 40, Function: "search", Route: "GET /search"},
				Message:  "request data reaches Markup() | unescaped", Evidence: "return Markup(q)", Impact: xss.Doc.Impact,
				Fix: xss.Doc.Fix, Mitigation: xss.Doc.Mitigation, FalsePositiveNotes: xss.Doc.FalsePositives,
				Trace: []rules.TraceStep{{Path: "app/views.py", Line: 10, Col: 9, Note: "request.args['q'] read here"},
					{Path: "app/views.py", Line: 12, Col: 12, Note: "passed to Markup()"}},
				Fingerprint: "ffeeddccbbaa99887766554433221100"},
		},
		Errors:   []scan.Problem{{Kind: "parse", Path: "app/broken.py", Line: 4, Col: 7, Message: "invalid syntax"}},
		Skipped:  []project.Skipped{{Path: "static/huge.html", Reason: "larger than the size limit of 5242880 bytes (9000000 bytes; see max_file_size)"}},
		Files:    7,
		Hidden:   scan.Hidden{Suppressed: 1, Filtered: 2},
		Duration: 1234 * time.Millisecond,
		Counts:   map[rules.Severity]int{rules.Critical: 1, rules.High: 1},
	}
	return res
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./report -update rewrites it):\n%s", name, got)
	}
}

func render(t *testing.T, format string, res *scan.Result, opts Options) []byte {
	t.Helper()
	f, err := Lookup(format)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f(&b, res, opts); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	for _, tt := range []struct {
		format, file string
		opts         Options
	}{
		{"text", "report.txt", Options{Version: "test"}},
		{"json", "report.json", Options{Version: "test"}},
		{"markdown", "report.md", Options{Version: "test"}},
		{"sarif", "report.sarif", Options{Version: "test"}},
	} {
		t.Run(tt.format, func(t *testing.T) {
			golden(t, tt.file, render(t, tt.format, sampleResult(), tt.opts))
		})
	}
}

// keyPaths lists every object key of a JSON document as a dotted path
// ("findings[].location.path").
func keyPaths(v any, prefix string, out map[string]bool) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			out[p] = true
			keyPaths(x, p, out)
		}
	case []any:
		for _, x := range v {
			keyPaths(x, prefix+"[]", out)
		}
	}
}

// TestJSONShape pins the JSON contract of docs/json.md: renaming or
// removing a key fails here.
func TestJSONShape(t *testing.T) {
	var doc any
	if err := json.Unmarshal(render(t, "json", sampleResult(), Options{Version: "1.2.3", AdvisoryDate: "2026-01-26"}), &doc); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	keyPaths(doc, "", got)
	want := strings.Fields(`version tool tool.name tool.version tool.advisory_data_date findings errors skipped summary
		findings[].rule_id findings[].title findings[].severity findings[].confidence findings[].cwe
		findings[].location findings[].location.path findings[].location.start_line findings[].location.start_col
		findings[].location.end_line findings[].location.end_col findings[].location.function findings[].location.route
		findings[].message findings[].evidence findings[].impact findings[].fix findings[].mitigation
		findings[].false_positive_notes findings[].trace findings[].trace[].path findings[].trace[].line
		findings[].trace[].col findings[].trace[].note findings[].fingerprint
		errors[].kind errors[].path errors[].line errors[].col errors[].message
		skipped[].path skipped[].reason
		summary.files summary.rules summary.findings summary.by_severity summary.by_severity.critical
		summary.by_severity.high summary.by_severity.medium summary.by_severity.low summary.hidden
		summary.hidden.suppressed summary.hidden.filtered summary.hidden.baseline summary.hidden.diff
		summary.errors summary.skipped summary.duration_ms`)
	var missing, extra []string
	for _, k := range want {
		if !got[k] {
			missing = append(missing, k)
		}
		delete(got, k)
	}
	for k := range got {
		extra = append(extra, k)
	}
	sort.Strings(extra)
	if len(missing) > 0 || len(extra) > 0 {
		t.Errorf("JSON shape changed (update docs/json.md and JSONVersion):\nmissing %v\nextra %v", missing, extra)
	}
	// Empty results still have lists, never null.
	out := string(render(t, "json", &scan.Result{Counts: map[rules.Severity]int{}}, Options{}))
	for _, k := range []string{`"findings": []`, `"errors": []`, `"skipped": []`} {
		if !strings.Contains(out, k) {
			t.Errorf("empty result lacks %s:\n%s", k, out)
		}
	}
}

func TestTextColor(t *testing.T) {
	plain := string(render(t, "text", sampleResult(), Options{}))
	color := string(render(t, "text", sampleResult(), Options{Color: true}))
	if strings.Contains(plain, "\x1b[") || !strings.Contains(color, "\x1b[") {
		t.Error("colour must appear only when asked")
	}
	// Groups follow the audit order: configuration before templates.
	if strings.Index(plain, "Configuration (1)") > strings.Index(plain, "Templates, XSS and SSTI (1)") {
		t.Error("groups out of audit order")
	}
	for _, label := range []string{"Rule ID:", "Severity:", "Location:", "Evidence:", "Impact:", "Fix:", "Mitigation:", "False positive notes:", "Trace:", "    1. app/views.py:10: request.args['q'] read here"} {
		if !strings.Contains(plain, label) {
			t.Errorf("text report lacks %q", label)
		}
	}
}

func TestLookup(t *testing.T) {
	if _, err := Lookup("xml"); err == nil || !strings.Contains(err.Error(), "json, markdown, sarif, text") {
		t.Errorf("Lookup(xml): %v", err)
	}
	if _, err := Lookup("SARIF"); err != nil {
		t.Errorf("Lookup is case-insensitive: %v", err)
	}
}

func TestSecuritySeverity(t *testing.T) {
	for s, want := range map[rules.Severity]string{rules.Critical: "9.5", rules.High: "8.0", rules.Medium: "5.5", rules.Low: "3.0"} {
		if got := SecuritySeverity(s); got != want {
			t.Errorf("%v: %s, want %s", s, got, want)
		}
	}
}

func TestShorten(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"one two three four", 12, "one two…"},
		{"ééééééééééé", 5, "ééééé…"},
	} {
		if got := shorten(tt.in, tt.n); got != tt.want {
			t.Errorf("shorten(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

// TestTextRepeats checks that a finding repeating another one's message
// and code in a second file (the same template line in two themes) is
// printed as one line pointing at the first, and counted in the summary;
// a finding with the same message but other code is printed in full.
func TestTextRepeats(t *testing.T) {
	res := sampleResult()
	xss := res.Findings[1]
	xss.Location = rules.Location{Path: "themes/a/page.html", StartLine: 5, StartCol: 3}
	xss.Message, xss.Evidence = "{{ x|safe }}: x is marked safe", "<p>{{ x|safe }}</p>"
	again := xss
	again.Location.Path = "themes/b/page.html"
	other := xss
	other.Location.Path, other.Evidence = "themes/c/page.html", "<div>{{ x|safe }}</div>"
	res.Findings = []rules.Finding{xss, again, other}
	res.Counts = map[rules.Severity]int{rules.High: 3}
	out := string(render(t, "text", res, Options{}))
	for _, want := range []string{
		"[2] FLASK-XSS-001 the same finding as [1], in another file",
		"Location: themes/b/page.html:5:3",
		"; 1 finding repeats the same code in another file (a theme or a copy), shown in one line",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
	// Impact is the rule's, printed once; each finding in full has its
	// evidence.
	if got := strings.Count(out, "Evidence:"); got != 2 {
		t.Errorf("%d findings printed in full, want 2 (the repeat is one line):\n%s", got, out)
	}
}
