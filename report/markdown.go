package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/flasksec/flasksec/scan"
)

// markdownMaxDetails caps the detailed entries of a Markdown report, so
// that a pull-request comment stays within the services' size limits.
const markdownMaxDetails = 50

// Markdown writes a compact table of the findings followed by a
// collapsible details block for each, for pull-request comments.
func Markdown(w io.Writer, res *scan.Result, opts Options) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("### flasksec: %s\n\n", countLine(res))
	if len(res.Findings) > 0 {
		p("| # | Severity | Rule | Location | Finding |\n|---|---|---|---|---|\n")
		for i, f := range res.Findings {
			loc := f.Location.Path
			if f.Location.StartLine > 0 {
				loc = fmt.Sprintf("%s:%d", loc, f.Location.StartLine)
			}
			p("| %d | %s | %s | %s | %s |\n", i+1, f.Severity, mdCode(f.RuleID, true), mdCode(loc, true), mdText(shorten(f.Message, markdownCellMax), true))
		}
		p("\n")
		for i, f := range res.Findings {
			if i == markdownMaxDetails {
				p("_%d more findings not detailed; see the full report._\n\n", len(res.Findings)-i)
				break
			}
			p("<details>\n<summary>%d. <code>%s</code> %s: %s</summary>\n\n", i+1, f.RuleID, f.Severity, htmlEscape(Printable(f.Message)))
			p("- **Rule ID:** %s: %s (CWE-%d)\n", mdText(f.RuleID, false), mdText(f.Title, false), f.CWE)
			p("- **Severity:** %s (confidence: %s)\n", f.Severity, f.Confidence)
			p("- **Location:** %s\n", mdCode(LocationText(f.Location), false))
			if f.Evidence != "" {
				evidence := strings.Join(printableLines(f.Evidence), "\n")
				fence := "```"
				for strings.Contains(evidence, fence) {
					fence += "`"
				}
				p("- **Evidence:**\n\n%s\n%s\n%s\n\n", fence, evidence, fence)
			}
			if len(f.Trace) > 0 {
				p("- **Trace:**\n")
				for j, s := range f.Trace {
					p("  %d. %s: %s\n", j+1, mdCode(fmt.Sprintf("%s:%d", s.Path, s.Line), false), mdText(s.Note, false))
				}
			}
			if len(f.Related) > 0 {
				p("- **Also at:**\n")
				for _, r := range f.Related {
					p("  - %s: %s\n", mdCode(fmt.Sprintf("%s:%d", r.Path, r.Line), false), mdText(r.Note, false))
				}
			}
			for _, l := range []struct{ name, text string }{{"Impact", f.Impact}, {"Fix", f.Fix},
				{"Mitigation", f.Mitigation}, {"False positive notes", f.FalsePositiveNotes}} {
				if t := strings.TrimSpace(l.text); t != "" {
					p("- **%s:** %s\n", l.name, mdText(strings.ReplaceAll(t, "\n", " "), false))
				}
			}
			p("\n</details>\n\n")
		}
	}
	if len(res.Errors) > 0 {
		p("<details>\n<summary>%d scan %s</summary>\n\n", len(res.Errors), plural(len(res.Errors), "error", "errors"))
		for _, e := range res.Errors {
			p("- %s\n", mdText(problemText(e), false))
		}
		p("\n</details>\n\n")
	}
	if len(res.Observations) > 0 {
		p("<details>\n<summary>observed at runtime (%d)</summary>\n\n", len(res.Observations))
		for _, o := range res.Observations {
			p("- %s\n", htmlEscape(Printable(o)))
		}
		p("\n</details>\n\n")
	}
	foot := fmt.Sprintf("%d files, %d rules", res.Files, len(res.Rules))
	if h := hiddenLine(res.Hidden); h != "" {
		foot += "; " + h
	}
	p("<sub>%s</sub>\n", foot)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing markdown: %w", err)
	}
	return nil
}

// markdownCellMax is the longest message shown in the table; the details
// below it have the whole text.
const markdownCellMax = 140

// shorten cuts s to at most n characters at a word boundary, with "…".
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// htmlEscape escapes text for an HTML context (a <summary> line).
func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
