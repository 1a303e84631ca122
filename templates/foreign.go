package templates

import (
	"regexp"
	"strings"

	"github.com/flasksec/flasksec/project"
)

// foreignMarks are the signs of a template language other than Jinja in
// an .html file: Mustache/Handlebars sections, partials and triple
// braces; AngularJS directives, one-time bindings and filter arguments;
// Angular structural directives, event bindings and control flow; Vue
// directives.
var foreignMarks = []struct {
	re   *regexp.Regexp
	lang string
}{
	{regexp.MustCompile(`\{\{\{|\{\{[#/^>!&]`), "a Mustache/Handlebars template"},
	{regexp.MustCompile(`\sng-(?:app|repeat|if|show|hide|model|click|bind|controller|class|href|src|init|options|submit|change)\s*=|\{\{\s*::|\{\{[^}]*\|\s*[A-Za-z_]+\s*:`), "an AngularJS template"},
	{regexp.MustCompile(`\s\*ng[A-Z]\w*\s*=|\s\[\(\w+\)\]\s*=|\s\(\w+\)\s*=\s*"|(?m)^\s*@(?:if|for|switch)\s*\(`), "an Angular template"},
	{regexp.MustCompile(`\sv-(?:if|for|bind|model|on|show|else)\b|\s@click\s*=`), "a Vue template"},
	{regexp.MustCompile(`\{\{[^}]*(?:\|\||&&|\?\.|===|!==)[^}]*\}\}`), "a JavaScript framework's template ({{ }} holds JavaScript operators)"},
}

// foreignReason says why a template file that does not parse as Jinja is
// another template language's file (or a static file Flask serves as
// is), or "" when it looks like a Jinja template with a real syntax
// error.
func foreignReason(path string, src []byte) string {
	for _, m := range foreignMarks {
		if m.re.Match(src) {
			return "not a Jinja template: it does not parse as Jinja and reads as " + m.lang + " (not analysed)"
		}
	}
	for _, seg := range strings.Split(path, "/") {
		if seg == "static" {
			return "not a Jinja template: it does not parse as Jinja and lies under static/, which Flask serves as is (not analysed)"
		}
	}
	return ""
}

// Skipped lists the template files left out because they are written in
// another template language (Mustache, AngularJS, Vue), with the reason,
// sorted by path. The scan driver adds them to the skipped files instead
// of reporting their Jinja syntax errors.
func (m *Model) Skipped() []project.Skipped {
	var out []project.Skipped
	for _, t := range m.Templates {
		if t.Foreign != "" {
			out = append(out, project.Skipped{Path: t.File.Path, Reason: t.Foreign})
		}
	}
	return out
}
