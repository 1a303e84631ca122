package report

import (
	"fmt"
	"strings"

	"github.com/flasksec/flasksec/rules"
)

// RuleText is a rule's documentation as plain text, for `flasksec
// explain` and SARIF help text.
func RuleText(r *rules.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", r.ID, r.Title)
	fmt.Fprintf(&b, "Severity: %s   CWE-%d   Audit area: %s\n", r.Severity, r.CWE, r.Category)
	if src := SpecSource(r); src != "" {
		fmt.Fprintf(&b, "Source: %s\n", src)
	}
	d := r.Doc
	for _, sec := range []struct{ name, text string }{
		{"What it finds", d.What}, {"Why it matters", d.Why},
		{"Insecure example", d.Insecure}, {"Secure example", d.Secure},
		{"Impact", d.Impact}, {"Fix", d.Fix}, {"Mitigation", d.Mitigation},
		{"False positive notes", d.FalsePositives},
	} {
		if strings.TrimSpace(sec.text) == "" {
			continue
		}
		fmt.Fprintf(&b, "\n%s\n%s\n", sec.name, strings.Repeat("-", len(sec.name)))
		code := strings.HasSuffix(sec.name, "example")
		for _, l := range strings.Split(strings.Trim(sec.text, "\n"), "\n") {
			if code {
				b.WriteString("    " + l + "\n")
				continue
			}
			for _, w := range wrap(l, textWidth) {
				b.WriteString(w + "\n")
			}
		}
	}
	return b.String()
}

// SpecSource says where a rule comes from in words a user can follow: "Flask
// security spec, rule FLASK-XSS-001" for a rule of the product spec
// (r.Spec is "4 FLASK-XSS-001", a section of a document users do not
// have), "flasksec extension rule" for flasksec's own; "" when unknown.
func SpecSource(r *rules.Rule) string {
	spec := strings.TrimSpace(r.Spec)
	switch {
	case spec == "":
		return ""
	case spec == "extension":
		return "flasksec extension rule (beyond the Flask security spec)"
	}
	fields := strings.Fields(spec)
	return "Flask security spec, rule " + fields[len(fields)-1]
}

// RuleMarkdown is a rule's documentation as Markdown, for SARIF help and
// pull-request comments.
func RuleMarkdown(r *rules.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**: %s\n\nSeverity: %s · CWE-%d · %s\n", r.ID, r.Title, r.Severity, r.CWE, r.Category)
	d := r.Doc
	for _, sec := range []struct{ name, text string }{
		{"What it finds", d.What}, {"Why it matters", d.Why},
		{"Insecure example", d.Insecure}, {"Secure example", d.Secure},
		{"Impact", d.Impact}, {"Fix", d.Fix}, {"Mitigation", d.Mitigation},
		{"False positive notes", d.FalsePositives},
	} {
		if strings.TrimSpace(sec.text) == "" {
			continue
		}
		fmt.Fprintf(&b, "\n### %s\n\n", sec.name)
		if strings.HasSuffix(sec.name, "example") {
			fence := "```"
			for strings.Contains(sec.text, fence) {
				fence += "`"
			}
			fmt.Fprintf(&b, "%s%s\n%s\n%s\n", fence, codeLang(sec.text), strings.Trim(sec.text, "\n"), fence)
			continue
		}
		b.WriteString(strings.TrimSpace(sec.text) + "\n")
	}
	return b.String()
}

// codeLang guesses the language of a documentation example for Markdown
// highlighting, from its first line: Python code that renders a template
// ("{{ name }}" in a string or a comment) is still Python. An example that
// mixes files ("# Dockerfile" then "# app.py") gets no label, rather than a
// wrong one.
func codeLang(code string) string {
	t := strings.TrimSpace(code)
	first, _, _ := strings.Cut(t, "\n")
	first = strings.TrimSpace(first)
	switch {
	case strings.HasPrefix(first, "# requirements"):
		return "text"
	case strings.HasPrefix(first, "# Dockerfile"):
		if strings.Contains(t, ".py") && strings.Contains(t, "\n# ") {
			return ""
		}
		return "dockerfile"
	case strings.HasPrefix(first, "<"), strings.HasPrefix(first, "{%"), strings.HasPrefix(first, "{{"), strings.HasPrefix(first, "{#"):
		return "html+jinja"
	case strings.HasPrefix(first, "FROM "), strings.HasPrefix(first, "CMD "), strings.HasPrefix(first, "ENV "):
		return "dockerfile"
	case strings.HasPrefix(first, "web:"):
		return ""
	}
	return "python"
}
