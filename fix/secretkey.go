package fix

import (
	"regexp"

	"github.com/flasksec/flasksec/fixes"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/rules"
)

// secretName is a configuration key a hard-coded secret may be moved out
// of: SECRET_KEY and the extensions' *_SECRET_KEY.
var secretName = regexp.MustCompile(`^(?:[A-Z][A-Z0-9_]*_)?SECRET_KEY$`)

// secretFromEnv fixes FLASK-CONFIG-001 on an assignment of a plain string
// literal to a secret key: `SECRET_KEY = "..."` (module or class level),
// `app.config["SECRET_KEY"] = "..."` and `app.secret_key = "..."`. The
// literal becomes os.environ["SECRET_KEY"] (the key's own name for the
// extensions' keys), which fails at start when the variable is missing
// rather than run with a known key; "import os" is added when missing.
// The message says to rotate the key: the old value stays in the
// history. The edits never contain the old value, and the diff masks it.
func secretFromEnv(f *project.File, fd rules.Finding) []fixes.Fix {
	o := newOffsets(f.Src)
	var out []fixes.Fix
	ast.Inspect(f.AST, func(n ast.Node) bool {
		as, ok := n.(*ast.Assign)
		if !ok || len(as.Targets) != 1 || !onLines(fd, int(as.Pos().Line)) {
			return true
		}
		c, ok := as.Value.(*ast.Constant)
		if !ok {
			return true
		}
		if s, isStr := c.Str(); !isStr || s == "" {
			return true
		}
		name := ""
		switch t := as.Targets[0].(type) {
		case *ast.Name:
			name = t.ID
		case *ast.Attribute:
			if t.Attr == "secret_key" {
				name = "SECRET_KEY"
			}
		case *ast.Subscript:
			if k, ok := t.Slice.(*ast.Constant); ok {
				if s, isStr := k.Str(); isStr {
					if a, ok := t.Value.(*ast.Attribute); ok && a.Attr == "config" {
						name = s
					}
				}
			}
		}
		if !secretName.MatchString(name) {
			return true
		}
		start, ok1 := o.at(c.Pos())
		end, ok2 := o.at(c.End())
		if !ok1 || !ok2 || start >= end {
			return true
		}
		imp, ok := osImport(f, o)
		if !ok {
			return true
		}
		edits := []fixes.Edit{{Path: f.Path, Start: start, End: end, Text: `os.environ["` + name + `"]`}}
		if imp != nil {
			edits = append([]fixes.Edit{*imp}, edits...)
		}
		out = append(out, fixes.Fix{
			Message: `Read ` + name + ` from the environment (os.environ["` + name + `"], no default), and rotate the key: ` +
				`the old value stays in the repository's history.`,
			Applicability: fixes.Safe,
			Edits:         edits,
		})
		return true
	})
	return out
}
