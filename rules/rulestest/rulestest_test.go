package rulestest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/rules"
)

// evalRule reports eval (High) and exec (Low) calls in Python, and the
// word "eval" in Procfiles: enough to exercise every kind of annotation.
var evalRule = &rules.Rule{ID: "FLASKSEC-TEST-001", Title: "test", Severity: rules.Low, CWE: 1,
	Spec: "extension", Category: rules.CatInjection,
	Run: func(pass *rules.Pass) error {
		for _, f := range pass.Project.Files {
			if f.Kind == project.Deploy {
				for n := 1; n <= f.NumLines(); n++ {
					if strings.Contains(f.Line(n), "eval") {
						pass.Report(rules.Finding{Location: rules.Location{Path: f.Path, StartLine: n}})
					}
				}
			}
			if f.AST == nil {
				continue
			}
			ast.Inspect(f.AST, func(n ast.Node) bool {
				if c, ok := n.(*ast.Call); ok {
					if name, ok := c.Func.(*ast.Name); ok && (name.ID == "eval" || name.ID == "exec") {
						conf := rules.HighConfidence
						if name.ID == "exec" {
							conf = rules.LowConfidence
						}
						pass.ReportNode(f, c, rules.Finding{Confidence: conf})
					}
				}
				return true
			})
		}
		return nil
	}}

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }
func (r *recorder) Fatal(args ...any)                 { r.Errorf("%s", fmt.Sprint(args...)) }

func TestGoodFixturePasses(t *testing.T) {
	findings := Run(t, "testdata/good", evalRule)
	if len(findings) != 3 {
		t.Errorf("got %d findings, want 3", len(findings))
	}
}

func TestBadFixtureFails(t *testing.T) {
	rec := &recorder{TB: t}
	Run(rec, "testdata/bad", evalRule)
	want := []string{
		"app.py:2: unexpected finding FLASKSEC-TEST-001",                   // no annotation
		"app.py:3: unexpected finding FLASKSEC-TEST-001",                   // wrong confidence...
		"app.py:3: missing finding FLASKSEC-TEST-001 with High confidence", // ...so the want is unmet
		"app.py:4: missing finding FLASKSEC-TEST-001",                      // annotation without finding
	}
	if len(rec.errors) != len(want) {
		t.Fatalf("got %d failures, want %d:\n%s", len(rec.errors), len(want), strings.Join(rec.errors, "\n"))
	}
	for i, w := range want {
		if !strings.HasPrefix(rec.errors[i], w) {
			t.Errorf("failure %d = %q, want prefix %q", i, rec.errors[i], w)
		}
	}
}

func TestParseIDs(t *testing.T) {
	tests := []struct {
		text    string
		n       int
		wantErr bool
	}{
		{"FLASK-XSS-001", 1, false},
		{"FLASK-XSS-001, FLASKSEC-EVAL-001(low)", 2, false},
		{"FLASK-XSS-001(certain)", 0, true},
		{"XSS", 0, true},
		{"", 0, true},
	}
	for _, tt := range tests {
		ws, err := parseIDs("a.py", 1, tt.text)
		if (err != nil) != tt.wantErr || len(ws) != tt.n {
			t.Errorf("parseIDs(%q) = %d wants, err %v", tt.text, len(ws), err)
		}
	}
}
