// Package resolve maps names in Python code to fully qualified names
// across the scanned repository: which module an imported name comes
// from, which function of the repo a call reaches, which class a method
// belongs to.
//
// A qualified name is the dotted path under which a thing is defined:
// "flask.request.args" for `r.args` after `from flask import request as
// r`; "app.helpers.build_query" for a function of the repo's
// app/helpers.py, whatever alias the caller imported it under;
// "app.models.User.save" for a method. Names of things outside the repo
// are kept as the import says ("sqlite3.connect", "subprocess.run").
//
// Resolution is static and conservative: it follows imports (absolute,
// relative, aliased, re-exported through __init__.py), module-level
// definitions and assignments of imported names (`req = flask.request`),
// `self`/`cls` inside methods, and repo base classes. It does not infer
// the types of arbitrary variables; the taint engine does its own
// flow-sensitive work on top.
package resolve

import (
	"sort"
	"strings"
	"sync"

	"github.com/flasksec/flasksec/par"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
)

// Func is a function or method defined in the repo.
type Func struct {
	Qual       string         // "app.helpers.build_query", "app.models.User.save"
	Name       string         // "build_query"
	File       *project.File  // the file defining it
	Node       ast.Stmt       // *ast.FunctionDef or *ast.AsyncFunctionDef
	Args       *ast.Arguments // its parameters
	Body       []ast.Stmt     // its body
	Decorators []ast.Expr     // its decorators, outermost first
	Class      *Class         // the class it is a method of; nil for functions
	Parent     *Func          // the enclosing function of a nested function; nil otherwise
	// Imports maps the names bound by import statements in the function's
	// own body (not in nested functions) to their qualified names; they
	// shadow the module's imports inside the function.
	Imports map[string]string

	localsOnce sync.Once
	locals     map[string]bool // see Index.locals
}

// Class is a class defined in the repo.
type Class struct {
	Qual    string           // "app.models.User"
	Name    string           // "User"
	File    *project.File    // the file defining it
	Node    *ast.ClassDef    // its definition
	Bases   []string         // qualified names of its bases, as far as they resolve
	Methods map[string]*Func // its methods by name
}

// Module is one Python file's top-level names.
type Module struct {
	File *project.File
	Name string // dotted module name
	// Imports maps each name bound by an import anywhere in the file
	// (module level or inside functions; for a name imported several times
	// the last import wins) to the qualified name it stands for: `import
	// os.path` binds "os" to "os"; `import numpy as np` binds "np" to
	// "numpy"; `from .db import q as query` binds "query" to "<pkg>.db.q".
	// QualName resolves scopes properly: a function's own imports first
	// (Func.Imports), then the module level ones.
	Imports map[string]string
	// top holds the imports at module level only.
	top     map[string]string
	Funcs   map[string]*Func  // top-level functions by name
	Classes map[string]*Class // top-level classes by name
	// Assigns holds, for each module-level name, the values assigned to it
	// at module level (in source order); `x: T = v` counts, `x: T` does not.
	Assigns map[string][]ast.Expr
	// Stars lists the qualified names of the modules star-imported
	// (`from flask import *`), in source order.
	Stars []string
}

// Index is the resolution index of a whole project.
type Index struct {
	proj    *project.Project
	modules map[*project.File]*Module
	byName  map[string]*Module // dotted module name to module
	funcs   map[string]*Func
	classes map[string]*Class
	sorted  []*Func
	// spans holds every function of a file with its line range, for FuncAt.
	spans map[*project.File][]*Func

	// names memoises QualName by file; every parsed file's cache exists
	// once the index is built, so the map itself is only read.
	names map[*project.File]*nameCache
}

// nameCache holds the qualified names of one file's expressions.
type nameCache struct {
	mu sync.RWMutex
	m  map[ast.Expr]string
	// top holds the names of bare names read outside any function, by
	// identifier: there the answer depends on nothing else, and keying by
	// node would take an entry per read (millions in a generated module).
	top map[string]string
}

type indexKey struct{}

// Of returns the project's index, building it once per project.
func Of(p *project.Project) *Index {
	return project.Cached(p, indexKey{}, func() *Index { return build(p) })
}

func build(p *project.Project) *Index {
	ix := &Index{proj: p, modules: map[*project.File]*Module{}, byName: map[string]*Module{},
		funcs: map[string]*Func{}, classes: map[string]*Class{}, spans: map[*project.File][]*Func{},
		names: map[*project.File]*nameCache{}}
	// Each file's definitions and imports are read on its own, in parallel,
	// then merged in file order (the first definition of a qualified name
	// wins, as when read one file after another).
	var files []*project.File
	for _, f := range p.FilesOf(project.Python) {
		if f.AST != nil {
			files = append(files, f)
		}
	}
	read := make([]*fileDefs, len(files))
	par.Each(len(files), func(i int) { read[i] = readDefs(files[i]) })
	for i, f := range files {
		d := read[i]
		m := d.m
		ix.modules[f] = m
		for _, name := range moduleNames(f) {
			if old, ok := ix.byName[name]; !ok || len(f.Path) < len(old.File.Path) {
				ix.byName[name] = m
			}
		}
		for _, c := range d.classes {
			if _, dup := ix.classes[c.Qual]; !dup {
				ix.classes[c.Qual] = c
			}
		}
		for _, fn := range d.funcs {
			// A later definition of the same name (a property setter, a
			// redefinition) keeps its own entry in spans but the first wins
			// the qualified name.
			if _, dup := ix.funcs[fn.Qual]; !dup {
				ix.funcs[fn.Qual] = fn
			}
		}
		ix.spans[f] = d.funcs
	}
	// From here on every module is known: names can be memoised.
	for f := range ix.modules {
		ix.names[f] = &nameCache{m: map[ast.Expr]string{}}
	}
	// Bases are resolved once every class is known.
	for _, c := range ix.classes {
		for _, b := range c.Node.Bases {
			if q := ix.QualName(c.File, b); q != "" {
				c.Bases = append(c.Bases, q)
			}
		}
	}
	for _, fn := range ix.funcs {
		ix.sorted = append(ix.sorted, fn)
	}
	sort.Slice(ix.sorted, func(i, j int) bool { return ix.sorted[i].Qual < ix.sorted[j].Qual })
	return ix
}

// moduleNames returns the dotted names a file can be imported under: its
// path from the root, and its path from each containing folder, because a
// project's import root is often below the scanned root (src/, a service
// folder, a script's own folder). When two files claim a name, the one
// with the shorter path wins (see build).
func moduleNames(f *project.File) []string {
	names := []string{f.Module}
	parts := strings.Split(f.Module, ".")
	for i := 1; i < len(parts); i++ {
		names = append(names, strings.Join(parts[i:], "."))
	}
	return names
}

// packageOf returns the package a relative import in f is relative to.
func packageOf(f *project.File) string {
	if strings.HasSuffix(f.Path, "/__init__.py") || f.Path == "__init__.py" {
		return f.Module
	}
	if i := strings.LastIndexByte(f.Module, '.'); i >= 0 {
		return f.Module[:i]
	}
	return ""
}

// fileDefs is what one file defines: its module, its functions (in
// source order, the spans FuncAt searches) and classes.
type fileDefs struct {
	m       *Module
	funcs   []*Func
	classes []*Class
}

// readDefs reads the definitions and imports of one parsed file.
func readDefs(f *project.File) *fileDefs {
	d := &fileDefs{m: &Module{File: f, Name: f.Module, Imports: map[string]string{}, top: map[string]string{},
		Funcs: map[string]*Func{}, Classes: map[string]*Class{}, Assigns: map[string][]ast.Expr{}}}
	d.collectDefs(f.AST.Body, d.m.Name, nil, nil, true)
	sort.Slice(d.funcs, func(i, j int) bool { return d.funcs[i].Node.Pos().Before(d.funcs[j].Node.Pos()) })
	d.collectImports(f) // funcAt needs the sorted spans
	return d
}

func (d *fileDefs) collectImports(f *project.File) {
	m := d.m
	ast.Inspect(f.AST, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Import, *ast.ImportFrom:
			s := n.(ast.Stmt)
			fn := funcAt(d.funcs, int(s.Pos().Line))
			for local, q := range ImportBindings(f, s) {
				m.Imports[local] = q
				if fn == nil {
					m.top[local] = q
				} else {
					if fn.Imports == nil {
						fn.Imports = map[string]string{}
					}
					fn.Imports[local] = q
				}
			}
			if from, ok := n.(*ast.ImportFrom); ok {
				for _, a := range from.Names {
					if a.Name == "*" {
						m.Stars = append(m.Stars, fromBase(f, from))
					}
				}
			}
		case ast.Expr:
			return false // imports are statements; no need to enter expressions
		}
		return true
	})
}

// ImportBindings returns the names one import statement of file f binds,
// with the qualified names they stand for (relative imports resolved
// against f's package). Star imports bind nothing here (see
// Module.Stars). It returns nil for other statements.
func ImportBindings(f *project.File, s ast.Stmt) map[string]string {
	switch s := s.(type) {
	case *ast.Import:
		out := make(map[string]string, len(s.Names))
		for _, a := range s.Names {
			if a.Asname != "" {
				out[a.Asname] = a.Name
			} else {
				first, _, _ := strings.Cut(a.Name, ".")
				out[first] = first
			}
		}
		return out
	case *ast.ImportFrom:
		base := fromBase(f, s)
		out := make(map[string]string, len(s.Names))
		for _, a := range s.Names {
			if a.Name == "*" {
				continue
			}
			local := a.Name
			if a.Asname != "" {
				local = a.Asname
			}
			out[local] = joinDots(base, a.Name)
		}
		return out
	}
	return nil
}

// fromBase returns the qualified module a from-import imports from.
func fromBase(f *project.File, s *ast.ImportFrom) string {
	if s.Level == 0 {
		return s.Module
	}
	pkg := packageOf(f)
	for i := 1; i < s.Level && pkg != ""; i++ {
		if j := strings.LastIndexByte(pkg, '.'); j >= 0 {
			pkg = pkg[:j]
		} else {
			pkg = ""
		}
	}
	return joinDots(pkg, s.Module)
}

func joinDots(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "." + b
}

// collectDefs records functions, classes and module-level assignments.
func (d *fileDefs) collectDefs(body []ast.Stmt, prefix string, class *Class, parent *Func, top bool) {
	m := d.m
	for _, s := range body {
		switch s := s.(type) {
		case *ast.FunctionDef:
			d.addFunc(s, s.Name, s.Args, s.Body, s.DecoratorList, prefix, class, parent, top)
		case *ast.AsyncFunctionDef:
			d.addFunc(s, s.Name, s.Args, s.Body, s.DecoratorList, prefix, class, parent, top)
		case *ast.ClassDef:
			c := &Class{Qual: prefix + "." + s.Name, Name: s.Name, File: m.File, Node: s, Methods: map[string]*Func{}}
			d.classes = append(d.classes, c)
			if top && class == nil && parent == nil {
				m.Classes[s.Name] = c
			}
			d.collectDefs(s.Body, c.Qual, c, parent, false)
		case *ast.Assign:
			if top {
				for _, t := range s.Targets {
					if n, ok := t.(*ast.Name); ok {
						m.Assigns[n.ID] = append(m.Assigns[n.ID], s.Value)
					}
				}
			}
		case *ast.AnnAssign:
			if n, ok := s.Target.(*ast.Name); ok && top && s.Value != nil {
				m.Assigns[n.ID] = append(m.Assigns[n.ID], s.Value)
			}
		case *ast.If:
			// Definitions under `if TYPE_CHECKING:`, `try: import ... except`
			// and version checks are still module-level definitions.
			d.collectDefs(s.Body, prefix, class, parent, top)
			d.collectDefs(s.Orelse, prefix, class, parent, top)
		case *ast.Try:
			d.collectDefs(s.Body, prefix, class, parent, top)
			for _, h := range s.Handlers {
				d.collectDefs(h.Body, prefix, class, parent, top)
			}
			d.collectDefs(s.Orelse, prefix, class, parent, top)
			d.collectDefs(s.Finalbody, prefix, class, parent, top)
		case *ast.With:
			d.collectDefs(s.Body, prefix, class, parent, top)
		}
	}
}

func (d *fileDefs) addFunc(node ast.Stmt, name string, args *ast.Arguments, body []ast.Stmt,
	decos []ast.Expr, prefix string, class *Class, parent *Func, top bool) {
	m := d.m
	fn := &Func{Qual: prefix + "." + name, Name: name, File: m.File, Node: node, Args: args, Body: body,
		Decorators: decos, Class: class, Parent: parent}
	d.funcs = append(d.funcs, fn)
	if class != nil {
		if _, dup := class.Methods[name]; !dup {
			class.Methods[name] = fn
		}
	} else if top && parent == nil {
		m.Funcs[name] = fn
	}
	d.collectDefs(body, fn.Qual, nil, fn, false)
}

// Module returns the module of a Python file, or nil if it did not parse.
func (ix *Index) Module(f *project.File) *Module { return ix.modules[f] }

// ModuleNamed returns the repo module with the dotted name, or nil.
func (ix *Index) ModuleNamed(name string) *Module { return ix.byName[name] }

// Func returns the repo function or method with the qualified name, or
// nil. Names that reach a definition through re-exports are followed.
func (ix *Index) Func(qual string) *Func {
	if fn := ix.funcs[qual]; fn != nil {
		return fn
	}
	if c := ix.canonical(qual, 0); c != qual {
		return ix.funcs[c]
	}
	return nil
}

// Class returns the repo class with the qualified name, or nil.
func (ix *Index) Class(qual string) *Class {
	if c := ix.classes[qual]; c != nil {
		return c
	}
	if c := ix.canonical(qual, 0); c != qual {
		return ix.classes[c]
	}
	return nil
}

// Funcs returns every repo function and method, sorted by qualified name.
func (ix *Index) Funcs() []*Func { return ix.sorted }

// FuncAt returns the innermost repo function of f whose definition spans
// line, or nil at module level. Function ranges nest, so the innermost is
// found from the last function starting at or before the line, by walking
// up its enclosing functions: O(log n) per call.
func (ix *Index) FuncAt(f *project.File, line int) *Func { return funcAt(ix.spans[f], line) }

// funcAt is FuncAt over one file's functions sorted by position.
func funcAt(fs []*Func, line int) *Func {
	i := sort.Search(len(fs), func(i int) bool { return int(fs[i].Node.Pos().Line) > line })
	if i == 0 {
		return nil
	}
	// Any function containing the line starts before the one found and so
	// contains it: it is one of its enclosing functions (Parent covers
	// methods of classes nested in functions too).
	for fn := fs[i-1]; fn != nil; fn = fn.Parent {
		if line <= int(fn.Node.End().Line) {
			return fn
		}
	}
	return nil
}

// maxChase bounds how many re-exports and aliases canonical follows.
const maxChase = 16

// canonical follows a qualified name through the repo's re-exports:
// "app.db" imported in app/__init__.py as `from .models import db` makes
// "app.db" canonical "app.models.db". Names outside the repo are returned
// as they are.
func (ix *Index) canonical(qual string, depth int) string {
	if depth > maxChase {
		return qual
	}
	if _, ok := ix.funcs[qual]; ok {
		return qual
	}
	if _, ok := ix.classes[qual]; ok {
		return qual
	}
	// Find the longest prefix that is a repo module, then look the next
	// component up among that module's imports and assignments.
	parts := strings.Split(qual, ".")
	for i := len(parts) - 1; i >= 1; i-- {
		m := ix.byName[strings.Join(parts[:i], ".")]
		if m == nil {
			continue
		}
		name, rest := parts[i], parts[i+1:]
		if _, ok := m.Funcs[name]; ok {
			return qual
		}
		if _, ok := m.Classes[name]; ok {
			if len(rest) > 0 && ix.classes[m.Name+"."+name] != nil {
				return ix.methodQual(ix.classes[m.Name+"."+name], rest, qual)
			}
			return qual
		}
		if target, ok := m.top[name]; ok && target != qual {
			return ix.canonical(joinDots(target, strings.Join(rest, ".")), depth+1)
		}
		if vals := m.Assigns[name]; len(vals) == 1 {
			if t := ix.exprQual(m, vals[0], depth+1); t != "" && t != qual {
				return ix.canonical(joinDots(t, strings.Join(rest, ".")), depth+1)
			}
		}
		return qual
	}
	return qual
}

// methodQual resolves Class.method through the class's repo bases.
func (ix *Index) methodQual(c *Class, rest []string, fallback string) string {
	if len(rest) != 1 {
		return fallback
	}
	if m := ix.lookupMethod(c, rest[0], 0); m != nil {
		return m.Qual
	}
	return fallback
}

// lookupMethod finds a method on a class or its repo bases, depth-first
// in base order (a simplification of the C3 MRO that agrees with it for
// single inheritance).
func (ix *Index) lookupMethod(c *Class, name string, depth int) *Func {
	if c == nil || depth > maxChase {
		return nil
	}
	if m := c.Methods[name]; m != nil {
		return m
	}
	for _, b := range c.Bases {
		if m := ix.lookupMethod(ix.Class(b), name, depth+1); m != nil {
			return m
		}
	}
	return nil
}

// LookupMethod finds a method by name on a repo class or its repo bases.
func (ix *Index) LookupMethod(c *Class, name string) *Func { return ix.lookupMethod(c, name, 0) }

// exprQual resolves a Name/Attribute chain in module m.
func (ix *Index) exprQual(m *Module, e ast.Expr, depth int) string {
	switch e := e.(type) {
	case *ast.Name:
		if t, ok := m.top[e.ID]; ok {
			return t
		}
		if t, ok := m.Imports[e.ID]; ok {
			return t // imported only inside functions: the best guess at module level
		}
		if _, ok := m.Funcs[e.ID]; ok {
			return m.Name + "." + e.ID
		}
		if _, ok := m.Classes[e.ID]; ok {
			return m.Name + "." + e.ID
		}
		if vals := m.Assigns[e.ID]; len(vals) == 1 && depth < maxChase {
			// `request = flask.request` or `bp = Blueprint(...)`: an alias of
			// an imported name resolves to it; any other value is the
			// module-level variable itself.
			if t := ix.exprQual(m, vals[0], depth+1); t != "" && isAliasExpr(vals[0]) {
				return t
			}
			return m.Name + "." + e.ID
		}
		if _, ok := m.Assigns[e.ID]; ok {
			return m.Name + "." + e.ID
		}
		return ix.starQual(m, e.ID, depth)
	case *ast.Attribute:
		// Resolve the root once and append the attributes: building the
		// text link by link would copy it once per link.
		root, ok := attrRoot(e)
		if !ok {
			return ""
		}
		base := ix.exprQual(m, root, depth+1)
		if base == "" {
			return ""
		}
		return appendAttrs(base, e)
	}
	return ""
}

// attrRoot returns the expression under the attributes of a.b.c (a), and
// whether it is a Name.
func attrRoot(e ast.Expr) (ast.Expr, bool) {
	for {
		a, ok := e.(*ast.Attribute)
		if !ok {
			_, isName := e.(*ast.Name)
			return e, isName
		}
		e = a.Value
	}
}

// appendAttrs returns base followed by the attributes of the chain e, in
// one allocation: appendAttrs("x", a.b.c) is "x.b.c".
func appendAttrs(base string, e ast.Expr) string {
	n := len(base)
	var attrs []string // in reverse order
	for a, ok := e.(*ast.Attribute); ok; a, ok = a.Value.(*ast.Attribute) {
		attrs = append(attrs, a.Attr)
		n += 1 + len(a.Attr)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(base)
	for i := len(attrs) - 1; i >= 0; i-- {
		b.WriteByte('.')
		b.WriteString(attrs[i])
	}
	return b.String()
}

// starQual credits a name no import or definition binds to a module the
// file star-imports: a repo module that defines or imports it, or else a
// library that exports it. Builtins are never credited. With several
// library star imports, the one known to export the name wins, and
// otherwise the last (a later star import shadows an earlier one).
func (ix *Index) starQual(m *Module, name string, depth int) string {
	return ix.starQualIn(m, name, depth, false)
}

// starQualIn is starQual; nested is true inside a star-imported repo
// module, where a library's star import is credited only with names it is
// known to export, so that the outer module's own star imports are not
// overridden by a guess.
func (ix *Index) starQualIn(m *Module, name string, depth int, nested bool) string {
	if len(m.Stars) == 0 || builtins[name] || strings.HasPrefix(name, "_") || depth > maxChase {
		return ""
	}
	var external []string
	for i := len(m.Stars) - 1; i >= 0; i-- {
		star := m.Stars[i]
		if sm := ix.byName[star]; sm != nil {
			if _, ok := sm.Funcs[name]; ok {
				return star + "." + name
			}
			if _, ok := sm.Classes[name]; ok {
				return star + "." + name
			}
			if _, ok := sm.top[name]; ok {
				return star + "." + name
			}
			if _, ok := sm.Assigns[name]; ok {
				return star + "." + name
			}
			if q := ix.starQualIn(sm, name, depth+1, true); q != "" {
				return q
			}
			continue
		}
		external = append(external, star)
	}
	for _, star := range external {
		if starExports[star][name] {
			return star + "." + name
		}
	}
	if len(external) > 0 && !nested {
		return external[0] + "." + name
	}
	return ""
}

// dotted returns the dotted text of a Name/Attribute chain ("a.b.c").
func dotted(e ast.Expr) string {
	root, ok := attrRoot(e)
	if !ok {
		return ""
	}
	return appendAttrs(root.(*ast.Name).ID, e)
}

func isAliasExpr(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Name:
		return true
	case *ast.Attribute:
		return isAliasExpr(e.Value)
	}
	return false
}

// QualName returns the qualified name of a Name or Attribute chain (of at
// most maxQualLinks attributes) used in file f ("flask.request.args",
// "app.helpers.build_query"), following the repo's re-exports so that a
// repo definition has one name however it was imported; "" if the
// expression is not such a chain or its root is a local variable or
// parameter the index cannot see through. Inside a method, `self.x` and
// `cls.x` resolve to the class's attribute when the class (or a repo base)
// defines a method x.
func (ix *Index) QualName(f *project.File, e ast.Expr) string {
	nc := ix.names[f]
	if nc == nil {
		return ix.qualName(f, e)
	}
	if n, ok := e.(*ast.Name); ok && ix.FuncAt(f, int(n.Pos().Line)) == nil {
		nc.mu.RLock()
		q, ok := nc.top[n.ID]
		nc.mu.RUnlock()
		if ok {
			return q
		}
		q = ix.qualName(f, e)
		nc.mu.Lock()
		if nc.top == nil {
			nc.top = map[string]string{}
		}
		nc.top[n.ID] = q
		nc.mu.Unlock()
		return q
	}
	nc.mu.RLock()
	q, ok := nc.m[e]
	nc.mu.RUnlock()
	if ok {
		return q
	}
	q = ix.qualName(f, e)
	nc.mu.Lock()
	nc.m[e] = q
	nc.mu.Unlock()
	return q
}

// maxQualLinks bounds the attributes of a chain QualName resolves. Real
// qualified names have a handful of components; without a bound, asking
// for the name of every node of a chain of n attributes (as the taint
// engine does) would cost n*n in walks and in the names' text.
const maxQualLinks = 64

// longChain reports whether e is a chain of more than maxQualLinks
// attributes, looking at no more than that many.
func longChain(e ast.Expr) bool {
	for i := 0; i <= maxQualLinks; i++ {
		a, ok := e.(*ast.Attribute)
		if !ok {
			return false
		}
		e = a.Value
	}
	return true
}

func (ix *Index) qualName(f *project.File, e ast.Expr) string {
	m := ix.modules[f]
	if m == nil || longChain(e) {
		return ""
	}
	if q := ix.selfMethod(f, e); q != "" {
		return q
	}
	if n, ok := rootName(e); ok {
		line := int(e.Pos().Line)
		for fn := ix.FuncAt(f, line); fn != nil; fn = fn.Parent {
			if q, ok := fn.Imports[n]; ok {
				return ix.canonical(q+strings.TrimPrefix(dotted(e), n), 0)
			}
			if ix.locals(fn)[n] {
				return ""
			}
		}
	}
	q := ix.exprQual(m, e, 0)
	if q == "" {
		return ""
	}
	return ix.canonical(q, 0)
}

// selfMethod resolves self.method / cls.method inside a method.
func (ix *Index) selfMethod(f *project.File, e ast.Expr) string {
	a, ok := e.(*ast.Attribute)
	if !ok {
		return ""
	}
	n, ok := a.Value.(*ast.Name)
	if !ok || (n.ID != "self" && n.ID != "cls") {
		return ""
	}
	fn := ix.FuncAt(f, int(e.Pos().Line))
	for fn != nil && fn.Class == nil {
		fn = fn.Parent
	}
	if fn == nil {
		return ""
	}
	if m := ix.lookupMethod(fn.Class, a.Attr, 0); m != nil {
		return m.Qual
	}
	return ""
}

func rootName(e ast.Expr) (string, bool) {
	for {
		switch x := e.(type) {
		case *ast.Name:
			return x.ID, true
		case *ast.Attribute:
			e = x.Value
		default:
			return "", false
		}
	}
}

// Names bound locally in a function (a parameter, an assignment, loop or
// with target, an except name) shadow the module-level name inside it and
// its nested functions; `global` and `nonlocal` declarations keep the
// outer binding. QualName walks the enclosing functions with locals.

// locals returns the names a function binds locally, computed once
// (safe for concurrent use).
func (ix *Index) locals(fn *Func) map[string]bool {
	fn.localsOnce.Do(func() { fn.locals = bindings(fn) })
	return fn.locals
}

// bindings computes the names a function binds locally (see locals).
func bindings(fn *Func) map[string]bool {
	l := map[string]bool{}
	a := fn.Args
	for _, group := range [][]*ast.Arg{a.PosOnlyArgs, a.Args, a.KwOnlyArgs, {a.Vararg, a.Kwarg}} {
		for _, arg := range group {
			if arg != nil {
				l[arg.Arg] = true
			}
		}
	}
	declared := map[string]bool{}
	var bind func(t ast.Expr)
	bind = func(t ast.Expr) {
		switch t := t.(type) {
		case *ast.Name:
			l[t.ID] = true
		case *ast.Tuple:
			for _, e := range t.Elts {
				bind(e)
			}
		case *ast.List:
			for _, e := range t.Elts {
				bind(e)
			}
		case *ast.Starred:
			bind(t.Value)
		}
	}
	for _, s := range fn.Body {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.ClassDef, *ast.Lambda:
				if n != ast.Node(s) {
					if d, ok := n.(*ast.FunctionDef); ok {
						l[d.Name] = true
					}
					if d, ok := n.(*ast.AsyncFunctionDef); ok {
						l[d.Name] = true
					}
					if d, ok := n.(*ast.ClassDef); ok {
						l[d.Name] = true
					}
					return false // their bodies are other scopes
				}
			case *ast.Assign:
				for _, t := range n.Targets {
					bind(t)
				}
			case *ast.AugAssign:
				bind(n.Target)
			case *ast.AnnAssign:
				if n.Value != nil {
					bind(n.Target)
				}
			case *ast.NamedExpr:
				bind(n.Target)
			case *ast.For:
				bind(n.Target)
			case *ast.AsyncFor:
				bind(n.Target)
			case *ast.WithItem:
				if n.OptionalVars != nil {
					bind(n.OptionalVars)
				}
			case *ast.ExceptHandler:
				if n.Name != "" {
					l[n.Name] = true
				}
			case *ast.Global:
				for _, name := range n.Names {
					declared[name] = true
				}
			case *ast.Nonlocal:
				for _, name := range n.Names {
					declared[name] = true
				}
			}
			return true
		})
	}
	// Names declared global or nonlocal keep the outer binding. Local
	// imports are not recorded here: they bind an imported module, which
	// the file-level import table already resolves.
	for name := range declared {
		delete(l, name)
	}
	return l
}

// Callee resolves the function a call reaches. qual is the callee's
// qualified name ("" when unknown); fn is its repo definition when it has
// one: a function, a method through self/cls or a repo class, or a class's
// __init__ when the call constructs a repo class.
func (ix *Index) Callee(f *project.File, call *ast.Call) (qual string, fn *Func) {
	qual = ix.QualName(f, call.Func)
	if qual == "" {
		return "", nil
	}
	if fn = ix.funcs[qual]; fn != nil {
		return qual, fn
	}
	if c := ix.classes[qual]; c != nil {
		return qual, ix.lookupMethod(c, "__init__", 0)
	}
	return qual, nil
}
