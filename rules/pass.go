package rules

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
)

// Pass is what a rule sees of one scan: the project, and the way to report
// findings. It is the only contract between a rule and the driver.
type Pass struct {
	Rule    *Rule            // the rule being run
	Project *project.Project // the scanned tree, parsed

	mu       sync.Mutex
	findings []Finding
}

// Report records a finding of the pass's rule. It fills what the rule
// left empty: rule ID, title, CWE, severity, confidence (High), the
// Impact/Fix/Mitigation/False-positive text from the rule's Doc, the end
// of the location, the enclosing Python function, and the evidence (the
// source lines of the location). Every text field is redacted
// (RedactFinding).
func (p *Pass) Report(f Finding) {
	r := p.Rule
	f.RuleID = r.ID
	if f.Title == "" {
		f.Title = r.Title
	}
	if f.CWE == 0 {
		f.CWE = r.CWE
	}
	if f.Severity == 0 {
		f.Severity = r.Severity
	}
	if f.Confidence == 0 {
		f.Confidence = HighConfidence
	}
	if f.Impact == "" {
		f.Impact = r.Doc.Impact
	}
	if f.Fix == "" {
		f.Fix = r.Doc.Fix
	}
	if f.Mitigation == "" {
		f.Mitigation = r.Doc.Mitigation
	}
	if f.FalsePositiveNotes == "" {
		f.FalsePositiveNotes = r.Doc.FalsePositives
	}
	if f.Message == "" {
		f.Message = r.Title
	}
	loc := &f.Location
	if loc.EndLine < loc.StartLine {
		loc.EndLine = loc.StartLine
	}
	file := p.Project.File(loc.Path)
	if file != nil {
		if loc.Function == "" && file.AST != nil {
			loc.Function = EnclosingFunction(file.AST, loc.StartLine)
		}
		if f.Evidence == "" {
			f.Evidence = Snippet(file, loc.StartLine, loc.EndLine)
		}
	}
	code := file == nil || file.Kind == project.Python || file.Kind == project.PyConfig
	// The one place every finding passes through: no rule can forget to
	// redact (spec section 0).
	RedactFinding(&f, code)
	p.mu.Lock()
	p.findings = append(p.findings, f)
	p.mu.Unlock()
}

// ReportNode reports a finding located at a Python node of file.
func (p *Pass) ReportNode(file *project.File, n ast.Node, f Finding) {
	f.Location = NodeLocation(file, n)
	p.Report(f)
}

// NodeLocation returns the location of a Python node, with 1-based
// character columns.
func NodeLocation(file *project.File, n ast.Node) Location {
	start, end := n.Pos(), n.End()
	return Location{
		Path:      file.Path,
		StartLine: int(start.Line),
		StartCol:  charCol(file.Line(int(start.Line)), int(start.Col)),
		EndLine:   int(end.Line),
		EndCol:    charCol(file.Line(int(end.Line)), int(end.Col)),
	}
}

// charCol converts a 0-based UTF-8 byte column to a 1-based character
// column.
func charCol(line string, byteCol int) int {
	if byteCol > len(line) {
		byteCol = len(line)
	}
	if byteCol < 0 {
		byteCol = 0
	}
	return len([]rune(line[:byteCol])) + 1
}

// maxSnippetLines bounds the evidence of a multi-line finding.
const maxSnippetLines = 8

// Snippet returns lines start..end of file, trimmed of common leading
// blank space and capped at a few lines (an elision marker says so).
func Snippet(file *project.File, start, end int) string {
	if end < start {
		end = start
	}
	var lines []string
	for n := start; n <= end && n <= file.NumLines(); n++ {
		if len(lines) == maxSnippetLines {
			lines = append(lines, fmt.Sprintf("... (%d more lines)", end-n+1))
			break
		}
		lines = append(lines, file.Line(n))
	}
	return strings.Join(dedent(lines), "\n")
}

func dedent(lines []string) []string {
	indent := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	if indent <= 0 {
		return lines
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		if len(l) >= indent {
			out[i] = l[indent:]
		} else {
			out[i] = strings.TrimLeft(l, " \t")
		}
	}
	return out
}

// EnclosingFunction returns the dotted name ("Class.method", "outer.inner")
// of the innermost function containing line, or "" at module level.
func EnclosingFunction(mod *ast.Module, line int) string {
	var best string
	var walk func(body []ast.Stmt, prefix string)
	walk = func(body []ast.Stmt, prefix string) {
		for _, s := range body {
			if int(s.Pos().Line) > line || int(s.End().Line) < line {
				continue
			}
			switch s := s.(type) {
			case *ast.FunctionDef:
				best = prefix + s.Name
				walk(s.Body, best+".")
			case *ast.AsyncFunctionDef:
				best = prefix + s.Name
				walk(s.Body, best+".")
			case *ast.ClassDef:
				walk(s.Body, prefix+s.Name+".")
			case *ast.If:
				walk(s.Body, prefix)
				walk(s.Orelse, prefix)
			case *ast.Try:
				walk(s.Body, prefix)
				for _, h := range s.Handlers {
					walk(h.Body, prefix)
				}
				walk(s.Orelse, prefix)
				walk(s.Finalbody, prefix)
			case *ast.TryStar:
				walk(s.Body, prefix)
				for _, h := range s.Handlers {
					walk(h.Body, prefix)
				}
				walk(s.Orelse, prefix)
				walk(s.Finalbody, prefix)
			case *ast.With:
				walk(s.Body, prefix)
			case *ast.AsyncWith:
				walk(s.Body, prefix)
			case *ast.Match:
				for _, c := range s.Cases {
					walk(c.Body, prefix)
				}
			case *ast.AsyncFor:
				walk(s.Body, prefix)
				walk(s.Orelse, prefix)
			case *ast.For:
				walk(s.Body, prefix)
				walk(s.Orelse, prefix)
			case *ast.While:
				walk(s.Body, prefix)
				walk(s.Orelse, prefix)
			}
		}
	}
	walk(mod.Body, "")
	return best
}

// Run runs each rule over the project, in parallel, and returns every
// finding sorted by path, line, column and rule ID. A rule that fails or
// panics yields an error naming it; the other rules' findings are kept.
func Run(proj *project.Project, rs []*Rule) ([]Finding, []error) {
	return RunContext(context.Background(), proj, rs)
}

// RunContext is Run under a context: it sets it as the project's context
// (project.SetContext), which the shared analyses check between units of
// work, and starts no rule once it is cancelled. When ctx is cancelled the
// findings returned are incomplete and the caller must drop them.
func RunContext(ctx context.Context, proj *project.Project, rs []*Rule) ([]Finding, []error) {
	proj.SetContext(ctx)
	type result struct {
		findings []Finding
		err      error
	}
	results := make([]result, len(rs))
	// Every rule gets its goroutine at once: rules mostly wait on the
	// shared analyses (project.Cached), and a rule blocked there costs no
	// CPU, so independent analyses (taint, effects, templates) progress
	// side by side instead of queueing behind a bounded semaphore. The Go
	// scheduler still runs at most GOMAXPROCS of them at a time.
	var wg sync.WaitGroup
	for i, r := range rs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ctx.Err() != nil {
				return
			}
			pass := &Pass{Rule: r, Project: proj}
			err := runOne(pass)
			results[i] = result{pass.findings, err}
		}()
	}
	wg.Wait()
	var all []Finding
	var errs []error
	// A failed shared analysis is reported once, naming the rules that
	// needed it and were skipped, not once per rule.
	var failures []*project.AnalysisFailure
	skippedBy := map[*project.AnalysisFailure][]string{}
	for _, res := range results {
		all = append(all, res.findings...)
		var s *skipped
		switch {
		case errors.As(res.err, &s):
			if _, seen := skippedBy[s.failure]; !seen {
				failures = append(failures, s.failure)
			}
			skippedBy[s.failure] = append(skippedBy[s.failure], s.rule)
		case res.err != nil:
			errs = append(errs, res.err)
		}
	}
	for _, f := range failures {
		ids := skippedBy[f]
		sort.Strings(ids)
		errs = append(errs, fmt.Errorf("%w; rules skipped: %s\n%s", f, strings.Join(ids, ", "), f.Stack))
	}
	SortFindings(all)
	return all, errs
}

// skipped is a rule that did not run to the end because a shared analysis
// it needs failed.
type skipped struct {
	rule    string
	failure *project.AnalysisFailure
}

func (s *skipped) Error() string {
	return fmt.Sprintf("rule %s skipped: %v", s.rule, s.failure)
}

func runOne(pass *Pass) (err error) {
	defer func() {
		if v := recover(); v != nil {
			if f, ok := v.(*project.AnalysisFailure); ok {
				err = &skipped{rule: pass.Rule.ID, failure: f}
				return
			}
			err = fmt.Errorf("rule %s panicked: %v\n%s", pass.Rule.ID, v, debug.Stack())
		}
	}()
	if e := pass.Rule.Run(pass); e != nil {
		return fmt.Errorf("rule %s: %w", pass.Rule.ID, e)
	}
	return nil
}

// SortFindings sorts findings by path, line, column, rule ID and message,
// so that output is the same whatever the scheduling.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i].Location, fs[j].Location
		switch {
		case a.Path != b.Path:
			return a.Path < b.Path
		case a.StartLine != b.StartLine:
			return a.StartLine < b.StartLine
		case a.StartCol != b.StartCol:
			return a.StartCol < b.StartCol
		case fs[i].RuleID != fs[j].RuleID:
			return fs[i].RuleID < fs[j].RuleID
		}
		return fs[i].Message < fs[j].Message
	})
}
