// Package scan is the driver of `flasksec scan`: it loads the
// configuration and the project, selects and runs the rules, and then
// post-processes their findings: routes, severity overrides, fingerprints,
// inline suppressions, filters, the baseline and the --diff filter. The
// result is what the report formatters print.
//
// The order of the steps matters and is fixed:
//
//	load config -> load project -> run rules -> severity overrides
//	-> route + fingerprint -> suppressions -> severity/confidence filters
//	-> baseline -> diff
//
// Suppressions come before the filters so that a suppression of a finding
// hidden by a filter still counts as used; fingerprints come before
// everything that hides findings so that they do not depend on filters.
package scan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/flasksec/flasksec/config"
	"github.com/flasksec/flasksec/deps"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/safefile"
)

// Options says what to scan and how to filter the findings.
type Options struct {
	// Root is the folder (or single file) to scan; "" means ".".
	Root string
	// ConfigFile is the configuration file to use; "" looks for
	// .flasksec.toml or pyproject.toml in Root.
	ConfigFile string
	// Config, when not nil, is used instead of reading any file.
	Config *config.Config
	// ParsePython parses Python sources (python/parser.ParseFile); required.
	ParsePython project.ParseFunc
	// Advisories, when not nil, replaces the embedded advisory data for
	// FLASK-SUPPLY-001 (deps.LoadAdvisories of --advisories PATH).
	Advisories *deps.Database
	// Rules are the rules to choose from; the caller passes
	// rules/all.Rules() (tests pass their own).
	Rules []*rules.Rule
	// Only restricts the run to these rule IDs or ID prefixes
	// ("FLASK-INJECT"); Skip removes rules. Both add to the config's
	// enable/disable lists.
	Only, Skip []string
	// Exclude adds glob patterns of files not to scan.
	Exclude []string
	// MinSeverity hides findings below it; 0 shows every severity.
	MinSeverity rules.Severity
	// MinConfidence hides findings below it; 0 means Medium, the default
	// (Low-confidence findings hidden).
	MinConfidence rules.Confidence
	// Baseline is a baseline file whose findings are hidden; "" for none.
	Baseline string
	// Diff is a git revision: only findings on lines changed since it
	// are kept; "" for no diff filter.
	Diff string
	// Strict reports too-broad, reason-less, unknown and unused
	// suppressions as problems.
	Strict bool
	// Stage, when not nil, is told what the scan is doing ("loading",
	// "running 23 rules over 140 files", ...); the CLI shows it as a
	// progress line on a terminal.
	Stage func(stage string)
	// Now returns the current time; nil means time.Now (tests pin it).
	Now func() time.Time
}

// Problem is a finding about the scan itself rather than about the code:
// a file that failed to read or parse, a rule that failed, or (with
// --strict) a bad suppression comment.
type Problem struct {
	Kind string `json:"kind"` // "parse", "read", "rule", "suppression" or "advisories"
	Path string `json:"path,omitempty"`
	// PathEscaped is set by the JSON report only (see rules.Location).
	PathEscaped bool   `json:"path_escaped,omitempty"`
	Line        int    `json:"line,omitempty"`
	Col         int    `json:"col,omitempty"`
	Message     string `json:"message"`
}

// Result is the outcome of a scan.
type Result struct {
	Root     string                 // the scanned root, absolute
	Config   *config.Config         // the configuration used
	Rules    []*rules.Rule          // the rules that ran, sorted by ID
	Findings []rules.Finding        // the findings to report, sorted
	Errors   []Problem              // files that failed, rules that failed, bad suppressions
	Skipped  []project.Skipped      // files not read (or, for templates of another language, not analysed), and why
	Files    int                    // files analysed
	Hidden   Hidden                 // how many findings were hidden, and by what
	Duration time.Duration          // wall time of the scan
	Project  *project.Project       // the loaded project (for formatters that want sources)
	Counts   map[rules.Severity]int // reported findings per severity
	// Current is every finding not suppressed inline, before the
	// severity/confidence filters, the baseline and the diff: what a
	// baseline written now records.
	Current []rules.Finding
	// Observations are lines for the summary from a runtime probe
	// (flasksec probe, scan --probe): what it checked and saw, and which
	// static findings it resolved. Empty for a static scan.
	Observations []string
}

// Hidden counts the findings that were not reported, by reason.
type Hidden struct {
	Suppressed int `json:"suppressed"` // by inline comments
	Filtered   int `json:"filtered"`   // by --severity / --confidence
	Baseline   int `json:"baseline"`   // recorded in the baseline
	Diff       int `json:"diff"`       // on lines not changed since --diff REV
}

// Run scans opts.Root. It returns an error (the CLI's exit code 2) only
// for problems with the scan as a whole: a missing root, a broken
// configuration, an unknown rule ID, an unreadable baseline, --diff
// outside a git repository. Problems with single files are in
// Result.Errors.
func Run(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	if opts.Now != nil {
		start = opts.Now()
	}
	p, err := prepare(ctx, opts)
	if err != nil {
		return nil, err
	}
	p.start = start
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p.stage("loading and parsing files")
	proj, err := project.Load(p.Root, p.LoadOptions())
	if err != nil {
		return nil, err
	}
	return p.Analyze(ctx, proj)
}

// AllFindings is Run without filters, suppression problems, baseline or
// diff: every finding that is not suppressed inline, whatever its
// confidence. `flasksec baseline` records them.
func AllFindings(ctx context.Context, opts Options) (*Result, error) {
	opts.MinSeverity, opts.MinConfidence = 0, rules.LowConfidence
	opts.Baseline, opts.Diff, opts.Strict = "", "", false
	return Run(ctx, opts)
}

// checkRoot fails when the scan root does not exist or cannot be read: a
// folder that cannot be listed, or a single file that cannot be opened.
// (Unreadable files inside a readable folder are scan errors instead.)
func checkRoot(root string) error {
	st, err := os.Stat(root)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%s: no such file or directory", root)
		}
		return fmt.Errorf("cannot read %s: %w", root, unwrapPath(err))
	}
	if !st.IsDir() {
		// A single file: only a regular one is opened (a named pipe would
		// block the open).
		real, err := filepath.EvalSymlinks(root)
		if err == nil {
			var f *os.File
			if f, _, err = safefile.Open(real, nil); err == nil {
				f.Close()
			}
		}
		if err != nil {
			return fmt.Errorf("cannot read %s: %w", root, unwrapPath(err))
		}
		return nil
	}
	var f *os.File
	if f, err = os.Open(root); err == nil {
		if st.IsDir() {
			_, err = f.ReadDir(1)
			if errors.Is(err, io.EOF) {
				err = nil
			}
		}
		f.Close()
	}
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", root, unwrapPath(err))
	}
	return nil
}

func loadConfig(root string, opts Options) (*config.Config, error) {
	var cfg *config.Config
	var err error
	switch {
	case opts.Config != nil:
		c := *opts.Config
		cfg = &c
	case opts.ConfigFile != "":
		cfg, err = config.LoadFile(opts.ConfigFile)
	default:
		cfg, err = config.Find(root)
	}
	if err != nil {
		return nil, err
	}
	for _, g := range opts.Exclude {
		if err := config.CheckGlob(g); err != nil {
			return nil, fmt.Errorf("--exclude: %w", err)
		}
	}
	cfg.Exclude = append(slices.Clip(cfg.Exclude), opts.Exclude...)
	return cfg, nil
}

// ruleIDs returns the IDs of rs, for "did you mean" hints.
func ruleIDs(rs []*rules.Rule) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// selectRules applies the config's enable/disable lists and the command
// line's --rule/--skip-rule to the available rules. An ID or prefix that
// names no rule is an error, so that a typo does not silently run
// nothing.
func selectRules(all []*rules.Rule, cfg *config.Config, only, skip []string) ([]*rules.Rule, error) {
	check := func(where string, ids []string) error {
		for _, id := range ids {
			if !slices.ContainsFunc(all, func(r *rules.Rule) bool { return ruleMatches(r.ID, id) }) {
				return fmt.Errorf("%s: unknown rule %q%s (see `flasksec rules`)", where, id, config.DidYouMean(id, ruleIDs(all)))
			}
		}
		return nil
	}
	cfgWhere := func(key string) string {
		if cfg.File == "" {
			return key
		}
		return cfg.File + ": " + key
	}
	if err := check(cfgWhere("enable"), cfg.Enable); err != nil {
		return nil, err
	}
	if err := check(cfgWhere("disable"), cfg.Disable); err != nil {
		return nil, err
	}
	if err := check("--rule", only); err != nil {
		return nil, err
	}
	if err := check("--skip-rule", skip); err != nil {
		return nil, err
	}
	matchAny := func(id string, list []string) bool {
		return slices.ContainsFunc(list, func(p string) bool { return ruleMatches(id, p) })
	}
	var out []*rules.Rule
	for _, r := range all {
		if len(cfg.Enable) > 0 && !matchAny(r.ID, cfg.Enable) {
			continue
		}
		if len(only) > 0 && !matchAny(r.ID, only) {
			continue
		}
		if matchAny(r.ID, cfg.Disable) || matchAny(r.ID, skip) {
			continue
		}
		out = append(out, r)
	}
	rules.SortByID(out)
	return out, nil
}

// ruleMatches reports whether id is pattern or starts with pattern+"-"
// (a family: "FLASK-INJECT" matches "FLASK-INJECT-002").
func ruleMatches(id, pattern string) bool {
	pattern = strings.ToUpper(strings.TrimSpace(pattern))
	return id == pattern || strings.HasPrefix(id, strings.TrimSuffix(pattern, "-")+"-")
}

func checkSeverityOverrides(cfg *config.Config, all []*rules.Rule) error {
	ids := make([]string, 0, len(cfg.Severity))
	for id := range cfg.Severity {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if !slices.ContainsFunc(all, func(r *rules.Rule) bool { return r.ID == id }) {
			return fmt.Errorf("%s: severity.%s: unknown rule%s (see `flasksec rules`)", cfg.File, id, config.DidYouMean(id, ruleIDs(all)))
		}
	}
	return nil
}

// applySeverity applies the configuration's severity overrides.
func applySeverity(fs []rules.Finding, cfg *config.Config) {
	if len(cfg.Severity) == 0 {
		return
	}
	for i := range fs {
		if name, ok := cfg.Severity[fs[i].RuleID]; ok {
			if s, err := rules.ParseSeverity(name); err == nil {
				fs[i].Severity = s
			}
		}
	}
}

func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Message < b.Message
	})
}

// unwrapPath drops the path an *os.PathError repeats.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
