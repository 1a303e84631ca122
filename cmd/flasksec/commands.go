package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/flasksec/flasksec/config"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/python/scanner"
	"github.com/flasksec/flasksec/report"
	"github.com/flasksec/flasksec/safefile"
	"github.com/flasksec/flasksec/scan"
)

func runRules(ctx context.Context, args []string, e *env) int {
	fs := newFlagSet(e, "rules [--format text|json]", "List every rule flasksec runs, in ID order.",
		"  flasksec rules\n  flasksec rules --format json\n")
	format := fs.String("format", "text", "output `format`: text or json")
	fs.StringVar(format, "f", "text", shorthandPrefix+"format")
	if _, code, stop := parseFlags(fs, args, e); stop {
		return code
	}
	rs := e.rules()
	switch *format {
	case "text":
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSEVERITY\tCWE\tTITLE")
		for _, r := range rs {
			fmt.Fprintf(tw, "%s\t%s\tCWE-%d\t%s\n", r.ID, r.Severity, r.CWE, r.Title)
		}
		if err := tw.Flush(); err != nil {
			return fail(e, "writing: %v", err)
		}
		if len(rs) == 0 {
			fmt.Fprintln(e.stderr, "flasksec: no rules are registered in this build")
		}
	case "json":
		type ruleJSON struct {
			ID       string `json:"id"`
			Title    string `json:"title"`
			Severity string `json:"severity"`
			CWE      int    `json:"cwe"`
			Spec     string `json:"spec"`
			Category string `json:"category"`
		}
		out := []ruleJSON{}
		for _, r := range rs {
			out = append(out, ruleJSON{r.ID, r.Title, r.Severity.String(), r.CWE, r.Spec, r.Category.String()})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return fail(e, "writing: %v", err)
		}
	default:
		return fail(e, "--format: unknown format %q (want text or json)", *format)
	}
	return exitOK
}

func runExplain(ctx context.Context, args []string, e *env) int {
	fs := newFlagSet(e, "explain [--markdown] RULE-ID",
		"Show a rule's documentation: what it finds, why it matters, an insecure and a\nsecure example, the fix.",
		"  flasksec explain FLASK-XSS-001\n  flasksec explain --markdown FLASK-SSTI-001\n")
	md := fs.Bool("markdown", false, "print Markdown instead of plain text")
	ids, code, stop := parseFlags(fs, args, e)
	if stop {
		return code
	}
	if len(ids) != 1 {
		fs.printHelp(e.stderr)
		return exitError
	}
	id := strings.ToUpper(ids[0])
	r := e.ruleByID(id)
	if r == nil {
		var known []string
		for _, r := range e.rules() {
			known = append(known, r.ID)
		}
		return fail(e, "unknown rule %q%s (run \"flasksec rules\" for the list)", ids[0], config.DidYouMean(id, known))
	}
	doc := report.RuleText(r)
	if *md {
		doc = report.RuleMarkdown(r)
	}
	if _, err := io.WriteString(e.stdout, doc); err != nil {
		return fail(e, "writing: %v", err)
	}
	return exitOK
}

func runBaseline(ctx context.Context, args []string, e *env) int {
	fs := newFlagSet(e, "baseline [flags] [PATH...]",
		"Record every current finding (whatever its severity or confidence) in a baseline file.\n"+
			"\"flasksec scan --baseline FILE\" then reports only findings that are not in it, matched\n"+
			"by fingerprint, so that a team can adopt flasksec on an old codebase and fail only on\nnew problems.",
		"  flasksec baseline                         writes .flasksec-baseline.json\n"+
			"  flasksec baseline -o baseline.json src/\n"+
			"  flasksec scan --baseline .flasksec-baseline.json\n")
	var f scanFlags
	f.register(fs, false)
	fs.StringVar(&f.output, "output", ".flasksec-baseline.json", "baseline `file` to write")
	fs.StringVar(&f.output, "o", ".flasksec-baseline.json", shorthandPrefix+"output")
	paths, code, stop := parseFlags(fs, args, e)
	if stop {
		return code
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	if err := scan.WritableTarget(e.abs(f.output)); err != nil {
		return fail(e, "%v", err)
	}
	opts := f.options(e, 0, 0)
	res, _, err := scanAll(ctx, e, paths, opts, scan.AllFindings)
	if err != nil {
		return fail(e, "%v", err)
	}
	if err := scan.NewBaseline(res.Findings).Write(e.abs(f.output)); err != nil {
		return fail(e, "%v", err)
	}
	fmt.Fprintf(e.stderr, "flasksec: recorded %d %s in %s\n", len(res.Findings), pluralS(len(res.Findings), "finding"), f.output)
	return exitOK
}

func pluralS(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

func runParse(ctx context.Context, args []string, e *env) int {
	fs := newFlagSet(e, "parse --dump FILE",
		"Parse a Python file with flasksec's parser. With --dump, print its syntax tree in the\n"+
			"format of CPython's ast.dump(tree, include_attributes=True). On a syntax error, print\n"+
			"file:line:col: message on standard error and exit 1.",
		"  flasksec parse --dump app.py\n  flasksec parse --dump app.py | diff - <(python3 -c 'import ast,sys; print(ast.dump(ast.parse(open(sys.argv[1]).read()), include_attributes=True))' app.py)\n")
	dump := fs.Bool("dump", false, "print the syntax tree")
	files, code, stop := parseFlags(fs, args, e)
	if stop {
		return code
	}
	if len(files) != 1 {
		fs.printHelp(e.stderr)
		return exitError
	}
	name := files[0]
	src, err := readSource(e.abs(name))
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fail(e, "cannot read %s: %v", name, err)
	}
	mod, err := parser.ParseFile(name, src)
	if err != nil {
		var list scanner.ErrorList
		var one *scanner.Error
		switch {
		case errors.As(err, &list) && len(list) > 0:
			// The first error, as CPython reports only the first.
			fmt.Fprintln(e.stderr, list[0].Error())
		case errors.As(err, &one):
			fmt.Fprintln(e.stderr, one.Error())
		default:
			fmt.Fprintf(e.stderr, "%s: %v\n", name, err)
		}
		return exitFindings
	}
	if *dump {
		if _, err := fmt.Fprintln(e.stdout, ast.Dump(mod)); err != nil {
			return fail(e, "writing: %v", err)
		}
	}
	return exitOK
}

// maxDumpFile is the largest file parse reads.
const maxDumpFile = 1 << 30

// readSource reads the file parse is given: a regular file (a link to one
// is followed, the user named it), never a named pipe or a device, which
// could block or never end.
func readSource(name string) ([]byte, error) {
	real, err := filepath.EvalSymlinks(name)
	if err != nil {
		return nil, err
	}
	return safefile.Read(real, maxDumpFile, nil)
}
