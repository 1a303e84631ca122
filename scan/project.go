package scan

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/flasksec/flasksec/config"
	"github.com/flasksec/flasksec/deps"
	"github.com/flasksec/flasksec/fix"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/templates"
)

// Prepared is a scan whose configuration is loaded and whose rules are
// chosen, ready to analyse any number of versions of the project: the
// tree on disk (Load), or trees built in memory from it, such as the
// language server's view with the editor's unsaved buffers. Analyze runs
// the same steps, in the same order, as Run; only the --diff filter is
// not available, since it describes one state of the files on disk.
type Prepared struct {
	Root   string         // the scan root as given ("." when Options.Root is "")
	Config *config.Config // the configuration, with Options.Exclude added
	Rules  []*rules.Rule  // the selected rules, sorted by ID

	opts    Options
	base    *Baseline
	changed *ChangedLines // lines changed since --diff REV (Run only)
	start   time.Time     // when Run started, for Result.Duration; zero: when Analyze starts
}

// Prepare does the steps of Run that do not depend on the files'
// contents: it checks the root, loads the configuration, selects the
// rules, checks the severity overrides and reads the baseline. Its errors
// are those of Run. Options.Diff is not supported and is an error.
func Prepare(opts Options) (*Prepared, error) {
	if opts.Diff != "" {
		return nil, errors.New("scan.Prepare: the --diff filter is not supported")
	}
	return prepare(context.Background(), opts)
}

// prepare is Prepare, and also reads the lines changed since
// Options.Diff when it is set (for Run).
func prepare(ctx context.Context, opts Options) (*Prepared, error) {
	if opts.ParsePython == nil {
		return nil, errors.New("scan: no Python parser given")
	}
	root := opts.Root
	if root == "" {
		root = "."
	}
	if err := checkRoot(root); err != nil {
		return nil, err
	}
	cfg, err := loadConfig(root, opts)
	if err != nil {
		return nil, err
	}
	selected, err := selectRules(opts.Rules, cfg, opts.Only, opts.Skip)
	if err != nil {
		return nil, err
	}
	if err := checkSeverityOverrides(cfg, opts.Rules); err != nil {
		return nil, err
	}
	p := &Prepared{Root: root, Config: cfg, Rules: selected, opts: opts}
	if opts.Baseline != "" {
		if p.base, err = ReadBaseline(opts.Baseline); err != nil {
			return nil, err
		}
	}
	if opts.Diff != "" {
		if p.changed, err = GitChangedLines(ctx, root, opts.Diff); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// stage reports a step of the scan to Options.Stage, if set.
func (p *Prepared) stage(what string) {
	if p.opts.Stage != nil {
		p.opts.Stage(what)
	}
}

// LoadOptions are the options of project.Load for this scan: the Python
// parser and the configuration. Callers that read single files
// (project.ReadFile, project.FromSource) pass them too.
func (p *Prepared) LoadOptions() project.Options {
	return project.Options{ParsePython: p.opts.ParsePython, Config: p.Config}
}

// Load reads the project from disk as Run does.
func (p *Prepared) Load(ctx context.Context) (*project.Project, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	proj, err := project.Load(p.Root, p.LoadOptions())
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", p.Root, err)
	}
	return proj, nil
}

// ConfigFiles returns the absolute paths of the files whose change means
// the scan must be prepared again: the configuration file in use, or the
// files where one would be looked for.
func (p *Prepared) ConfigFiles() []string {
	var out []string
	if p.Config.File != "" {
		if abs, err := filepath.Abs(p.Config.File); err == nil {
			out = append(out, abs)
		}
	}
	if p.opts.ConfigFile == "" {
		if abs, err := filepath.Abs(p.Root); err == nil {
			for _, name := range []string{".flasksec.toml", "pyproject.toml"} {
				if f := filepath.Join(abs, name); !slices.Contains(out, f) {
					out = append(out, f)
				}
			}
		}
	}
	return out
}

// Analyze runs the selected rules over proj, which must have been built
// with LoadOptions (by Load, or in memory with project.New), and
// post-processes the findings as Run does: severity overrides, routes,
// fingerprints, inline suppressions (and, with Options.Strict, their
// problems), the severity and confidence filters and the baseline.
// Template syntax errors join the project's file errors. proj must not
// have been analysed before: its cached analyses would be reused.
//
// The context is checked before and after the rules run, and while they
// run by the longest analyses (the taint engine between its units and
// every 256 statements, the per-file collection of calls and templates,
// the Flask model's prefetch), which stop early when it is cancelled:
// Analyze then returns the context's error.
func (p *Prepared) Analyze(ctx context.Context, proj *project.Project) (*Result, error) {
	start := p.start
	if start.IsZero() {
		start = time.Now()
		if p.opts.Now != nil {
			start = p.opts.Now()
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if p.opts.Advisories != nil {
		if err := deps.UseAdvisories(proj, p.opts.Advisories); err != nil {
			return nil, err
		}
	}
	p.stage(fmt.Sprintf("running %d rules over %d files", len(p.Rules), len(proj.Files)))
	findings, ruleErrs := rules.RunContext(ctx, proj, p.Rules)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := &Result{Root: proj.Root, Config: p.Config, Rules: p.Rules, Skipped: proj.Skipped,
		Files: len(proj.Files), Project: proj}
	if foreign := templates.Of(proj).Skipped(); len(foreign) > 0 {
		// Templates in another language (Mustache, AngularJS): listed as
		// skipped with the reason, not as Jinja syntax errors.
		res.Skipped = append(slices.Clone(proj.Skipped), foreign...)
		sort.SliceStable(res.Skipped, func(i, j int) bool { return res.Skipped[i].Path < res.Skipped[j].Path })
	}
	fileErrs := append(slices.Clone(proj.Errors), templates.Of(proj).SyntaxErrors()...)
	sort.SliceStable(fileErrs, func(i, j int) bool { return fileErrs[i].Path < fileErrs[j].Path })
	for _, e := range fileErrs {
		res.Errors = append(res.Errors, Problem{Kind: string(e.KindOrParse()), Path: e.Path, Line: e.Line, Col: e.Col, Message: e.Message})
	}
	for _, e := range ruleErrs {
		msg, _, _ := strings.Cut(e.Error(), "\n")
		res.Errors = append(res.Errors, Problem{Kind: "rule", Message: msg})
	}

	p.stage("post-processing findings")
	applySeverity(findings, p.Config)
	AddRoutes(proj, findings)
	fix.Attach(proj, findings, p.opts.ParsePython)
	for i := range findings {
		// Routes come from the scanned code after Pass.Report redacted
		// the rest of the finding.
		findings[i].Location.Route = rules.RedactProse(findings[i].Location.Route)
	}
	Fingerprint(findings)
	sups := CollectSuppressions(proj, p.Config.Nosec)
	findings, res.Hidden.Suppressed = sups.Apply(findings)
	res.Current = slices.Clone(findings)
	if p.opts.Strict {
		known := map[string]bool{}
		for _, r := range p.opts.Rules {
			known[r.ID] = true
		}
		ran := map[string]bool{}
		for _, r := range p.Rules {
			ran[r.ID] = true
		}
		res.Errors = append(res.Errors, sups.Problems(known, ran)...)
	}

	minConf := p.opts.MinConfidence
	if minConf == 0 {
		minConf = rules.MediumConfidence
	}
	kept := findings[:0]
	for _, f := range findings {
		if f.Severity < p.opts.MinSeverity || f.Confidence < minConf {
			res.Hidden.Filtered++
			continue
		}
		if p.base.Has(f.Fingerprint) {
			res.Hidden.Baseline++
			continue
		}
		if p.changed != nil && !p.changed.Touches(f.Location) {
			res.Hidden.Diff++
			continue
		}
		kept = append(kept, f)
	}
	// One problem reported by two rules on one line is one finding.
	kept = Join(kept)
	res.Findings = kept
	res.Counts = map[rules.Severity]int{}
	for _, f := range kept {
		res.Counts[f.Severity]++
	}
	for i := range res.Errors {
		// Parse, read, rule and suppression messages may quote the
		// scanned files (a panic value, a token, a comment).
		res.Errors[i].Message = rules.RedactProse(res.Errors[i].Message)
	}
	sortProblems(res.Errors)
	end := time.Now()
	if p.opts.Now != nil {
		end = p.opts.Now()
	}
	res.Duration = end.Sub(start)
	return res, nil
}
