package taint

import (
	"strings"

	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/python/ast"
)

// fact is what a branch condition establishes about a variable.
type fact struct {
	kinds knowledge.KindSet // kinds the variable is safe for on the branch
	flags uint8             // partial URL checks, see below
}

// Partial checks of a relative redirect target; all three together make
// it safe for redirects.
const (
	startsSlash uint8 = 1 << iota // x.startswith("/")
	noDouble                      // not x.startswith("//") / "//" not in x
	noBackslash                   // "\\" not in x
)

type facts map[string]fact

func (f facts) add(g facts) facts {
	if len(g) == 0 {
		return f
	}
	if f == nil {
		f = facts{}
	}
	for k, v := range g {
		old := f[k]
		f[k] = fact{kinds: old.kinds | v.kinds, flags: old.flags | v.flags}
	}
	return f
}

func one(name string, kinds knowledge.KindSet, flags uint8) facts {
	if name == "" {
		return nil
	}
	return facts{name: {kinds: kinds, flags: flags}}
}

var urlKinds = knowledge.Set(knowledge.Redirect, knowledge.URL)

// guard returns what a condition establishes when it is true and when it
// is false.
func (c *ctx) guard(s *state, x ast.Expr) (onTrue, onFalse facts) {
	switch x := x.(type) {
	case *ast.UnaryOp:
		if x.Op == ast.Not {
			t, f := c.guard(s, x.Operand)
			return f, t
		}
	case *ast.BoolOp:
		if x.Op == ast.And {
			for _, v := range x.Values {
				t, _ := c.guard(s, v)
				onTrue = onTrue.add(t)
			}
			return onTrue, nil
		}
		for _, v := range x.Values {
			_, f := c.guard(s, v)
			onFalse = onFalse.add(f)
		}
		return nil, onFalse
	case *ast.Compare:
		if len(x.Ops) == 1 {
			return c.compareGuard(s, x.Left, x.Ops[0], x.Comparators[0])
		}
	case *ast.Call:
		return c.callGuard(s, x)
	case *ast.Attribute:
		if name, part := c.urlPart(s, x); name != "" && part == "netloc" {
			return nil, one(name, knowledge.Set(knowledge.Redirect), 0)
		}
	case *ast.Name:
		// `if found:` where found = ALLOWED.get(key): key is allowlisted.
		if v := s.vars[x.ID]; v != nil && v.der != nil && v.der.fn == "lookup" {
			return one(v.der.arg, knowledge.AllKinds, 0), nil
		}
	case *ast.NamedExpr:
		return c.guard(s, x.Value)
	}
	return nil, nil
}

// subject returns the variable a condition tests: x, or x in x.lower().
func (c *ctx) subject(s *state, x ast.Expr) string {
	switch x := x.(type) {
	case *ast.Name:
		if _, ok := s.vars[x.ID]; ok {
			return x.ID
		}
	case *ast.Call:
		if a, ok := x.Func.(*ast.Attribute); ok && knowledge.StrMethod(a.Attr) {
			return c.subject(s, a.Value)
		}
		if p := pathOf(x); p != "" {
			return "@" + p
		}
	case *ast.Attribute, *ast.Subscript:
		// An access path (form.kind.data, request.args["sort"]): the check
		// holds for later reads of the same path until it is assigned.
		if p := pathOf(x); p != "" {
			return "@" + p
		}
	}
	return ""
}

// maxPathLinks bounds the links of an access path that guards track:
// real paths have a few (form.kind.data); rendering every prefix of a
// chain of n links would cost n*n.
const maxPathLinks = 32

// pathOf renders an access path: a name followed by attributes, constant
// subscripts and .get("key") calls, of at most maxPathLinks links; "" for
// anything else.
func pathOf(x ast.Expr) string {
	if pathTooLong(x) {
		return ""
	}
	return pathText(x)
}

// pathTooLong reports whether x has more than maxPathLinks links of
// attributes, subscripts and calls, looking at no more than that many.
func pathTooLong(x ast.Expr) bool {
	for i := 0; i <= maxPathLinks; i++ {
		switch e := x.(type) {
		case *ast.Attribute:
			x = e.Value
		case *ast.Subscript:
			x = e.Value
		case *ast.Call:
			x = e.Func
		default:
			return false
		}
	}
	return true
}

// pathText is pathOf without the length check.
func pathText(x ast.Expr) string {
	switch x := x.(type) {
	case *ast.Name:
		return x.ID
	case *ast.Attribute:
		if p := pathText(x.Value); p != "" {
			return p + "." + x.Attr
		}
	case *ast.Subscript:
		if k, ok := constStr(x.Slice); ok {
			if p := pathText(x.Value); p != "" {
				return p + "['" + k + "']"
			}
		}
	case *ast.Call:
		if a, ok := x.Func.(*ast.Attribute); ok && a.Attr == "get" && len(x.Args) > 0 {
			if k, ok := constStr(x.Args[0]); ok {
				if p := pathText(a.Value); p != "" {
					return p + "['" + k + "']"
				}
			}
		}
	}
	return ""
}

// checkedPath sanitises the value of an access path a guard checked
// earlier on this path through the function.
func (c *ctx) checkedPath(s *state, x ast.Expr, v *value) *value {
	if !c.paths || !v.tainted() {
		return v
	}
	p := pathOf(x)
	if p == "" {
		return v
	}
	ent := s.vars["@"+p]
	if ent == nil || ent.checked == 0 {
		return v
	}
	out := *v
	out.t = v.t.sanitize(ent.checked)
	return &out
}

// forgetPaths drops the checks of access paths rooted at p (p itself,
// p.x, p[...]) after p is assigned.
func (c *ctx) forgetPaths(s *state, p string) {
	if !c.paths || p == "" {
		return
	}
	var gone []string
	for k := range s.vars {
		if k == "@"+p || strings.HasPrefix(k, "@"+p+".") || strings.HasPrefix(k, "@"+p+"[") {
			gone = append(gone, k)
		}
	}
	for _, k := range gone {
		s.del(k)
	}
}

// urlPart matches urlparse(x).netloc and parsed.netloc with parsed =
// urlparse(x): it returns x and the part.
func (c *ctx) urlPart(s *state, x ast.Expr) (name, part string) {
	a, ok := x.(*ast.Attribute)
	if !ok {
		return "", ""
	}
	switch a.Attr {
	case "netloc", "hostname", "scheme", "host":
	default:
		return "", ""
	}
	switch b := a.Value.(type) {
	case *ast.Call:
		if knowledge.URLParser(c.e.resolveCall(c.f, b).qual) && len(b.Args) > 0 {
			return c.subject(s, b.Args[0]), a.Attr
		}
	case *ast.Name:
		if v := s.vars[b.ID]; v != nil && v.der != nil && knowledge.URLParser(v.der.fn) {
			return v.der.arg, a.Attr
		}
	}
	return "", ""
}

func (c *ctx) compareGuard(s *state, left ast.Expr, op ast.CmpOp, right ast.Expr) (onTrue, onFalse facts) {
	switch op {
	case ast.In, ast.NotIn:
		var t facts
		if sub, ok := constStr(left); ok {
			// "//" in x: a substring test.
			if name := c.subject(s, right); name != "" {
				var flags uint8
				if strings.Contains(sub, "//") {
					flags |= noDouble
				}
				if strings.Contains(sub, "\\") {
					flags |= noBackslash
				}
				if flags != 0 {
					if op == ast.In {
						return nil, one(name, 0, flags)
					}
					return one(name, 0, flags), nil
				}
			}
			return nil, nil
		}
		if _, isStr := constStr(right); isStr {
			return nil, nil
		}
		if c.fromSources(c.peek(s, right)) {
			return nil, nil
		}
		if name, part := c.urlPart(s, left); name != "" {
			if part == "scheme" {
				return nil, nil
			}
			t = one(name, urlKinds, 0)
		} else {
			t = one(c.subject(s, left), knowledge.AllKinds, 0)
		}
		if op == ast.In {
			return t, nil
		}
		return nil, t
	case ast.Is, ast.IsNot:
		// `if found is None: abort()` where found = ALLOWED.get(key).
		if c, ok := right.(*ast.Constant); ok && c.IsNone() {
			if n, ok := left.(*ast.Name); ok {
				if v := s.vars[n.ID]; v != nil && v.der != nil && v.der.fn == "lookup" {
					t := one(v.der.arg, knowledge.AllKinds, 0)
					if op == ast.Is {
						return nil, t
					}
					return t, nil
				}
			}
		}
	case ast.Eq, ast.NotEq:
		var t facts
		for _, pair := range [2][2]ast.Expr{{left, right}, {right, left}} {
			x, y := pair[0], pair[1]
			if name, part := c.urlPart(s, x); name != "" && part != "scheme" {
				t = one(name, urlKinds, 0)
				if ys, ok := constStr(y); ok && ys == "" {
					t = one(name, knowledge.Set(knowledge.Redirect), 0)
				}
				break
			}
			if call, ok := x.(*ast.Call); ok && c.e.resolveCall(c.f, call).qual == "os.path.commonpath" && len(call.Args) == 1 {
				if l, ok := call.Args[0].(*ast.List); ok {
					for _, el := range l.Elts {
						t = t.add(one(c.subject(s, el), knowledge.Set(knowledge.Path), 0))
					}
				}
				break
			}
			if isConstExpr(y) {
				if name := c.subject(s, x); name != "" {
					t = one(name, knowledge.AllKinds, 0)
					break
				}
			}
		}
		if op == ast.Eq {
			return t, nil
		}
		return nil, t
	}
	return nil, nil
}

// callGuard returns what a call's truth and falsity establish.
func (c *ctx) callGuard(s *state, call *ast.Call) (onTrue, onFalse facts) {
	if a, ok := call.Func.(*ast.Attribute); ok {
		name := c.subject(s, a.Value)
		if name == "" {
			// p.resolve().is_relative_to(base)
			if inner, ok := a.Value.(*ast.Call); ok {
				if ia, ok := inner.Func.(*ast.Attribute); ok {
					name = c.subject(s, ia.Value)
				}
			}
		}
		switch {
		case a.Attr == "startswith" && name != "":
			return c.startsWith(s, name, call)
		case knowledge.FormatCheck(a.Attr) && name != "":
			return one(name, knowledge.AllKinds, 0), nil
		case a.Attr == "is_relative_to" && name != "":
			return one(name, knowledge.Set(knowledge.Path), 0), nil
		case (a.Attr == "fullmatch" || a.Attr == "match" || a.Attr == "search") && len(call.Args) > 0:
			// PATTERN.fullmatch(x): x is known to hold only what the
			// pattern accepts.
			if n := c.subject(s, call.Args[0]); n != "" && !c.peek(s, a.Value).tainted() {
				if p, ml, ok := c.patternOf(a.Value); ok {
					if k, ok := wholeMatch(a.Attr, p, ml); ok && k != 0 {
						return one(n, k, 0), nil
					}
				} else if a.Attr == "fullmatch" {
					// A compiled pattern the scan cannot read: fullmatch still
					// constrains the whole value.
					return one(n, knowledge.AllKinds, 0), nil
				}
			}
		}
	}
	q := c.e.resolveCall(c.f, call).qual
	if q == "" {
		if n, ok := call.Func.(*ast.Name); ok {
			q = n.ID
		}
	}
	if (q == "re.fullmatch" || q == "re.match" || q == "re.search") && len(call.Args) >= 2 {
		pat := call.Args[0]
		if c.fromSources(c.peek(s, pat)) {
			return nil, nil
		}
		fn := strings.TrimPrefix(q, "re.")
		p, ml, ok := c.patternOf(pat)
		if !ok {
			if fn == "fullmatch" {
				return one(c.subject(s, call.Args[1]), knowledge.AllKinds, 0), nil
			}
			return nil, nil
		}
		ml = ml || flagsMultiline(call, 2)
		if k, ok := wholeMatch(fn, p, ml); ok && k != 0 {
			return one(c.subject(s, call.Args[1]), k, 0), nil
		}
		return nil, nil
	}
	var out facts
	for _, x := range call.Args {
		name := c.subject(s, x)
		if name == "" {
			continue
		}
		switch {
		case q == "":
		case knowledge.SafeURLHelper(q):
			out = out.add(one(name, urlKinds, 0))
		case knowledge.PublicAddressCheck(q):
			out = out.add(one(name, knowledge.Set(knowledge.URL), 0))
		case knowledge.SafePathHelper(q):
			out = out.add(one(name, knowledge.Set(knowledge.Path, knowledge.UploadSave), 0))
		default:
			if k, ok := c.e.kb.Sanitizer(q); ok && k == knowledge.AllKinds {
				out = out.add(one(name, knowledge.AllKinds, 0))
			}
		}
		break
	}
	return out, nil
}

// patternOf returns the text of a regular expression given as a string
// constant, as re.compile("...") or as a module-level name bound to
// either, and whether it was compiled with re.MULTILINE.
func (c *ctx) patternOf(x ast.Expr) (p string, multiline, ok bool) {
	if p, ok := constStr(x); ok {
		return p, false, true
	}
	if call, ok := x.(*ast.Call); ok {
		q := c.e.resolveCall(c.f, call).qual
		if q == "re.compile" && len(call.Args) > 0 {
			if p, ok := constStr(call.Args[0]); ok {
				return p, flagsMultiline(call, 1), true
			}
		}
		return "", false, false
	}
	q := c.e.qualName(c.f, x)
	i := strings.LastIndexByte(q, '.')
	if i < 0 {
		return "", false, false
	}
	m := c.e.ix.ModuleNamed(q[:i])
	if m == nil {
		return "", false, false
	}
	vals := m.Assigns[q[i+1:]]
	if len(vals) != 1 {
		return "", false, false
	}
	if call, ok := vals[0].(*ast.Call); ok && len(call.Args) > 0 {
		// re.compile("...") at module level, resolved in its own module.
		if p, ok := constStr(call.Args[0]); ok && strings.HasSuffix(exprText(call.Func), "compile") {
			return p, flagsMultiline(call, 1), true
		}
		return "", false, false
	}
	if p, ok := constStr(vals[0]); ok {
		return p, false, true
	}
	return "", false, false
}

// flagsMultiline reports whether a re call passes re.MULTILINE (re.M) in
// its flags (the positional argument at index i, or flags=).
func flagsMultiline(call *ast.Call, i int) bool {
	var flags ast.Expr
	if i < len(call.Args) {
		flags = call.Args[i]
	}
	for _, k := range call.Keywords {
		if k.Arg == "flags" {
			flags = k.Value
		}
	}
	found := false
	if flags != nil {
		ast.Inspect(flags, func(n ast.Node) bool {
			if a, ok := n.(*ast.Attribute); ok && (a.Attr == "M" || a.Attr == "MULTILINE") {
				found = true
			}
			if nm, ok := n.(*ast.Name); ok && (nm.ID == "M" || nm.ID == "MULTILINE") {
				found = true
			}
			return !found
		})
	}
	return found
}

// startsWith interprets x.startswith(...).
func (c *ctx) startsWith(s *state, name string, call *ast.Call) (onTrue, onFalse facts) {
	if len(call.Args) == 0 {
		return nil, nil
	}
	if v := s.vars[name]; v != nil && v.der != nil && knowledge.PathNormalizer(v.der.fn) {
		return one(name, knowledge.Set(knowledge.Path), 0), nil
	}
	var prefixes []string
	switch x := call.Args[0].(type) {
	case *ast.Constant:
		if p, ok := x.Str(); ok {
			prefixes = append(prefixes, p)
		}
	case *ast.Tuple:
		for _, e := range x.Elts {
			if p, ok := constStr(e); ok {
				prefixes = append(prefixes, p)
			}
		}
	}
	if len(prefixes) == 0 {
		return nil, nil
	}
	var negFlags uint8
	hosts := true
	for _, p := range prefixes {
		if strings.HasPrefix(p, "//") {
			negFlags |= noDouble
		}
		if strings.Contains(p, "\\") {
			negFlags |= noBackslash
		}
		rest, ok := strings.CutPrefix(p, "https://")
		if !ok {
			rest, ok = strings.CutPrefix(p, "http://")
		}
		if !ok || !strings.Contains(rest, "/") || strings.HasPrefix(rest, "/") {
			hosts = false
		}
	}
	if negFlags != 0 {
		return nil, one(name, 0, negFlags)
	}
	if hosts {
		return one(name, urlKinds, 0), nil
	}
	if len(prefixes) == 1 && prefixes[0] == "/" {
		return one(name, 0, startsSlash), nil
	}
	return nil, nil
}

// apply sanitises the variables a branch's facts cover.
func (c *ctx) apply(s *state, f facts) {
	for name, ft := range f {
		kinds := ft.kinds
		if ft.flags&(startsSlash|noDouble|noBackslash) == startsSlash|noDouble|noBackslash {
			kinds |= knowledge.Set(knowledge.Redirect)
		}
		if kinds == 0 {
			continue
		}
		if strings.HasPrefix(name, "@") {
			old := s.vars[name]
			if old != nil {
				kinds |= old.checked
			}
			s.set(name, &value{checked: kinds})
			c.paths = true
			continue
		}
		v := s.vars[name]
		if v == nil {
			continue
		}
		nv := *v
		nv.t = v.t.sanitize(kinds)
		if len(v.fields) > 0 {
			nv.fields = make(map[string]taint, len(v.fields))
			for k, t := range v.fields {
				nv.fields[k] = t.sanitize(kinds)
			}
		}
		s.set(name, &nv)
	}
}

// fromSources reports whether a value carries data from a source (a
// parameter of the function, such as self.ALLOWED, does not count: a
// membership test against it is still an allowlist check).
func (c *ctx) fromSources(v *value) bool {
	for _, l := range v.t {
		if l.org.src != nil {
			return true
		}
	}
	return false
}
