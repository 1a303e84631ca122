package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/flasksec/flasksec/fix/apply"
	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/scan"
)

// runFix is `flasksec fix`: the unified diff of every certain fix on
// stdout; with --write the files are changed and scanned again. What is
// not fixed, and why, goes to stderr.
func runFix(ctx context.Context, args []string, e *env) int {
	fs := newFlagSet(e, "fix [--rule ID,...] [--write] [PATH]",
		"Show (or, with --write, apply) the certain fixes of the findings in PATH (default: the current folder).\n"+
			"Each fix is proved on a copy first: the file must parse, the finding must be gone, nothing new may appear.",
		"  flasksec fix\n  flasksec fix --rule FLASKSEC-DESERIALIZE-001 app/\n  flasksec fix --write .\n")
	ruleList := fs.String("rule", "", "only fix findings of these comma-separated rule `IDs`")
	write := fs.Bool("write", false, "write the fixes, then scan again")
	config := fs.String("config", "", "configuration `file` (default: .flasksec.toml or pyproject.toml in PATH)")
	paths, code, stop := parseFlags(fs, args, e)
	if stop {
		return code
	}
	if len(paths) > 1 {
		return fail(e, "fix takes one PATH, got %d", len(paths))
	}
	root := "."
	if len(paths) == 1 {
		root = paths[0]
	}
	var only []string
	for _, id := range strings.Split(*ruleList, ",") {
		if id = strings.TrimSpace(id); id != "" {
			only = append(only, id)
		}
	}
	res, err := apply.Run(ctx, apply.Options{
		Scan:  scanOptionsForFix(e, root, *config),
		Rules: only, Write: *write,
	})
	if err != nil {
		return fail(e, "fix: %v", err)
	}
	if !*write {
		fmt.Fprint(e.stdout, res.Diff)
	}
	for _, c := range res.Applied {
		verb := "fixable"
		if *write {
			verb = "fixed"
		}
		fmt.Fprintf(e.stderr, "%s: %s %s:%d: %s\n", verb, c.Finding.RuleID, c.Finding.Location.Path, c.Finding.Location.StartLine, c.Fix.Message)
	}
	for _, d := range res.Dropped {
		fmt.Fprintf(e.stderr, "fix dropped: %s %s:%d: %s\n", d.Finding.RuleID, d.Finding.Location.Path, d.Finding.Location.StartLine, d.Reason)
	}
	for _, fd := range res.Unfixed {
		fmt.Fprintf(e.stderr, "no certain fix: %s %s:%d: %s\n    advice: %s\n", fd.RuleID, fd.Location.Path, fd.Location.StartLine, fd.Message, fd.Fix)
	}
	fmt.Fprintf(e.stderr, "flasksec fix: %d fixable, %d dropped, %d without a certain fix\n", len(res.Applied), len(res.Dropped), len(res.Unfixed))
	if *write {
		fmt.Fprintf(e.stderr, "flasksec fix: wrote %d files; the scan after the write reports %d findings (%d fixed findings still there, %d new)\n",
			len(res.Written), len(res.After), res.Left, res.New)
		if res.Left > 0 || res.New > 0 {
			return exitError
		}
	}
	if len(res.Dropped) > 0 || len(res.Unfixed) > 0 {
		return exitFindings
	}
	return exitOK
}

// scanOptionsForFix returns the scan `flasksec scan PATH` would run,
// with the default filters.
func scanOptionsForFix(e *env, root, config string) scan.Options {
	return scan.Options{Root: e.abs(root), ConfigFile: e.abs(config), ParsePython: parser.ParseFile, Rules: e.rules()}
}
