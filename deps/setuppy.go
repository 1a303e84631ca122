package deps

import (
	"sort"

	"github.com/flasksec/flasksec/python/ast"
)

// ParseSetupPy reads the dependencies of a parsed setup.py without
// running it: the install_requires and extras_require arguments of a
// setup(...) or setuptools.setup(...) call, when they are literal lists
// (or tuples) of strings, or names bound at module level to such a
// literal. Each requirement is located at its string's line. Anything
// computed (a function call, a file read, a comprehension) is left out:
// the file would have to be executed to know it. mod may be a partial
// tree; nil gives an empty result.
func ParseSetupPy(relPath string, mod *ast.Module) *File {
	f := &File{Path: relPath, Format: SetupPy}
	if mod == nil {
		return f
	}
	literals := moduleLiterals(mod)
	ast.Inspect(mod, func(n ast.Node) bool {
		call, ok := n.(*ast.Call)
		if !ok || !isSetupCall(call.Func) {
			return true
		}
		for _, kw := range call.Keywords {
			switch kw.Arg {
			case "install_requires":
				f.addStringList(resolveLiteral(kw.Value, literals), "")
			case "extras_require":
				d, ok := resolveLiteral(kw.Value, literals).(*ast.Dict)
				if !ok {
					continue
				}
				for i, k := range d.Keys {
					c, ok := k.(*ast.Constant)
					if !ok {
						continue
					}
					name, ok := c.Str()
					if !ok || i >= len(d.Values) {
						continue
					}
					f.addStringList(resolveLiteral(d.Values[i], literals), name)
				}
			}
		}
		return true
	})
	sort.SliceStable(f.Requirements, func(i, j int) bool { return f.Requirements[i].Line < f.Requirements[j].Line })
	return f
}

func isSetupCall(fn ast.Expr) bool {
	switch fn := fn.(type) {
	case *ast.Name:
		return fn.ID == "setup"
	case *ast.Attribute:
		return fn.Attr == "setup"
	}
	return false
}

// moduleLiterals maps names assigned exactly once at module level to
// their value, for "REQUIRES = [...]; setup(install_requires=REQUIRES)".
func moduleLiterals(mod *ast.Module) map[string]ast.Expr {
	out := map[string]ast.Expr{}
	count := map[string]int{}
	for _, s := range mod.Body {
		as, ok := s.(*ast.Assign)
		if !ok {
			continue
		}
		for _, t := range as.Targets {
			if name, ok := t.(*ast.Name); ok {
				count[name.ID]++
				out[name.ID] = as.Value
			}
		}
	}
	for name, n := range count {
		if n > 1 {
			delete(out, name) // reassigned: the value is not a single literal
		}
	}
	return out
}

func resolveLiteral(e ast.Expr, literals map[string]ast.Expr) ast.Expr {
	if name, ok := e.(*ast.Name); ok {
		if v, ok := literals[name.ID]; ok {
			return v
		}
	}
	return e
}

// addStringList adds the string constants of a list or tuple literal.
func (f *File) addStringList(e ast.Expr, group string) {
	var elts []ast.Expr
	switch e := e.(type) {
	case *ast.List:
		elts = e.Elts
	case *ast.Tuple:
		elts = e.Elts
	default:
		return
	}
	for _, el := range elts {
		c, ok := el.(*ast.Constant)
		if !ok {
			continue
		}
		s, ok := c.Str()
		if !ok {
			continue
		}
		line := int(c.Pos().Line)
		r, err := ParsePEP508(s)
		if err != nil {
			f.errorf(line, "%v", err)
			continue
		}
		r.Group = group
		f.add(r, line)
	}
}
