package xss

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/jinja"
	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/taint"
	"github.com/flasksec/flasksec/templates"
)

// checkTemplates reports the template side of FLASK-XSS-001: for every
// {{ }} expression of every template, it works out what escaping the
// value gets (autoescape for the template and render path, {% autoescape %}
// blocks, |safe, Markup, |e, |tojson, number filters, the application's
// own filters), where it lands in the HTML, and where its data comes
// from (template literals, local {% set %}/{% for %}/{% with %} bindings,
// macro arguments at their call sites, the render_template calls that
// fill the template's context directly, through helpers, **locals() or
// a context dict, context processors and jinja_env.globals, and through
// the taint engine the request). One finding per expression, for the
// worst render path; the message names the variable, the context and the
// render site, and the trace runs from the request through the view into
// the template line. The Python side of autoescape=False is the Python
// half's finding; this half reports the template expressions it affects.
func checkTemplates(pass *rules.Pass) error {
	p := pass.Project
	m := templates.Of(p)
	if len(m.Templates) == 0 {
		return nil
	}
	cfg := p.Config
	a := &tmplChecker{pass: pass, m: m, taint: taint.Of(p), ix: resolve.Of(p),
		kb: knowledge.New(cfg.Sources, cfg.Sinks, cfg.Sanitizers), ctxs: map[*templates.Template][]templates.Context{}}
	for _, t := range m.Templates {
		for _, o := range t.Outputs {
			a.check(t, o)
		}
	}
	return nil
}

type tmplChecker struct {
	pass  *rules.Pass
	m     *templates.Model
	taint *taint.Result
	ix    *resolve.Index
	kb    *knowledge.Tables
	ctxs  map[*templates.Template][]templates.Context
	// budget bounds the origin evaluations spent on one output, so that
	// chains of {% set %} bindings cannot make the check exponential;
	// memo keeps the origin of each binding on each render path.
	budget int
	memo   map[memoKey]origin
	// filterFuncs maps template filter names to their repo functions
	// (built on first use).
	filterFuncs map[string]*resolve.Func
}

type memoKey struct {
	b   *templates.Binding
	ctx *templates.Context
}

// originBudget is the number of origin evaluations allowed per output.
const originBudget = 20000

func (a *tmplChecker) contexts(t *templates.Template) []templates.Context {
	c, ok := a.ctxs[t]
	if !ok {
		c = a.m.Contexts(t)
		a.ctxs[t] = c
	}
	return c
}

// ---- escaping of a value ----

// encoding is what a value's text is safe for once output.
type encoding uint8

const (
	encNone      encoding = iota // nothing: raw text
	encHTML                      // HTML-escaped (autoescape, |e)
	encJSON                      // |tojson: JSON with <, >, &, ' escaped (not ")
	encNumber                    // a number (|int, |length, arithmetic)
	encURL                       // |urlencode: percent-encoded
	encAttrs                     // |xmlattr: quoted, escaped attributes
	encSanitized                 // an HTML sanitiser's output
	encLiteral                   // template text: a literal, a translation, a macro's output, url_for()
)

// part is one value an output expression can print, with what happened
// to it on the way.
type part struct {
	value  jinja.Expr // the data expression (for origin and messages)
	markup bool       // a Markup value: autoescape leaves it alone
	enc    encoding
	via    string // what made it Markup without escaping: "|safe", "Markup()"
	// guards are the conditions of inline "x if cond else y" expressions
	// under which the part is printed.
	guards []jinja.Expr
}

// numberFilters return numbers; escapeFilters escape for HTML.
var numberFilters = map[string]bool{"int": true, "float": true, "length": true, "count": true,
	"filesizeformat": true, "round": true, "abs": true, "wordcount": true, "sum": true}

// safeGlobals are template globals and functions whose values are not
// user data.
var safeGlobals = map[string]bool{"config": true, "url_for": true, "csrf_token": true, "_": true, "gettext": true,
	"ngettext": true, "pgettext": true, "npgettext": true, "range": true, "lipsum": true, "cycler": true, "joiner": true,
	"namespace": true, "loop": true, "self": true, "super": true, "caller": true, "true": true, "false": true,
	"none": true}

// literalCalls are functions whose result is template-controlled text.
var literalCalls = map[string]bool{"url_for": true, "csrf_token": true, "_": true, "gettext": true, "ngettext": true,
	"pgettext": true, "npgettext": true, "range": true, "lipsum": true, "super": true, "caller": true,
	"moment": true}

func isSanitizerFilter(name string) bool {
	n := strings.ToLower(name)
	for _, s := range []string{"sanitiz", "sanitis", "bleach", "clean", "nh3", "purif"} {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

const maxPartsDepth = 64

// parts splits an output expression into the values it can print.
func (a *tmplChecker) parts(x jinja.Expr, sc *templates.Scope, depth int) []part {
	if x == nil || depth > maxPartsDepth {
		return nil
	}
	switch x := x.(type) {
	case *jinja.Const, *jinja.Compare, *jinja.Test:
		return []part{{value: x, enc: encLiteral}}
	case *jinja.UnaryOp:
		if x.Op == "not" {
			return []part{{value: x, enc: encLiteral}}
		}
		return []part{{value: x, enc: encNumber}}
	case *jinja.CondExpr:
		then := a.parts(x.Then, sc, depth+1)
		for i := range then {
			then[i].guards = append(then[i].guards, x.Cond)
		}
		return append(then, a.parts(x.Else, sc, depth+1)...)
	case *jinja.BinOp:
		switch x.Op {
		case "~", "+", "or":
			return append(a.parts(x.X, sc, depth+1), a.parts(x.Y, sc, depth+1)...)
		case "and":
			// a and b prints b, or a when a is falsy: "", False, None, 0.
			return a.parts(x.Y, sc, depth+1)
		}
		return []part{{value: x, enc: encNumber}}
	case *jinja.Filter:
		inner := a.parts(x.X, sc, depth+1)
		for i := range inner {
			if !applyFilter(&inner[i], x.Name) {
				a.customFilter(&inner[i], x.Name)
			}
		}
		if x.Name == "default" || x.Name == "d" {
			for _, arg := range x.Args.Args {
				inner = append(inner, a.parts(arg, sc, depth+1)...)
			}
		}
		return inner
	case *jinja.Call:
		if widgetCall(x.Func, sc) {
			// widgets.get("list")(...), form_widget(...): a widget renders
			// its own template, escaping what it inserts.
			return []part{{value: x, enc: encLiteral, markup: true}}
		}
		if n, ok := x.Func.(*jinja.Name); ok {
			switch {
			case n.Name == "Markup" || n.Name == "markup":
				var out []part
				for _, arg := range x.Args.Args {
					for _, p := range a.parts(arg, sc, depth+1) {
						if !p.markup && p.enc != encLiteral && p.enc != encNumber {
							p.markup, p.via = true, n.Name+"()"
						}
						out = append(out, p)
					}
				}
				return out
			case literalCalls[n.Name] && sc.Lookup(n.Name) == nil:
				return []part{{value: x, enc: encLiteral, markup: true}}
			case n.Name == "html_params" && sc.Lookup(n.Name) == nil:
				return []part{{value: x, enc: encAttrs, markup: true}}
			case nonceName(n.Name) && sc.Lookup(n.Name) == nil:
				return []part{{value: x, enc: encLiteral}}
			}
			if b := sc.Lookup(n.Name); b != nil && (b.Kind == templates.BindMacro || b.Kind == templates.BindImport || b.Kind == templates.BindCaller) {
				return []part{{value: x, enc: encLiteral, markup: true}}
			}
		}
		if g, ok := x.Func.(*jinja.Getattr); ok {
			if n, ok := g.X.(*jinja.Name); ok {
				if b := sc.Lookup(n.Name); b != nil && b.Kind == templates.BindImport {
					return []part{{value: x, enc: encLiteral, markup: true}} // forms.field(...)
				}
			}
			// ' '.join(x), x.format(...): the receiver and the arguments.
			if _, isConst := g.X.(*jinja.Const); isConst {
				var out []part
				for _, arg := range x.Args.Args {
					out = append(out, a.parts(arg, sc, depth+1)...)
				}
				return out
			}
		}
		return []part{{value: x}}
	case *jinja.List, *jinja.Tuple, *jinja.Dict:
		return []part{{value: x}}
	}
	return []part{{value: x}}
}

// customFilter updates a part for a filter defined in the application's
// Python code.
func (a *tmplChecker) customFilter(p *part, name string) {
	if a.m == nil || p.enc == encLiteral || p.enc == encNumber {
		return
	}
	if fn := a.filterFunc(name); fn != nil && a.safeReturns(fn, 0) {
		// A filter that returns only safe values (url_for(...), constants).
		p.markup, p.enc, p.via = false, encLiteral, ""
		return
	}
	f := a.m.Filters[name]
	if f == nil {
		return
	}
	switch {
	case f.Sanitizes:
		p.markup, p.enc, p.via = true, encSanitized, ""
	case f.ReturnsMarkup && p.enc == encNone:
		p.markup = true
		p.via = fmt.Sprintf("the |%s filter (%s:%d returns Markup() without sanitising)", name, f.File.Path, f.Func.Pos().Line)
	}
}

// applyFilter updates a part for one built-in filter applied to it; it
// reports false for filters it does not know.
func applyFilter(p *part, name string) bool {
	if p.enc == encLiteral && name != "safe" {
		return true
	}
	switch {
	case name == "safe":
		if !p.markup && p.enc != encLiteral {
			p.markup, p.via = true, "|safe"
		}
	case name == "e" || name == "escape":
		if !p.markup {
			p.markup, p.enc = true, encHTML
		}
	case name == "forceescape":
		p.markup, p.enc, p.via = true, encHTML, ""
	case name == "tojson":
		p.markup, p.enc, p.via = true, encJSON, ""
	case numberFilters[name]:
		p.markup, p.enc, p.via = false, encNumber, ""
	case name == "urlencode":
		p.markup, p.enc, p.via = false, encURL, ""
	case name == "xmlattr" || name == "html_params":
		// WTForms' html_params, like |xmlattr, quotes and escapes every
		// attribute value.
		p.markup, p.enc, p.via = true, encAttrs, ""
	case isSanitizerFilter(name):
		p.enc = encSanitized
	case name == "striptags":
		// striptags unescapes entities and returns plain text again.
		p.markup, p.enc, p.via = false, encNone, ""
	default:
		return builtinFilters[name]
	}
	return true
}

// builtinFilters are Jinja's other built-in filters: they keep the value's
// escaping state.
var builtinFilters = map[string]bool{"abs": true, "attr": true, "batch": true, "capitalize": true, "center": true,
	"d": true, "default": true, "dictsort": true, "first": true, "format": true, "groupby": true, "indent": true,
	"items": true, "join": true, "last": true, "list": true, "lower": true, "map": true, "max": true, "min": true,
	"pprint": true, "random": true, "reject": true, "rejectattr": true, "replace": true, "reverse": true,
	"select": true, "selectattr": true, "slice": true, "sort": true, "string": true, "title": true, "trim": true,
	"truncate": true, "unique": true, "upper": true, "urlize": true, "wordwrap": true}

// ---- origin of a value ----

type level uint8

const (
	levelSafe level = iota
	levelUnknown
	levelTainted
)

// origin is where a template value's data comes from.
type origin struct {
	level  level
	conf   rules.Confidence // for tainted values
	note   string           // "comes from request.args", "origin unknown: ..."
	trace  []rules.TraceStep
	render *templates.Render
	// number is set on safe origins that are numbers (int(), len(), a
	// numeric constant): they cannot break even an unquoted attribute.
	number bool
	// form is set on safe origins that are WTForms form objects: fields
	// render as escaped HTML, but their .data is user input.
	form bool
	// header is set on tainted origins that are request headers a
	// browser attacker cannot set cross-site: their severity is Low.
	header bool
	// deriv names the outermost template binding the value went through
	// ("x is derived from y|upper"); "" when none.
	deriv string
	// unbound is set on unknown origins that are unknown because nothing
	// binds the value: no render call of the template, a macro parameter
	// with no call, a name the rendering view does not pass.
	unbound bool
}

func worse(a, b origin) origin {
	if a.level == levelSafe && b.level == levelSafe {
		a.number = a.number && b.number
		a.form = a.form || b.form
		return a
	}
	if b.level != a.level {
		if b.level > a.level {
			return b
		}
		return a
	}
	if a.level == levelTainted && b.conf > a.conf {
		return b
	}
	if a.level == levelUnknown {
		a.unbound = a.unbound && b.unbound
	}
	return a
}

// frame is where an expression is evaluated: a template, its local scope
// and the render context filling it (nil when the template is rendered
// by no known call).
type frame struct {
	t     *templates.Template
	scope *templates.Scope
	ctx   *templates.Context
}

const maxOriginDepth = 200

func (a *tmplChecker) originOf(x jinja.Expr, fr frame, depth int) origin {
	if x == nil {
		return origin{}
	}
	if depth > maxOriginDepth {
		return origin{level: levelUnknown, note: "the value passes through too many steps to follow"}
	}
	if a.budget--; a.budget < 0 {
		return origin{level: levelUnknown, note: "the value's origin is too intricate to follow"}
	}
	switch x := x.(type) {
	case *jinja.Const:
		return origin{number: x.Kind != jinja.StrConst}
	case *jinja.Compare, *jinja.Test:
		return origin{number: true} // True or False
	case *jinja.Name:
		return a.nameOrigin(x.Name, fr, depth)
	case *jinja.Getattr:
		if n, ok := x.X.(*jinja.Name); ok {
			if b := fr.scope.Lookup(n.Name + "." + x.Attr); b != nil {
				return a.bindingOrigin(b, fr, depth)
			}
			if n.Name == "current_app" && x.Attr == "config" && fr.scope.Lookup(n.Name) == nil {
				return origin{} // the application's own configuration
			}
			if b := fr.scope.Lookup(n.Name); n.Name == "loop" && (b == nil || b.Kind == templates.BindLoopVar) {
				// loop.index, loop.depth, loop.length...: counters and
				// flags of the loop, never text.
				return origin{number: true}
			}
			if n.Name == "request" && fr.scope.Lookup("request") == nil {
				switch requestAttrs[x.Attr] {
				case reqSafe:
					return origin{}
				case reqUnknown:
					return origin{level: levelUnknown, note: "request." + x.Attr + " is not a request attribute flasksec knows"}
				case reqHeader:
					return headerOrigin(origin{level: levelTainted, conf: rules.HighConfidence,
						note:  "request." + x.Attr + " (a request header) is read in the template itself",
						trace: []rules.TraceStep{tstep(fr.t, x.Pos(), "request."+x.Attr+" read in the template")}}, a.cachedView(fr.ctx))
				}
				return origin{level: levelTainted, conf: rules.HighConfidence,
					note:  "request." + x.Attr + " is read in the template itself",
					trace: []rules.TraceStep{tstep(fr.t, x.Pos(), "request."+x.Attr+" read in the template")}}
			}
		}
		if nonceName(x.Attr) {
			return origin{} // a CSP nonce the server generated (session.nonce)
		}
		if a.safeProperty(x.Attr) || a.ownClassLink(x) {
			return origin{} // post.url: a property returning url_for(...)
		}
		o := a.originOf(x.X, fr, depth+1)
		if o.form && formDataAttrs[x.Attr] {
			// A form field's data is what the user submitted.
			return origin{level: levelTainted, conf: rules.HighConfidence, render: o.render,
				note:  jinja.ExprString(x) + " is the data the user submitted in a form field",
				trace: []rules.TraceStep{tstep(fr.t, x.Pos(), "form field data read in the template")}}
		}
		return o
	case *jinja.Getitem:
		return a.originOf(x.X, fr, depth+1)
	case *jinja.Filter:
		if numberFilters[x.Name] {
			return origin{number: true}
		}
		o := a.originOf(x.X, fr, depth+1)
		for _, arg := range x.Args.Args {
			o = worse(o, a.originOf(arg, fr, depth+1))
		}
		return o
	case *jinja.Call:
		if n, ok := x.Func.(*jinja.Name); ok && fr.scope.Lookup(n.Name) == nil && literalCalls[n.Name] {
			return origin{}
		}
		o := origin{}
		if g, ok := x.Func.(*jinja.Getattr); ok {
			if !renderMethod(g.Attr) || markdownName(rootName(g.X)) {
				o = a.originOf(g.X, fr, depth+1)
			}
			// else widget.render(), plugin.render_html(): HTML the
			// application renders itself (its own template or builder
			// escapes what it inserts); only the arguments count, so
			// md.render(post.body) still follows post.body.
		} else if n, ok := x.Func.(*jinja.Name); ok {
			if b := fr.scope.Lookup(n.Name); b != nil && (b.Kind == templates.BindMacro || b.Kind == templates.BindImport) {
				return origin{}
			}
		}
		for _, arg := range x.Args.Args {
			o = worse(o, a.originOf(arg, fr, depth+1))
		}
		for _, k := range x.Args.Kwargs {
			o = worse(o, a.originOf(k.Value, fr, depth+1))
		}
		return o
	case *jinja.BinOp:
		return worse(a.originOf(x.X, fr, depth+1), a.originOf(x.Y, fr, depth+1))
	case *jinja.UnaryOp:
		if x.Op == "not" {
			return origin{number: true}
		}
		return a.originOf(x.X, fr, depth+1)
	case *jinja.CondExpr:
		return worse(a.originOf(x.Then, fr, depth+1), a.originOf(x.Else, fr, depth+1))
	case *jinja.List:
		o := origin{}
		for _, it := range x.Items {
			o = worse(o, a.originOf(it, fr, depth+1))
		}
		return o
	case *jinja.Tuple:
		o := origin{}
		for _, it := range x.Items {
			o = worse(o, a.originOf(it, fr, depth+1))
		}
		return o
	case *jinja.Dict:
		o := origin{}
		for _, p := range x.Pairs {
			o = worse(o, a.originOf(p.Value, fr, depth+1))
		}
		return o
	}
	return origin{level: levelUnknown, note: "the expression could not be followed"}
}

func (a *tmplChecker) bindingOrigin(b *templates.Binding, fr frame, depth int) origin {
	switch b.Kind {
	case templates.BindSet, templates.BindWith, templates.BindLoop:
		key := memoKey{b, fr.ctx}
		if o, ok := a.memo[key]; ok {
			return o
		}
		inner := fr
		inner.scope = b.Scope
		o := a.originOf(b.Value, inner, depth+1)
		defer func() { a.memo[key] = o }()
		if o.level == levelTainted {
			what := map[templates.BindKind]string{templates.BindSet: "{% set " + b.Name + " %}",
				templates.BindWith: "{% with " + b.Name + " %}", templates.BindLoop: "{% for " + b.Name + " %}"}[b.Kind]
			o.trace = append(append([]rules.TraceStep(nil), o.trace...), tstep(fr.t, b.Pos, "assigned to "+b.Name+" by "+what))
			o.deriv = b.Name + " is derived from " + jinja.ExprString(b.Value)
		}
		return o
	case templates.BindParam:
		return a.paramOrigin(b, fr, depth)
	case templates.BindCallParam:
		return origin{level: levelUnknown, note: b.Name + " is an argument of a {% call %} block"}
	}
	return origin{}
}

// maxMacroSites bounds the call sites examined for a macro parameter.
const maxMacroSites = 64

// paramOrigin follows a macro parameter to the macro's call sites in the
// templates that define or import it, and evaluates the argument there.
func (a *tmplChecker) paramOrigin(b *templates.Binding, fr frame, depth int) origin {
	if b.Param == nil {
		return origin{level: levelUnknown, note: b.Name + " holds extra arguments of macro " + b.Macro.Name}
	}
	idx := -1
	for i := range b.Macro.Params {
		if b.Macro.Params[i].Name == b.Name {
			idx = i
		}
	}
	o := origin{}
	if b.Value != nil {
		o = a.originOf(b.Value, frame{t: fr.t, scope: b.Scope, ctx: fr.ctx}, depth+1)
	}
	sites := 0
	for _, user := range a.macroUsers(fr.t) {
		for _, cs := range user.Calls {
			c := cs.Call
			if sites >= maxMacroSites || !callsMacro(c, b.Macro.Name, cs.Scope) {
				continue
			}
			sites++
			var arg jinja.Expr
			if idx >= 0 && idx < len(c.Args.Args) {
				arg = c.Args.Args[idx]
			}
			for _, k := range c.Args.Kwargs {
				if k.Name == b.Name {
					arg = k.Value
				}
			}
			if arg == nil {
				continue
			}
			step := func(ao origin) origin {
				if ao.level != levelTainted {
					return ao
				}
				ao.trace = append(append([]rules.TraceStep(nil), ao.trace...), tstep(user, c.Pos(), "passed to macro "+b.Macro.Name+" as "+b.Name))
				ao.note = b.Name + " is the parameter of macro " + b.Macro.Name + ", called with " +
					jinja.ExprString(arg) + " in " + user.File.Path + ":" + strconv.Itoa(int(c.Pos().Line)) + "; " + ao.note
				return ao
			}
			ctxs := a.contexts(user)
			if len(ctxs) == 0 {
				o = worse(o, step(a.originOf(arg, frame{t: user, scope: cs.Scope}, depth+1)))
			}
			for i := range ctxs {
				o = worse(o, step(a.originOf(arg, frame{t: user, scope: cs.Scope, ctx: &ctxs[i]}, depth+1)))
			}
		}
	}
	if sites == 0 && b.Value == nil {
		return origin{level: levelUnknown, note: b.Name + " is a parameter of macro " + b.Macro.Name + " with no call found", unbound: true}
	}
	return o
}

// macroUsers returns the template defining a macro and those importing
// from it.
func (a *tmplChecker) macroUsers(def *templates.Template) []*templates.Template {
	out := []*templates.Template{def}
	for _, t := range a.m.Templates {
		if t == def {
			continue
		}
		for _, r := range t.Imports {
			for _, target := range r.Targets {
				if target == def {
					out = append(out, t)
				}
			}
		}
	}
	return out
}

func callsMacro(c *jinja.Call, name string, sc *templates.Scope) bool {
	switch f := c.Func.(type) {
	case *jinja.Name:
		if f.Name == name {
			b := sc.Lookup(name)
			return b != nil && (b.Kind == templates.BindMacro || b.Kind == templates.BindImport)
		}
	case *jinja.Getattr:
		if n, ok := f.X.(*jinja.Name); ok && f.Attr == name {
			b := sc.Lookup(n.Name)
			return b != nil && b.Kind == templates.BindImport
		}
	}
	return false
}

// unknownGlobals are template globals whose content is not known to be
// safe.
var unknownGlobals = map[string]string{
	"session":              "session holds data the application stored in the user's session",
	"g":                    "g holds per-request data set by the application",
	"current_user":         "current_user holds the logged-in user's own data",
	"get_flashed_messages": "flashed messages can include user input",
}

func (a *tmplChecker) nameOrigin(name string, fr frame, depth int) origin {
	if b := fr.scope.Lookup(name); b != nil {
		return a.bindingOrigin(b, fr, depth)
	}
	if name == "request" {
		return origin{level: levelTainted, conf: rules.HighConfidence, note: "request is read in the template itself"}
	}
	if safeGlobals[name] {
		return origin{}
	}
	if why, ok := unknownGlobals[name]; ok {
		return origin{level: levelUnknown, note: why}
	}
	if fr.ctx == nil {
		if gs := a.m.Globals[name]; len(gs) > 0 {
			return a.globalOrigin(name, gs)
		}
		return origin{level: levelUnknown, note: "no render_template call of " + fr.t.Name + " was found, so the origin of " + name + " is unknown", unbound: true}
	}
	r := fr.ctx.Render
	if v, ok := r.Keywords[name]; ok {
		return a.pyOrigin(r, name, v)
	}
	if gs := a.m.Globals[name]; len(gs) > 0 && len(r.StarKwargs) == 0 {
		return a.globalOrigin(name, gs)
	}
	for _, star := range r.StarKwargs {
		if c, ok := star.(*ast.Call); ok && len(c.Args) == 0 && pyText(c.Func) == "locals" && r.FuncNode != nil {
			return a.localsOrigin(r, name)
		}
		o := a.pyOrigin(r, name, star)
		if o.level == levelTainted && o.conf > rules.MediumConfidence {
			o.conf = rules.MediumConfidence
		}
		if o.level == levelSafe {
			o = origin{level: levelUnknown, note: name + " may be passed through **" + pyText(star) + " by " + r.Where()}
		}
		return o
	}
	if !openGlobals(a.pass.Project) && !boundInVia(fr.ctx, name) {
		// No render call passes it, no context processor or global sets
		// it, no including template binds it: Jinja prints nothing.
		return origin{render: r}
	}
	return origin{level: levelUnknown, note: name + " is not passed by " + r.Where() + " (a context processor or template global may set it)", render: r, unbound: true}
}

// localsOrigin is the origin of name passed by render_template(...,
// **locals()): the view's parameter or local variable of that name.
func (a *tmplChecker) localsOrigin(r *templates.Render, name string) origin {
	fn := r.FuncNode
	if a.typedParam(fn, name) {
		return origin{render: r, number: true}
	}
	for _, route := range flask.ModelOf(a.pass.Project).RoutesOfFunc(fn) {
		for _, prm := range route.Params {
			if prm.Name == name {
				return origin{level: levelTainted, conf: rules.HighConfidence, render: r,
					note: name + " is the route parameter <" + name + "> of " + r.Where() + ", passed by **locals()",
					trace: []rules.TraceStep{{Path: r.File.Path, Line: int(fn.Pos().Line), Col: int(fn.Pos().Col) + 1,
						Note: "route parameter " + name}, {Path: r.File.Path, Line: r.Line(), Col: int(r.Call.Pos().Col) + 1,
						Note: "passed to the template by **locals()"}}}
			}
		}
	}
	vals := localValues(fn, name)
	if len(vals) == 0 {
		return origin{level: levelUnknown, note: name + " is not a local variable of " + r.Where() + " (passed by **locals())", render: r}
	}
	if a.allSafe(r.File, vals, fn, 0) {
		return origin{render: r}
	}
	for _, v := range vals {
		root := v
		for {
			switch e := root.(type) {
			case *ast.Call:
				root = e.Func
				continue
			case *ast.Attribute:
				root = e.Value
				continue
			case *ast.Subscript:
				root = e.Value
				continue
			}
			break
		}
		if q := a.ix.QualName(r.File, root); q == "flask.request" || q == "flask.globals.request" {
			return origin{level: levelTainted, conf: rules.HighConfidence, render: r,
				note: name + " comes from the request (" + pyText(v) + ") and is passed by **locals() in " + r.Where(),
				trace: []rules.TraceStep{{Path: r.File.Path, Line: int(v.Pos().Line), Col: int(v.Pos().Col) + 1,
					Note: "request data read into " + name}, {Path: r.File.Path, Line: r.Line(), Col: int(r.Call.Pos().Col) + 1,
					Note: "passed to the template by **locals()"}}}
		}
	}
	return origin{level: levelUnknown, note: "the origin of " + name + " (a local variable passed by **locals() in " + r.Where() + ") is unknown", render: r}
}

// globalOrigin is the origin of a name every template gets from a
// context processor or jinja_env.globals.
func (a *tmplChecker) globalOrigin(name string, gs []*templates.Global) origin {
	for _, g := range gs {
		if g.Value == nil {
			continue // a template_global function
		}
		if !a.pySafe(g.File, g.Value, g.Func, 0) && !a.settingsObject(g.File, g.Value, g.Func, 0) {
			where := fmt.Sprintf("%s:%d", g.File.Path, g.Line)
			if g.Func != nil {
				where = "context processor " + funcName(g.Func) + " at " + where
			}
			return origin{level: levelUnknown, note: "the origin of " + name + " (" + pyText(g.Value) + ", set by " + where + ") is unknown"}
		}
	}
	return origin{}
}

func funcName(n ast.Node) string {
	switch f := n.(type) {
	case *ast.FunctionDef:
		return f.Name + "()"
	case *ast.AsyncFunctionDef:
		return f.Name + "()"
	}
	return "a function"
}

// pyOrigin is the origin of a Python value passed to a template.
func (a *tmplChecker) pyOrigin(r *templates.Render, name string, v ast.Expr) origin {
	if a.pyForm(r.File, v, r.FuncNode, 0) {
		return origin{render: r, form: true}
	}
	if a.pySafe(r.File, v, r.FuncNode, 0) {
		return origin{render: r, number: a.pyNumber(r.File, v)}
	}
	if n, ok := v.(*ast.Name); ok && r.FuncNode != nil && a.typedParam(r.FuncNode, n.ID) {
		return origin{render: r, number: true}
	}
	fl := a.taint.Expr(r.File, v)
	if fl != nil && !r.Env && r.Wrapper == nil && fl.Kind != knowledge.TemplateContext && directArg(r.Call, v) {
		// Tainted, but sanitised for templates before the call: the
		// engine reports no template-context flow for it.
		return origin{render: r}
	}
	if fl != nil {
		note := name + " comes from " + fl.Source
		if fl.Origin == knowledge.Stored {
			note = name + " comes from stored data (" + fl.Source + ")"
		}
		note += " and is passed by " + r.Where()
		tr := append([]rules.TraceStep(nil), fl.Trace...)
		if fl.Kind != knowledge.TemplateContext {
			what := "passed to the template as " + name
			if r.Wrapper != nil {
				what = "passed as " + name + " to " + r.Wrapper.Func + "(), which renders the template"
			}
			tr = append(tr, rules.TraceStep{Path: r.File.Path, Line: int(v.Pos().Line), Col: int(v.Pos().Col) + 1, Note: what})
		}
		o := origin{level: levelTainted, conf: fl.Confidence, note: note, trace: tr, render: r}
		if headerSource(fl.Source) {
			o = headerOrigin(o, a.cachedView(&templates.Context{Render: r}))
		}
		return o
	}
	if rv := a.requestRead(r.File, v, r.FuncNode, 0); rv != nil {
		tr := []rules.TraceStep{{Path: r.File.Path, Line: int(rv.Pos().Line), Col: int(rv.Pos().Col) + 1, Note: "request data read here"}}
		if rv != v {
			tr = append(tr, rules.TraceStep{Path: r.File.Path, Line: int(v.Pos().Line), Col: int(v.Pos().Col) + 1,
				Note: "passed to the template as " + name})
		}
		return origin{level: levelTainted, conf: rules.HighConfidence, render: r, trace: tr,
			note: name + " comes from the request (" + pyText(rv) + ") and is passed by " + r.Where()}
	}
	return origin{level: levelUnknown, note: "the origin of " + name + " (" + pyText(v) + ", passed by " + r.Where() + ") is unknown", render: r}
}

// directArg reports whether v is an argument (positional or keyword) of
// call itself.
func directArg(call *ast.Call, v ast.Expr) bool {
	for _, a := range call.Args {
		if a == v {
			return true
		}
	}
	for _, k := range call.Keywords {
		if k != nil && k.Value == v {
			return true
		}
	}
	return false
}

// requestRead returns the request read that v is (request.args.get(...),
// request.form["x"]) or that the local variable v was assigned from, or
// nil. It backs up the taint engine for values it does not answer for
// (items of a context dict).
func (a *tmplChecker) requestRead(f *project.File, v ast.Expr, fn ast.Node, depth int) ast.Expr {
	if depth > 4 || v == nil {
		return nil
	}
	if n, ok := v.(*ast.Name); ok {
		for _, val := range localValues(fn, n.ID) {
			if rv := a.requestRead(f, val, fn, depth+1); rv != nil {
				return rv
			}
		}
		return nil
	}
	root := v
	for {
		switch e := root.(type) {
		case *ast.Call:
			root = e.Func
			continue
		case *ast.Attribute:
			root = e.Value
			continue
		case *ast.Subscript:
			root = e.Value
			continue
		}
		break
	}
	if _, ok := root.(*ast.Name); !ok || root == v {
		return nil
	}
	if q := a.ix.QualName(f, root); q == "flask.request" || q == "flask.globals.request" {
		return v
	}
	return nil
}

// pySafe reports whether a Python value is a constant, a sanitiser's
// result or a name bound only to such values.
func (a *tmplChecker) pySafe(f *project.File, v ast.Expr, fn ast.Node, depth int) bool {
	if depth > 4 {
		return false
	}
	switch v := v.(type) {
	case *ast.Constant:
		return true
	case *ast.Compare:
		return true // True or False
	case *ast.UnaryOp:
		if v.Op == ast.Not {
			return true
		}
	case *ast.Attribute, *ast.Subscript:
		return a.serverValue(f, v)
	case *ast.JoinedStr:
		for _, part := range v.Values {
			if _, ok := part.(*ast.Constant); !ok {
				return false
			}
		}
		return true
	case *ast.List:
		return a.allSafe(f, v.Elts, fn, depth)
	case *ast.Tuple:
		return a.allSafe(f, v.Elts, fn, depth)
	case *ast.Dict:
		return a.allSafe(f, v.Values, fn, depth)
	case *ast.Call:
		q := a.ix.QualName(f, v.Func)
		if n, ok := v.Func.(*ast.Name); ok && q == "" {
			q = "builtins." + n.ID
		}
		if kinds, ok := a.kb.Sanitizer(q); ok && (kinds.Has(knowledge.TemplateContext) || kinds.Has(knowledge.HTML)) {
			return true
		}
		if a.kb.Cleaner(q) || q == "flask.url_for" || q == "flask.helpers.url_for" || a.formClass(q, 0) {
			return true
		}
		if numberFuncs[q] || a.appRendered(f, v, q) || a.serverValue(f, v) {
			return true
		}
		if fn := a.ix.Func(q); fn != nil && depth < 3 {
			// A repo helper whose every return is safe (a url_for() in
			// each branch, a constant).
			return a.safeReturns(fn, depth)
		}
		switch q {
		case "markupsafe.Markup", "flask.Markup", "jinja2.Markup":
			// Markup of the author's own constant HTML.
			return len(v.Keywords) == 0 && a.allSafe(f, v.Args, fn, depth)
		}
	case *ast.Name:
		vals := localValues(fn, v.ID)
		if len(vals) == 0 {
			if mod := a.ix.Module(f); mod != nil {
				vals = mod.Assigns[v.ID]
				fn = nil
			}
		}
		return len(vals) > 0 && a.allSafe(f, vals, fn, depth)
	}
	return false
}

// typedParam reports whether name is a route parameter whose converter
// only lets digits or a UUID through (<int:id>, <float:x>, <uuid:u>).
func (a *tmplChecker) typedParam(fn ast.Node, name string) bool {
	for _, r := range flask.ModelOf(a.pass.Project).RoutesOfFunc(fn) {
		for _, p := range r.Params {
			if p.Name == name {
				switch p.Converter {
				case "int", "float", "uuid":
					return true
				}
				return false
			}
		}
	}
	return false
}

// formDataAttrs are the attributes of a WTForms field holding the
// submitted value.
var formDataAttrs = map[string]bool{"data": true, "raw_data": true, "object_data": true, "_value": true}

// pyForm reports whether a Python value is a form object: a call of a
// form class, or a local name bound only to such calls.
func (a *tmplChecker) pyForm(f *project.File, v ast.Expr, fn ast.Node, depth int) bool {
	if depth > 4 {
		return false
	}
	switch v := v.(type) {
	case *ast.Call:
		return a.formClass(a.ix.QualName(f, v.Func), 0)
	case *ast.Name:
		vals := localValues(fn, v.ID)
		if len(vals) == 0 {
			return false
		}
		for _, val := range vals {
			if !a.pyForm(f, val, fn, depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

// formBases are the form classes whose fields render themselves as
// escaped HTML (WTForms and Flask-WTF).
var formBases = map[string]bool{"flask_wtf.FlaskForm": true, "flask_wtf.Form": true, "flask_wtf.form.FlaskForm": true,
	"wtforms.Form": true, "wtforms.form.Form": true, "wtforms.form.BaseForm": true}

// formClass reports whether qual is a form class: a WTForms form or a
// repo class deriving from one. Its fields and labels render as escaped
// HTML, so {{ field()|safe }} on them is harmless.
func (a *tmplChecker) formClass(qual string, depth int) bool {
	if formBases[qual] {
		return true
	}
	if depth > 8 {
		return false
	}
	c := a.ix.Class(qual)
	if c == nil {
		return false
	}
	for _, b := range c.Bases {
		if a.formClass(b, depth+1) {
			return true
		}
	}
	return false
}

// numberFuncs are builtins that return numbers.
var numberFuncs = map[string]bool{"builtins.int": true, "builtins.float": true, "builtins.len": true,
	"builtins.round": true, "builtins.abs": true, "builtins.hash": true, "builtins.ord": true, "builtins.sum": true}

// pyNumber reports whether a Python value is a number.
func (a *tmplChecker) pyNumber(f *project.File, v ast.Expr) bool {
	switch v := v.(type) {
	case *ast.Constant:
		_, isStr := v.Str()
		return !isStr
	case *ast.Compare:
		return true
	case *ast.UnaryOp:
		return v.Op == ast.Not
	case *ast.Call:
		q := a.ix.QualName(f, v.Func)
		if n, ok := v.Func.(*ast.Name); ok && q == "" {
			q = "builtins." + n.ID
		}
		return numberFuncs[q]
	}
	return false
}

func (a *tmplChecker) allSafe(f *project.File, vs []ast.Expr, fn ast.Node, depth int) bool {
	for _, e := range vs {
		if e == nil || !a.pySafe(f, e, fn, depth+1) {
			return false
		}
	}
	return true
}

// localValues returns the values assigned to name in fn's body; nil when
// fn is nil or the name is also bound otherwise (a parameter, a loop).
func localValues(fn ast.Node, name string) []ast.Expr {
	var body []ast.Stmt
	var args *ast.Arguments
	switch f := fn.(type) {
	case *ast.FunctionDef:
		body, args = f.Body, f.Args
	case *ast.AsyncFunctionDef:
		body, args = f.Body, f.Args
	default:
		return nil
	}
	if args != nil {
		for _, group := range [][]*ast.Arg{args.PosOnlyArgs, args.Args, args.KwOnlyArgs} {
			for _, p := range group {
				if p != nil && p.Arg == name {
					return nil
				}
			}
		}
	}
	var out []ast.Expr
	other := false
	for _, s := range body {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.ClassDef, *ast.Lambda:
				return false
			case *ast.Assign:
				for _, t := range n.Targets {
					if tn, ok := t.(*ast.Name); ok && tn.ID == name {
						out = append(out, n.Value)
					} else if !ok {
						ast.Inspect(t, func(m ast.Node) bool {
							if tn, ok := m.(*ast.Name); ok && tn.ID == name {
								other = true
							}
							return true
						})
					}
				}
			case *ast.AugAssign, *ast.For, *ast.With, *ast.NamedExpr:
				ast.Inspect(n, func(m ast.Node) bool {
					if tn, ok := m.(*ast.Name); ok && tn.ID == name && tn.Ctx == ast.Store {
						other = true
					}
					return true
				})
			}
			return true
		})
	}
	if other {
		return nil
	}
	return out
}

func pyText(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Name:
		return e.ID
	case *ast.Attribute:
		return pyText(e.Value) + "." + e.Attr
	case *ast.Call:
		return pyText(e.Func) + "(...)"
	case *ast.Subscript:
		return pyText(e.Value) + "[...]"
	}
	return "an expression"
}

// ---- the check ----

// problem is what is wrong with one part in one context.
type problem struct {
	reason   string // the sentence explaining the problem
	anyValue bool   // even a safe origin is a finding (unquoted attributes)
	lowIfUnk bool   // unknown origin: Low if it reads app data (appDataAttr), else none (URL attributes)
	numberOK bool   // a number or boolean cannot cause it (|tojson in double quotes)
	// escapedJS is set for an HTML-escaped value in JavaScript: inside a
	// quoted string literal the escaping already keeps it in the string.
	escapedJS bool
	fix       string // the specific fix
}

// escapeMode is how output is escaped on one render path.
type escapeMode struct {
	on  bool
	why string // why it is off
}

func (a *tmplChecker) autoescape(t *templates.Template, o *templates.Output, ctx *templates.Context) escapeMode {
	switch o.Block {
	case templates.EscapeOn:
		return escapeMode{on: true}
	case templates.EscapeOff:
		return escapeMode{why: fmt.Sprintf("the {%% autoescape false %%} block at line %d", o.BlockPos.Line)}
	}
	if ctx != nil && ctx.Render.Env {
		if ctx.Render.EnvAutoescape {
			return escapeMode{on: true}
		}
		return escapeMode{why: "it is rendered by a jinja2 Environment without autoescape at " + ctx.Render.Where()}
	}
	if len(a.m.AutoescapeOff) > 0 {
		s := a.m.AutoescapeOff[0]
		return escapeMode{why: fmt.Sprintf("autoescaping is switched off for the app at %s:%d", s.File.Path, s.Line)}
	}
	if templates.Autoescape(t.Name) {
		return escapeMode{on: true}
	}
	return escapeMode{why: "Flask does not autoescape templates named " + extOf(t.Name)}
}

func extOf(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 && !strings.Contains(name[i:], "/") {
		return "*" + name[i:]
	}
	return "without an extension"
}

// diagnose says what is wrong with printing p in context c with the
// given escaping, or nil.
func diagnose(p part, c jinja.Context, esc escapeMode) *problem {
	if p.enc == encLiteral || p.enc == encNumber {
		return nil
	}
	enc := p.enc
	raw := false
	if enc == encNone {
		if p.markup || !esc.on {
			raw = true
		} else {
			enc = encHTML
		}
	}
	rawWhy := func() string {
		if p.via != "" {
			return "is marked safe with " + p.via + ", so Jinja does not escape it"
		}
		return "is not escaped because " + esc.why
	}
	switch c.Kind {
	case jinja.CtxTag:
		if enc == encAttrs || enc == encURL {
			return nil
		}
		return &problem{reason: "sits inside a tag outside any attribute value, where it can add attributes such as event handlers (escaping does not stop that)", anyValue: true,
			fix: "Put the value inside a quoted attribute (name=\"{{ value }}\"), or render a dict of attributes with |xmlattr."}
	case jinja.CtxAttr:
		if c.Quote == 0 {
			if enc == encURL || enc == encAttrs {
				return nil
			}
			return &problem{reason: "is in " + c.String() + ": a space in the value starts a new attribute, which escaping does not prevent; quote the attribute", anyValue: true,
				fix: "Quote the attribute: " + c.Attr + "=\"{{ ... }}\". Jinja's escaping covers quotes, not spaces."}
		}
		if raw {
			return &problem{reason: rawWhy() + ", in " + c.String(), fix: rawFix(p, esc)}
		}
		if enc == encJSON && c.Quote == '"' {
			return &problem{reason: "uses |tojson inside " + c.String() + ": tojson does not escape double quotes, so the value can close the attribute; use single quotes around the attribute", numberOK: true,
				fix: "Quote the attribute with single quotes (" + c.Attr + "='{{ value|tojson }}'): |tojson escapes <, >, & and ' but not \"."}
		}
		if c.Attr == "srcdoc" {
			return &problem{reason: "is in " + c.String() + ": the browser decodes HTML escapes before parsing the srcdoc document, so escaping does not stop markup there",
				fix: "Do not put data into srcdoc; load the frame from a URL, or sanitise the HTML with nh3/bleach and escape it twice."}
		}
		if c.EventHandler() {
			if enc == encJSON || enc == encURL {
				return nil
			}
			return &problem{reason: "is in " + c.String() + " without |tojson: the browser decodes HTML escapes before running the handler, so escaping does not protect the JavaScript",
				fix: "Move the handler into a script (addEventListener) and pass the value in a data-* attribute, or use " + c.Attr + "='f({{ value|tojson }})' with single quotes."}
		}
		if c.ActiveURL() && c.ValueStart && enc != encURL {
			return &problem{reason: "starts the URL in " + c.String() + ": escaping does not stop a javascript: URL; check the scheme (http/https) or build the URL with url_for", lowIfUnk: true,
				fix: "Accept only http(s) URLs: check urlparse(url).scheme in (\"http\", \"https\") in the view (or {% if url.startswith(\"https://\") %} in the template), or build internal links with url_for()."}
		}
		return nil
	case jinja.CtxScript:
		if raw {
			return &problem{reason: rawWhy() + ", inside " + c.String() + " (a </script> in the value ends the block)",
				fix: "Output the value with |tojson (without |safe around raw text): it escapes <, > and & so </script> cannot appear."}
		}
		if c.Script == jinja.ScriptJS && enc != encJSON && enc != encURL {
			// (|urlencode leaves no quote, backslash, < or line break.)
			return &problem{reason: "is inside " + c.String() + " without |tojson: HTML escaping does not protect JavaScript",
				fix:       "Write the value as {{ value|tojson }} with no quotes around it: it becomes a JavaScript literal whatever it contains.",
				escapedJS: enc == encHTML}
		}
		return nil
	}
	if raw {
		return &problem{reason: rawWhy() + ", in " + c.String(), fix: rawFix(p, esc)}
	}
	return nil
}

// rawFix is the fix for a value output without escaping.
func rawFix(p part, esc escapeMode) string {
	if p.via != "" {
		return "Drop " + p.via + " and let Jinja escape the value. If it must carry HTML, clean it in the view with " +
			"nh3.clean() or bleach.clean() first and mark only the cleaned value safe."
	}
	if strings.Contains(esc.why, "{% autoescape false %}") {
		return "Remove the {% autoescape false %} block (or escape the value with |e inside it)."
	}
	if strings.Contains(esc.why, "Environment") {
		return "Create the Environment with autoescape=select_autoescape() (or True)."
	}
	if strings.Contains(esc.why, "switched off for the app") {
		return "Remove the setting that turns autoescaping off; escape per value only where needed."
	}
	return "Give the template an .html name (Flask autoescapes .html, .htm, .xml, .xhtml and .svg), or escape the value with |e."
}

// candidate is a possible finding for one output.
type candidate struct {
	part   part
	prob   *problem
	origin origin
	conf   rules.Confidence
	ctx    *templates.Context
}

func (a *tmplChecker) check(t *templates.Template, o *templates.Output) {
	ctxs := a.contexts(t)
	var paths []*templates.Context
	for i := range ctxs {
		paths = append(paths, &ctxs[i])
	}
	if len(paths) == 0 {
		paths = []*templates.Context{nil}
	}
	a.budget = originBudget
	a.memo = map[memoKey]origin{}
	ps := a.parts(o.Node.X, o.Scope, 0)
	text := textOnly(t, o)
	inString := o.Context.Kind == jinja.CtxScript && quotedJS(t.File.Src, int(o.Node.Pos().Offset), int(o.Node.End().Offset))
	var best *candidate
	for _, ctx := range paths {
		esc := a.autoescape(t, o, ctx)
		for _, p := range ps {
			if a.numberAttr(p.value) {
				continue // a number or boolean column carries no markup
			}
			prob := diagnose(p, o.Context, esc)
			if prob == nil {
				continue
			}
			or := a.originOf(p.value, frame{t: t, scope: o.Scope, ctx: ctx}, 0)
			if or.level != levelSafe && p.enc == encNone && a.sanitisedOnWrite(p.value) != "" {
				// Sanitise on write: the stored HTML is a sanitiser's output.
				clean := p
				clean.enc = encSanitized
				if diagnose(clean, o.Context, esc) == nil {
					continue
				}
			}
			if prob.lowIfUnk && (schemeChecked(p.value, append(append([]jinja.Expr(nil), o.Guards...), p.guards...)) || serverURL(p.value)) {
				continue
			}
			if prob.lowIfUnk && or.level == levelUnknown && or.unbound {
				// A URL attribute is only a javascript: risk if the URL
				// can be the user's; a value nothing binds (no render
				// call, a macro parameter never passed, a context
				// processor or global) is on real code url_for() results,
				// configured base URLs, pagination links and client-side
				// templates (issue 11: 0 real of 138 on the corpus).
				continue
			}
			c := &candidate{part: p, prob: prob, origin: or, ctx: ctx}
			switch or.level {
			case levelTainted:
				// Data shown to come from storage or an outside system is at
				// least as suspect as data of unknown origin.
				c.conf = or.conf
				if !numericName(p.value) {
					c.conf = max(c.conf, rules.MediumConfidence)
				}
				if prob.numberOK && (numericName(p.value) || boolName(p.value)) {
					c.conf = rules.LowConfidence
				}
			case levelUnknown:
				if prob.lowIfUnk && !a.appDataAttr(p.value, o.Scope, 0) {
					// A link of unknown origin held in a variable, a
					// macro parameter, a call's result or an attribute
					// no application class declares was a javascript:
					// URL in none of 149 such outputs on the real
					// corpus: they are url_for results and configured
					// addresses. An attribute the application's
					// classes declare or assign (a stored column) is
					// still reported at Low confidence.
					continue
				}
				c.conf = rules.MediumConfidence
				if prob.lowIfUnk || numericName(p.value) || (prob.numberOK && boolName(p.value)) || a.stampValue(p.value, o.Scope, 0) {
					c.conf = rules.LowConfidence
				}
				if ctx == nil && esc.on {
					// No render call of the template is visible, so nothing
					// says the value is user data (the message says so).
					// With escaping off altogether it stays Medium.
					c.conf = rules.LowConfidence
				}
			default:
				if !prob.anyValue || or.number {
					continue
				}
				c.conf = rules.MediumConfidence
			}
			// Plain-text templates (no HTML of their own) only matter when
			// their raw output is a view's response and the data is tainted.
			if !esc.on && t.HTML.Tags == 0 && o.Block != templates.EscapeOff &&
				(or.level != levelTainted || ctx == nil || !ctx.Render.Returned) {
				continue
			}
			if prob.escapedJS && inString {
				// "...{{ value }}..." in a script: autoescaping turns quotes
				// and < into entities, so the value stays in the string;
				// only a backslash can still change it.
				c.prob = &problem{reason: "is inside a quoted string in " + o.Context.String() + ": autoescaping keeps it in the string " +
					"(quotes and < become entities), but a trailing backslash can still change the script",
					fix: prob.fix}
				if c.origin.level != levelTainted {
					c.conf = rules.LowConfidence
				}
			}
			// A text-only region (a mail subject, a plain-text part) is not
			// parsed as HTML unless a view returns it as its response.
			if text != "" && (or.level != levelTainted || ctx == nil || !ctx.Render.Returned) {
				continue
			}
			if best == nil || c.conf > best.conf || (c.conf == best.conf && c.origin.level > best.origin.level) {
				best = c
			}
		}
	}
	if best == nil {
		return
	}
	a.report(t, o, best)
}

func (a *tmplChecker) report(t *templates.Template, o *templates.Output, c *candidate) {
	expr := sourceText(t, o.Node)
	val := jinja.ExprString(c.part.value)
	msg := fmt.Sprintf("%s: %s %s", expr, val, c.prob.reason)
	switch c.origin.level {
	case levelTainted, levelUnknown:
		if c.origin.deriv != "" {
			msg += "; " + c.origin.deriv
		}
		msg += "; " + c.origin.note
	default:
		msg += "; even a value the application controls breaks the markup here"
	}
	if c.ctx != nil && c.origin.render == nil {
		msg += "; rendered by " + c.ctx.Render.Where()
	}
	if c.ctx != nil && len(c.ctx.Via) > 1 {
		names := make([]string, len(c.ctx.Via))
		for i, v := range c.ctx.Via {
			names[i] = v.Name
		}
		msg += " (through " + strings.Join(names, " -> ") + ")"
	}
	msg += "."
	loc := t.Span(o.Node)
	if c.ctx != nil {
		loc.Route = c.ctx.Render.Route
		loc.Function = c.ctx.Render.Func
	} else if r := c.origin.render; r != nil {
		loc.Route, loc.Function = r.Route, r.Func
	}
	var trace []rules.TraceStep
	if c.origin.level == levelTainted {
		trace = append(trace, c.origin.trace...)
		if c.ctx != nil && c.origin.render == nil {
			r := c.ctx.Render
			trace = append(trace, rules.TraceStep{Path: r.File.Path, Line: r.Line(), Col: int(r.Call.Pos().Col) + 1,
				Note: "renders " + c.ctx.Via[0].Name})
		}
		if c.ctx != nil {
			for i := 1; i < len(c.ctx.Via); i++ {
				trace = append(trace, viaStep(c.ctx.Via[i-1], c.ctx.Via[i]))
			}
		}
		trace = append(trace, rules.TraceStep{Path: t.File.Path, Line: int(o.Node.Pos().Line),
			Col: loc.StartCol, Note: "output " + expr + " in " + o.Context.String()})
	}
	f := rules.Finding{Location: loc, Confidence: c.conf, Message: msg, Trace: trace,
		Fix: strings.ReplaceAll(c.prob.fix, "{{ ... }}", expr)}
	if c.origin.level == levelTainted && c.origin.header {
		f.Severity = rules.Low // the message says why
	}
	if c.origin.level == levelUnknown {
		f.FalsePositiveNotes = "Check where " + val + " comes from: " + c.origin.note + ". A constant, a value the " +
			"application computes, or one cleaned by a sanitiser flasksec does not know is not exploitable; register " +
			"custom sanitisers in [tool.flasksec] sanitizers."
	}
	a.pass.Report(f)
}

// maxExprText bounds the expression text quoted in messages.
const maxExprText = 80

// sourceText returns a node's source text, shortened for messages.
func sourceText(t *templates.Template, n jinja.Node) string {
	start, end := int(n.Pos().Offset), int(n.End().Offset)
	if start < 0 || end > len(t.File.Src) || start > end {
		return "{{ ... }}"
	}
	s := strings.Join(strings.Fields(string(t.File.Src[start:end])), " ")
	if len(s) > maxExprText {
		cut := maxExprText - 5
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + " ...}}"
	}
	return s
}

// viaStep is the trace step of user extending, including or importing
// used.
func viaStep(user, used *templates.Template) rules.TraceStep {
	for _, g := range []struct {
		refs []*templates.Ref
		verb string
	}{{user.Extends, "extends"}, {user.Includes, "includes"}, {user.Imports, "imports"}} {
		for _, r := range g.refs {
			for _, t := range r.Targets {
				if t == used {
					loc := user.Location(r.Pos)
					return rules.TraceStep{Path: user.File.Path, Line: loc.StartLine, Col: loc.StartCol,
						Note: user.Name + " " + g.verb + " " + used.Name}
				}
			}
		}
	}
	return rules.TraceStep{Path: user.File.Path, Line: 1, Col: 1, Note: user.Name + " uses " + used.Name}
}

// schemeCheckWords mark a condition that checks a URL's scheme or safety.
var schemeCheckWords = []string{"startswith", "scheme", "safe_url", "is_safe", "url_has_allowed", "http"}

// schemeChecked reports whether an enclosing {% if %} checks the URL
// value's scheme: a condition mentioning the same variable together with
// startswith, a scheme test or a safe-URL helper.
func schemeChecked(v jinja.Expr, guards []jinja.Expr) bool {
	root := rootName(v)
	if root == "" {
		return false
	}
	for _, g := range guards {
		text := jinja.ExprString(g)
		mentions := false
		jinja.Inspect(g, func(n jinja.Node) bool {
			if x, ok := n.(jinja.Expr); ok && rootName(x) == root {
				mentions = true
			}
			return !mentions
		})
		if !mentions {
			continue
		}
		for _, w := range schemeCheckWords {
			if strings.Contains(text, w) {
				return true
			}
		}
	}
	return false
}

// rootName returns the variable at the root of an attribute/item/filter
// chain ("post" for post.url|trim), or "".
func rootName(x jinja.Expr) string {
	for i := 0; i < maxPartsDepth; i++ {
		switch e := x.(type) {
		case *jinja.Name:
			return e.Name
		case *jinja.Getattr:
			x = e.X
		case *jinja.Getitem:
			x = e.X
		case *jinja.Filter:
			if e.X == nil {
				return ""
			}
			x = e.X
		default:
			return ""
		}
	}
	return ""
}

// reqKind classifies an attribute of Flask's request object.
type reqKind uint8

const (
	reqUnknown reqKind = iota // not a Flask request attribute we know
	reqUser                   // data the client chooses
	reqSafe                   // set by the server or Werkzeug's parsing (method, endpoint...)
	reqHeader                 // a request header: the client chooses it, but a browser attacker cannot set it cross-site
)

// requestAttrs are the attributes of flask.Request as templates use them.
var requestAttrs = map[string]reqKind{
	"args": reqUser, "form": reqUser, "values": reqUser, "json": reqUser, "get_json": reqUser, "data": reqUser,
	"get_data": reqUser, "files": reqUser, "headers": reqHeader, "cookies": reqUser, "view_args": reqUser,
	"referrer": reqUser, "user_agent": reqHeader, "query_string": reqUser, "stream": reqUser, "full_path": reqUser,
	"path": reqUser, "url": reqUser, "base_url": reqUser, "host": reqUser, "host_url": reqUser, "url_root": reqUser,
	"root_url": reqUser, "remote_user": reqUser, "authorization": reqHeader, "environ": reqUser, "access_route": reqUser,
	"accept_languages": reqHeader, "accept_mimetypes": reqHeader, "origin": reqUser, "content_type": reqUser,
	"mimetype": reqUser, "if_none_match": reqHeader, "range": reqHeader,
	// script_root/root_path are the mount point the WSGI server (or an
	// operator's proxy configuration) sets, not request data.
	"script_root": reqSafe, "root_path": reqSafe,
	"method": reqSafe, "endpoint": reqSafe, "blueprint": reqSafe, "blueprints": reqSafe, "scheme": reqSafe,
	"is_secure": reqSafe, "is_json": reqSafe, "content_length": reqSafe, "remote_addr": reqSafe,
	"max_content_length": reqSafe, "url_rule": reqSafe, "routing_exception": reqSafe,
}

// serverURLAttrs are request attributes holding the URL the server was
// reached at: they start with "/" or the site's own http(s) origin, never
// with javascript:.
var serverURLAttrs = map[string]bool{"path": true, "full_path": true, "url": true, "base_url": true,
	"url_root": true, "host_url": true, "script_root": true, "root_url": true, "root_path": true}

// serverURL reports whether v is request.path, request.url and the like.
func serverURL(v jinja.Expr) bool {
	for i := 0; i < maxPartsDepth; i++ {
		switch e := v.(type) {
		case *jinja.Filter:
			v = e.X
			continue
		case *jinja.Getattr:
			n, ok := e.X.(*jinja.Name)
			return ok && n.Name == "request" && serverURLAttrs[e.Attr]
		}
		return false
	}
	return false
}

// numericSuffixes are the name endings of values that are almost always
// numbers (post.id, item_count, page): an unknown origin for them is Low
// confidence.
var numericSuffixes = []string{"id", "count", "total", "num", "number", "index", "page", "size", "len", "length",
	"year", "age", "price", "amount", "qty", "quantity", "pk"}

// numericName reports whether v names a value that is almost always a
// number.
func numericName(v jinja.Expr) bool {
	var name string
	switch e := v.(type) {
	case *jinja.Name:
		name = e.Name
	case *jinja.Getattr:
		name = e.Attr
	case *jinja.Getitem:
		if c, ok := e.Index.(*jinja.Const); ok && c.Kind == jinja.StrConst {
			name = c.Value
		}
	}
	name = strings.ToLower(name)
	for _, suf := range numericSuffixes {
		if name == suf || strings.HasSuffix(name, "_"+suf) {
			return true
		}
	}
	return false
}

// tstep is a trace step at a template position (1-based character
// column).
func tstep(t *templates.Template, p jinja.Pos, note string) rules.TraceStep {
	loc := t.Location(p)
	return rules.TraceStep{Path: loc.Path, Line: loc.StartLine, Col: loc.StartCol, Note: note}
}

// safeReturns reports whether a repo function returns something and
// every value it returns is safe (see pySafe), judged in its own body.
func (a *tmplChecker) safeReturns(fn *resolve.Func, depth int) bool {
	n, ok := 0, true
	for _, s := range fn.Body {
		ast.Inspect(s, func(x ast.Node) bool {
			switch r := x.(type) {
			case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.Lambda, *ast.ClassDef:
				return false
			case *ast.Return:
				n++
				if r.Value == nil || !a.pySafe(fn.File, r.Value, fn.Node, depth+1) {
					ok = false
				}
			case *ast.Yield, *ast.YieldFrom:
				ok = false
			}
			return ok
		})
	}
	return ok && n > 0
}

// stampSuffixes are the name endings of values an application generates
// itself and that carry no markup: timestamps (fetch_time,
// newest_version_timestamp) and UUIDs (watch.uuid). Like numeric names
// they only lower an unknown origin to Low confidence; a traced request
// or stored value keeps its confidence whatever its name.
var stampSuffixes = []string{"uuid", "timestamp", "time"}

// stampValue reports whether every non-constant piece of v names a
// timestamp or UUID, following {% set %} bindings: {{ target_attr }} with
// {% set target_attr = ' target="' ~ item.uuid ~ '"' if c else ” %}.
func (a *tmplChecker) stampValue(v jinja.Expr, sc *templates.Scope, depth int) bool {
	if depth > maxPartsDepth {
		return false
	}
	n := 0
	for _, p := range a.parts(v, sc, depth+1) {
		if p.enc == encLiteral || p.enc == encNumber {
			continue
		}
		switch e := p.value.(type) {
		case *jinja.Name:
			if b := sc.Lookup(e.Name); b != nil && b.Kind == templates.BindSet && b.Value != nil {
				if !a.stampValue(b.Value, b.Scope, depth+1) {
					return false
				}
			} else if !hasNameSuffix(e.Name, stampSuffixes) {
				return false
			}
		case *jinja.Getattr:
			if !hasNameSuffix(e.Attr, stampSuffixes) {
				return false
			}
		default:
			return false
		}
		n++
	}
	return n > 0
}

// hasNameSuffix reports whether name (case-insensitive) is one of sufs or
// ends with "_" and one of them.
func hasNameSuffix(name string, sufs []string) bool {
	name = strings.ToLower(name)
	for _, suf := range sufs {
		if name == suf || strings.HasSuffix(name, "_"+suf) {
			return true
		}
	}
	return false
}
