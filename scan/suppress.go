package scan

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/rules"
)

// Suppression is one inline suppression comment:
//
//	cur.execute(sql)  # flasksec: ignore[FLASK-INJECT-001] sql is built from constants
//	# flasksec: ignore[FLASK-XSS-001,FLASK-SSTI-001] reviewed in #123
//	{# flasksec: ignore[FLASK-XSS-001] trusted admin HTML #}
//	subprocess.call(cmd, shell=True)  # nosec   (only with nosec = true in the config)
//
// It silences findings of the listed rules whose first line is the
// comment's line, or the line below when the comment stands alone on its
// line. A bare "# flasksec: ignore" silences every rule there.
type Suppression struct {
	Path      string   // file, relative to the root
	Line      int      // line of the comment
	Col       int      // 1-based column of the comment
	Alone     bool     // the comment is the only thing on its line
	IDs       []string // rule IDs; empty for a bare suppression
	Reason    string   // the text after the bracket
	Nosec     bool     // a Bandit "# nosec" comment
	used      bool
	usedByIDs map[string]bool
}

// Suppressions is every suppression of a project, by path and line.
type Suppressions struct {
	byLine map[string]map[int][]*Suppression
	// spans holds, by path and line, the trailing suppressions of the
	// other lines of a multi-line statement that covers the line.
	spans map[string]map[int][]*Suppression
	all   []*Suppression
}

var (
	// flasksec: ignore[ID, ID] reason   (inside a # comment or a {# #} comment)
	ignoreRE = regexp.MustCompile(`^flasksec:\s*ignore\b(?:\[([^\]]*)\])?\s*(.*)$`)
	nosecRE  = regexp.MustCompile(`^nosec\b:?`)
	// The IDs after "nosec": Bandit checks (B602) or flasksec rule IDs.
	nosecIDRE = regexp.MustCompile(`^(?i:B\d{3}|FLASK(?:SEC)?-[A-Z]+-\d{3})$`)
	// A Jinja comment in a template.
	jinjaCommentRE = regexp.MustCompile(`\{#-?\s*(.*?)\s*-?#\}`)
)

// ParseSuppression parses the text of one comment, without its comment
// markers ("flasksec: ignore[FLASK-XSS-001] reason"). ok is false when it
// is not a suppression. nosec says whether "nosec" comments count.
func ParseSuppression(text string, nosec bool) (s Suppression, ok bool) {
	text = strings.TrimSpace(text)
	if m := ignoreRE.FindStringSubmatch(text); m != nil {
		for _, id := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			s.IDs = append(s.IDs, strings.ToUpper(id))
		}
		s.Reason = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(m[2]), ":-—"))
		return s, true
	}
	if nosec {
		if m := nosecRE.FindString(text); m != "" {
			s.Nosec = true
			rest := strings.TrimSpace(text[len(m):])
			for rest != "" {
				tok, after, _ := strings.Cut(rest, " ")
				id := strings.Trim(tok, ",")
				if !nosecIDRE.MatchString(id) {
					break
				}
				s.IDs = append(s.IDs, strings.ToUpper(id))
				rest = strings.TrimLeft(after, " ,")
			}
			s.Reason = rest
			return s, true
		}
	}
	return s, false
}

// CollectSuppressions finds the suppression comments of every file:
// Python comments (from the parsed tree when there is one), "#" comments
// of deployment and dependency files, and {# #} comments of templates.
func CollectSuppressions(p *project.Project, nosec bool) *Suppressions {
	ss := &Suppressions{byLine: map[string]map[int][]*Suppression{}, spans: map[string]map[int][]*Suppression{}}
	add := func(f *project.File, line, byteCol int, text string) {
		s, ok := ParseSuppression(text, nosec)
		if !ok {
			return
		}
		src := f.Line(line)
		s.Path, s.Line = f.Path, line
		s.Col = len([]rune(src[:min(byteCol, len(src))])) + 1
		s.Alone = strings.TrimSpace(src[:min(byteCol, len(src))]) == ""
		sp := &s
		if ss.byLine[f.Path] == nil {
			ss.byLine[f.Path] = map[int][]*Suppression{}
		}
		ss.byLine[f.Path][line] = append(ss.byLine[f.Path][line], sp)
		ss.all = append(ss.all, sp)
	}
	for _, f := range p.Files {
		switch {
		case (f.Kind == project.Python || f.Kind == project.PyConfig) && f.AST != nil:
			for _, c := range f.AST.Comments {
				add(f, int(c.Slash.Line), int(c.Slash.Col), strings.TrimPrefix(c.Text, "#"))
			}
			ss.spreadOverStatements(f)
		case f.Kind == project.Template:
			for n := 1; n <= f.NumLines(); n++ {
				line := f.Line(n)
				if !strings.Contains(line, "{#") {
					continue
				}
				for _, m := range jinjaCommentRE.FindAllStringSubmatchIndex(line, -1) {
					add(f, n, m[0], line[m[2]:m[3]])
				}
			}
		default:
			// Python files that did not parse, deployment and dependency
			// files: a "#" that starts a comment (at the start of the line or
			// after white space).
			for n := 1; n <= f.NumLines(); n++ {
				line := f.Line(n)
				i := commentStart(line)
				if i >= 0 {
					add(f, n, i, line[i+1:])
				}
			}
		}
	}
	return ss
}

// spreadOverStatements makes each suppression comment of a Python file
// that lies on a line of a multi-line simple statement (a call that black
// splits over lines, an assignment of a long expression) also cover the
// statement's other lines.
func (ss *Suppressions) spreadOverStatements(f *project.File) {
	lines := ss.byLine[f.Path]
	if len(lines) == 0 {
		return
	}
	ast.Inspect(f.AST, func(n ast.Node) bool {
		st, ok := n.(ast.Stmt)
		if !ok {
			return true
		}
		if compoundStmt(st) {
			return true // its body holds the simple statements
		}
		first, last := int(st.Pos().Line), int(st.End().Line)
		if first <= 0 || last <= first {
			return false
		}
		for c := first; c <= last; c++ {
			for _, s := range lines[c] {
				for l := first; l <= last; l++ {
					if l == c || (s.Alone && l == c+1) {
						continue // already covered by the comment's own line
					}
					if ss.spans[f.Path] == nil {
						ss.spans[f.Path] = map[int][]*Suppression{}
					}
					ss.spans[f.Path][l] = append(ss.spans[f.Path][l], s)
				}
			}
		}
		return false
	})
}

// compoundStmt reports whether st has a body of statements.
func compoundStmt(st ast.Stmt) bool {
	switch st.(type) {
	case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.ClassDef, *ast.For, *ast.AsyncFor, *ast.While,
		*ast.If, *ast.With, *ast.AsyncWith, *ast.Match, *ast.Try, *ast.TryStar:
		return true
	}
	return false
}

// commentStart returns the byte offset of a "#" that starts a comment:
// at the start of the line or after white space; -1 if none.
func commentStart(line string) int {
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			return i
		}
	}
	return -1
}

// Apply removes the suppressed findings and returns the rest and the
// number removed; it marks the suppressions used.
func (ss *Suppressions) Apply(fs []rules.Finding) ([]rules.Finding, int) {
	kept := fs[:0]
	n := 0
	for _, f := range fs {
		if s := ss.match(f); s != nil {
			n++
			continue
		}
		kept = append(kept, f)
	}
	return kept, n
}

// match returns the suppression covering f, or nil.
func (ss *Suppressions) match(f rules.Finding) *Suppression {
	lines := ss.byLine[f.Location.Path]
	if lines == nil {
		return nil
	}
	line := f.Location.StartLine
	var found *Suppression
	try := func(s *Suppression) {
		if !s.covers(f.RuleID) {
			return
		}
		s.used = true
		if s.usedByIDs == nil {
			s.usedByIDs = map[string]bool{}
		}
		s.usedByIDs[f.RuleID] = true
		if found == nil {
			found = s
		}
	}
	for _, s := range lines[line] {
		try(s)
	}
	for _, s := range ss.spans[f.Location.Path][line] {
		// A trailing comment on another line of the same statement
		// (black's multi-line calls).
		try(s)
	}
	for _, s := range lines[line-1] {
		if s.Alone && !s.Nosec {
			try(s)
		}
	}
	return found
}

func (s *Suppression) covers(id string) bool {
	if s.Nosec {
		return nosecCovers(s.IDs, id)
	}
	if len(s.IDs) == 0 {
		return true
	}
	for _, x := range s.IDs {
		if x == id {
			return true
		}
	}
	return false
}

// Problems reports, for --strict, the suppressions that are too broad
// (no rule ID), give no reason, name an unknown rule, or silence nothing.
// known holds every rule ID; ran the IDs of the rules that ran, since a
// suppression of a rule that did not run cannot be judged unused.
func (ss *Suppressions) Problems(known, ran map[string]bool) []Problem {
	var out []Problem
	report := func(s *Suppression, format string, args ...any) {
		out = append(out, Problem{Kind: "suppression", Path: s.Path, Line: s.Line, Col: s.Col, Message: fmt.Sprintf(format, args...)})
	}
	for _, s := range ss.all {
		switch {
		case s.Nosec:
			switch {
			case !s.used && len(s.IDs) > 0:
				report(s, "unused suppression: this # nosec %s silences no flasksec finding (only a bare # nosec, or a Bandit ID that maps to the finding's rule, does; see docs/config.md)", strings.Join(s.IDs, ", "))
			case !s.used:
				report(s, "unused suppression: this # nosec silences no flasksec finding")
			}
			continue
		case len(s.IDs) == 0:
			report(s, "suppression too broad: name the rules it silences, as in # flasksec: ignore[RULE-ID] reason")
		}
		if s.Reason == "" {
			report(s, "suppression without a reason: say why the finding is safe after the bracket")
		}
		judged := len(s.IDs) == 0
		for _, id := range s.IDs {
			if !known[id] {
				report(s, "suppression names unknown rule %s", id)
				continue
			}
			if !ran[id] {
				continue
			}
			judged = true
			if !s.usedByIDs[id] && len(s.IDs) > 1 {
				report(s, "unused suppression: no %s finding here", id)
			}
		}
		if judged && !s.used && len(s.IDs) <= 1 {
			report(s, "unused suppression: it silences no finding")
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Line < out[j].Line
	})
	return out
}
