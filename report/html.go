package report

import (
	"bufio"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

//go:embed htmlassets/report.html.tmpl
var htmlTemplateText string

//go:embed htmlassets/report.css
var htmlCSS string

//go:embed htmlassets/report.js
var htmlJS string

// htmlTemplate is the page of the html format; everything from scanned
// code or messages goes through html/template's contextual escaping.
var htmlTemplate = template.Must(template.New("report").Parse(htmlTemplateText))

// HTMLPolicy is the Content-Security-Policy of the html report: nothing
// is loaded from anywhere (no network, no other file); only the page's
// own inline style and script run, pinned by their SHA-256 hashes.
var HTMLPolicy = "default-src 'none'; style-src " + cspHash(htmlCSS) +
	"; script-src " + cspHash(htmlJS) + "; img-src data:; base-uri 'none'; form-action 'none'"

func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// severityColors are the bar colours of the severity chart.
var severityColors = map[rules.Severity]string{
	rules.Critical: "#7a0019", rules.High: "#d9480f", rules.Medium: "#e0a800", rules.Low: "#4a78b5",
}

// htmlPage is the data of htmlTemplate.
type htmlPage struct {
	CSP, Version, AdvisoryDate string
	CSS                        template.CSS
	JS                         template.JS
	Files                      int
	Summary, Hidden            string
	Errors                     []string
	BySeverity, ByArea         htmlChart
	RuleIDs, Severities        []string
	Findings                   []htmlFinding
}

// htmlChart is a horizontal bar chart drawn as inline SVG.
type htmlChart struct {
	Title         string
	Width, Height int
	Bars          []htmlBar
}

// htmlBar is one bar of an htmlChart, its geometry computed in Go so the
// template needs no arithmetic.
type htmlBar struct {
	Label, Color          string
	N, X, Y, W, NX, TextY int
}

// htmlFinding is one finding as the page shows it.
type htmlFinding struct {
	Anchor, RuleID, Title, Severity, Confidence, Path, Loc string
	Route, Function, Message                               string
	CWE                                                    int
	Code                                                   []htmlLine
	Trace, Related                                         []htmlStep
	Impact, Fix, Mitigation, FalsePositive                 string
}

// htmlLine is a line of evidence; Hit marks the finding's own lines.
type htmlLine struct {
	No   int
	Text string
	Hit  bool
}

// htmlStep is a trace step or a related location.
type htmlStep struct{ Loc, Note string }

// HTML writes a stand-alone HTML page: one file with its style and script
// inline, loading nothing (a strict Content-Security-Policy forbids it),
// with a chart of the findings by severity and by area, the findings
// filterable by rule, severity and file (also from the URL fragment,
// "#rule=FLASK-XSS-001&severity=High&file=views.py"), the evidence lines
// numbered and highlighted, and traces as numbered steps. Text from the
// scanned code is escaped by html/template; evidence is already redacted.
func HTML(w io.Writer, res *scan.Result, opts Options) error {
	page := htmlPage{
		CSP: HTMLPolicy, Version: opts.Version, AdvisoryDate: opts.AdvisoryDate,
		CSS: template.CSS(htmlCSS), JS: template.JS(htmlJS),
		Files: res.Files, Summary: countLine(res), Hidden: hiddenLine(res.Hidden),
	}
	for _, e := range res.Errors {
		loc := "flasksec"
		if e.Path != "" {
			loc = conciseLoc(e.Path, e.Line, e.Col)
		}
		page.Errors = append(page.Errors, fmt.Sprintf("%s: %s (%s)", loc, oneLine(e.Message), e.Kind))
	}
	byID := ruleIndex(res)
	ruleSet := map[string]bool{}
	sevCount := map[rules.Severity]int{}
	areaCount := map[string]int{}
	areaOrder := map[string]int{}
	for i, f := range res.Findings {
		ruleSet[f.RuleID] = true
		sevCount[f.Severity]++
		area, order := "Other findings", int(rules.CatSupply)+1
		if r := byID[f.RuleID]; r != nil && r.Category != 0 {
			area, order = r.Category.String(), int(r.Category)
		}
		areaCount[area]++
		areaOrder[area] = order
		page.Findings = append(page.Findings, htmlFindingOf(i, f))
	}
	for id := range ruleSet {
		page.RuleIDs = append(page.RuleIDs, id)
	}
	sort.Strings(page.RuleIDs)
	var sevBars []barData
	for _, s := range severityOrder {
		page.Severities = append(page.Severities, s.String())
		sevBars = append(sevBars, barData{s.String(), severityColors[s], sevCount[s]})
	}
	areas := make([]string, 0, len(areaCount))
	for a := range areaCount {
		areas = append(areas, a)
	}
	sort.Slice(areas, func(i, j int) bool {
		if areaOrder[areas[i]] != areaOrder[areas[j]] {
			return areaOrder[areas[i]] < areaOrder[areas[j]]
		}
		return areas[i] < areas[j]
	})
	var areaBars []barData
	for _, a := range areas {
		areaBars = append(areaBars, barData{a, "#5b6b8c", areaCount[a]})
	}
	page.BySeverity = chart("Findings by severity", sevBars)
	page.ByArea = chart("Findings by area", areaBars)

	bw := bufio.NewWriter(w)
	if err := htmlTemplate.Execute(bw, page); err != nil {
		return fmt.Errorf("writing html report: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	return nil
}

type barData struct {
	label, color string
	n            int
}

// chart lays out bars: labels on the left, bars scaled to the largest.
func chart(title string, bars []barData) htmlChart {
	const labelW, barMax, rowH = 250, 220, 20
	maxN := 1
	for _, b := range bars {
		maxN = max(maxN, b.n)
	}
	c := htmlChart{Title: title, Width: labelW + barMax + 40, Height: max(rowH, len(bars)*rowH)}
	for i, b := range bars {
		w := b.n * barMax / maxN
		if b.n > 0 {
			w = max(w, 2)
		}
		y := i * rowH
		c.Bars = append(c.Bars, htmlBar{Label: truncate(b.label, 38), Color: b.color, N: b.n,
			X: labelW, Y: y + 3, W: w, NX: labelW + w + 6, TextY: y + 14})
	}
	return c
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// htmlFindingOf turns the i-th finding into what the page shows.
func htmlFindingOf(i int, f rules.Finding) htmlFinding {
	l := f.Location
	hf := htmlFinding{
		Anchor: "f" + strconv.Itoa(i+1), RuleID: f.RuleID, Title: Printable(f.Title),
		Severity: f.Severity.String(), Confidence: f.Confidence.String(),
		Path: Printable(l.Path), Loc: conciseLoc(l.Path, l.StartLine, l.StartCol),
		Route: Printable(l.Route), Function: Printable(l.Function), Message: Printable(f.Message), CWE: f.CWE,
		Impact: printableText(f.Impact), Fix: printableText(f.Fix), Mitigation: printableText(f.Mitigation),
		FalsePositive: printableText(f.FalsePositiveNotes),
		Code:          evidenceLines(f),
	}
	for _, s := range f.Trace {
		hf.Trace = append(hf.Trace, htmlStep{conciseLoc(s.Path, s.Line, s.Col), Printable(s.Note)})
	}
	for _, r := range f.Related {
		hf.Related = append(hf.Related, htmlStep{conciseLoc(r.Path, r.Line, 0), Printable(r.Note)})
	}
	return hf
}

// evidenceLines numbers the evidence from the finding's start line and
// marks the lines of its span (an elision marker has no number).
func evidenceLines(f rules.Finding) []htmlLine {
	ev := strings.TrimRight(f.Evidence, "\n")
	if ev == "" {
		return nil
	}
	start, end := f.Location.StartLine, max(f.Location.EndLine, f.Location.StartLine)
	var out []htmlLine
	lines := strings.Split(ev, "\n")
	for i, text := range lines {
		text = strings.TrimSuffix(text, "\r")
		ln := htmlLine{Text: Printable(text)}
		elision := i == len(lines)-1 && i > 0 && strings.HasPrefix(text, "... (") && strings.HasSuffix(text, " more lines)")
		if start > 0 && !elision {
			ln.No = start + i
			ln.Hit = ln.No <= end
		}
		out = append(out, ln)
	}
	return out
}
