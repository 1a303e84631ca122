package lsp

import (
	"errors"
	"path"
	"regexp"
	"strings"

	"github.com/flasksec/flasksec/jinja"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/scanner"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

// The only quick fix the server offers is an inline suppression comment
// for one rule on one line, with a reason the user must write: the server
// never edits code, so it never "fixes" a finding by turning a protection
// off (spec section 0). The comment is placed where scan.CollectSuppressions
// will find it, and every candidate edit is checked before it is offered:
// the edited file must parse no worse than before, and the comment must
// silence exactly the finding's rule on the finding's line.

// reasonPlaceholder is the reason the quick fix writes; the user replaces
// it, and until then the server shows a reminder on it.
const reasonPlaceholder = "reason: TODO"

// suppressionFix is a checked edit that silences one rule on one line.
type suppressionFix struct {
	Title string
	Edit  TextEdit
}

// commentStyle is how a kind of file writes a suppression comment.
type commentStyle struct {
	open, close string
	trailing    bool // the comment may end the finding's line
}

// styleFor returns the comment style of the file rel, and false for files
// where no comment is possible (JSON lock files).
func styleFor(rel string, kind project.Kind, text string) (commentStyle, bool) {
	switch kind {
	case project.Python:
		return commentStyle{open: "# ", trailing: true}, true
	case project.PyConfig:
		// A *.cfg file may be Python for flasksec and INI for whatever
		// else reads it ("[uwsgi]\nmodule = app" is both), and configparser
		// reads "key = value  # note" as the value "value  # note": only a
		// comment line of its own is a comment in both.
		return commentStyle{open: "# "}, true
	case project.Template:
		return commentStyle{open: "{# ", close: " #}", trailing: true}, true
	case project.Deploy, project.Deps:
		if strings.EqualFold(path.Base(rel), "Pipfile.lock") || strings.HasPrefix(strings.TrimSpace(text), "{") {
			return commentStyle{}, false
		}
		// A "#" after a value is not a comment in every one of these
		// formats (systemd units, Dockerfile instructions, some .env
		// readers): only a comment line of its own is safe.
		return commentStyle{open: "# "}, true
	}
	return commentStyle{}, false
}

// bracketRE finds the rule list of a flasksec suppression.
var bracketRE = regexp.MustCompile(`flasksec:\s*ignore\[([^\]]*)\]`)

// fixContext is what checking a candidate edit needs.
type fixContext struct {
	rel  string
	text string
	id   string
	line int // the finding's 1-based line
	enc  posEncoding
	load project.Options
}

// suppressionFixFor returns the quick fix that silences rule id on the
// 1-based line of text, the content of the project file rel, and false
// when there is no safe place for the comment.
func suppressionFixFor(fc fixContext) (suppressionFix, bool) {
	kind, _ := project.Classify(fc.rel, []byte(fc.text))
	style, ok := styleFor(fc.rel, kind, fc.text)
	if !ok {
		return suppressionFix{}, false
	}
	base := fc.baseline(kind)
	starts := lineStarts(fc.text)
	L := fc.line
	if L < 1 || L > len(starts) {
		return suppressionFix{}, false
	}
	cur := lineAt(fc.text, starts, L-1)
	comment := style.open + "flasksec: ignore[" + fc.id + "] " + reasonPlaceholder + style.close

	type candidate struct {
		title       string
		edit        TextEdit
		target      int // the finding's line after the edit
		commentLine int // the line of the suppression after the edit
	}
	var cands []candidate
	// 1. An existing suppression on the line, or alone on the line above,
	// takes the rule into its list.
	for _, ln := range []int{L, L - 1} {
		if ln < 1 {
			continue
		}
		text := lineAt(fc.text, starts, ln-1)
		m := bracketRE.FindStringSubmatchIndex(text)
		if m == nil {
			continue
		}
		list := text[m[2]:m[3]]
		ins := fc.id
		if strings.TrimSpace(list) != "" {
			ins = ", " + fc.id
		}
		at := Position{ln - 1, fc.enc.fromBytes(text, m[3])}
		cands = append(cands, candidate{
			title:  "Add " + fc.id + " to the flasksec suppression here (check that its reason covers it)",
			edit:   TextEdit{Range: Range{at, at}, NewText: ins},
			target: L, commentLine: ln,
		})
	}
	// 2. A comment at the end of the line.
	if style.trailing && strings.TrimSpace(cur) != "" {
		content := strings.TrimRight(cur, " \t")
		from := Position{L - 1, fc.enc.units(content)}
		to := Position{L - 1, fc.enc.units(cur)}
		cands = append(cands, candidate{
			title:  "Suppress " + fc.id + " on this line (write the reason)",
			edit:   TextEdit{Range: Range{from, to}, NewText: "  " + comment},
			target: L, commentLine: L,
		})
	}
	// 3. A comment line of its own above the line, unless the line above
	// is a standalone suppression (which would then cover the new comment
	// instead of the finding) or continues onto the finding's line.
	if (L == 1 || !standaloneSuppression(lineAt(fc.text, starts, L-2))) && (L == 1 || !strings.HasSuffix(lineAt(fc.text, starts, L-2), `\`)) &&
		!(L == 1 && strings.HasPrefix(cur, "#!")) {
		at := Position{L - 1, 0}
		cands = append(cands, candidate{
			title:  "Suppress " + fc.id + " on the next line (write the reason)",
			edit:   TextEdit{Range: Range{at, at}, NewText: leadingBlank(cur) + comment + eol(fc.text)},
			target: L + 1, commentLine: L,
		})
	}
	for _, c := range cands {
		edited := fc.enc.applyChange(fc.text, &c.edit.Range, c.edit.NewText)
		if fc.check(kind, edited, base, c.target, c.commentLine) {
			return suppressionFix{Title: c.title, Edit: c.edit}, true
		}
	}
	return suppressionFix{}, false
}

// fileState is what the checks compare before and after an edit.
type fileState struct {
	errors int  // syntax errors
	python bool // a *.cfg file parses as Python
}

// baseline reads the unedited file.
func (fc fixContext) baseline(kind project.Kind) fileState {
	f, _, _ := project.FromSource(fc.rel, []byte(fc.text), fc.load)
	return fileState{errors: syntaxErrors(kind, f, fc.text), python: f != nil && f.AST != nil}
}

// standaloneSuppression reports whether line is a comment of its own
// that is a suppression (of any rule, "# nosec" included): a comment
// line inserted below it would take its place above the finding.
func standaloneSuppression(line string) bool {
	t := strings.TrimSpace(line)
	switch {
	case strings.HasPrefix(t, "{#"):
		t = strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(t, "{#"), "-"), "#}"), "-")
	case strings.HasPrefix(t, "#"):
		t = t[1:]
	default:
		return false
	}
	_, ok := scan.ParseSuppression(t, true)
	return ok
}

// check reports whether the edited text parses no worse than the
// original, and silences rule fc.id on line target with a comment on line
// commentLine that the file's own syntax treats as a comment.
func (fc fixContext) check(kind project.Kind, edited string, base fileState, target, commentLine int) bool {
	f, _, _ := project.FromSource(fc.rel, []byte(edited), fc.load)
	if f == nil || syntaxErrors(kind, f, edited) > base.errors {
		return false
	}
	switch kind {
	case project.Python:
		if f.AST == nil || !hasComment(f, commentLine, fc.id) {
			return false
		}
	case project.PyConfig:
		// The file must stay what it was, Python or INI, and in Python
		// the comment must be a comment.
		if (f.AST != nil) != base.python || (f.AST != nil && !hasComment(f, commentLine, fc.id)) {
			return false
		}
	case project.Template:
		if !jinjaComment(edited, commentLine, fc.id) {
			return false
		}
	}
	p := project.New("", []*project.File{f}, fc.load.Config)
	ss := scan.CollectSuppressions(p, false)
	_, n := ss.Apply([]rules.Finding{{RuleID: fc.id, Location: rules.Location{Path: fc.rel, StartLine: target}}})
	return n == 1
}

// syntaxErrors counts the syntax errors of a file.
func syntaxErrors(kind project.Kind, f *project.File, text string) int {
	switch kind {
	case project.Python:
		if f == nil {
			return 1 << 20
		}
		if f.Err == nil {
			return 0
		}
		var list scanner.ErrorList
		if errors.As(f.Err, &list) {
			return len(list)
		}
		return 1
	case project.Template:
		_, errs := jinja.Lex(text)
		return len(errs)
	}
	return 0
}

// hasComment reports whether the parsed Python file has a comment on the
// 1-based line that names the rule.
func hasComment(f *project.File, line int, id string) bool {
	for _, c := range f.AST.Comments {
		if int(c.Slash.Line) == line && strings.Contains(c.Text, id) {
			return true
		}
	}
	return false
}

// jinjaComment reports whether the template has a Jinja comment on the
// 1-based line that names the rule (not text inside {% raw %}).
func jinjaComment(text string, line int, id string) bool {
	toks, _ := jinja.Lex(text)
	for _, t := range toks {
		if t.Kind == jinja.TokComment && int(t.Pos.Line) <= line && line <= int(t.End.Line) && strings.Contains(t.Val, id) {
			return true
		}
	}
	return false
}
