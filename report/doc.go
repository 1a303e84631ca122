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
	fmt.Fprintf(&b, "Severity: %s   CWE-%d   Spec: %s   Audit area: %s\n", r.Severity, r.CWE, r.Spec, r.Category)
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
// highlighting.
func codeLang(code string) string {
	t := strings.TrimSpace(code)
	switch {
	case strings.HasPrefix(t, "<") || strings.Contains(t, "{{") || strings.Contains(t, "{%"):
		return "html+jinja"
	case strings.HasPrefix(t, "FROM ") || strings.HasPrefix(t, "CMD ") || strings.HasPrefix(t, "ENV "):
		return "dockerfile"
	case strings.HasPrefix(t, "web:"):
		return ""
	}
	return "python"
}
