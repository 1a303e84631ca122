package scan

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/safefile"
)

// BaselineVersion is the format version of baseline files.
const BaselineVersion = 1

// Baseline is a set of accepted findings, matched by fingerprint. Its
// file is JSON:
//
//	{"version": 1, "tool": "flasksec", "findings": [
//	  {"fingerprint": "9f2c...", "rule_id": "FLASK-XSS-001", "path": "app/views.py", "line": 12}]}
//
// Only the fingerprint is used for matching; rule, path and line are there
// for the reader of a diff of the file.
type Baseline struct {
	Version  int             `json:"version"`
	Tool     string          `json:"tool"`
	Findings []BaselineEntry `json:"findings"`

	set map[string]bool
}

// BaselineEntry is one accepted finding.
type BaselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	RuleID      string `json:"rule_id"`
	Path        string `json:"path"`
	Line        int    `json:"line"`
}

// NewBaseline returns the baseline of findings, sorted by path, line and
// rule.
func NewBaseline(fs []rules.Finding) *Baseline {
	b := &Baseline{Version: BaselineVersion, Tool: "flasksec", Findings: []BaselineEntry{}}
	for _, f := range fs {
		b.Findings = append(b.Findings, BaselineEntry{Fingerprint: f.Fingerprint, RuleID: f.RuleID,
			Path: f.Location.Path, Line: f.Location.StartLine})
	}
	sort.SliceStable(b.Findings, func(i, j int) bool {
		a, c := b.Findings[i], b.Findings[j]
		if a.Path != c.Path {
			return a.Path < c.Path
		}
		if a.Line != c.Line {
			return a.Line < c.Line
		}
		if a.RuleID != c.RuleID {
			return a.RuleID < c.RuleID
		}
		return a.Fingerprint < c.Fingerprint
	})
	return b
}

// ReadBaseline reads a baseline file.
func ReadBaseline(path string) (*Baseline, error) {
	raw, err := readRegular(path, maxBaselineSize)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("baseline %s: no such file (write one with `flasksec baseline`)", path)
		}
		return nil, fmt.Errorf("reading baseline %s: %w", path, unwrapPath(err))
	}
	var b Baseline
	if err := json.Unmarshal(raw, &b); err != nil {
		return nil, fmt.Errorf("baseline %s: not a flasksec baseline: %v", path, err)
	}
	if b.Version != BaselineVersion || b.Tool != "flasksec" {
		return nil, fmt.Errorf("baseline %s: not a flasksec baseline of version %d", path, BaselineVersion)
	}
	b.set = make(map[string]bool, len(b.Findings))
	for i, e := range b.Findings {
		if e.Fingerprint == "" {
			return nil, fmt.Errorf("baseline %s: finding %d has no fingerprint", path, i)
		}
		b.set[e.Fingerprint] = true
	}
	return &b, nil
}

// Has reports whether the baseline holds the fingerprint; a nil baseline
// holds nothing.
func (b *Baseline) Has(fingerprint string) bool {
	if b == nil {
		return false
	}
	if b.set == nil {
		b.set = map[string]bool{}
		for _, e := range b.Findings {
			b.set[e.Fingerprint] = true
		}
	}
	return b.set[fingerprint]
}

// Write writes the baseline to path, atomically: to a temporary file in
// the same folder, renamed over path once complete.
func (b *Baseline) Write(path string) error {
	out, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding baseline: %w", err)
	}
	return WriteFileAtomic(path, append(out, '\n'))
}

// maxBaselineSize is the largest baseline file read.
const maxBaselineSize = 256 << 20

// readRegular reads the file at path, following links (the user named
// it), when it is a regular file of at most limit bytes: a named pipe or a
// device given by mistake is an error, not a hang.
func readRegular(path string, limit int64) ([]byte, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, err
	}
	return safefile.Read(real, limit, nil)
}
