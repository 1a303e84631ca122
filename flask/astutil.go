package flask

import (
	"path"
	"strings"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
)

// StrConst returns the value of a str literal (implicit concatenation is
// already folded by the parser).
func StrConst(e ast.Expr) (string, bool) {
	if c, ok := e.(*ast.Constant); ok {
		return c.Str()
	}
	return "", false
}

// BoolConst returns the value of a True/False literal.
func BoolConst(e ast.Expr) (bool, bool) {
	if c, ok := e.(*ast.Constant); ok {
		return c.Bool()
	}
	return false, false
}

// IntConst returns the value of an int literal, a negated one, or a
// product of int literals (60 * 60 * 24).
func IntConst(e ast.Expr) (int64, bool) {
	switch e := e.(type) {
	case *ast.Constant:
		return e.Int()
	case *ast.UnaryOp:
		if e.Op == ast.USub {
			if v, ok := IntConst(e.Operand); ok {
				return -v, true
			}
		}
	case *ast.BinOp:
		l, ok1 := IntConst(e.Left)
		r, ok2 := IntConst(e.Right)
		if ok1 && ok2 {
			switch e.Op {
			case ast.Mult:
				return l * r, true
			case ast.Add:
				return l + r, true
			case ast.Sub:
				return l - r, true
			case ast.LShift:
				if r >= 0 && r < 62 {
					return l << r, true
				}
			case ast.Pow:
				v := int64(1)
				for i := int64(0); i < r && i < 64; i++ {
					v *= l
				}
				return v, true
			}
		}
	}
	return 0, false
}

// Kwarg returns the value of the keyword argument name of call, or nil.
func Kwarg(call *ast.Call, name string) ast.Expr {
	for _, k := range call.Keywords {
		if k != nil && k.Arg == name {
			return k.Value
		}
	}
	return nil
}

// Arg returns the i-th positional argument of call, or the keyword
// argument name when it is not given positionally; nil if neither.
func Arg(call *ast.Call, i int, name string) ast.Expr {
	if i >= 0 && i < len(call.Args) {
		if _, star := call.Args[i].(*ast.Starred); !star {
			return call.Args[i]
		}
		return nil
	}
	if name != "" {
		return Kwarg(call, name)
	}
	return nil
}

// Dotted returns the dotted text of a Name/Attribute chain ("app.config.update"),
// or "" for other expressions.
// It builds the text in one pass: long chains (a.a.a... of thousands of
// links) cost time linear in their length.
func Dotted(e ast.Expr) string {
	n := 0
	x := e
	for {
		a, ok := x.(*ast.Attribute)
		if !ok {
			break
		}
		n += 1 + len(a.Attr)
		x = a.Value
	}
	root, ok := x.(*ast.Name)
	if !ok {
		return ""
	}
	if x == e {
		return root.ID
	}
	buf := make([]byte, len(root.ID)+n)
	copy(buf, root.ID)
	// Fill from the end: the outermost attribute is the last.
	end := len(buf)
	for a, ok := e.(*ast.Attribute); ok; a, ok = a.Value.(*ast.Attribute) {
		start := end - len(a.Attr)
		copy(buf[start:end], a.Attr)
		buf[start-1] = '.'
		end = start - 1
	}
	return string(buf)
}

// decoratorName returns the dotted name of a decorator, without its call
// ("app.route" for @app.route("/")).
func decoratorName(d ast.Expr) string {
	if c, ok := d.(*ast.Call); ok {
		d = c.Func
	}
	return Dotted(d)
}

// KeyedRead returns K when e reads key K of a mapping attribute named
// attr: X.attr["K"] or X.attr.get("K") (app.config["SECRET_KEY"],
// request.headers.get("Origin")); "" otherwise.
func KeyedRead(e ast.Node, attr string) string {
	isAttr := func(x ast.Expr) bool {
		a, ok := x.(*ast.Attribute)
		return ok && a.Attr == attr
	}
	switch x := e.(type) {
	case *ast.Subscript:
		if isAttr(x.Value) {
			k, _ := StrConst(x.Slice)
			return k
		}
	case *ast.Call:
		if a, ok := x.Func.(*ast.Attribute); ok && a.Attr == "get" && isAttr(a.Value) {
			k, _ := StrConst(Arg(x, 0, "key"))
			return k
		}
	}
	return ""
}

// FuncBody returns the body of a function node (*ast.FunctionDef or
// *ast.AsyncFunctionDef), or nil.
func FuncBody(n ast.Node) []ast.Stmt {
	switch f := n.(type) {
	case *ast.FunctionDef:
		return f.Body
	case *ast.AsyncFunctionDef:
		return f.Body
	}
	return nil
}

// FuncName returns the name of a function node.
func FuncName(n ast.Node) string {
	switch f := n.(type) {
	case *ast.FunctionDef:
		return f.Name
	case *ast.AsyncFunctionDef:
		return f.Name
	}
	return ""
}

func funcDecorators(n ast.Node) []ast.Expr {
	switch f := n.(type) {
	case *ast.FunctionDef:
		return f.DecoratorList
	case *ast.AsyncFunctionDef:
		return f.DecoratorList
	}
	return nil
}

func funcArgs(n ast.Node) *ast.Arguments {
	switch f := n.(type) {
	case *ast.FunctionDef:
		return f.Args
	case *ast.AsyncFunctionDef:
		return f.Args
	}
	return nil
}

// IsTestFile reports whether a file is test code: under a tests/ or test/
// folder, named test_*.py or *_test.py, or conftest.py.
func IsTestFile(f *project.File) bool {
	if f == nil {
		return false
	}
	for _, part := range strings.Split(path.Dir(f.Path), "/") {
		if part == "tests" || part == "test" || part == "testing" {
			return true
		}
	}
	base := path.Base(f.Path)
	return strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") || base == "conftest.py"
}

// inspectShallow calls f on every node under n but does not descend into
// nested function or class definitions (other than n itself).
func inspectShallow(n ast.Node, f func(ast.Node) bool) {
	root := n
	ast.Inspect(n, func(x ast.Node) bool {
		if x == nil {
			return false
		}
		if x != root {
			switch x.(type) {
			case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.ClassDef, *ast.Lambda:
				return false
			}
		}
		return f(x)
	})
}

// InspectBody calls f on every node of the statements (descending into
// nested functions too).
func InspectBody(body []ast.Stmt, f func(ast.Node) bool) {
	for _, s := range body {
		ast.Inspect(s, func(x ast.Node) bool {
			if x == nil {
				return false
			}
			return f(x)
		})
	}
}

// isNameMain reports whether test is `__name__ == "__main__"` (either way round).
func isNameMain(test ast.Expr) bool {
	c, ok := test.(*ast.Compare)
	if !ok || len(c.Ops) != 1 || c.Ops[0] != ast.Eq {
		return false
	}
	l, r := c.Left, c.Comparators[0]
	if n, ok := l.(*ast.Name); ok && n.ID == "__name__" {
		s, ok := StrConst(r)
		return ok && s == "__main__"
	}
	if n, ok := r.(*ast.Name); ok && n.ID == "__name__" {
		s, ok := StrConst(l)
		return ok && s == "__main__"
	}
	return false
}

// modInfo is what the model keeps of one Python module: its file and its
// entry in the repository's name-resolution index (package resolve),
// which owns import resolution (aliases, relative and star imports,
// re-exports through __init__.py, local shadowing).
type modInfo struct {
	file    *project.File
	module  string
	res     *resolve.Module
	ix      *resolve.Index
	funcs   map[string]ast.Node      // top-level functions by name
	classes map[string]*ast.ClassDef // top-level classes by name
	test    bool                     // test code (IsTestFile)
	flasky  bool                     // imports flask or a flask_* package (importsFlask)
	g       *gates                   // the libraries the project's names can belong to
	root    *scope                   // the module's scope

	// What the build computes for the file before its passes (see
	// facts.go), dropped when the model is built.
	stmts []stmtAt            // the statements in walk order, with their contexts
	own   []ast.Node          // the statements' own nodes the passes look at
	auth  []authRec           // session writes and Authorization reads, by statement
	memo  map[ast.Expr]string // qual's answers; read-only once frozen
	// frozen is set once the model is built: the model is shared by
	// goroutines, so qual no longer records answers.
	frozen bool
}

func newModInfo(ix *resolve.Index, f *project.File) *modInfo {
	mi := &modInfo{file: f, module: f.Module, ix: ix, res: ix.Module(f),
		funcs: map[string]ast.Node{}, classes: map[string]*ast.ClassDef{}, test: IsTestFile(f), g: openGates}
	if mi.res == nil {
		mi.res = &resolve.Module{File: f, Name: f.Module, Imports: map[string]string{}}
		return mi
	}
	for name, fn := range mi.res.Funcs {
		mi.funcs[name] = fn.Node
	}
	for name, cl := range mi.res.Classes {
		mi.classes[name] = cl.Node
	}
	mi.flasky = mi.computeImportsFlask()
	return mi
}

// qual returns the qualified dotted name of a Name/Attribute chain as
// seen from the module ("flask.request.args", "app.views.bp"), "" when
// its root is a local variable or the expression is no such chain.
// Answers are remembered while the model is built.
func (mi *modInfo) qual(e ast.Expr) string {
	if mi.ix == nil {
		return ""
	}
	switch e.(type) {
	case *ast.Name, *ast.Attribute:
	default:
		return "" // no chain
	}
	if q, ok := mi.memo[e]; ok {
		return q
	}
	q := mi.ix.QualName(mi.file, e)
	if !mi.frozen {
		if mi.memo == nil {
			mi.memo = map[ast.Expr]string{}
		}
		mi.memo[e] = q
	}
	return q
}

// importedQual returns the qualified name of e only when it comes from
// outside the module, through an import, a star import or a module-level
// alias of one (so "flask.request", "flask_wtf.CSRFProtect"); "" for the
// module's own definitions and for local variables.
func (mi *modInfo) importedQual(e ast.Expr) string {
	q := mi.qual(e)
	if q == "" || len(q) > len(mi.module) && q[len(mi.module)] == '.' && strings.HasPrefix(q, mi.module) {
		return ""
	}
	return q
}

// dotenvQual is importedQual for the checks that look for python-dotenv's
// functions: "" when no name of the project can be one.
func (mi *modInfo) dotenvQual(e ast.Expr) string {
	if !mi.g.dotenv {
		return ""
	}
	return mi.importedQual(e)
}

// importsFlask reports whether the module imports flask or a flask_*
// package (by name or with a star import).
func (mi *modInfo) importsFlask() bool { return mi.flasky }

func (mi *modInfo) computeImportsFlask() bool {
	isFlask := func(q string) bool {
		return q == "flask" || strings.HasPrefix(q, "flask.") || strings.HasPrefix(q, "flask_")
	}
	for _, q := range mi.res.Imports {
		if isFlask(q) {
			return true
		}
	}
	for _, q := range mi.res.Stars {
		if isFlask(q) {
			return true
		}
	}
	return false
}

// boundImports returns the local names an import statement of the module
// binds, each with its qualified name (resolved for this statement, so two
// factories importing different modules under one name each see their own).
func (mi *modInfo) boundImports(s ast.Stmt) map[string]string {
	return resolve.ImportBindings(mi.file, s)
}
