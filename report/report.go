// Package report turns a scan.Result into the formats users and CI read:
// text (the spec's section 2.3 layout, for people), concise (one line per
// finding), github (workflow-command annotations), json (the public
// contract, docs/json.md), sarif (2.1.0, for code-scanning services),
// markdown (for pull-request comments) and html (a stand-alone page).
//
// Formatters are a table (name to function), not a chain of ifs: adding a
// format is adding a line to formatters.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

// Options are the settings every formatter receives.
type Options struct {
	// Version is flasksec's version, written into json and sarif output.
	Version string
	// AdvisoryDate is the date of the embedded advisory data
	// (deps.AdvisoryDataDate, "2006-01-02"), written into json and sarif
	// output; "" leaves it out.
	AdvisoryDate string
	// Color turns on ANSI colours in the text format (the CLI sets it only
	// when writing to a terminal and NO_COLOR is not set).
	Color bool
	// GroupBy groups the findings of the human formats (text): "area"
	// (the spec's audit order; "" is the same), "severity", "rule" or
	// "file". See GroupBys.
	GroupBy string
	// Width is the column at which the text format wraps paragraphs (the
	// terminal's width); 0 means 100.
	Width int
}

// Formatter writes a result in one format.
type Formatter func(w io.Writer, res *scan.Result, opts Options) error

// formatters is the table of output formats. It is never modified.
var formatters = map[string]Formatter{
	"text":     Text,
	"json":     JSON,
	"sarif":    SARIF,
	"markdown": Markdown,
	"concise":  Concise,
	"github":   GitHub,
	"html":     HTML,
}

// Lookup returns the formatter called name.
func Lookup(name string) (Formatter, error) {
	f, ok := formatters[strings.ToLower(name)]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want %s)", name, strings.Join(Names(), ", "))
	}
	return f, nil
}

// Names returns the format names, sorted.
func Names() []string {
	out := make([]string, 0, len(formatters))
	for n := range formatters {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// ruleIndex maps rule IDs to the rules of a result.
func ruleIndex(res *scan.Result) map[string]*rules.Rule {
	m := make(map[string]*rules.Rule, len(res.Rules))
	for _, r := range res.Rules {
		m[r.ID] = r
	}
	return m
}

// severityOrder lists the severities from the worst.
var severityOrder = []rules.Severity{rules.Critical, rules.High, rules.Medium, rules.Low}

// countLine says "3 findings (1 critical, 2 high)" or "no findings".
func countLine(res *scan.Result) string {
	n := len(res.Findings)
	if n == 0 {
		return "no findings"
	}
	var parts []string
	for _, s := range severityOrder {
		if c := res.Counts[s]; c > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c, strings.ToLower(s.String())))
		}
	}
	return fmt.Sprintf("%d %s (%s)", n, plural(n, "finding", "findings"), strings.Join(parts, ", "))
}

// hiddenLine says what was hidden, or "".
func hiddenLine(h scan.Hidden) string {
	var parts []string
	for _, p := range []struct {
		n    int
		what string
	}{{h.Suppressed, "suppressed inline"}, {h.Filtered, "below the --severity/--confidence threshold"},
		{h.Baseline, "in the baseline"}, {h.Diff, "outside the --diff"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "hidden: " + strings.Join(parts, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
