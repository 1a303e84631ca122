package lsp

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

// diagnosticSource is the source of every diagnostic the server
// publishes.
const diagnosticSource = "flasksec"

// Codes of the diagnostics that are not findings.
const (
	codeSyntax      = "syntax"      // a file that does not parse
	codeRead        = "read"        // a file that cannot be read or decoded
	codeSuppression = "suppression" // a suppression comment with a problem
	codeSkipped     = "skipped"     // an open file not analysed (too large, binary, ...)
)

// view is what one analysis shows: the diagnostics of each file, by URI,
// with the findings behind them for hover.
type view struct {
	files map[string]*fileView
}

// fileView is one file's diagnostics.
type fileView struct {
	rel     string
	version *int // the open document's version analysed; nil for files not open
	diags   []Diagnostic
	// findings[i] is the finding behind diags[i]; nil for diagnostics
	// that are not findings (syntax errors, suppression problems).
	findings []*rules.Finding
}

// converter turns findings and scan problems into diagnostics of the
// files of one analysed project.
type converter struct {
	enc     posEncoding
	proj    *project.Project
	related bool                    // the client shows relatedInformation
	uriOf   func(rel string) string // the URI of a project path
}

// line returns the text of 1-based line n of the project file rel.
func (c *converter) line(rel string, n int) string {
	if f := c.proj.File(rel); f != nil {
		return f.Line(n)
	}
	return ""
}

// findingRange converts a finding's location. Lines and columns are
// 1-based, columns counted in characters, and an end column is exclusive;
// a column of 0 is unknown. A location with no end column and a start
// column of 0 or 1 means the whole line: the range starts at its first
// non-blank character. A location with no end column ends at the end of
// its last line.
func (c *converter) findingRange(loc rules.Location) Range {
	sl := max(loc.StartLine, 1)
	el := max(loc.EndLine, sl)
	startText, endText := c.line(loc.Path, sl), c.line(loc.Path, el)
	r := Range{Start: Position{Line: sl - 1}, End: Position{Line: el - 1}}
	if loc.StartCol <= 0 || (loc.EndCol <= 0 && loc.StartCol == 1) {
		r.Start.Character = c.enc.units(leadingBlank(startText))
	} else {
		r.Start.Character = c.enc.fromRunes(startText, loc.StartCol-1)
	}
	if loc.EndCol <= 0 {
		r.End.Character = c.enc.units(strings.TrimRight(endText, " \t"))
	} else {
		r.End.Character = c.enc.fromRunes(endText, loc.EndCol-1)
	}
	if r.End.before(r.Start) {
		r.End = r.Start
	}
	return r
}

// leadingBlank returns the blank space that starts s.
func leadingBlank(s string) string {
	return s[:len(s)-len(strings.TrimLeft(s, " \t"))]
}

// findingSeverity maps a finding's severity to the diagnostic's.
func findingSeverity(s rules.Severity) int {
	switch s {
	case rules.Critical, rules.High:
		return severityError
	case rules.Medium:
		return severityWarning
	}
	return severityInformation
}

// finding converts one finding. Its message and trace notes were
// redacted when the rule reported it.
func (c *converter) finding(f *rules.Finding) Diagnostic {
	msg := fmt.Sprintf("%s (severity: %s, confidence: %s)", f.Message, f.Severity, f.Confidence)
	d := Diagnostic{
		Range:    c.findingRange(f.Location),
		Severity: findingSeverity(f.Severity),
		Code:     f.RuleID,
		Source:   diagnosticSource,
		Data:     &diagnosticData{Line: f.Location.StartLine, Fingerprint: f.Fingerprint},
	}
	var trace []string
	for _, st := range f.Trace {
		path := st.Path
		if path == "" {
			path = f.Location.Path
		}
		if c.related {
			text := c.line(path, st.Line)
			start := c.enc.units(leadingBlank(text))
			if st.Col > 0 {
				start = c.enc.fromRunes(text, st.Col-1)
			}
			end := max(start, c.enc.units(strings.TrimRight(text, " \t")))
			line := max(st.Line-1, 0)
			d.RelatedInformation = append(d.RelatedInformation, DiagnosticRelatedInformation{
				Location: Location{URI: c.uriOf(path), Range: Range{Start: Position{line, start}, End: Position{line, end}}},
				Message:  st.Note,
			})
		} else {
			trace = append(trace, fmt.Sprintf("  %s:%d: %s", path, st.Line, st.Note))
		}
	}
	if len(trace) > 0 {
		msg += "\ntrace:\n" + strings.Join(trace, "\n")
	}
	d.Message = msg
	return d
}

// problem converts a scan problem about a file into a diagnostic; ok is
// false for problems that belong to no file (a failing rule).
func (c *converter) problem(p scan.Problem) (d Diagnostic, ok bool) {
	if p.Path == "" {
		return d, false
	}
	d.Source = diagnosticSource
	d.Message = rules.RedactProse(p.Message)
	switch p.Kind {
	case "parse":
		d.Severity, d.Code = severityError, codeSyntax
	case "read":
		d.Severity, d.Code = severityError, codeRead
	case "suppression":
		d.Severity, d.Code = severityInformation, codeSuppression
	default:
		d.Severity, d.Code = severityWarning, p.Kind
	}
	line := max(p.Line, 1)
	text := c.line(p.Path, line)
	var col int
	switch {
	case p.Col <= 0:
		col = c.enc.units(leadingBlank(text))
	case p.Kind == "parse" && c.isPython(p.Path):
		// Python syntax and decoding errors count columns in bytes.
		col = c.enc.fromBytes(text, p.Col-1)
	default:
		col = c.enc.fromRunes(text, p.Col-1)
	}
	end := col
	if rest := text[c.enc.toBytes(text, col):]; rest != "" {
		_, size := utf8.DecodeRuneInString(rest)
		end = col + c.enc.units(rest[:size])
	}
	d.Range = Range{Start: Position{line - 1, col}, End: Position{line - 1, end}}
	return d, true
}

func (c *converter) isPython(rel string) bool {
	f := c.proj.File(rel)
	return f != nil && f.Kind == project.Python
}

// placeholderRE finds a suppression whose reason is still the code
// action's placeholder.
var placeholderRE = regexp.MustCompile(`flasksec:\s*ignore\[[^\]]*\]\s*` + regexp.QuoteMeta(reasonPlaceholder))

// placeholders returns a diagnostic for each suppression of an open
// document whose reason is still the placeholder the quick fix inserts.
func (c *converter) placeholders(text string) []Diagnostic {
	if !strings.Contains(text, reasonPlaceholder) {
		return nil
	}
	var out []Diagnostic
	starts := lineStarts(text)
	for n := range starts {
		line := lineAt(text, starts, n)
		loc := placeholderRE.FindStringIndex(line)
		if loc == nil {
			continue
		}
		out = append(out, Diagnostic{
			Range:    Range{Start: Position{n, c.enc.fromBytes(line, loc[0])}, End: Position{n, c.enc.fromBytes(line, loc[1])}},
			Severity: severityInformation,
			Code:     codeSuppression,
			Source:   diagnosticSource,
			Message:  "this suppression's reason is still a placeholder: say why the finding is safe here",
		})
	}
	return out
}

// buildView converts an analysis result into diagnostics per URI. docs
// are the open documents analysed, by project path: each gets an entry,
// even without diagnostics, so that its new version is acknowledged.
func buildView(res *scan.Result, c *converter, docs map[string]*document) *view {
	v := &view{files: map[string]*fileView{}}
	get := func(rel string) *fileView {
		uri := c.uriOf(rel)
		fv := v.files[uri]
		if fv == nil {
			fv = &fileView{rel: rel, diags: []Diagnostic{}}
			if d := docs[rel]; d != nil {
				ver := d.version
				fv.version = &ver
			}
			v.files[uri] = fv
		}
		return fv
	}
	for rel := range docs {
		get(rel)
	}
	for _, p := range res.Errors {
		if d, ok := c.problem(p); ok {
			fv := get(p.Path)
			fv.diags = append(fv.diags, d)
			fv.findings = append(fv.findings, nil)
		}
	}
	for _, sk := range res.Skipped {
		// An open document that was not analysed says so, rather than
		// showing no diagnostics as a clean file would.
		if docs[sk.Path] != nil {
			fv := get(sk.Path)
			fv.diags = append(fv.diags, Diagnostic{Severity: severityInformation, Code: codeSkipped, Source: diagnosticSource,
				Message: "flasksec did not analyse this file: " + sk.Reason})
			fv.findings = append(fv.findings, nil)
		}
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		fv := get(f.Location.Path)
		fv.diags = append(fv.diags, c.finding(f))
		fv.findings = append(fv.findings, f)
	}
	for rel, d := range docs {
		for _, pd := range c.placeholders(d.text) {
			fv := get(rel)
			fv.diags = append(fv.diags, pd)
			fv.findings = append(fv.findings, nil)
		}
	}
	return v
}
