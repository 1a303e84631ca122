package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

// ANSI styles of the text format.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiMag    = "\x1b[35m"
)

var severityColor = map[rules.Severity]string{
	rules.Critical: ansiBold + ansiMag, rules.High: ansiBold + ansiRed, rules.Medium: ansiYellow, rules.Low: ansiBlue,
}

// textWidth is the column at which long paragraphs wrap when
// Options.Width is not set (the output is not a terminal).
const textWidth = 100

// minTextWidth is the narrowest wrapping width used, whatever the
// terminal says.
const minTextWidth = 40

// Text writes the result for people. Findings are grouped (Options.GroupBy:
// the spec's audit order by default, or by severity, rule or file); in a
// group, the findings of one rule follow a header that gives the rule's
// shared text once (Rule ID, Impact, Fix, Mitigation, False positive
// notes: the labels of the spec's section 2.3), and each finding then
// shows its own message, severity, location, evidence and trace, and any
// label whose text differs from the rule's. Scan errors, skipped files and
// a summary line with the counts by severity and the scan time follow.
// Paragraphs wrap at Options.Width columns (the terminal's), or 100.
func Text(w io.Writer, res *scan.Result, opts Options) error {
	bw := bufio.NewWriter(w)
	width := opts.Width
	if width <= 0 {
		width = textWidth
	}
	t := textWriter{w: bw, color: opts.Color, width: max(width, minTextWidth)}
	groups, err := groupFindings(res, opts.GroupBy)
	if err != nil {
		return err
	}
	printed := map[string]rules.Finding{} // by rule: the finding whose text the header gave
	n, repeats := 0, 0
	// first maps a finding's rule, message and code to its number: the
	// same template lines in several themes (or copies of a file) are
	// one finding per file, printed in full once.
	first := map[string]int{}
	for _, g := range groups {
		t.heading(fmt.Sprintf("%s (%d)", g.title, len(g.findings)))
		for _, rf := range byRule(g.findings) {
			shared, seen := printed[rf[0].RuleID]
			if !seen {
				shared = rf[0]
				printed[shared.RuleID] = shared
			}
			t.ruleHeader(shared, len(rf), seen, opts.GroupBy == "rule")
			for _, f := range rf {
				n++
				key := f.RuleID + "\x00" + f.Message + "\x00" + f.Evidence
				if k, ok := first[key]; ok && f.Evidence != "" {
					repeats++
					t.repeat(n, k, f)
					continue
				}
				first[key] = n
				t.finding(n, f, shared)
			}
		}
	}
	if len(res.Errors) > 0 {
		t.heading(fmt.Sprintf("Scan errors (%d)", len(res.Errors)))
		for _, e := range res.Errors {
			t.line("  " + Printable(problemText(e)))
		}
		t.line("")
	}
	if len(res.Skipped) > 0 {
		t.heading(fmt.Sprintf("Skipped (%d)", len(res.Skipped)))
		for _, s := range res.Skipped {
			t.line(fmt.Sprintf("  %s: %s", Printable(s.Path), Printable(s.Reason)))
		}
		t.line("")
	}
	if len(res.Observations) > 0 {
		t.heading(fmt.Sprintf("Observed at runtime (%d)", len(res.Observations)))
		for _, o := range res.Observations {
			t.line("  " + Printable(o))
		}
		t.line("")
	}
	t.line(t.style(ansiBold, summaryLine(res, repeats)))
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	return nil
}

// summaryLine is the report's last line: counts, files, rules, time, what
// was hidden, and the number of findings shown as repeats of another.
func summaryLine(res *scan.Result, repeats int) string {
	summary := fmt.Sprintf("flasksec: %s in %d %s, %d %s run; scanned in %s",
		countLine(res), res.Files, plural(res.Files, "file", "files"), len(res.Rules),
		plural(len(res.Rules), "rule", "rules"), res.Duration.Round(time.Millisecond))
	if h := hiddenLine(res.Hidden); h != "" {
		summary += "; " + h
	}
	if len(res.Errors) > 0 {
		summary += fmt.Sprintf("; %d scan %s", len(res.Errors), plural(len(res.Errors), "error", "errors"))
	}
	if repeats > 0 {
		summary += fmt.Sprintf("; %d %s the same code in another file (a theme or a copy), shown in one line",
			repeats, plural(repeats, "finding repeats", "findings repeat"))
	}
	return summary
}

// byRule splits findings by rule, in the order of each rule's first
// finding, keeping the findings' order within a rule.
func byRule(fs []rules.Finding) [][]rules.Finding {
	idx := map[string]int{}
	var out [][]rules.Finding
	for _, f := range fs {
		i, ok := idx[f.RuleID]
		if !ok {
			i = len(out)
			idx[f.RuleID] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], f)
	}
	return out
}

// problemText formats a scan problem as "path:line:col: message (kind)".
func problemText(e scan.Problem) string {
	loc := e.Path
	if e.Line > 0 {
		loc += fmt.Sprintf(":%d", e.Line)
		if e.Col > 0 {
			loc += fmt.Sprintf(":%d", e.Col)
		}
	}
	if loc == "" {
		return fmt.Sprintf("%s (%s)", e.Message, e.Kind)
	}
	return fmt.Sprintf("%s: %s (%s)", loc, e.Message, e.Kind)
}

// LocationText formats a finding's location as the spec asks: path,
// line(s), function and route, on one line: control characters in the
// path, function or route are escaped (see Printable).
func LocationText(l rules.Location) string {
	s := Printable(l.Path)
	if l.StartLine > 0 {
		s += fmt.Sprintf(":%d", l.StartLine)
		if l.StartCol > 0 {
			s += fmt.Sprintf(":%d", l.StartCol)
		}
		if l.EndLine > l.StartLine {
			s += fmt.Sprintf(" (lines %d-%d)", l.StartLine, l.EndLine)
		}
	}
	if l.Function != "" {
		s += ", in " + Printable(l.Function) + "()"
	}
	if l.Route != "" {
		s += ", route " + Printable(l.Route)
	}
	return s
}

type textWriter struct {
	w     *bufio.Writer
	color bool
	width int // wrapping column
}

func (t *textWriter) style(code, s string) string {
	if !t.color || code == "" {
		return s
	}
	return code + s + ansiReset
}

func (t *textWriter) line(s string) { t.w.WriteString(s + "\n") }

func (t *textWriter) heading(s string) {
	t.line(t.style(ansiBold, s))
	t.line(t.style(ansiBold, strings.Repeat("=", len([]rune(s)))))
	t.line("")
}

// label writes "  Label:  text", wrapping long text under the label.
func (t *textWriter) label(name, text string) {
	const indent = "    "
	head := "  " + t.style(ansiBold, name+":")
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	if !strings.Contains(text, "\n") && len(name)+len(text)+4 <= t.width {
		t.line(head + " " + text)
		return
	}
	t.line(head)
	for _, para := range strings.Split(text, "\n") {
		for _, l := range wrap(para, t.width-len(indent)) {
			t.line(indent + l)
		}
	}
}

// ruleHeader introduces the findings of one rule in a group: its ID,
// title and CWE, and the text its findings share (that of shared, the
// rule's first finding in the report), unless an earlier header printed
// it.
// underRule leaves out the title line, which the group's heading gives.
func (t *textWriter) ruleHeader(shared rules.Finding, count int, shownBefore, underRule bool) {
	if !underRule {
		title := fmt.Sprintf("%s: %s (CWE-%d)", shared.RuleID, Printable(shared.Title), shared.CWE)
		more := fmt.Sprintf("%d %s", count, plural(count, "finding", "findings"))
		if shownBefore {
			more += "; impact, fix and notes above"
		}
		t.line(t.style(ansiBold, "Rule ID:") + " " + title + ", " + more)
	}
	if shownBefore {
		t.line("")
		return
	}
	t.label("Impact", printableText(shared.Impact))
	t.label("Fix", printableText(shared.Fix))
	t.label("Mitigation", printableText(shared.Mitigation))
	t.label("False positive notes", printableText(shared.FalsePositiveNotes))
	t.line("")
}

// finding writes one finding: its number, rule and message, severity,
// location, evidence and trace, and the labels whose text differs from
// shared's (the rule's header).
func (t *textWriter) finding(n int, f, shared rules.Finding) {
	sev := t.style(severityColor[f.Severity], f.Severity.String())
	t.line(fmt.Sprintf("[%d] %s %s", n, t.style(ansiBold, f.RuleID), Printable(f.Message)))
	t.label("Severity", fmt.Sprintf("%s (confidence: %s)", sev, f.Confidence))
	t.label("Location", LocationText(f.Location))
	if f.Evidence != "" {
		t.line("  " + t.style(ansiBold, "Evidence:"))
		for _, l := range printableLines(f.Evidence) {
			t.line("    " + t.style(ansiDim, "|") + " " + l)
		}
	}
	if len(f.Trace) > 0 {
		t.line("  " + t.style(ansiBold, "Trace:"))
		for i, s := range f.Trace {
			t.line(fmt.Sprintf("    %d. %s:%d: %s", i+1, Printable(s.Path), s.Line, Printable(s.Note)))
		}
	}
	if len(f.Related) > 0 {
		t.line("  " + t.style(ansiBold, "Also at:"))
		for _, r := range f.Related {
			t.line(fmt.Sprintf("    - %s:%d: %s", Printable(r.Path), r.Line, Printable(r.Note)))
		}
	}
	for _, l := range []struct{ name, own, common string }{
		{"Impact", f.Impact, shared.Impact}, {"Fix", f.Fix, shared.Fix},
		{"Mitigation", f.Mitigation, shared.Mitigation}, {"False positive notes", f.FalsePositiveNotes, shared.FalsePositiveNotes},
	} {
		if l.own != l.common {
			t.label(l.name, printableText(l.own))
		}
	}
	t.line("")
}

// repeat writes a finding that repeats finding k (same rule, message and
// code) in another file, as one line and its location.
func (t *textWriter) repeat(n, k int, f rules.Finding) {
	t.line(fmt.Sprintf("[%d] %s the same finding as [%d], in another file", n, t.style(ansiBold, f.RuleID), k))
	t.label("Location", LocationText(f.Location))
	t.line("")
}

// wrap splits a paragraph into lines of at most width columns, keeping
// leading indentation and never breaking a word (code stays intact).
func wrap(para string, width int) []string {
	trimmed := strings.TrimLeft(para, " \t")
	lead := para[:len(para)-len(trimmed)]
	words := strings.Fields(trimmed)
	if len(words) == 0 || strings.HasPrefix(trimmed, "```") || lead != "" {
		return []string{para}
	}
	var out []string
	cur := ""
	for _, w := range words {
		switch {
		case cur == "":
			cur = w
		case len(cur)+1+len(w) > width:
			out = append(out, cur)
			cur = w
		default:
			cur += " " + w
		}
	}
	return append(out, cur)
}
