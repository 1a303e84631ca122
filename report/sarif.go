package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/flasksec/flasksec/fixes"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

// SARIFVersion is the SARIF version written.
const SARIFVersion = "2.1.0"

// sarifSchema is the URI of the SARIF 2.1.0 schema, written as $schema.
const sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// SecuritySeverity is the CVSS-like score GitHub code scanning reads from
// a rule's properties["security-severity"] to rank alerts.
func SecuritySeverity(s rules.Severity) string {
	switch s {
	case rules.Critical:
		return "9.5"
	case rules.High:
		return "8.0"
	case rules.Medium:
		return "5.5"
	}
	return "3.0"
}

// sarifLevel maps a severity to a SARIF result level.
func sarifLevel(s rules.Severity) string {
	switch s {
	case rules.Critical, rules.High:
		return "error"
	case rules.Medium:
		return "warning"
	}
	return "note"
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool              sarifTool                 `json:"tool"`
	Invocations       []sarifInvocation         `json:"invocations"`
	OriginalURIBaseID map[string]sarifArtifactL `json:"originalUriBaseIds,omitempty"`
	Results           []sarifResult             `json:"results"`
	ColumnKind        string                    `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name"`
	ShortDescription     sarifText       `json:"shortDescription"`
	FullDescription      sarifText       `json:"fullDescription"`
	Help                 sarifMultiText  `json:"help"`
	DefaultConfiguration sarifConfig     `json:"defaultConfiguration"`
	Properties           sarifRuleProps  `json:"properties"`
	Relationships        []sarifRelation `json:"relationships,omitempty"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifMultiText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	SecuritySeverity string   `json:"security-severity"`
	Severity         string   `json:"severity"`
	Tags             []string `json:"tags"`
	Spec             string   `json:"spec"`
	Category         string   `json:"category"`
}

type sarifRelation struct {
	Target sarifRelTarget `json:"target"`
	Kinds  []string       `json:"kinds"`
}

type sarifRelTarget struct {
	ID            string            `json:"id"`
	ToolComponent sarifComponentRef `json:"toolComponent"`
}

type sarifComponentRef struct {
	Name string `json:"name"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	CodeFlows           []sarifCodeFlow   `json:"codeFlows,omitempty"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
	Properties          sarifResultProps  `json:"properties"`
}

// sarifFix is a finding's fix: edits by byte offset, as fixes.Edit.
type sarifFix struct {
	Description     sarifText           `json:"description"`
	ArtifactChanges []sarifArtifactEdit `json:"artifactChanges"`
	Properties      sarifFixProps       `json:"properties"`
}

type sarifFixProps struct {
	Applicability string `json:"applicability"` // safe, unsafe or display-only
}

type sarifArtifactEdit struct {
	ArtifactLocation sarifArtifactL     `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifByteRegion `json:"deletedRegion"`
	InsertedContent *sarifText      `json:"insertedContent,omitempty"`
}

type sarifByteRegion struct {
	ByteOffset int `json:"byteOffset"`
	ByteLength int `json:"byteLength"`
}

type sarifResultProps struct {
	Severity   string `json:"severity"`
	Confidence string `json:"confidence"`
	Route      string `json:"route,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical  `json:"physicalLocation"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
	Message          *sarifText     `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactL `json:"artifactLocation"`
	Region           *sarifRegion   `json:"region,omitempty"`
}

type sarifArtifactL struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int        `json:"startLine"`
	StartColumn int        `json:"startColumn,omitempty"`
	EndLine     int        `json:"endLine,omitempty"`
	EndColumn   int        `json:"endColumn,omitempty"`
	Snippet     *sarifText `json:"snippet,omitempty"`
}

type sarifLogical struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifCodeFlow struct {
	ThreadFlows []sarifThreadFlow `json:"threadFlows"`
}

type sarifThreadFlow struct {
	Locations []sarifThreadLoc `json:"locations"`
}

type sarifThreadLoc struct {
	Location sarifLocation `json:"location"`
}

// SARIF writes the result as a SARIF 2.1.0 log that GitHub code scanning
// accepts: the rules that ran (with help text from their documentation and
// a security-severity), one result per finding with its location, a code
// flow for data-flow traces and the finding's fingerprint as a partial
// fingerprint; scan errors become tool execution notifications.
func SARIF(w io.Writer, res *scan.Result, opts Options) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{Name: "flasksec", Version: opts.Version,
			InformationURI: "https://github.com/flasksec/flasksec", Rules: []sarifRule{}}},
		Results:    []sarifResult{},
		ColumnKind: "unicodeCodePoints",
	}
	if res.Root != "" {
		root := filepath.ToSlash(res.Root)
		if !strings.HasSuffix(root, "/") {
			root += "/"
		}
		if !strings.HasPrefix(root, "/") {
			root = "/" + root // Windows drive paths
		}
		u := url.URL{Scheme: "file", Path: root}
		run.OriginalURIBaseID = map[string]sarifArtifactL{"%SRCROOT%": {URI: u.String()}}
	}
	index := map[string]int{}
	for i, r := range res.Rules {
		index[r.ID] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(r))
	}
	for _, f := range res.Findings {
		i, ok := index[f.RuleID]
		if !ok {
			return fmt.Errorf("sarif: finding of rule %s, which did not run", f.RuleID)
		}
		run.Results = append(run.Results, sarifResultOf(f, i))
	}
	inv := sarifInvocation{ExecutionSuccessful: true}
	for _, e := range res.Errors {
		n := sarifNotification{Level: "error", Message: sarifText{Text: e.Message + " (" + e.Kind + ")"}}
		if e.Kind == "suppression" {
			n.Level = "warning"
		}
		if e.Path != "" {
			loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: artifact(e.Path)}}
			if e.Line > 0 {
				loc.PhysicalLocation.Region = &sarifRegion{StartLine: e.Line, StartColumn: e.Col}
			}
			n.Locations = []sarifLocation{loc}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	run.Invocations = []sarifInvocation{inv}
	log := sarifLog{Schema: sarifSchema, Version: SARIFVersion, Runs: []sarifRun{run}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("writing sarif: %w", err)
	}
	return nil
}

func sarifRuleOf(r *rules.Rule) sarifRule {
	tags := []string{"security", "flask", fmt.Sprintf("external/cwe/cwe-%d", r.CWE)}
	return sarifRule{
		ID:                   r.ID,
		Name:                 ruleName(r.ID),
		ShortDescription:     sarifText{Text: r.Title},
		FullDescription:      sarifText{Text: oneParagraph(r.Doc.What)},
		Help:                 sarifMultiText{Text: RuleText(r), Markdown: RuleMarkdown(r)},
		DefaultConfiguration: sarifConfig{Level: sarifLevel(r.Severity)},
		Properties: sarifRuleProps{SecuritySeverity: SecuritySeverity(r.Severity), Severity: r.Severity.String(),
			Tags: tags, Spec: r.Spec, Category: r.Category.String()},
	}
}

// ruleName turns "FLASK-XSS-001" into "FlaskXss001", the form SARIF
// viewers show as a rule's name.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + strings.ToLower(part[1:]))
	}
	return b.String()
}

func oneParagraph(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func artifact(path string) sarifArtifactL {
	u := url.URL{Path: path}
	return sarifArtifactL{URI: u.String(), URIBaseID: "%SRCROOT%"}
}

func sarifResultOf(f rules.Finding, ruleIndex int) sarifResult {
	loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: artifact(f.Location.Path)}}
	if l := f.Location; l.StartLine > 0 {
		reg := &sarifRegion{StartLine: l.StartLine, StartColumn: l.StartCol}
		if l.EndLine >= l.StartLine {
			reg.EndLine = l.EndLine
		}
		if l.EndCol > 0 && (l.EndLine > l.StartLine || l.EndCol > l.StartCol) {
			reg.EndColumn = l.EndCol
		}
		if f.Evidence != "" {
			reg.Snippet = &sarifText{Text: f.Evidence}
		}
		loc.PhysicalLocation.Region = reg
	}
	if f.Location.Function != "" {
		loc.LogicalLocations = []sarifLogical{{FullyQualifiedName: f.Location.Function, Kind: "function"}}
	}
	msg := f.Message
	if f.Location.Route != "" {
		msg += " (route " + f.Location.Route + ")"
	}
	out := sarifResult{
		RuleID: f.RuleID, RuleIndex: ruleIndex, Level: sarifLevel(f.Severity),
		Message:             sarifText{Text: msg},
		Locations:           []sarifLocation{loc},
		PartialFingerprints: map[string]string{"flasksecFingerprint/v1": f.Fingerprint},
		Properties: sarifResultProps{Severity: f.Severity.String(), Confidence: f.Confidence.String(),
			Route: f.Location.Route},
	}
	if len(f.Trace) > 0 {
		var steps []sarifThreadLoc
		for _, s := range f.Trace {
			l := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: artifact(s.Path)},
				Message: &sarifText{Text: s.Note}}
			if s.Line > 0 {
				l.PhysicalLocation.Region = &sarifRegion{StartLine: s.Line, StartColumn: s.Col}
			}
			steps = append(steps, sarifThreadLoc{Location: l})
		}
		out.CodeFlows = []sarifCodeFlow{{ThreadFlows: []sarifThreadFlow{{Locations: steps}}}}
	}
	for _, r := range f.Related {
		l := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: artifact(r.Path)},
			Message: &sarifText{Text: r.Note}}
		if r.Line > 0 {
			l.PhysicalLocation.Region = &sarifRegion{StartLine: r.Line}
		}
		out.RelatedLocations = append(out.RelatedLocations, l)
	}
	out.Fixes = sarifFixesOf(f.Fixes)
	return out
}

// sarifFixesOf converts a finding's fixes: one artifactChange per file,
// in the order the file first appears in the edits.
func sarifFixesOf(fs []fixes.Fix) []sarifFix {
	var out []sarifFix
	for _, fx := range fs {
		sf := sarifFix{Description: sarifText{Text: fx.Message}, Properties: sarifFixProps{Applicability: string(fx.Applicability)}}
		at := map[string]int{}
		for _, e := range fx.Edits {
			i, ok := at[e.Path]
			if !ok {
				i = len(sf.ArtifactChanges)
				at[e.Path] = i
				sf.ArtifactChanges = append(sf.ArtifactChanges, sarifArtifactEdit{ArtifactLocation: artifact(e.Path)})
			}
			r := sarifReplacement{DeletedRegion: sarifByteRegion{ByteOffset: e.Start, ByteLength: e.End - e.Start}}
			if e.Text != "" {
				r.InsertedContent = &sarifText{Text: e.Text}
			}
			sf.ArtifactChanges[i].Replacements = append(sf.ArtifactChanges[i].Replacements, r)
		}
		if len(sf.ArtifactChanges) > 0 {
			out = append(out, sf)
		}
	}
	return out
}
