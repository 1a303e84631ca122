package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/flasksec/flasksec/deps"
	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/report"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

const scanExamples = `  flasksec scan                               scan the current folder, text report
  flasksec scan examples/vulnerable           scan the bundled example app
  flasksec scan -f json -o report.json .      JSON report to a file
  flasksec scan -f sarif -o flasksec.sarif .  SARIF for GitHub code scanning
  flasksec scan --severity high               only High and Critical findings
  flasksec scan --confidence low              show Low-confidence findings too
  flasksec scan --rule FLASK-XSS-001,FLASK-SSTI-001
  flasksec scan --rule FLASK-INJECT           a whole rule family
  flasksec scan --exclude 'tests/**' --exclude migrations/
  flasksec scan --baseline .flasksec-baseline.json   only findings not in the baseline
  flasksec scan --diff origin/main            only findings on lines changed since origin/main
  flasksec scan --strict                      also fail on scan errors and bad suppressions
  flasksec scan --advisories osv-pypi.zip     current advisories from an OSV export, offline
`

// scanFlags are the flags shared by scan and baseline.
type scanFlags struct {
	config            string
	exclude           listFlag
	only, skip        listFlag
	format, output    string
	severity, conf    string
	failOn            string
	baseline, writeBL string
	diff              string
	advisories        string
	strict, noColor   bool
	groupBy           string
	statistics        bool
}

func (f *scanFlags) register(fs *flagSet, full bool) {
	fs.StringVar(&f.config, "config", "", "configuration `file` (default: .flasksec.toml or pyproject.toml of the project root, the nearest folder up from the scanned path that has one)")
	fs.Var(&f.exclude, "exclude", "skip files matching `GLOB` (repeatable; ** matches folders)")
	fs.Var(&f.only, "rule", "run only these rule `IDs` or families (repeatable, comma-separated)")
	fs.Var(&f.skip, "skip-rule", "do not run these rule `IDs` or families")
	if !full {
		return
	}
	fs.StringVar(&f.format, "format", "text", "output `format`: "+strings.Join(report.Names(), ", "))
	fs.StringVar(&f.format, "f", "text", shorthandPrefix+"format")
	fs.StringVar(&f.output, "output", "", "write the report to `FILE` instead of standard output")
	fs.StringVar(&f.output, "o", "", shorthandPrefix+"output")
	fs.StringVar(&f.severity, "severity", "low", "report findings of at least this `severity`: critical, high, medium, low")
	fs.StringVar(&f.conf, "confidence", "medium", "report findings of at least this `confidence`: high, medium, low")
	fs.StringVar(&f.failOn, "fail-on", "low", "exit 1 when a reported finding has at least this `severity`")
	fs.StringVar(&f.baseline, "baseline", "", "hide findings recorded in this baseline `file`")
	fs.StringVar(&f.writeBL, "write-baseline", "", "also write every current finding to this baseline `file`")
	fs.StringVar(&f.diff, "diff", "", "report only findings on lines changed since the git revision `REV` (a commit, branch or tag)")
	fs.StringVar(&f.advisories, "advisories", "", "use the OSV advisories in this `PATH` (a folder or .zip of OSV JSON records, e.g. PyPI's all.zip) instead of the embedded ones")
	fs.BoolVar(&f.strict, "strict", false, "exit 1 on scan errors too, and report too-broad, reason-less and unused suppressions")
	fs.StringVar(&f.groupBy, "group-by", "area", "group the text report's findings by `key`: area (the spec's audit order), severity, rule or file; concise sorts by severity or rule")
	fs.BoolVar(&f.statistics, "statistics", false, "print the number of findings of each rule instead of the findings (text and concise formats)")
	fs.BoolVar(&f.noColor, "no-color", false, "no colours in the text report (NO_COLOR in the environment does the same)")
}

func runScan(ctx context.Context, args []string, e *env) int {
	fs := newFlagSet(e, "scan [flags] [PATH...]",
		"Scan Flask projects and report security findings. PATH defaults to the current folder;\n"+
			"each PATH may be a folder or a single file.", scanExamples)
	var f scanFlags
	f.register(fs, true)
	// --probe URL: confirm or resolve runtime findings (cmd/flasksec/probe.go).
	var pf probeFlags
	fs.StringVar(&pf.url, "probe", "", "also probe the running app at `URL` (only one you may test) and merge: see docs/probe.md")
	pf.register(fs, "probe-")
	paths, code, stop := parseFlags(fs, args, e)
	if stop {
		return code
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	formatter, err := report.Lookup(f.format)
	if err != nil {
		return fail(e, "--format: %v", err)
	}
	if err := report.CheckGroupBy(f.groupBy); err != nil {
		return fail(e, "--group-by: %v", err)
	}
	if f.statistics {
		if f.format != "text" && f.format != "concise" {
			return fail(e, "--statistics: works with --format text or concise, not %s", f.format)
		}
		formatter = report.Statistics
	}
	minSev, err := rules.ParseSeverity(f.severity)
	if err != nil {
		return fail(e, "--severity: %v", err)
	}
	failOn, err := rules.ParseSeverity(f.failOn)
	if err != nil {
		return fail(e, "--fail-on: %v", err)
	}
	minConf, err := rules.ParseConfidence(f.conf)
	if err != nil {
		return fail(e, "--confidence: %v", err)
	}
	for _, out := range []string{f.output, f.writeBL} {
		if err := scan.WritableTarget(e.abs(out)); err != nil {
			return fail(e, "%v", err)
		}
	}
	opts := f.options(e, minSev, minConf)
	advDate := advisoryDate()
	var advErrs []error
	if f.advisories != "" {
		db, recErrs, err := deps.LoadAdvisories(e.abs(f.advisories))
		if err != nil {
			return fail(e, "--advisories: %v", err)
		}
		opts.Advisories, advErrs = db, recErrs
		if d := db.DataDate(); !d.IsZero() {
			advDate = d.Format("2006-01-02")
		}
	}
	res, root, err := scanAll(ctx, e, paths, opts, scan.Run)
	if err != nil {
		return fail(e, "%v", err)
	}
	if res.Config != nil && res.Config.Shadowed != "" {
		fmt.Fprintf(e.stderr, "flasksec: using %s; the flasksec settings in %s are ignored\n", res.Config.File, res.Config.Shadowed)
	}
	for _, ae := range advErrs {
		// A malformed record is skipped, not fatal: the report names it.
		res.Errors = append(res.Errors, scan.Problem{Kind: "advisories", Message: ae.Error()})
	}
	if f.writeBL != "" {
		// The baseline records every current finding, whatever the filters.
		if err := scan.NewBaseline(res.Current).Write(e.abs(f.writeBL)); err != nil {
			return fail(e, "%v", err)
		}
	}
	if (f.format == "sarif" || f.format == "github" || f.format == "concise") && root != "" {
		// Code-scanning services resolve SARIF paths against the checkout
		// root, normally the working folder: "flasksec scan src" must
		// report "src/app.py", not "app.py".
		relToWD(e, res, root)
	}
	if err := pf.mergeProbe(ctx, e, res); err != nil {
		return fail(e, "--probe: %v", err)
	}
	var buf bytes.Buffer
	color := f.format == "text" && f.output == "" && !f.noColor && e.getenv("NO_COLOR") == "" && e.isTerminal(e.stdout)
	ropts := report.Options{Version: version, AdvisoryDate: advDate, Color: color, GroupBy: f.groupBy, Width: textWidth(e, f.output)}
	if err := formatter(&buf, res, ropts); err != nil {
		return fail(e, "%v", err)
	}
	if f.output != "" {
		if err := scan.WriteFileAtomic(e.abs(f.output), buf.Bytes()); err != nil {
			return fail(e, "%v", err)
		}
	} else if _, err := e.stdout.Write(buf.Bytes()); err != nil {
		return fail(e, "writing report: %v", err)
	}
	for _, r := range res.Findings {
		if r.Severity >= failOn {
			return exitFindings
		}
	}
	if f.strict && len(res.Errors) > 0 {
		return exitFindings
	}
	return exitOK
}

func (f *scanFlags) options(e *env, minSev rules.Severity, minConf rules.Confidence) scan.Options {
	return scan.Options{
		ConfigFile:    e.abs(f.config),
		ParsePython:   parser.ParseFile,
		Rules:         e.rules(),
		Only:          f.only,
		Skip:          f.skip,
		Exclude:       f.exclude,
		MinSeverity:   minSev,
		MinConfidence: minConf,
		Baseline:      e.abs(f.baseline),
		Diff:          f.diff,
		Strict:        f.strict,
	}
}

// textWidth is the column the text report wraps at: COLUMNS from the
// environment, else the terminal's width when the report goes to one,
// else 0 (the report's default, 100).
func textWidth(e *env, output string) int {
	if n, err := strconv.Atoi(e.getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if output == "" && e.columns != nil && e.isTerminal(e.stdout) {
		return e.columns(e.stdout)
	}
	return 0
}

// abs resolves a path given on the command line against the env's
// working folder; "" stays "".
func (e *env) abs(p string) string {
	if p == "" || e.wd == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(e.wd, p)
}

type runFunc func(context.Context, scan.Options) (*scan.Result, error)

// scanGroup is one analysis: a scan root and the paths asked for in it.
type scanGroup struct {
	root  string   // absolute scan root (a project root, or the path itself)
	given string   // the path as given, when root is that path
	only  []string // requested paths relative to root, slash-separated; nil reports all
}

// groupPaths finds the project root of each path (see projectRoot) and
// groups the paths by it, in the order given: each project is analysed
// once, whole (so that blueprints registered elsewhere give routes their
// prefix and the project's configuration applies), and reports only the
// requested paths. A path with no project root above it is scanned alone.
func groupPaths(e *env, paths []string) []*scanGroup {
	wd := e.workDir()
	var groups []*scanGroup
	byRoot := map[string]*scanGroup{}
	for _, p := range paths {
		abs, err := filepath.Abs(e.abs(p))
		if err != nil {
			abs = e.abs(p)
		}
		root := projectRoot(abs, wd)
		if root == "" || root == abs {
			groups = append(groups, &scanGroup{root: abs, given: filepath.ToSlash(filepath.Clean(p))})
			continue
		}
		rel, err := filepath.Rel(root, abs)
		if err != nil {
			groups = append(groups, &scanGroup{root: abs, given: filepath.ToSlash(filepath.Clean(p))})
			continue
		}
		g := byRoot[root]
		if g == nil {
			g = &scanGroup{root: root}
			byRoot[root] = g
			groups = append(groups, g)
		}
		g.only = append(g.only, filepath.ToSlash(rel))
	}
	return groups
}

// workDir is the working folder: the env's, or the process's.
func (e *env) workDir() string {
	if e.wd != "" {
		return e.wd
	}
	wd, _ := os.Getwd()
	return wd
}

// scanAll scans each path and merges the results. With several paths,
// the reported paths are prefixed with the path as given (or the project
// root's path from the working folder), so that they stay unambiguous.
// It returns the scan root of a single analysis ("" after several).
func scanAll(ctx context.Context, e *env, paths []string, opts scan.Options, do runFunc) (*scan.Result, string, error) {
	prog := startProgress(e)
	defer prog.stop()
	groups := groupPaths(e, paths)
	var merged *scan.Result
	for _, g := range groups {
		o := opts
		o.Root = g.root
		o.Stage = prog.stage
		res, err := do(ctx, o)
		if err != nil {
			return nil, "", err
		}
		if g.only != nil {
			onlyPaths(res, g.only)
		}
		if len(groups) > 1 {
			prefix := g.given
			if prefix == "" {
				prefix = g.root
				if rel, err := filepath.Rel(e.workDir(), g.root); err == nil && within(g.root, e.workDir()) {
					prefix = rel
				}
				prefix = filepath.ToSlash(prefix)
			}
			prefixPaths(res, prefix, g.root)
		}
		if merged == nil {
			merged = res
			continue
		}
		mergeInto(merged, res)
	}
	if len(groups) > 1 {
		merged.Root = e.workDir()
		rules.SortFindings(merged.Findings)
		rules.SortFindings(merged.Current)
		return merged, "", nil
	}
	return merged, groups[0].root, nil
}

// onlyPaths keeps the findings, scan errors and skipped files of the
// requested paths (relative to the result's root) and recounts the
// findings by severity. A finding is kept by its location; its trace may
// lead elsewhere in the project.
func onlyPaths(res *scan.Result, only []string) {
	in := func(p string) bool {
		for _, o := range only {
			if o == "." || p == o || strings.HasPrefix(p, o+"/") {
				return true
			}
		}
		return false
	}
	keep := func(fs []rules.Finding) []rules.Finding {
		out := fs[:0]
		for _, f := range fs {
			if in(f.Location.Path) {
				out = append(out, f)
			}
		}
		return out
	}
	res.Findings = keep(res.Findings)
	res.Current = keep(res.Current)
	errs := res.Errors[:0]
	for _, pr := range res.Errors {
		if pr.Path == "" || in(pr.Path) {
			errs = append(errs, pr)
		}
	}
	res.Errors = errs
	skipped := res.Skipped[:0]
	for _, sk := range res.Skipped {
		if in(sk.Path) {
			skipped = append(skipped, sk)
		}
	}
	res.Skipped = skipped
	res.Counts = map[rules.Severity]int{}
	for _, f := range res.Findings {
		res.Counts[f.Severity]++
	}
}

// relToWD rewrites the paths of a one-root result relative to the working
// folder, when the root lies inside it.
func relToWD(e *env, res *scan.Result, root string) {
	wd := e.workDir()
	abs, err := filepath.Abs(e.abs(root))
	if err != nil {
		return
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return
	}
	prefixPaths(res, filepath.ToSlash(rel), e.abs(root))
	res.Root = wd
}

// prefixPaths puts prefix (the scanned path as given; abs is its absolute
// form) in front of every path of the result; for a single-file root the
// prefix is the file's folder.
func prefixPaths(res *scan.Result, prefix, abs string) {
	if st, err := os.Stat(abs); err == nil && !st.IsDir() {
		prefix = filepath.ToSlash(filepath.Dir(prefix))
	}
	if prefix == "." {
		return
	}
	join := func(p string) string {
		if p == "" {
			return p
		}
		return prefix + "/" + p
	}
	for _, fs := range [][]rules.Finding{res.Findings, res.Current} {
		for i := range fs {
			f := &fs[i]
			f.Location.Path = join(f.Location.Path)
			for j := range f.Trace {
				f.Trace[j].Path = join(f.Trace[j].Path)
			}
		}
	}
	for i := range res.Errors {
		res.Errors[i].Path = join(res.Errors[i].Path)
	}
	for i := range res.Skipped {
		res.Skipped[i].Path = join(res.Skipped[i].Path)
	}
}

func mergeInto(dst, src *scan.Result) {
	dst.Findings = append(dst.Findings, src.Findings...)
	dst.Current = append(dst.Current, src.Current...)
	dst.Errors = append(dst.Errors, src.Errors...)
	dst.Skipped = append(dst.Skipped, src.Skipped...)
	dst.Files += src.Files
	dst.Duration += src.Duration
	dst.Hidden.Suppressed += src.Hidden.Suppressed
	dst.Hidden.Filtered += src.Hidden.Filtered
	dst.Hidden.Baseline += src.Hidden.Baseline
	dst.Hidden.Diff += src.Hidden.Diff
	for s, n := range src.Counts {
		dst.Counts[s] += n
	}
	seen := map[string]bool{}
	for _, r := range dst.Rules {
		seen[r.ID] = true
	}
	for _, r := range src.Rules {
		if !seen[r.ID] {
			dst.Rules = append(dst.Rules, r)
			seen[r.ID] = true
		}
	}
	rules.SortByID(dst.Rules)
}

// progress shows what a scan is doing on stderr when stderr is a terminal
// and the scan has taken more than a second; it writes nothing otherwise.
type progress struct {
	mu      sync.Mutex
	current string
	shown   bool
	done    chan struct{}
	wg      sync.WaitGroup
	e       *env
}

func startProgress(e *env) progressStopper {
	p := &progress{e: e, done: make(chan struct{})}
	if !e.isTerminal(e.stderr) {
		return progressStopper{p: nil}
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		timer := time.NewTimer(e.progressDelay)
		defer timer.Stop()
		select {
		case <-p.done:
			return
		case <-timer.C:
		}
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		start := e.now()
		for {
			p.mu.Lock()
			fmt.Fprintf(e.stderr, "\r\x1b[Kflasksec: %s (%ds)", p.current, int(e.now().Sub(start).Seconds())+1)
			p.shown = true
			p.mu.Unlock()
			select {
			case <-p.done:
				return
			case <-tick.C:
			}
		}
	}()
	return progressStopper{p: p}
}

// progressStopper records stages and stops the progress line.
type progressStopper struct{ p *progress }

func (s progressStopper) stage(st string) {
	if s.p == nil {
		return
	}
	s.p.mu.Lock()
	s.p.current = st
	s.p.mu.Unlock()
}

func (s progressStopper) stop() {
	if s.p == nil {
		return
	}
	select {
	case <-s.p.done:
		return
	default:
	}
	close(s.p.done)
	s.p.wg.Wait()
	if s.p.shown {
		fmt.Fprint(s.p.e.stderr, "\r\x1b[K")
	}
}
