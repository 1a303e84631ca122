package report

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

// Concise writes one line per finding, as Ruff, flake8 and compilers do,
// so that editors and terminals can jump to it:
//
//	app/views.py:12:5: FLASK-XSS-001 [High] request data reaches Markup()
//
// then one line per scan error ("path:line:col: error: message (kind)")
// and the summary line. Findings keep the result's order (path, line);
// Options.GroupBy "severity" or "rule" sorts them that way instead.
func Concise(w io.Writer, res *scan.Result, opts Options) error {
	if err := CheckGroupBy(opts.GroupBy); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fs := append([]rules.Finding(nil), res.Findings...)
	switch opts.GroupBy {
	case "severity":
		sort.SliceStable(fs, func(i, j int) bool { return fs[i].Severity > fs[j].Severity })
	case "rule":
		sort.SliceStable(fs, func(i, j int) bool { return fs[i].RuleID < fs[j].RuleID })
	}
	for _, f := range fs {
		fmt.Fprintf(bw, "%s: %s [%s] %s\n", conciseLoc(f.Location.Path, f.Location.StartLine, f.Location.StartCol),
			f.RuleID, f.Severity, oneLine(f.Message))
	}
	for _, e := range res.Errors {
		loc := e.Path
		if loc == "" {
			loc = "flasksec"
		} else {
			loc = conciseLoc(e.Path, e.Line, e.Col)
		}
		fmt.Fprintf(bw, "%s: error: %s (%s)\n", loc, oneLine(e.Message), e.Kind)
	}
	fmt.Fprintln(bw, summaryLine(res, 0))
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	return nil
}

// conciseLoc is "path:line:col", leaving out a missing line or column.
func conciseLoc(path string, line, col int) string {
	s := Printable(path)
	if line > 0 {
		s += fmt.Sprintf(":%d", line)
		if col > 0 {
			s += fmt.Sprintf(":%d", col)
		}
	}
	return s
}

// oneLine is Printable(s): a message on one line, its breaks escaped.
func oneLine(s string) string { return Printable(strings.TrimSpace(s)) }

// Statistics writes the number of findings of each rule, most first, as
// Ruff's --statistics does:
//
//	3  FLASK-XSS-001     High      XSS: untrusted data reaches HTML unescaped
//
// then the summary line.
func Statistics(w io.Writer, res *scan.Result, opts Options) error {
	type row struct {
		id, title string
		sev       rules.Severity
		n         int
	}
	idx := map[string]int{}
	var rows []row
	for _, f := range res.Findings {
		i, ok := idx[f.RuleID]
		if !ok {
			i = len(rows)
			idx[f.RuleID] = i
			rows = append(rows, row{id: f.RuleID, title: f.Title, sev: f.Severity})
		}
		rows[i].n++
		rows[i].sev = max(rows[i].sev, f.Severity)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].n != rows[j].n {
			return rows[i].n > rows[j].n
		}
		return rows[i].id < rows[j].id
	})
	bw := bufio.NewWriter(w)
	idW := len("RULE")
	for _, r := range rows {
		idW = max(idW, len(r.id))
	}
	for _, r := range rows {
		fmt.Fprintf(bw, "%4d  %-*s  %-8s  %s\n", r.n, idW, r.id, r.sev, Printable(r.title))
	}
	fmt.Fprintln(bw, summaryLine(res, 0))
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	return nil
}
