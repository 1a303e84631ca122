// Command flasksec finds security problems in Flask applications, by
// static analysis of their Python code, Jinja templates, deployment files
// and dependency lists. It never runs, imports or evaluates the code it
// scans.
//
// Usage:
//
//	flasksec scan [flags] [PATH...]    scan a project (default ".")
//	flasksec rules                     list every rule
//	flasksec explain RULE-ID           a rule's documentation
//	flasksec baseline [flags] [PATH]   record today's findings as accepted
//	flasksec parse --dump FILE         print a Python file's syntax tree
//	flasksec probe [flags] URL         verify a running app (only one you may test)
//	flasksec new [flags] DIR           write a secure-by-default Flask project
//	flasksec snippet [TOPIC]           list or print secure code patterns
//	flasksec lsp [flags]               language server: findings in the editor as you type
//	flasksec mcp [flags]               MCP server for coding agents
//	flasksec version                   print the version
//
// Exit codes: 0 no finding at or above --fail-on, 1 findings (or, with
// --strict, scan errors), 2 usage or fatal error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/flasksec/flasksec/deps"
	"github.com/flasksec/flasksec/memlimit"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/rules/all"
)

// version is flasksec's version.
const version = "0.1.0"

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

func main() {
	if len(os.Args) < 2 || os.Args[1] != "lsp" && os.Args[1] != "mcp" {
		// One scan and exit; the language server keeps Go's default (it
		// lives long and analyses again and again).
		tuneGC(os.Getenv, os.DirFS("/"))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], newEnv(os.Stdout, os.Stderr))
	stop()
	os.Exit(code)
}

// tuneGC sets the garbage collector for a one-shot command (a scan, a
// baseline), unless GOGC or GOMEMLIMIT in the environment say otherwise.
// A scan's heap is mostly live until the end (syntax trees, the index,
// the models), so collections that run often mark much and free little:
// GOGC is raised to memlimit.GCPercent, which stays finite so that
// garbage never grows without bound. The memory the process may use is
// the smaller of the machine's and the container's (cgroup v1 or v2)
// limit; the soft limit is half of it, so that a scan in a CI container
// collects well before the container's limit kills it.
func tuneGC(getenv func(string) string, fsys fs.FS) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	s := memlimit.For(memlimit.Available(physicalMemory(), fsys))
	debug.SetGCPercent(s.GCPercent)
	if s.Limit > 0 {
		debug.SetMemoryLimit(s.Limit)
	}
}

// env is what the commands see of the outside world, so that tests can
// run them in-process.
type env struct {
	stdout, stderr io.Writer
	stdin          io.Reader // the lsp command's input; nil reads nothing
	getenv         func(string) string
	isTerminal     func(any) bool
	columns        func(any) int // a terminal's width; 0 when unknown
	now            func() time.Time
	wd             string               // working folder; "" for the process's
	rules          func() []*rules.Rule // the rule registry (rules/all.Rules)
	progressDelay  time.Duration        // how long a scan runs before the progress line shows
}

func newEnv(stdout, stderr io.Writer) *env {
	// The working folder is filled in, so that every path of the command
	// line is made absolute before use: SARIF paths are computed from it.
	wd, _ := os.Getwd()
	return &env{stdout: stdout, stderr: stderr, stdin: os.Stdin, getenv: os.Getenv, isTerminal: isTerminal, columns: terminalColumns, now: time.Now, wd: wd, rules: all.Rules, progressDelay: time.Second}
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// command is one subcommand.
type command struct {
	name, usage, summary string
	run                  func(ctx context.Context, args []string, e *env) int
}

// commands returns the subcommands, in help order.
func commands() []command {
	return []command{
		{"scan", "scan [flags] [PATH...]", "scan a Flask project (default: the current folder)", runScan},
		{"rules", "rules [--format text|json]", "list every rule: ID, severity, CWE, title", runRules},
		{"explain", "explain RULE-ID", "show a rule's documentation: what, why, examples, fix", runExplain},
		{"baseline", "baseline [--output FILE] [PATH]", "record the current findings so that later scans report only new ones", runBaseline},
		{"parse", "parse --dump FILE", "print the syntax tree of a Python file (CPython ast.dump format)", runParse},
		{"probe", "probe [flags] URL", "check a running app you may test: headers, cookies, debugger, CORS, Host (docs/probe.md)", runProbe},
		{"fix", "fix [--rule ID,...] [--write] [PATH]", "show or apply the certain fixes of the findings, proved by a re-scan", runFix},
		{"lsp", "lsp [--confidence LEVEL] [--log FILE]", "run a language server: findings as editor diagnostics while you type", runLSP},
		{"mcp", "mcp [--root DIR]", "run a Model Context Protocol server for coding agents (docs/agents.md)", runMCP},
		{"new", "new [flags] DIR", "write a secure-by-default Flask project (generation mode)", runNew},
		{"snippet", "snippet [TOPIC]", "list or print secure code patterns (upload, redirect, CSRF...)", runSnippet},
		{"version", "version", "print flasksec's version", runVersion},
	}
}

const mainHelp = `flasksec finds security problems in Flask applications: Python code,
Jinja templates, deployment files and dependencies. It never runs the
code it scans.

Usage:
  flasksec <command> [flags] [arguments]

Commands:
%s
Examples:
  flasksec scan                                  scan the current folder
  flasksec scan examples/vulnerable              scan the bundled example app
  flasksec scan --format sarif -o flasksec.sarif .
  flasksec scan --diff origin/main --fail-on high
  flasksec explain FLASK-XSS-001

Run "flasksec <command> --help" for a command's flags.
Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or fatal error.
`

func usageText() string {
	var b strings.Builder
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-10s %s\n", c.name, c.summary)
	}
	return fmt.Sprintf(mainHelp, b.String())
}

// run runs flasksec with the arguments after the program name and returns
// the exit code.
func run(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usageText())
		return exitError
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 {
			return run(ctx, []string{args[1], "--help"}, e)
		}
		fmt.Fprint(e.stdout, usageText())
		return exitOK
	case "-version", "--version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, args[1:], e)
		}
	}
	if strings.HasPrefix(name, "-") || isPathLike(name, e.abs(name)) {
		// "flasksec ." or "flasksec --format json .": scan is the default.
		return runScan(ctx, args, e)
	}
	fmt.Fprintf(e.stderr, "flasksec: unknown command %q (run \"flasksec --help\")\n", name)
	return exitError
}

// isPathLike reports whether an argument looks like a path rather than a
// misspelt command.
func isPathLike(s, abs string) bool {
	if strings.ContainsAny(s, "/\\.") {
		return true
	}
	_, err := os.Stat(abs)
	return err == nil
}

// flagSet is a command's flag set and its help text.
type flagSet struct {
	*flag.FlagSet
	usage, summary, examples string
}

// newFlagSet returns a flag set that reports errors to e.stderr; its help
// shows usage, a summary, the flags and examples.
func newFlagSet(e *env, usage, summary, examples string) *flagSet {
	fs := &flagSet{FlagSet: flag.NewFlagSet(usage, flag.ContinueOnError), usage: usage, summary: summary, examples: examples}
	fs.SetOutput(e.stderr)
	// The flag package calls Usage on every parse error; flasksec prints
	// the full help only when asked, and a one-line hint otherwise.
	fs.Usage = func() {}
	return fs
}

// printHelp writes the command's help to w.
func (fs *flagSet) printHelp(w io.Writer) {
	fmt.Fprintf(w, "Usage: flasksec %s\n\n%s\n", fs.usage, fs.summary)
	if text := fs.flagsText(); text != "" {
		fmt.Fprintf(w, "\nFlags:\n%s", text)
	}
	if fs.examples != "" {
		fmt.Fprintf(w, "\nExamples:\n%s", fs.examples)
	}
}

// shorthandPrefix starts the usage of a one-letter alias of a long flag.
const shorthandPrefix = "shorthand for --"

// flagsText lists the flags as the README writes them: "--format",
// with a one-letter alias beside its long name ("-f, --format"), in
// alphabetical order of the long names.
func (fs *flagSet) flagsText() string {
	short := map[string]string{} // long name -> alias
	fs.VisitAll(func(f *flag.Flag) {
		if strings.HasPrefix(f.Usage, shorthandPrefix) {
			long := strings.Trim(strings.TrimPrefix(f.Usage, shorthandPrefix), "`")
			short[long] = f.Name
		}
	})
	var b strings.Builder
	fs.VisitAll(func(f *flag.Flag) {
		if strings.HasPrefix(f.Usage, shorthandPrefix) {
			return
		}
		arg, usage := flag.UnquoteUsage(f)
		head := "--" + f.Name
		if s := short[f.Name]; s != "" {
			head = "-" + s + ", " + head
		}
		if arg != "" {
			head += " " + arg
		}
		fmt.Fprintf(&b, "  %s\n        %s", head, strings.ReplaceAll(usage, "\n", "\n        "))
		if def := f.DefValue; def != "" && def != "false" && def != "[]" {
			fmt.Fprintf(&b, " (default %q)", def)
		}
		b.WriteString("\n")
	})
	return b.String()
}

// parseFlags parses flags and positional arguments in any order
// ("scan . --format json"). It returns the positional arguments, and an
// exit code when parsing should stop (help asked, or a bad flag).
func parseFlags(fs *flagSet, args []string, e *env) ([]string, int, bool) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.printHelp(e.stdout)
				return nil, exitOK, true
			}
			fmt.Fprintf(e.stderr, "flasksec: run \"flasksec %s --help\" for usage\n", strings.Fields(fs.usage)[0])
			return nil, exitError, true
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, 0, false
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), 0, false
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// listFlag is a repeatable flag whose values may also be comma-separated.
type listFlag []string

// String returns the values joined with commas (flag.Value).
func (l *listFlag) String() string { return strings.Join(*l, ",") }

// Set adds one or more comma-separated values (flag.Value).
func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// advisoryDate is the date of the embedded dependency advisories, or "".
func advisoryDate() string {
	d := deps.AdvisoryDataDate()
	if d.IsZero() {
		return ""
	}
	return d.Format("2006-01-02")
}

// ruleByID returns the registered rule with the ID, or nil.
func (e *env) ruleByID(id string) *rules.Rule {
	for _, r := range e.rules() {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// fail prints one error line and returns the fatal exit code.
func fail(e *env, format string, args ...any) int {
	msg := fmt.Sprintf(format, args...)
	fmt.Fprintf(e.stderr, "flasksec: %s\n", strings.TrimSpace(firstLines(msg)))
	return exitError
}

// firstLines keeps an error short: joined errors (several bad config keys)
// stay on their lines, but stack traces and the like are cut.
func firstLines(s string) string {
	lines := strings.Split(s, "\n")
	if len(lines) > 20 {
		lines = append(lines[:20], fmt.Sprintf("... (%d more lines)", len(lines)-20))
	}
	return strings.Join(lines, "\n")
}

func runVersion(ctx context.Context, args []string, e *env) int {
	fs := newFlagSet(e, "version", "Print flasksec's version and the Go version it was built with.", "  flasksec version\n")
	if _, code, stop := parseFlags(fs, args, e); stop {
		return code
	}
	text := fmt.Sprintf("flasksec %s (%s, %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if d := advisoryDate(); d != "" {
		text += fmt.Sprintf("advisory data: %s\n", d)
	}
	if _, err := io.WriteString(e.stdout, text); err != nil {
		return fail(e, "writing: %v", err)
	}
	return exitOK
}
