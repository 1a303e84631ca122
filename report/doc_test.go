package report

import (
	"strings"
	"testing"

	"github.com/flasksec/flasksec/rules"
)

// TestCodeLang checks the labels of documentation examples: Python that
// renders a template is Python, not html+jinja.
func TestCodeLang(t *testing.T) {
	for _, tc := range []struct{ code, want string }{
		{"@app.get(\"/hello\")\ndef hello():\n    return render_template(\"h.html\", name=n)  # {{ name }} is escaped", "python"},
		{"csrf = CSRFProtect()\n# template: <form>{{ csrf_token() }}</form>", "python"},
		{"<p>{{ name|safe }}</p>", "html+jinja"},
		{"{% autoescape false %}{{ x }}{% endautoescape %}", "html+jinja"},
		{"# Dockerfile\nENV FLASK_DEBUG=1", "dockerfile"},
		{"# Dockerfile\nCMD [\"python\", \"app.py\"]\n\n# app.py\napp.run()", ""},
		{"# requirements.txt\nflask==0.12", "text"},
		{"FROM python:3.12\nCMD gunicorn app:app", "dockerfile"},
		{"web: python app.py", ""},
	} {
		if got := codeLang(tc.code); got != tc.want {
			t.Errorf("codeLang(%q) = %q, want %q", tc.code, got, tc.want)
		}
	}
}

// TestSpecSource checks that a rule's origin is said in words a user can
// follow, never as the bare "4 FLASK-XSS-001" of the internal spec.
func TestSpecSource(t *testing.T) {
	for _, tc := range []struct{ spec, want string }{
		{"4 FLASK-XSS-001", "Flask security spec, rule FLASK-XSS-001"},
		{"extension", "flasksec extension rule (beyond the Flask security spec)"},
		{"", ""},
	} {
		r := &rules.Rule{ID: "X", Spec: tc.spec}
		if got := SpecSource(r); got != tc.want {
			t.Errorf("SpecSource(%q) = %q, want %q", tc.spec, got, tc.want)
		}
	}
	text := RuleText(&rules.Rule{ID: "FLASK-XSS-001", Title: "t", Spec: "4 FLASK-XSS-001"})
	if strings.Contains(text, "Spec: 4") || !strings.Contains(text, "Source: Flask security spec, rule FLASK-XSS-001") {
		t.Errorf("RuleText header:\n%s", text)
	}
}
