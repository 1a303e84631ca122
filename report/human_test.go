package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

// manyResult has three findings of one rule (one with its own Fix), a
// Critical finding of a rule whose area comes later in the audit order,
// and a scan error.
func manyResult() *scan.Result {
	xss := testRule("FLASK-XSS-001", rules.High, rules.CatTemplate)
	cfg := testRule("FLASK-CONFIG-001", rules.Medium, rules.CatConfig)
	inj := testRule("FLASK-INJECT-002", rules.Critical, rules.CatInjection)
	f := func(r *rules.Rule, path string, line int, sev rules.Severity, msg string) rules.Finding {
		return rules.Finding{RuleID: r.ID, Title: r.Title, Severity: sev, Confidence: rules.HighConfidence, CWE: r.CWE,
			Location: rules.Location{Path: path, StartLine: line, StartCol: 3, EndLine: line},
			Message:  msg, Impact: "Shared impact of " + r.ID + ".", Fix: "Shared fix of " + r.ID + ".",
			Mitigation: "Shared mitigation.", FalsePositiveNotes: "Shared notes."}
	}
	own := f(xss, "b.py", 9, rules.High, "third xss")
	own.Fix = "A fix of its own."
	res := &scan.Result{
		Rules: []*rules.Rule{cfg, inj, xss},
		Findings: []rules.Finding{
			f(cfg, "a.py", 1, rules.Medium, "config"),
			f(xss, "a.py", 2, rules.High, "first xss"),
			f(xss, "b.py", 3, rules.High, "second xss"),
			own,
			f(inj, "c.py", 4, rules.Critical, "command, with a:colon, 100% and\nnewline"),
		},
		Errors: []scan.Problem{{Kind: "parse", Path: "d.py", Line: 2, Col: 1, Message: "invalid syntax"}},
		Files:  4,
		Counts: map[rules.Severity]int{rules.Critical: 1, rules.High: 3, rules.Medium: 1},
	}
	return res
}

func renderMany(t *testing.T, f Formatter, opts Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b, manyResult(), opts); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestTextSharedRuleText checks that a rule's shared text is printed once
// however many findings it has, and that a finding's own text is kept.
func TestTextSharedRuleText(t *testing.T) {
	for _, by := range GroupBys {
		out := renderMany(t, Text, Options{GroupBy: by})
		if n := strings.Count(out, "Shared impact of FLASK-XSS-001."); n != 1 {
			t.Errorf("group-by %s: the XSS impact is printed %d times, want once:\n%s", by, n, out)
		}
		if !strings.Contains(out, "A fix of its own.") {
			t.Errorf("group-by %s: a finding's own fix is lost:\n%s", by, out)
		}
		for _, msg := range []string{"first xss", "second xss", "third xss", "config"} {
			if !strings.Contains(out, msg) {
				t.Errorf("group-by %s: finding %q missing", by, msg)
			}
		}
	}
}

// TestTextGroupBy checks the order of the groups.
func TestTextGroupBy(t *testing.T) {
	for _, tc := range []struct {
		by    string
		heads []string // headings, in order
	}{
		{"area", []string{"Configuration (1)", "Templates, XSS and SSTI (3)", "Injection"}},
		{"severity", []string{"Critical (1)", "High (3)", "Medium (1)"}},
		{"rule", []string{"FLASK-CONFIG-001: ", "FLASK-INJECT-002: ", "FLASK-XSS-001: "}},
		{"file", []string{"a.py (2)", "b.py (2)", "c.py (1)"}},
	} {
		out := renderMany(t, Text, Options{GroupBy: tc.by})
		last := -1
		for _, h := range tc.heads {
			i := strings.Index(out, "\n"+h)
			if i < 0 && strings.HasPrefix(out, h) {
				i = 0
			}
			if i <= last {
				t.Errorf("group-by %s: heading %q missing or out of order:\n%s", tc.by, h, out)
			}
			last = i
		}
	}
	if _, err := groupFindings(manyResult(), "colour"); err == nil {
		t.Error("an unknown grouping is accepted")
	}
}

// TestTextWidth checks that paragraphs wrap at the width given.
func TestTextWidth(t *testing.T) {
	res := manyResult()
	long := strings.Repeat("word ", 40)
	for i := range res.Findings {
		res.Findings[i].Impact = long
	}
	for _, width := range []int{60, 150} {
		var b bytes.Buffer
		if err := Text(&b, res, Options{Width: width}); err != nil {
			t.Fatal(err)
		}
		longest := 0
		for _, l := range strings.Split(b.String(), "\n") {
			if strings.HasPrefix(l, "    word") {
				longest = max(longest, len(l))
			}
		}
		if longest > width || longest < width-10 {
			t.Errorf("width %d: the longest wrapped line has %d columns", width, longest)
		}
	}
}

// TestConcise checks the one-line-per-finding format.
func TestConcise(t *testing.T) {
	out := renderMany(t, Concise, Options{})
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := []string{
		"a.py:1:3: FLASK-CONFIG-001 [Medium] config",
		"a.py:2:3: FLASK-XSS-001 [High] first xss",
		"b.py:3:3: FLASK-XSS-001 [High] second xss",
		"b.py:9:3: FLASK-XSS-001 [High] third xss",
		`c.py:4:3: FLASK-INJECT-002 [Critical] command, with a:colon, 100% and\nnewline`,
		"d.py:2:1: error: invalid syntax (parse)",
	}
	if len(lines) != len(want)+1 || strings.Join(lines[:len(want)], "\n") != strings.Join(want, "\n") {
		t.Errorf("concise:\n%s\nwant:\n%s", out, strings.Join(want, "\n"))
	}
	if !strings.HasPrefix(lines[len(lines)-1], "flasksec: 5 findings") {
		t.Errorf("no summary line: %q", lines[len(lines)-1])
	}
	bySev := renderMany(t, Concise, Options{GroupBy: "severity"})
	if !strings.HasPrefix(bySev, "c.py:4:3: FLASK-INJECT-002 [Critical]") {
		t.Errorf("concise by severity starts with:\n%s", bySev)
	}
}

// TestGitHub checks the workflow-command annotations and their escaping.
func TestGitHub(t *testing.T) {
	out := renderMany(t, GitHub, Options{})
	for _, want := range []string{
		"::warning file=a.py,line=1,col=3,endLine=1,title=FLASK-CONFIG-001 [Medium] title of FLASK-CONFIG-001::config%0AFix: Shared fix of FLASK-CONFIG-001.\n",
		"::error file=c.py,line=4,col=3,endLine=4,title=FLASK-INJECT-002 [Critical] title of FLASK-INJECT-002::command, with a:colon, 100%25 and%0Anewline%0AFix:",
		"::warning file=d.py,title=flasksec scan error (parse),line=2::invalid syntax\n",
		"::notice title=flasksec::flasksec: 5 findings",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("github output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "\n"); n != 7 {
		t.Errorf("%d lines, want 7 (5 findings, 1 error, 1 summary):\n%s", n, out)
	}
	if got := ghProp("a:b,c%d\ne"); got != "a%3Ab%2Cc%25d\\ne" {
		t.Errorf("ghProp = %q", got)
	}
}

// TestStatistics checks the counts per rule, most first.
func TestStatistics(t *testing.T) {
	out := renderMany(t, Statistics, Options{})
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], "   3  FLASK-XSS-001 ") || !strings.Contains(lines[0], "High") ||
		!strings.HasPrefix(lines[1], "   1  FLASK-CONFIG-001") || !strings.HasPrefix(lines[2], "   1  FLASK-INJECT-002") {
		t.Errorf("statistics:\n%s", out)
	}
}
