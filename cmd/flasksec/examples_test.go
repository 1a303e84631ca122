package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/report"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/rules/all"
	"github.com/flasksec/flasksec/scan"
)

// expectation is one row of examples/vulnerable/EXPECTED.md.
type expectation struct {
	rule, path string
	line       int
}

var expectedRow = regexp.MustCompile(`^\| (FLASK(?:SEC)?-[A-Z]+-\d{3}) \| ([^ |]+):(\d+) \|`)

// readExpected reads the required rows of EXPECTED.md (the table before
// the "May also be reported" section).
func readExpected(t *testing.T, dir string) []expectation {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "EXPECTED.md"))
	if err != nil {
		t.Fatal(err)
	}
	var out []expectation
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "## May also") {
			break
		}
		if m := expectedRow.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[3])
			out = append(out, expectation{m[1], m[2], n})
		}
	}
	return out
}

func scanExample(t *testing.T, dir string, minConf rules.Confidence) *scan.Result {
	t.Helper()
	res, err := scan.Run(context.Background(), scan.Options{Root: dir, ParsePython: parser.ParseFile,
		Rules: all.Rules(), MinConfidence: minConf})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors {
		t.Errorf("%s: scan error in an example: %s:%d: %s", dir, e.Path, e.Line, e.Message)
	}
	return res
}

// TestExpectedList checks EXPECTED.md itself: every spec rule and both
// extensions are listed, and every location exists.
func TestExpectedList(t *testing.T) {
	dir := filepath.Join("..", "..", "examples", "vulnerable")
	exp := readExpected(t, dir)
	ids := map[string]bool{}
	for _, x := range exp {
		ids[x.rule] = true
		raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(x.path)))
		if err != nil {
			t.Errorf("%s: %v", x.path, err)
			continue
		}
		if n := strings.Count(string(raw), "\n"); x.line < 1 || x.line > n {
			t.Errorf("%s:%d: no such line (%d lines)", x.path, x.line, n)
		}
	}
	for _, id := range strings.Fields(`FLASK-DEPLOY-001 FLASK-DEPLOY-002 FLASK-CONFIG-001 FLASK-SESS-001
		FLASK-SESS-002 FLASK-CSRF-001 FLASK-XSS-001 FLASK-SSTI-001 FLASK-HEADERS-001 FLASK-LIMITS-001
		FLASK-HOST-001 FLASK-PROXY-001 FLASK-PATH-001 FLASK-UPLOAD-001 FLASK-INJECT-001 FLASK-INJECT-002
		FLASK-SSRF-001 FLASK-REDIRECT-001 FLASK-HTTP-001 FLASK-CORS-001 FLASK-SUPPLY-001
		FLASKSEC-DESERIALIZE-001 FLASKSEC-EVAL-001`) {
		if !ids[id] {
			t.Errorf("EXPECTED.md lists no violation of %s", id)
		}
	}
}

// TestExamples runs every registered rule over the bundled example apps:
// the secure one must give no finding, and each registered rule must
// report in every file where EXPECTED.md lists a violation of it.
func TestExamples(t *testing.T) {
	secure := scanExample(t, filepath.Join("..", "..", "examples", "secure"), rules.MediumConfidence)
	for _, f := range secure.Findings {
		t.Errorf("examples/secure/%s:%d: unexpected %s: %s", f.Location.Path, f.Location.StartLine, f.RuleID, f.Message)
	}
	dir := filepath.Join("..", "..", "examples", "vulnerable")
	res := scanExample(t, dir, rules.LowConfidence)
	registered := map[string]bool{}
	for _, r := range all.Rules() {
		registered[r.ID] = true
	}
	found := map[string]bool{}
	for _, f := range res.Findings {
		found[f.RuleID+" "+f.Location.Path] = true
	}
	for _, x := range readExpected(t, dir) {
		if registered[x.rule] && !found[x.rule+" "+x.path] {
			t.Errorf("examples/vulnerable/%s:%d: %s reports nothing in this file", x.path, x.line, x.rule)
		}
	}
}

// TestExamplesDeterministic scans the vulnerable example twice with every
// registered rule and compares the JSON reports byte for byte (scan time
// aside): map iteration or scheduling must never change the output.
func TestExamplesDeterministic(t *testing.T) {
	dir := filepath.Join("..", "..", "examples", "vulnerable")
	var outs [2]string
	for i := range outs {
		res := scanExample(t, dir, rules.LowConfidence)
		res.Duration = 0
		var b strings.Builder
		if err := report.JSON(&b, res, report.Options{Version: version}); err != nil {
			t.Fatal(err)
		}
		outs[i] = b.String()
	}
	if outs[0] != outs[1] {
		a, b := strings.Split(outs[0], "\n"), strings.Split(outs[1], "\n")
		for i := 0; i < len(a) && i < len(b); i++ {
			if a[i] != b[i] {
				t.Fatalf("two scans differ at line %d:\n%s\n%s", i+1, a[i], b[i])
			}
		}
		t.Fatal("two scans differ in length")
	}
}
