package scan

import (
	"strings"
	"testing"

	"github.com/flasksec/flasksec/rules"
)

func TestJoin(t *testing.T) {
	at := func(line, col int) rules.Location {
		return rules.Location{Path: "app.py", StartLine: line, StartCol: col}
	}
	path := rules.Finding{RuleID: "FLASK-PATH-001", Severity: rules.High, Confidence: rules.MediumConfidence,
		Location: at(10, 5), Message: "f.filename reaches f.save()", Problem: rules.ProblemUploadDestination,
		Aspect: "path traversal"}
	upload := rules.Finding{RuleID: "FLASK-UPLOAD-001", Severity: rules.High, Confidence: rules.HighConfidence,
		Location: at(10, 5), Message: "Upload handling: saved under the client's name; no allowlist",
		Problem: rules.ProblemUploadDestination, Aspect: "no allowlist"}
	other := rules.Finding{RuleID: "FLASK-UPLOAD-001", Severity: rules.High, Confidence: rules.MediumConfidence,
		Location: at(4, 1), Message: "no size limit"}
	tests := []struct {
		name string
		in   []rules.Finding
		want []string // rule, confidence, message
	}{
		{"one problem, two rules", []rules.Finding{other, path, upload},
			[]string{"FLASK-UPLOAD-001 Medium no size limit",
				"FLASK-UPLOAD-001 High Upload handling: saved under the client's name; no allowlist (also FLASK-PATH-001: path traversal)"}},
		{"different columns stay apart", []rules.Finding{path, func() rules.Finding { u := upload; u.Location = at(10, 9); return u }()},
			[]string{"FLASK-PATH-001 Medium f.filename reaches f.save()",
				"FLASK-UPLOAD-001 High Upload handling: saved under the client's name; no allowlist"}},
		{"no problem key, no join", []rules.Finding{func() rules.Finding { p := path; p.Problem = ""; return p }(), upload},
			[]string{"FLASK-PATH-001 Medium f.filename reaches f.save()",
				"FLASK-UPLOAD-001 High Upload handling: saved under the client's name; no allowlist"}},
		{"an aspect-less rule is named", []rules.Finding{path, func() rules.Finding { u := upload; u.Aspect = ""; u.Confidence = rules.LowConfidence; return u }()},
			[]string{"FLASK-PATH-001 Medium f.filename reaches f.save() (also FLASK-UPLOAD-001)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]rules.Finding(nil), tt.in...)
			var got []string
			for _, f := range Join(in) {
				got = append(got, f.RuleID+" "+f.Confidence.String()+" "+f.Message)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for i := range in {
				if in[i].Message != tt.in[i].Message {
					t.Errorf("Join modified its input")
				}
			}
		})
	}
}
