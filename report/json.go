package report

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

// JSONVersion is the version of the JSON output's shape (docs/json.md).
// It changes only when a field is renamed or removed.
const JSONVersion = 1

// jsonReport is the top-level object of the json format.
type jsonReport struct {
	Version  int               `json:"version"`
	Tool     jsonTool          `json:"tool"`
	Findings []rules.Finding   `json:"findings"`
	Errors   []scan.Problem    `json:"errors"`
	Skipped  []project.Skipped `json:"skipped"`
	Summary  jsonSummary       `json:"summary"`
}

type jsonTool struct {
	Name         string `json:"name"`
	Version      string `json:"version"`
	AdvisoryDate string `json:"advisory_data_date,omitempty"`
}

type jsonSummary struct {
	Files      int            `json:"files"`
	Rules      int            `json:"rules"`
	Findings   int            `json:"findings"`
	BySeverity map[string]int `json:"by_severity"`
	Hidden     scan.Hidden    `json:"hidden"`
	Errors     int            `json:"errors"`
	Skipped    int            `json:"skipped"`
	DurationMS int64          `json:"duration_ms"`
	// Observations are the runtime probe's summary lines (docs/probe.md);
	// absent for a static scan.
	Observations []string `json:"observations,omitempty"`
}

// JSON writes the result as one JSON object (see docs/json.md). Lists are
// never null; severities are counted under lower-case keys.
func JSON(w io.Writer, res *scan.Result, opts Options) error {
	out := jsonReport{
		Version:  JSONVersion,
		Tool:     jsonTool{Name: "flasksec", Version: opts.Version, AdvisoryDate: opts.AdvisoryDate},
		Findings: res.Findings,
		Errors:   res.Errors,
		Skipped:  res.Skipped,
		Summary: jsonSummary{
			Files: res.Files, Rules: len(res.Rules), Findings: len(res.Findings),
			BySeverity: map[string]int{}, Hidden: res.Hidden,
			Errors: len(res.Errors), Skipped: len(res.Skipped), DurationMS: res.Duration.Milliseconds(),
			Observations: res.Observations,
		},
	}
	if out.Findings == nil {
		out.Findings = []rules.Finding{}
	}
	if out.Errors == nil {
		out.Errors = []scan.Problem{}
	}
	if out.Skipped == nil {
		out.Skipped = []project.Skipped{}
	}
	for _, s := range severityOrder {
		out.Summary.BySeverity[strings.ToLower(s.String())] = res.Counts[s]
	}
	escapeJSONPaths(&out)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("writing json: %w", err)
	}
	return nil
}

// EscapePath returns a path that is not valid UTF-8 in the escaped form
// of the JSON report (docs/json.md): each backslash written \\ and each
// byte that is not part of a valid UTF-8 sequence written \xNN (two
// lower-case hex digits), and true. A valid UTF-8 path is returned as is,
// with false. The form is ASCII-safe where the name was not, and the
// original bytes are recovered by undoing the two escapes.
func EscapePath(p string) (string, bool) {
	if utf8.ValidString(p) {
		return p, false
	}
	var b strings.Builder
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, p[i])
		case r == '\\':
			b.WriteString(`\\`)
		default:
			b.WriteString(p[i : i+size])
		}
		i += size
	}
	return b.String(), true
}

// escapeJSONPaths rewrites the paths of the report that are not valid
// UTF-8 (which encoding/json would replace by U+FFFD, losing the name)
// in the escaped form. It works on copies: the scan result handed to the
// writer is not changed.
func escapeJSONPaths(out *jsonReport) {
	out.Findings = slices.Clone(out.Findings)
	for i := range out.Findings {
		f := &out.Findings[i]
		f.Location.Path, f.Location.PathEscaped = EscapePath(f.Location.Path)
		if len(f.Trace) > 0 {
			f.Trace = slices.Clone(f.Trace)
			for j := range f.Trace {
				f.Trace[j].Path, f.Trace[j].PathEscaped = EscapePath(f.Trace[j].Path)
			}
		}
		if len(f.Related) > 0 {
			f.Related = slices.Clone(f.Related)
			for j := range f.Related {
				f.Related[j].Path, f.Related[j].PathEscaped = EscapePath(f.Related[j].Path)
			}
		}
	}
	out.Errors = slices.Clone(out.Errors)
	for i := range out.Errors {
		out.Errors[i].Path, out.Errors[i].PathEscaped = EscapePath(out.Errors[i].Path)
	}
	out.Skipped = slices.Clone(out.Skipped)
	for i := range out.Skipped {
		out.Skipped[i].Path, out.Skipped[i].PathEscaped = EscapePath(out.Skipped[i].Path)
	}
}
