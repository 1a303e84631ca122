// Package rulestest runs rules over fixture folders and checks their
// findings against annotations in the fixtures, in the spirit of
// golang.org/x/tools/go/analysis/analysistest.
//
// A fixture line that must produce findings carries an annotation naming
// them, in the file's own comment syntax:
//
//	cur.execute(f"SELECT ... {uid}")          # want: FLASK-INJECT-001
//	app.run(debug=True)                       # want: FLASK-DEPLOY-002(low)
//	<p>{{ bio|safe }}</p>                     {# want: FLASK-XSS-001 #}
//
// Several IDs may follow one "want:", separated by spaces or commas; a
// parenthesised confidence (low, medium, high) must then match too. For
// files that cannot hold a trailing comment (a Procfile, a JSON lock file),
// a file named WANT at the fixture root lists "path:line: ID ..." lines.
// A finding without an annotation and an annotation without a finding
// both fail the test; every line without an annotation is thus a negative
// case.
package rulestest

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/rules"
)

// want is one expected finding.
type want struct {
	path string
	line int
	id   string
	conf rules.Confidence // 0: any
}

var (
	annotRE = regexp.MustCompile(`(?:#|\{#|<!--|//)\s*want:\s*(.*?)\s*(?:#\}|-->)?\s*$`)
	idRE    = regexp.MustCompile(`^(FLASK(?:SEC)?-[A-Z]+-\d{3})(?:\((low|medium|high)\))?$`)
)

// Load loads dir as a project the way `flasksec scan` does.
func Load(t testing.TB, dir string) *project.Project {
	t.Helper()
	p, err := project.Load(dir, project.Options{ParsePython: parser.ParseFile})
	if err != nil {
		t.Fatalf("loading fixture %s: %v", dir, err)
	}
	return p
}

// Run loads dir as a project, runs the rules over it and checks the
// findings against the annotations. It also fails when a fixture file does
// not parse (a fixture with a syntax error proves nothing). It returns the
// findings for further checks.
func Run(t testing.TB, dir string, rs ...*rules.Rule) []rules.Finding {
	t.Helper()
	proj := Load(t, dir)
	for _, e := range proj.Errors {
		t.Errorf("fixture %s:%d:%d does not parse: %s", e.Path, e.Line, e.Col, e.Message)
	}
	findings, errs := rules.Run(proj, rs)
	for _, err := range errs {
		t.Errorf("%v", err)
	}
	wants, err := collectWants(proj, dir)
	if err != nil {
		t.Fatal(err)
	}
	Check(t, findings, wants)
	return findings
}

// Check compares findings with the expectations; exported for tests that
// build their own project.
func Check(t testing.TB, findings []rules.Finding, wants []want) {
	t.Helper()
	used := make([]bool, len(wants))
	for _, f := range findings {
		matched := false
		for i, w := range wants {
			if used[i] || w.path != f.Location.Path || w.line != f.Location.StartLine || w.id != f.RuleID {
				continue
			}
			if w.conf != 0 && w.conf != f.Confidence {
				continue
			}
			used[i], matched = true, true
			break
		}
		if !matched {
			t.Errorf("%s:%d: unexpected finding %s (%s severity, %s confidence): %s\n\t%s",
				f.Location.Path, f.Location.StartLine, f.RuleID, f.Severity, f.Confidence, f.Message,
				strings.ReplaceAll(f.Evidence, "\n", "\n\t"))
		}
	}
	for i, w := range wants {
		if !used[i] {
			conf := ""
			if w.conf != 0 {
				conf = " with " + w.conf.String() + " confidence"
			}
			t.Errorf("%s:%d: missing finding %s%s", w.path, w.line, w.id, conf)
		}
	}
}

func collectWants(proj *project.Project, dir string) ([]want, error) {
	var wants []want
	for _, f := range proj.Files {
		for n := 1; n <= f.NumLines(); n++ {
			line := f.Line(n)
			if !strings.Contains(line, "want:") {
				continue
			}
			m := annotRE.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			ws, err := parseIDs(f.Path, n, m[1])
			if err != nil {
				return nil, err
			}
			wants = append(wants, ws...)
		}
	}
	side, err := os.Open(filepath.Join(dir, "WANT"))
	if err == nil {
		defer side.Close()
		sc := bufio.NewScanner(side)
		for ln := 1; sc.Scan(); ln++ {
			text := strings.TrimSpace(sc.Text())
			if text == "" || strings.HasPrefix(text, "#") {
				continue
			}
			loc, ids, ok := strings.Cut(text, ": ")
			path, lineStr, ok2 := strings.Cut(loc, ":")
			n, err := strconv.Atoi(lineStr)
			if !ok || !ok2 || err != nil {
				return nil, fmt.Errorf("%s/WANT:%d: want \"path:line: ID ...\", got %q", dir, ln, text)
			}
			ws, err := parseIDs(path, n, ids)
			if err != nil {
				return nil, err
			}
			wants = append(wants, ws...)
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("reading %s/WANT: %w", dir, err)
		}
	}
	sort.SliceStable(wants, func(i, j int) bool {
		if wants[i].path != wants[j].path {
			return wants[i].path < wants[j].path
		}
		return wants[i].line < wants[j].line
	})
	return wants, nil
}

func parseIDs(path string, line int, text string) ([]want, error) {
	var ws []want
	for _, field := range strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' }) {
		m := idRE.FindStringSubmatch(field)
		if m == nil {
			return nil, fmt.Errorf("%s:%d: bad want annotation %q (want RULE-ID or RULE-ID(low|medium|high))", path, line, field)
		}
		w := want{path: path, line: line, id: m[1]}
		if m[2] != "" {
			c, err := rules.ParseConfidence(m[2])
			if err != nil {
				return nil, err
			}
			w.conf = c
		}
		ws = append(ws, w)
	}
	if len(ws) == 0 {
		return nil, fmt.Errorf("%s:%d: empty want annotation", path, line)
	}
	return ws, nil
}
