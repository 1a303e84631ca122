package fix

import (
	"strings"

	"github.com/flasksec/flasksec/fixes"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
	"github.com/flasksec/flasksec/rules"
)

// yamlSafe maps the PyYAML loaders that can build arbitrary objects to
// the safe function that builds only plain data.
var yamlSafe = map[string]string{
	"load":            "safe_load",
	"full_load":       "safe_load",
	"unsafe_load":     "safe_load",
	"load_all":        "safe_load_all",
	"full_load_all":   "safe_load_all",
	"unsafe_load_all": "safe_load_all",
}

// yamlSafeLoad fixes FLASKSEC-DESERIALIZE-001 on a PyYAML call written
// yaml.load(data[, Loader=...]) through a module-level "import yaml"
// (or "import yaml as y") whose name nothing else rebinds: the call
// becomes yaml.safe_load(data). Other shapes (a positional Loader, *args,
// other keywords, "from yaml import load") get no fix.
func yamlSafeLoad(f *project.File, fd rules.Finding) []fixes.Fix {
	locals := yamlNames(f)
	if len(locals) == 0 {
		return nil
	}
	o := newOffsets(f.Src)
	var out []fixes.Fix
	ast.Inspect(f.AST, func(n ast.Node) bool {
		call, ok := n.(*ast.Call)
		if !ok || !onLines(fd, int(call.Pos().Line)) {
			return true
		}
		attr, ok := call.Func.(*ast.Attribute)
		if !ok {
			return true
		}
		mod, ok := attr.Value.(*ast.Name)
		safe := yamlSafe[attr.Attr]
		if !ok || !locals[mod.ID] || safe == "" || len(call.Args) != 1 {
			return true
		}
		if _, star := call.Args[0].(*ast.Starred); star {
			return true
		}
		if len(call.Keywords) > 1 || (len(call.Keywords) == 1 && call.Keywords[0].Arg != "Loader") {
			return true
		}
		end, ok1 := o.at(attr.End())
		if !ok1 || end < len(attr.Attr) || string(f.Src[end-len(attr.Attr):end]) != attr.Attr {
			return true
		}
		edits := []fixes.Edit{{Path: f.Path, Start: end - len(attr.Attr), End: end, Text: safe}}
		if len(call.Keywords) == 1 {
			kw := call.Keywords[0]
			argEnd, ok1 := o.at(call.Args[0].End())
			kwStart, ok2 := o.at(kw.Pos())
			kwEnd, ok3 := o.at(kw.End())
			if !ok1 || !ok2 || !ok3 || argEnd > kwStart || kwStart >= kwEnd ||
				strings.TrimSpace(string(f.Src[argEnd:kwStart])) != "," {
				return true
			}
			edits = append(edits, fixes.Edit{Path: f.Path, Start: argEnd, End: kwEnd})
		}
		out = append(out, fixes.Fix{
			Message:       "Load with " + mod.ID + "." + safe + ", which builds only plain data (no Python objects).",
			Applicability: fixes.Safe,
			Edits:         edits,
		})
		return true
	})
	return out
}

// yamlNames returns the names that a module-level import binds to the
// yaml module and that nothing else in the file binds.
func yamlNames(f *project.File) map[string]bool {
	names := map[string]bool{}
	for _, s := range f.AST.Body {
		for local, qual := range resolve.ImportBindings(f, s) {
			if qual == "yaml" {
				names[local] = true
			}
		}
	}
	if len(names) == 0 {
		return nil
	}
	// Any other binding of the name makes the call's target a guess.
	ast.Inspect(f.AST, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Name:
			if n.Ctx != ast.Load {
				delete(names, n.ID)
			}
		case *ast.Import, *ast.ImportFrom:
			for local, qual := range resolve.ImportBindings(f, n.(ast.Stmt)) {
				if qual != "yaml" {
					delete(names, local)
				}
			}
		case *ast.FunctionDef:
			delete(names, n.Name)
		case *ast.AsyncFunctionDef:
			delete(names, n.Name)
		case *ast.ClassDef:
			delete(names, n.Name)
		case *ast.Arg:
			delete(names, n.Arg)
		case *ast.Global:
			for _, g := range n.Names {
				delete(names, g)
			}
		}
		return true
	})
	return names
}
