package fix

import (
	"github.com/flasksec/flasksec/fixes"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
	"github.com/flasksec/flasksec/rules"
)

// debugToggle is the expression a hard-coded debug=True becomes: debug
// only when the environment asks for it, off by default.
const debugToggle = `os.environ.get("FLASK_DEBUG") == "1"`

// debugFromEnv fixes FLASK-DEPLOY-002 on a call X.run(..., debug=True, ...)
// on the finding's lines: the literal True becomes an environment toggle
// that is off unless FLASK_DEBUG=1, and "import os" is added when the
// module does not import it. Nothing else binding the name os in the
// file, and a place for the import at the start of a line among the
// module's first statements, are required; otherwise there is no fix.
// The other shapes of the rule (deployment files, config classes,
// app.debug = True) get no fix here.
func debugFromEnv(f *project.File, fd rules.Finding) []fixes.Fix {
	o := newOffsets(f.Src)
	var out []fixes.Fix
	ast.Inspect(f.AST, func(n ast.Node) bool {
		call, ok := n.(*ast.Call)
		if !ok {
			return true
		}
		attr, ok := call.Func.(*ast.Attribute)
		if !ok || attr.Attr != "run" {
			return true
		}
		for _, kw := range call.Keywords {
			c, ok := kw.Value.(*ast.Constant)
			if kw.Arg != "debug" || !ok || !onLines(fd, int(kw.Pos().Line)) {
				continue
			}
			if b, isBool := c.Bool(); !isBool || !b {
				continue
			}
			start, ok1 := o.at(c.Pos())
			end, ok2 := o.at(c.End())
			if !ok1 || !ok2 || string(f.Src[start:end]) != "True" {
				continue
			}
			imp, ok := osImport(f, o)
			if !ok {
				continue
			}
			edits := []fixes.Edit{{Path: f.Path, Start: start, End: end, Text: debugToggle}}
			if imp != nil {
				edits = append([]fixes.Edit{*imp}, edits...)
			}
			out = append(out, fixes.Fix{
				Message:       `Read debug mode from the environment, off unless FLASK_DEBUG=1 (debug=` + debugToggle + `).`,
				Applicability: fixes.Safe,
				Edits:         edits,
			})
		}
		return true
	})
	return out
}

// osImport returns the edit that adds "import os" to the module, nil
// when a module-level "import os" already binds it, and false when the
// name os is bound to anything else in the file or there is no safe
// place for the import.
func osImport(f *project.File, o *offsets) (*fixes.Edit, bool) {
	bound := false
	other := false
	ast.Inspect(f.AST, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Name:
			if n.ID == "os" && n.Ctx != ast.Load {
				other = true
			}
		case *ast.Import, *ast.ImportFrom:
			if q, ok := resolve.ImportBindings(f, n.(ast.Stmt))["os"]; ok && q != "os" {
				other = true
			}
		case *ast.FunctionDef:
			other = other || n.Name == "os"
		case *ast.AsyncFunctionDef:
			other = other || n.Name == "os"
		case *ast.ClassDef:
			other = other || n.Name == "os"
		case *ast.Arg:
			other = other || n.Arg == "os"
		}
		return true
	})
	if other {
		return nil, false
	}
	for _, s := range f.AST.Body {
		if q, ok := resolve.ImportBindings(f, s)["os"]; ok && q == "os" {
			if _, plain := s.(*ast.Import); plain {
				bound = true
			}
		}
	}
	if bound {
		return nil, true
	}
	// Before the first module-level statement that is neither the
	// docstring nor a __future__ import, when it is an import starting
	// its own line.
	for i, s := range f.AST.Body {
		if i == 0 {
			if e, ok := s.(*ast.ExprStmt); ok {
				if c, ok := e.Value.(*ast.Constant); ok {
					if _, str := c.Str(); str {
						continue
					}
				}
			}
		}
		if imp, ok := s.(*ast.ImportFrom); ok && imp.Module == "__future__" && imp.Level == 0 {
			continue
		}
		// Only before an import: a decorated definition's position is its
		// "def" line, below the decorators.
		switch s.(type) {
		case *ast.Import, *ast.ImportFrom:
		default:
			return nil, false
		}
		if s.Pos().Col != 0 {
			return nil, false
		}
		at, ok := o.at(s.Pos())
		if !ok || (at > 0 && f.Src[at-1] != '\n' && f.Src[at-1] != '\r') {
			return nil, false
		}
		return &fixes.Edit{Path: f.Path, Start: at, End: at, Text: "import os\n"}, true
	}
	return nil, false
}
