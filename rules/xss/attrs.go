package xss

import (
	"strings"

	"github.com/flasksec/flasksec/jinja"
	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
	"github.com/flasksec/flasksec/templates"
)

// attrFacts are what the application's Python code says about object
// attributes by name: how model classes declare them (Column(Integer))
// and what every write assigns to them (post.body = bleach.clean(...)).
// Templates read attributes of objects whose class flasksec cannot see
// from the template (post.body); the facts hold for every class that
// declares or writes the name, so an attribute counts only when all of
// them agree.
type attrFacts struct {
	// declared maps an attribute name to whether every class-body
	// declaration of it is a number or boolean column (false as soon as
	// one is not).
	declared map[string]bool
	// writes maps an attribute name to the values assigned to it outside
	// class bodies (obj.attr = v, Model(attr=v), setattr(obj, "attr", v)).
	writes map[string][]attrWrite
	// props maps an attribute name to the @property (cached_property,
	// hybrid_property) methods of that name.
	props map[string][]attrProp
	// plain holds the names also declared as plain class attributes or
	// columns (a property of the same name elsewhere does not decide).
	plain map[string]bool
	// owned maps a class name to the attributes its body declares as
	// plain attributes or its methods assign on self.
	owned map[string]map[string]bool
	// selfWrites counts, per attribute name, the writes in writes that
	// are self.attr = v inside a class's methods.
	selfWrites map[string]int
}

type attrProp struct {
	file  *project.File
	def   *ast.FunctionDef
	class string // the defining class's name
}

type attrWrite struct {
	file  *project.File
	value ast.Expr
}

type attrFactsKey struct{}

// numberColumnTypes are SQLAlchemy/WTForms-free type names of number and
// boolean columns.
var numberColumnTypes = map[string]bool{"Integer": true, "BigInteger": true, "SmallInteger": true, "Boolean": true,
	"Float": true, "Numeric": true, "DECIMAL": true, "INTEGER": true, "BOOLEAN": true, "FLOAT": true,
	"BIGINT": true, "SMALLINT": true, "Double": true, "int": true, "bool": true, "float": true}

func (a *tmplChecker) attrFacts() *attrFacts {
	p := a.pass.Project
	return project.Cached(p, attrFactsKey{}, func() *attrFacts {
		af := &attrFacts{declared: map[string]bool{}, writes: map[string][]attrWrite{},
			props: map[string][]attrProp{}, plain: map[string]bool{},
			owned: map[string]map[string]bool{}, selfWrites: map[string]int{}}
		for _, f := range p.FilesOf(project.Python) {
			if f.AST != nil {
				af.scan(f, a.ix)
			}
		}
		return af
	})
}

func (af *attrFacts) scan(f *project.File, ix *resolve.Index) {
	ast.Inspect(f.AST, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ClassDef:
			for _, s := range n.Body {
				af.declaration(f, s, n.Name)
				if fd, ok := s.(*ast.FunctionDef); ok {
					af.selfAssigns(fd, n.Name)
				}
			}
		case *ast.Assign:
			for _, t := range n.Targets {
				if at, ok := t.(*ast.Attribute); ok {
					af.writes[at.Attr] = append(af.writes[at.Attr], attrWrite{f, n.Value})
				}
			}
		case *ast.Call:
			if nm, ok := n.Func.(*ast.Name); ok && nm.ID == "setattr" && len(n.Args) == 3 {
				if s, ok := strConst(n.Args[1]); ok {
					af.writes[s] = append(af.writes[s], attrWrite{f, n.Args[2]})
				}
				return true
			}
			// Model(attr=v): a repo class's constructor.
			if q := ix.QualName(f, n.Func); q != "" && ix.Class(q) != nil {
				for _, k := range n.Keywords {
					if k != nil && k.Arg != "" {
						af.writes[k.Arg] = append(af.writes[k.Arg], attrWrite{f, k.Value})
					}
				}
			}
		}
		return true
	})
}

// declaration records a class-body statement declaring an attribute:
// x = Column(Integer), x = db.Column(db.Boolean, ...), x:
// Mapped[int] = mapped_column(), x = 0.
func (af *attrFacts) declaration(f *project.File, s ast.Stmt, class string) {
	var name string
	var value, annot ast.Expr
	switch s := s.(type) {
	case *ast.FunctionDef:
		if isProperty(s.DecoratorList) {
			af.props[s.Name] = append(af.props[s.Name], attrProp{f, s, class})
		}
		return
	case *ast.Assign:
		if len(s.Targets) != 1 {
			return
		}
		n, ok := s.Targets[0].(*ast.Name)
		if !ok {
			return
		}
		name, value = n.ID, s.Value
	case *ast.AnnAssign:
		n, ok := s.Target.(*ast.Name)
		if !ok {
			return
		}
		name, value, annot = n.ID, s.Value, s.Annotation
	default:
		return
	}
	af.plain[name] = true
	af.own(class, name)
	num := numberDecl(value, annot)
	if prev, ok := af.declared[name]; ok {
		af.declared[name] = prev && num
		return
	}
	af.declared[name] = num
}

// own records that class declares or assigns attr.
func (af *attrFacts) own(class, attr string) {
	if af.owned[class] == nil {
		af.owned[class] = map[string]bool{}
	}
	af.owned[class][attr] = true
}

// selfAssigns records the self.attr = v statements of a method of class.
func (af *attrFacts) selfAssigns(fd *ast.FunctionDef, class string) {
	ast.Inspect(fd, func(n ast.Node) bool {
		if as, ok := n.(*ast.Assign); ok {
			for _, t := range as.Targets {
				if at, ok := t.(*ast.Attribute); ok {
					if nm, ok := at.Value.(*ast.Name); ok && nm.ID == "self" {
						af.own(class, at.Attr)
						af.selfWrites[at.Attr]++
					}
				}
			}
		}
		return true
	})
}

// numberDecl reports whether a declaration's value or annotation makes
// the attribute a number or boolean.
func numberDecl(value, annot ast.Expr) bool {
	if annot != nil {
		if sub, ok := annot.(*ast.Subscript); ok && lastName(sub.Value) == "Mapped" {
			annot = sub.Slice
		}
		if numberColumnTypes[lastName(annot)] {
			return true
		}
	}
	switch v := value.(type) {
	case *ast.Constant:
		_, isStr := v.Str()
		return !isStr && !v.IsNone()
	case *ast.Call:
		switch lastName(v.Func) {
		case "Column", "mapped_column", "column_property":
			if len(v.Args) > 0 {
				t := v.Args[0]
				if c, ok := t.(*ast.Call); ok {
					t = c.Func
				}
				return numberColumnTypes[lastName(t)]
			}
		}
	}
	return false
}

// lastName returns the last name of a dotted expression (Integer for
// db.Integer), or "".
func lastName(x ast.Expr) string {
	switch x := x.(type) {
	case *ast.Name:
		return x.ID
	case *ast.Attribute:
		return x.Attr
	}
	return ""
}

// numberAttr reports whether a template value is an attribute every
// class of the application declares as a number or boolean column.
func (a *tmplChecker) numberAttr(v jinja.Expr) bool {
	g, ok := v.(*jinja.Getattr)
	if !ok {
		return false
	}
	num, ok := a.attrFacts().declared[g.Attr]
	return ok && num
}

// sanitisedOnWrite returns a note when every write of the attribute a
// template value reads stores the output of an HTML sanitiser (bleach,
// nh3, a repo function calling one) or a constant, and at least one does:
// the application cleans the HTML before it stores it.
func (a *tmplChecker) sanitisedOnWrite(v jinja.Expr) string {
	for {
		if f, ok := v.(*jinja.Filter); ok && builtinFilters[f.Name] {
			v = f.X
			continue
		}
		break
	}
	g, ok := v.(*jinja.Getattr)
	if !ok {
		return ""
	}
	ws := a.attrFacts().writes[g.Attr]
	if len(ws) == 0 {
		return ""
	}
	var first *attrWrite
	for i, w := range ws {
		if _, ok := w.value.(*ast.Constant); ok {
			continue
		}
		c, ok := w.value.(*ast.Call)
		if !ok || !a.sanitiserCall(w.file, c) {
			return ""
		}
		if first == nil {
			first = &ws[i]
		}
	}
	if first == nil {
		return ""
	}
	return "every write of ." + g.Attr + " stores a sanitiser's output (" + pyText(first.value) + " at " +
		first.file.Path + ":" + itoa(int(first.value.Pos().Line)) + ")"
}

// sanitiserCall reports whether a Python call cleans HTML: a known or
// configured sanitiser, or a repo function that calls one.
func (a *tmplChecker) sanitiserCall(f *project.File, c *ast.Call) bool {
	q := a.ix.QualName(f, c.Func)
	if a.htmlSanitiser(q) {
		return true
	}
	fn := a.ix.Func(q)
	if fn == nil {
		return false
	}
	found := false
	for _, s := range fn.Body {
		ast.Inspect(s, func(n ast.Node) bool {
			if cc, ok := n.(*ast.Call); ok && a.htmlSanitiser(a.ix.QualName(fn.File, cc.Func)) {
				found = true
			}
			return !found
		})
	}
	return found
}

// htmlSanitiser reports whether a qualified name is an HTML sanitiser
// (bleach.clean, nh3.clean, lxml's Cleaner, a configured sanitiser).
func (a *tmplChecker) htmlSanitiser(q string) bool {
	if q == "" {
		return false
	}
	if kinds, ok := a.kb.Sanitizer(q); ok && (kinds.Has(knowledge.HTML) || kinds.Has(knowledge.TemplateContext)) {
		return true
	}
	if a.kb.Cleaner(q) {
		return true
	}
	switch {
	case strings.HasPrefix(q, "bleach.") && strings.HasSuffix(q, ".clean"), strings.HasPrefix(q, "nh3.") && strings.HasSuffix(q, ".clean"),
		strings.HasPrefix(q, "lxml.html.clean."):
		return true
	}
	return false
}

// isProperty reports whether a decorator list makes a method a property.
func isProperty(decos []ast.Expr) bool {
	for _, d := range decos {
		switch lastName(d) {
		case "property", "cached_property", "hybrid_property":
			return true
		}
	}
	return false
}

// safeProperty reports whether every class of the
// application that has the attribute defines it as a property whose
// every return is safe (url_for(...), a constant): post.url in
// {{ post.url }} is then the application's own link.
func (a *tmplChecker) safeProperty(name string) bool {
	af := a.attrFacts()
	ps := af.props[name]
	if len(ps) == 0 || af.plain[name] || len(af.writes[name]) > 0 {
		return false
	}
	for _, p := range ps {
		fn := a.ix.FuncAt(p.file, int(p.def.Pos().Line))
		if fn == nil || ast.Node(fn.Node) != ast.Node(p.def) || !a.safeReturns(fn, 0) {
			return false
		}
	}
	return true
}

// appDataAttr reports whether v reads an attribute (or an item) that the
// application can fill with data: obj[key], or obj.attr where some class
// of the application declares attr as a column or plain attribute,
// assigns it, or defines it as a property that is not only the app's own
// link. A template-local name ({% set %}, {% with %}, a {% for %} item)
// and a method call on such a value (row.__repr__()) follow their
// source; a variable from the render context, a macro parameter and a
// plain function's result are not such a read.
func (a *tmplChecker) appDataAttr(v jinja.Expr, sc *templates.Scope, depth int) bool {
	if depth > 8 {
		return false
	}
	switch x := v.(type) {
	case *jinja.Getitem:
		return true
	case *jinja.Getattr:
		af := a.attrFacts()
		if _, ok := af.declared[x.Attr]; ok || af.plain[x.Attr] || len(af.writes[x.Attr]) > 0 {
			return true
		}
		return len(af.props[x.Attr]) > 0 && !a.safeProperty(x.Attr) && !a.ownClassLink(x)
	case *jinja.Call:
		if m, ok := x.Func.(*jinja.Getattr); ok {
			return a.appDataAttr(m.X, sc, depth+1)
		}
	case *jinja.Name:
		b := sc.Lookup(x.Name)
		if b == nil || b.Value == nil {
			return false
		}
		switch b.Kind {
		case templates.BindSet, templates.BindWith, templates.BindLoop:
			return a.appDataAttr(b.Value, b.Scope, depth+1)
		}
	}
	return false
}

// ownClassLink reports whether recv.attr names a safe property of the
// class the receiver is named after: forum.url, topic.forum.url and
// last_post.url read Forum.url and Post.url, properties returning
// url_for(...). It holds when each application class of that name
// defines attr only as such a property, and attr is assigned nowhere
// but inside other classes' own methods (a PluginInfo's self.url = ...
// does not make Forum.url data).
func (a *tmplChecker) ownClassLink(x *jinja.Getattr) bool {
	var recv string
	switch r := x.X.(type) {
	case *jinja.Name:
		recv = r.Name
	case *jinja.Getattr:
		recv = r.Attr
	default:
		return false
	}
	if i := strings.LastIndexByte(recv, '_'); i >= 0 {
		recv = recv[i+1:]
	}
	if recv == "" {
		return false
	}
	af := a.attrFacts()
	if len(af.writes[x.Attr]) > af.selfWrites[x.Attr] {
		return false
	}
	found := false
	for _, p := range af.props[x.Attr] {
		if !strings.EqualFold(p.class, recv) {
			continue
		}
		if af.owned[p.class][x.Attr] {
			return false
		}
		fn := a.ix.FuncAt(p.file, int(p.def.Pos().Line))
		if fn == nil || ast.Node(fn.Node) != ast.Node(p.def) || !a.safeReturns(fn, 0) {
			return false
		}
		found = true
	}
	return found
}
