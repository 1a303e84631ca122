package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

// GitHub writes GitHub Actions workflow commands, one per finding, so
// that a pull request shows the findings inline without code scanning:
//
//	::error file=app/views.py,line=12,col=5,endLine=12,title=FLASK-XSS-001 [High] XSS: ...::request data reaches Markup()
//
// Critical and High findings are errors, Medium warnings, Low notices;
// scan errors are warnings. Paths must be relative to the repository root
// (the CLI makes them relative to the working folder, as for SARIF).
// Values are escaped as the runner requires (%, CR, LF; also : and , in
// properties), after Printable.
func GitHub(w io.Writer, res *scan.Result, opts Options) error {
	bw := bufio.NewWriter(w)
	for _, f := range res.Findings {
		l := f.Location
		props := []string{"file=" + ghProp(l.Path)}
		if l.StartLine > 0 {
			props = append(props, fmt.Sprintf("line=%d", l.StartLine))
			if l.StartCol > 0 {
				props = append(props, fmt.Sprintf("col=%d", l.StartCol))
			}
			if l.EndLine >= l.StartLine {
				props = append(props, fmt.Sprintf("endLine=%d", l.EndLine))
			}
		}
		props = append(props, "title="+ghProp(fmt.Sprintf("%s [%s] %s", f.RuleID, f.Severity, f.Title)))
		msg := f.Message
		if fix := strings.TrimSpace(f.Fix); fix != "" {
			msg += "\nFix: " + fix
		}
		fmt.Fprintf(bw, "::%s %s::%s\n", ghLevel(f.Severity), strings.Join(props, ","), ghData(msg))
	}
	for _, e := range res.Errors {
		props := []string{"title=" + ghProp("flasksec scan error ("+e.Kind+")")}
		if e.Path != "" {
			props = append([]string{"file=" + ghProp(e.Path)}, props...)
			if e.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", e.Line))
			}
		}
		fmt.Fprintf(bw, "::warning %s::%s\n", strings.Join(props, ","), ghData(e.Message))
	}
	fmt.Fprintf(bw, "::notice title=flasksec::%s\n", ghData(summaryLine(res, 0)))
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	return nil
}

// ghLevel is the annotation level of a severity.
func ghLevel(s rules.Severity) string {
	switch s {
	case rules.Critical, rules.High:
		return "error"
	case rules.Medium:
		return "warning"
	}
	return "notice"
}

// ghData escapes the message of a workflow command. Line breaks become
// %0A (the runner shows them as breaks); other controls are escaped by
// Printable first, line by line.
func ghData(s string) string {
	s = strings.Join(printableLines(strings.TrimSpace(s)), "\n")
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProp escapes a property value of a workflow command.
func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(Printable(s))
}
