package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

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
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("writing json: %w", err)
	}
	return nil
}
