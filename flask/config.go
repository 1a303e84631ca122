package flask

import (
	"path"
	"strconv"
	"strings"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
)

// Origin says where a configuration value comes from.
type Origin uint8

// The origins of configuration values.
const (
	Literal         Origin = iota + 1 // a constant in the code (True, "Lax", 3600)
	FromEnvironment                   // read from an environment variable (os.environ.get, os.getenv...)
	Computed                          // any other expression (secrets.token_hex(32), a function call, a variable)
	External                          // loaded from outside the code: from_envvar, from_pyfile, from_prefixed_env, from_file
)

var originNames = [...]string{Literal: "literal", FromEnvironment: "environment", Computed: "computed", External: "external"}

// String returns "literal", "environment", "computed" or "external".
func (o Origin) String() string {
	if o < Literal || o > External {
		return "unknown"
	}
	return originNames[o]
}

// Value is one place that sets a configuration key.
type Value struct {
	Key  string        // the config key ("SECRET_KEY"); "*" for external sources that may set any key
	File *project.File // where it is set
	Node ast.Node      // the statement, keyword or dict entry key that sets it
	Expr ast.Expr      // the value expression; nil for external sources
	// Envs are the environments the value applies to: the config class's
	// environment, the enclosing branches' (if os.environ["FLASK_ENV"] ==
	// "production": ...), Testing in test code, AnyEnv otherwise.
	Envs Env
	// Conditional is set when the value is under a condition the model
	// cannot interpret, or comes from a config class chosen at run time
	// whose name says no environment: it may or may not apply.
	Conditional bool
	Origin      Origin
	EnvVar      string   // the environment variable read, for FromEnvironment values
	Default     ast.Expr // the default of the environment read; nil if none
	Class       string   // the config class that defines it; "" if not from a class
	Via         string   // how it is loaded: "from_object(ProductionConfig)", "app.config.update", "from_pyfile"...

	order int // position in the configuration flow
	flow  any // the function (or module) whose statements set it in order
}

// Const returns the literal value of a Literal value's expression.
func (v *Value) Const() (*ast.Constant, bool) {
	c, ok := v.Expr.(*ast.Constant)
	return c, ok
}

// Bool returns the value as a bool when it is a True/False literal.
func (v *Value) Bool() (bool, bool) {
	if v.Origin != Literal {
		return false, false
	}
	return BoolConst(v.Expr)
}

// Str returns the value as a string when it is a str literal.
func (v *Value) Str() (string, bool) {
	if v.Origin != Literal {
		return "", false
	}
	return StrConst(v.Expr)
}

// IsNone reports whether the value is the literal None.
func (v *Value) IsNone() bool {
	c, ok := v.Expr.(*ast.Constant)
	return ok && c.IsNone()
}

// Where describes the value's source for messages: "config.py:12 (ProductionConfig)".
func (v *Value) Where() string {
	if v.File == nil || v.Node == nil {
		return v.Via
	}
	s := v.File.Path + ":" + strconv.Itoa(int(v.Node.Pos().Line))
	if v.Class != "" {
		s += " (" + v.Class + ")"
	}
	return s
}

// Setting is what one key resolves to for one environment.
type Setting struct {
	Key string
	Env Env
	// Values are the places that may set the key for the environment, in
	// configuration order, after overrides: a later unconditional
	// assignment in the same flow hides earlier ones, a subclass hides its
	// base. Several values remain when the code chooses at run time.
	Values []*Value
	// External lists from_envvar/from_pyfile/from_prefixed_env sources
	// that may set the key outside the code.
	External []*Value
}

// Unset reports whether no code sets the key for the environment
// (external sources may still set it).
func (s Setting) Unset() bool { return len(s.Values) == 0 }

// Only returns the single value when exactly one unconditional value
// sets the key, else nil.
func (s Setting) Only() *Value {
	if len(s.Values) == 1 && !s.Values[0].Conditional {
		return s.Values[0]
	}
	return nil
}

// Config is an application's configuration as the code sets it.
type Config struct {
	Values []*Value // every value, in configuration order
	// Sources lists the external sources (from_envvar, from_pyfile,
	// from_prefixed_env, from_file) and config objects loaded.
	Sources []*Value
}

func newConfig() *Config { return &Config{} }

// Lookup returns the values the key gets in the environment env (a
// single environment such as Production), with external sources that may
// override them.
func (c *Config) Lookup(key string, env Env) Setting {
	s := Setting{Key: key, Env: env}
	if c == nil {
		return s
	}
	var cands []*Value
	for _, v := range c.Values {
		if v.Key != key || v.Envs&env == 0 {
			continue
		}
		if !v.Conditional && v.Envs&env == env {
			// Hide earlier values of the same flow that this one overrides.
			kept := cands[:0]
			for _, w := range cands {
				if w.flow != v.flow || w.order > v.order {
					kept = append(kept, w)
				}
			}
			cands = kept
		}
		cands = append(cands, v)
	}
	// The same assignment reached through several classes (a base class
	// of both StagingConfig and ProductionConfig) is one value.
	seen := map[ast.Node]bool{}
	for _, v := range cands {
		if v.Node != nil && seen[v.Node] {
			continue
		}
		if v.Node != nil {
			seen[v.Node] = true
		}
		s.Values = append(s.Values, v)
	}
	for _, v := range c.Sources {
		if v.Origin == External && v.Envs&env != 0 {
			s.External = append(s.External, v)
		}
	}
	return s
}

// Set reports whether any code sets the key, in any environment.
func (c *Config) Set(key string) bool {
	if c == nil {
		return false
	}
	for _, v := range c.Values {
		if v.Key == key {
			return true
		}
	}
	return false
}

// All returns every value of the key, in any environment.
func (c *Config) All(key string) []*Value {
	if c == nil {
		return nil
	}
	var out []*Value
	for _, v := range c.Values {
		if v.Key == key {
			out = append(out, v)
		}
	}
	return out
}

// Explicit reports whether the code names the environment env anywhere
// in its configuration: a config class or a branch for it.
func (c *Config) Explicit(env Env) bool {
	if c == nil {
		return false
	}
	for _, v := range append(append([]*Value(nil), c.Values...), c.Sources...) {
		if v.Envs != AnyEnv && v.Envs&env != 0 && v.Envs&^env == 0 {
			return true
		}
	}
	return false
}

// HasExternal reports whether configuration may be loaded from outside
// the code for env.
func (c *Config) HasExternal(env Env) bool {
	if c == nil {
		return false
	}
	for _, v := range c.Sources {
		if v.Origin == External && v.Envs&env != 0 {
			return true
		}
	}
	return false
}

// configBuilder collects configuration values while the model walks the
// code.
type configBuilder struct {
	b       *builder
	order   int
	loaded  map[*ast.ClassDef]bool
	classMI map[*ast.ClassDef]*modInfo
}

func newConfigBuilder(b *builder) *configBuilder {
	return &configBuilder{b: b, loaded: map[*ast.ClassDef]bool{}, classMI: map[*ast.ClassDef]*modInfo{}}
}

// appAttrs maps Flask attributes that mirror config keys.
var appAttrs = map[string]string{
	"secret_key": "SECRET_KEY", "debug": "DEBUG", "testing": "TESTING",
	"permanent_session_lifetime": "PERMANENT_SESSION_LIFETIME", "session_cookie_name": "SESSION_COOKIE_NAME",
}

// configTarget returns the app whose config `X.config` designates: X an
// app (or current_app / an unresolved "app"). ok is false when X is not
// an app's config.
func (cb *configBuilder) configTarget(c *ctx, x ast.Expr) (*App, bool) {
	a, ok := x.(*ast.Attribute)
	if !ok || a.Attr != "config" {
		return nil, false
	}
	return cb.appRef(c, a.Value)
}

// appRef returns the app e designates, accepting unresolved app-like
// names.
func (cb *configBuilder) appRef(c *ctx, e ast.Expr) (*App, bool) {
	switch v := cb.b.resolve(c, e).(type) {
	case *App:
		return v, true
	case nil:
		d := Dotted(e)
		switch d {
		case "app", "application", "flask_app", "current_app", "self.app", "server", "api":
			return nil, true
		}
		if c.mi.g.flask && c.mi.importedQual(e) == "flask.current_app" {
			return nil, true
		}
	}
	return nil, false
}

func (cb *configBuilder) add(c *ctx, app *App, v *Value) {
	cb.order++
	v.order = cb.order
	if v.flow == nil {
		if c.fn != nil {
			v.flow = c.fn
		} else {
			v.flow = c.mi.file
		}
	}
	if v.Envs == 0 {
		v.Envs = c.env
	}
	if c.cond {
		v.Conditional = true
	}
	if app != nil && app.Test {
		v.Envs &= Testing
		if v.Envs == 0 {
			return
		}
	}
	if v.Expr != nil && v.Origin == 0 {
		v.Origin, v.EnvVar, v.Default = classify(c.mi, v.Expr)
	}
	targets := []*Config{}
	if app != nil {
		targets = append(targets, app.Config)
	} else if prod := cb.b.m.ProductionApps(); len(prod) == 1 {
		targets = append(targets, prod[0].Config)
	}
	if app == nil || !app.Test {
		if cb.b.m.Config == nil {
			cb.b.m.Config = newConfig()
		}
		if len(targets) == 0 || targets[0] != cb.b.m.Config {
			targets = append(targets, cb.b.m.Config)
		}
	}
	for _, t := range targets {
		if v.Key == "" {
			t.Sources = append(t.Sources, v)
		} else {
			t.Values = append(t.Values, v)
		}
	}
}

// classify returns a value expression's origin.
func classify(mi *modInfo, e ast.Expr) (Origin, string, ast.Expr) {
	if name, def, ok := findEnvRead(mi, e); ok {
		return FromEnvironment, name, def
	}
	switch e := e.(type) {
	case *ast.Constant:
		return Literal, "", nil
	case *ast.UnaryOp:
		if _, ok := e.Operand.(*ast.Constant); ok {
			return Literal, "", nil
		}
	case *ast.List, *ast.Tuple, *ast.Set:
		for _, x := range eltsOf(e) {
			if _, ok := x.(*ast.Constant); !ok {
				return Computed, "", nil
			}
		}
		return Literal, "", nil
	}
	return Computed, "", nil
}

func (cb *configBuilder) visit(s ast.Stmt, c *ctx) {
	switch s := s.(type) {
	case *ast.Assign:
		for _, t := range s.Targets {
			cb.assign(c, s, t, s.Value)
		}
	case *ast.AnnAssign:
		if s.Value != nil {
			cb.assign(c, s, s.Target, s.Value)
		}
	case *ast.ExprStmt:
		if call, ok := s.Value.(*ast.Call); ok {
			cb.call(c, call)
		}
	}
}

func (cb *configBuilder) assign(c *ctx, s ast.Stmt, target, value ast.Expr) {
	switch t := target.(type) {
	case *ast.Subscript:
		// app.config["KEY"] = value
		app, ok := cb.configTarget(c, t.Value)
		if !ok {
			return
		}
		key, ok := StrConst(t.Slice)
		if !ok {
			return
		}
		cb.add(c, app, &Value{Key: key, File: c.mi.file, Node: s, Expr: value, Via: "app.config[...]"})
	case *ast.Attribute:
		// app.secret_key = value, app.debug = True
		key, ok := appAttrs[t.Attr]
		if !ok {
			if t.Attr == "session_interface" {
				if app, ok := cb.appRef(c, t.Value); ok {
					cb.add(c, app, &Value{Key: "SESSION_INTERFACE", File: c.mi.file, Node: s, Expr: value, Via: "app.session_interface"})
				}
			}
			return
		}
		app, ok := cb.appRef(c, t.Value)
		if !ok || Dotted(t.Value) == "server" || Dotted(t.Value) == "api" {
			return
		}
		cb.add(c, app, &Value{Key: key, File: c.mi.file, Node: s, Expr: value, Via: "app." + t.Attr})
	}
}

func (cb *configBuilder) call(c *ctx, call *ast.Call) {
	attr, ok := call.Func.(*ast.Attribute)
	if !ok {
		return
	}
	app, ok := cb.configTarget(c, attr.Value)
	if !ok {
		return
	}
	switch attr.Attr {
	case "update", "from_mapping", "setdefault":
		if attr.Attr == "setdefault" {
			if key, ok := StrConst(Arg(call, 0, "")); ok && len(call.Args) > 1 {
				cb.add(c, app, &Value{Key: key, File: c.mi.file, Node: call, Expr: call.Args[1], Via: "app.config.setdefault"})
			}
			return
		}
		for _, a := range call.Args {
			switch d := a.(type) {
			case *ast.Dict:
				cb.dict(c, app, d, "app.config."+attr.Attr)
			case *ast.Call:
				// app.config.update(dict(SECRET_KEY=..., DEBUG=...))
				if Dotted(d.Func) == "dict" {
					for _, k := range d.Keywords {
						if k.Arg != "" {
							cb.add(c, app, &Value{Key: k.Arg, File: c.mi.file, Node: k, Expr: k.Value, Via: "app.config." + attr.Attr})
						}
					}
				}
			}
		}
		for _, k := range call.Keywords {
			if k.Arg == "" {
				if d, ok := k.Value.(*ast.Dict); ok {
					cb.dict(c, app, d, "app.config."+attr.Attr)
				}
				continue
			}
			cb.add(c, app, &Value{Key: k.Arg, File: c.mi.file, Node: k, Expr: k.Value, Via: "app.config." + attr.Attr})
		}
	case "from_object":
		if len(call.Args) > 0 {
			cb.fromObject(c, app, call, call.Args[0])
		}
	case "from_envvar", "from_pyfile", "from_prefixed_env", "from_file":
		if attr.Attr == "from_pyfile" {
			// A settings file committed with the code: its values are what
			// the app loads, like a module's.
			if name, ok := StrConst(Arg(call, 0, "filename")); ok {
				if f := cb.b.pyfile(app, name); f != nil {
					cb.loadPyfile(c, app, call, f, name)
					m := cb.b.m
					if m.settings == nil {
						m.settings = map[*project.File][]*project.File{}
					}
					m.settings[c.mi.file] = append(m.settings[c.mi.file], f)
					return
				}
			}
		}
		cb.add(c, app, &Value{File: c.mi.file, Node: call, Origin: External, Via: attr.Attr})
	}
}

// pyfile finds the file app.config.from_pyfile(name) reads: Flask joins
// a relative name to the app's root path (the folder of the module or
// package creating the app) or, with instance_relative_config=True, to
// its instance folder (instance/ beside the package, or under the
// module's folder). Both are tried, the instance folder first when the
// app asks for it. It returns nil when neither is in the scanned tree.
func (b *builder) pyfile(app *App, name string) *project.File {
	if app == nil || app.File == nil || name == "" || path.IsAbs(name) || strings.Contains(name, "..") {
		return nil
	}
	root := path.Dir(app.File.Path)
	instance := path.Join(root, "instance")
	if path.Base(app.File.Path) == "__init__.py" {
		instance = path.Join(path.Dir(root), "instance")
	}
	candidates := []string{path.Join(root, name), path.Join(instance, name)}
	if v, ok := app.Kwargs["instance_relative_config"].(*ast.Constant); ok && v.Value == ast.BoolValue(true) {
		candidates[0], candidates[1] = candidates[1], candidates[0]
	}
	for _, c := range candidates {
		if f := b.p.File(c); f != nil && f.AST != nil && (f.Kind == project.PyConfig || f.Kind == project.Python) {
			return f
		}
	}
	return nil
}

// loadPyfile adds the upper-case assignments of a from_pyfile settings
// file, as Flask keeps them.
func (cb *configBuilder) loadPyfile(c *ctx, app *App, call *ast.Call, f *project.File, name string) {
	mi := newModInfo(cb.b.ix, f)
	for _, s := range f.AST.Body {
		a, ok := s.(*ast.Assign)
		if !ok || len(a.Targets) != 1 {
			continue
		}
		n, ok := a.Targets[0].(*ast.Name)
		if !ok || strings.ToUpper(n.ID) != n.ID || strings.HasPrefix(n.ID, "_") {
			continue
		}
		o, ev, def := classify(mi, a.Value)
		cb.add(c, app, &Value{Key: n.ID, File: f, Node: s, Expr: a.Value, Origin: o, EnvVar: ev, Default: def,
			Via: "from_pyfile(" + strconv.Quote(name) + ")"})
	}
}

func (cb *configBuilder) dict(c *ctx, app *App, d *ast.Dict, via string) {
	for i, k := range d.Keys {
		if k == nil {
			continue
		}
		if key, ok := StrConst(k); ok {
			cb.add(c, app, &Value{Key: key, File: c.mi.file, Node: k, Expr: d.Values[i], Via: via})
		}
	}
}

// fromObject expands app.config.from_object(x).
func (cb *configBuilder) fromObject(c *ctx, app *App, call *ast.Call, x ast.Expr) {
	// A class or a module named directly or by a dotted string.
	if cl, mi := cb.b.classOf(c, x); cl != nil {
		cb.loadClass(c, app, call, cl, mi, loadedEnv(c, cl), false)
		return
	}
	if s, ok := StrConst(x); ok {
		if cb.fromString(c, app, call, s, false) {
			return
		}
	}
	// from_object(__name__): this module's upper-case globals.
	if n, ok := x.(*ast.Name); ok && n.ID == "__name__" {
		cb.loadModule(c, app, call, c.mi)
		return
	}
	// from_object(settings) after `import settings` / `from app import settings`.
	if q := c.mi.importedQual(x); q != "" {
		if mi := cb.b.moduleNamed(q); mi != nil {
			cb.loadModule(c, app, call, mi)
			return
		}
	}
	// create_app(config_object=ProductionConfig): the parameter's default
	// is what callers that pass nothing get.
	if n, ok := x.(*ast.Name); ok && c.fn != nil {
		if def := paramDefault(c.fn, n.ID); def != nil {
			if cl, mi := cb.b.classOf(c, def); cl != nil {
				cb.loadClass(c, app, call, cl, mi, EnvOfName(cl.Name), false)
				return
			}
			if s, ok := StrConst(def); ok && cb.fromString(c, app, call, s, false) {
				return
			}
		}
	}
	// config[name] / config.get(name) / CONFIGS[env] over a dict of classes.
	if d, dmi := cb.classDict(c, x); d != nil {
		// The dict's values are names of the module that defines it.
		dc := *c
		dc.mi, dc.sc = dmi, dmi.root
		for i, k := range d.Keys {
			cl, mi := cb.b.classOf(&dc, d.Values[i])
			if cl == nil {
				cl, mi = cb.b.classOf(c, d.Values[i])
			}
			if cl == nil {
				continue
			}
			env := classEnv(cl)
			if ks, ok := StrConst(k); ok && EnvOfName(ks) != Unknown && ks != "default" {
				env = EnvOfName(ks)
			}
			cb.loadClass(c, app, call, cl, mi, env, true)
		}
		return
	}
	// os.environ.get("APP_SETTINGS", "config.DevelopmentConfig")
	if _, def, ok := findEnvRead(c.mi, x); ok {
		if s, ok := StrConst(def); ok {
			cb.fromString(c, app, call, s, true)
		}
		cb.add(c, app, &Value{File: c.mi.file, Node: call, Origin: External, Via: "from_object(environment)"})
		return
	}
	cb.add(c, app, &Value{File: c.mi.file, Node: call, Origin: External, Via: "from_object(unresolved)"})
}

// fromString resolves "pkg.module.Class" or "pkg.module".
func (cb *configBuilder) fromString(c *ctx, app *App, call *ast.Call, s string, chosen bool) bool {
	if mi := cb.b.moduleNamed(s); mi != nil {
		cb.loadModule(c, app, call, mi)
		return true
	}
	i := strings.LastIndex(s, ".")
	if i < 0 {
		return false
	}
	mi := cb.b.moduleNamed(s[:i])
	if mi == nil {
		return false
	}
	cl := mi.classes[s[i+1:]]
	if cl == nil {
		return false
	}
	env := EnvOfName(cl.Name)
	if !chosen {
		env = loadedEnv(c, cl)
	}
	cb.loadClass(c, app, call, cl, mi, env, chosen)
	return true
}

// loadedEnv returns the environments a class named directly in
// from_object applies to: those of the code path that loads it. A class
// loaded on every path (outside any environment branch) applies to every
// environment whatever its name: an app that always loads
// DevelopmentConfig runs with it in production too. Under a condition the
// model cannot read, the class's name decides.
func loadedEnv(c *ctx, cl *ast.ClassDef) Env {
	if !c.cond && c.env == AnyEnv && !c.test {
		return AnyEnv
	}
	return EnvOfName(cl.Name)
}

// classEnv returns the environment a config class's name gives, or when
// its name names none, the environment of the base classes it extends
// (AltUIConfig(TestingConfig) is a test configuration).
func classEnv(cl *ast.ClassDef) Env {
	if env := EnvOfName(cl.Name); env != Unknown {
		return env
	}
	env := Unknown
	for _, base := range cl.Bases {
		name := Dotted(base)
		if i := strings.LastIndex(name, "."); i >= 0 {
			name = name[i+1:]
		}
		switch be := EnvOfName(name); {
		case be == Unknown:
		case env == Unknown:
			env = be
		case env != be:
			return Unknown
		}
	}
	return env
}

// classDict returns the dict literal of classes that x indexes
// (config[name], config.get(name, ...)), or nil.
func (cb *configBuilder) classDict(c *ctx, x ast.Expr) (*ast.Dict, *modInfo) {
	var base ast.Expr
	switch x := x.(type) {
	case *ast.Subscript:
		base = x.Value
	case *ast.Call:
		if a, ok := x.Func.(*ast.Attribute); ok && a.Attr == "get" {
			base = a.Value
		}
	}
	if base == nil {
		return nil, nil
	}
	// Find the assignment of the dict in the module that defines the name.
	// config[name] with config defined here or imported; settings.config[name].
	q := c.mi.qual(base)
	i := strings.LastIndex(q, ".")
	if i < 0 {
		return nil, nil
	}
	mi, name := cb.b.moduleNamed(q[:i]), q[i+1:]
	if mi == nil || mi.file.AST == nil {
		return nil, nil
	}
	for _, s := range mi.file.AST.Body {
		a, ok := s.(*ast.Assign)
		if !ok || len(a.Targets) != 1 {
			continue
		}
		if n, ok := a.Targets[0].(*ast.Name); ok && n.ID == name {
			if d, ok := a.Value.(*ast.Dict); ok {
				return d, mi
			}
		}
	}
	return nil, nil
}

// loadClass adds the upper-case attributes of a config class and its
// bases (subclass first wins) as loaded by from_object at call.
func (cb *configBuilder) loadClass(c *ctx, app *App, call *ast.Call, cl *ast.ClassDef, mi *modInfo, env Env, chosen bool) {
	cb.loaded[cl] = true
	if mi != nil {
		cb.classMI[cl] = mi
	}
	attrs := cb.classAttrs(cl, mi, 0, map[*ast.ClassDef]bool{})
	cond := false
	if env == Unknown {
		env = AnyEnv
		cond = chosen
	}
	if c.test {
		env &= Testing
	}
	for _, v := range attrs {
		nv := *v
		nv.Envs = env & c.env
		if nv.Envs == 0 {
			continue
		}
		nv.Conditional = v.Conditional || cond
		nv.Via = "from_object(" + cl.Name + ")"
		if chosen {
			// One of several classes the code chooses from at run time:
			// alternatives, which do not override each other.
			nv.flow = cl
		}
		sub := *c
		sub.env = nv.Envs
		cb.add(&sub, app, &nv)
	}
	cb.add(c, app, &Value{File: c.mi.file, Node: call, Origin: Computed, Via: "from_object(" + cl.Name + ")",
		Class: cl.Name, Envs: env & c.env, Conditional: cond})
}

// classAttrs returns the upper-case class attributes of cl and its bases
// in the repository, the subclass's value hiding its bases'.
func (cb *configBuilder) classAttrs(cl *ast.ClassDef, mi *modInfo, depth int, seen map[*ast.ClassDef]bool) []*Value {
	if seen[cl] || depth > 10 || mi == nil {
		return nil
	}
	seen[cl] = true
	var own []*Value
	has := map[string]bool{}
	var walk func(body []ast.Stmt, cond bool)
	walk = func(body []ast.Stmt, cond bool) {
		for _, s := range body {
			var target, value ast.Expr
			switch s := s.(type) {
			case *ast.Assign:
				if len(s.Targets) == 1 {
					target, value = s.Targets[0], s.Value
				}
			case *ast.AnnAssign:
				target, value = s.Target, s.Value
			case *ast.If:
				walk(s.Body, true)
				walk(s.Orelse, true)
				continue
			}
			n, ok := target.(*ast.Name)
			if !ok || value == nil || strings.ToUpper(n.ID) != n.ID {
				continue
			}
			o, ev, def := classify(mi, value)
			own = append(own, &Value{Key: n.ID, File: mi.file, Node: s, Expr: value, Class: cl.Name,
				Origin: o, EnvVar: ev, Default: def, Conditional: cond})
			has[n.ID] = true
		}
	}
	walk(cl.Body, false)
	c := &ctx{mi: mi, sc: mi.root, env: AnyEnv}
	if c.sc == nil {
		c.sc = &scope{}
	}
	out := own
	for _, base := range cl.Bases {
		bcl, bmi := cb.b.classOf(c, base)
		if bcl == nil {
			continue
		}
		for _, v := range cb.classAttrs(bcl, bmi, depth+1, seen) {
			if !has[v.Key] {
				out = append(out, v)
				has[v.Key] = true
			}
		}
	}
	return out
}

// loadModule adds the upper-case module-level assignments of a config
// module loaded with from_object("config").
func (cb *configBuilder) loadModule(c *ctx, app *App, call *ast.Call, mi *modInfo) {
	for _, s := range mi.file.AST.Body {
		a, ok := s.(*ast.Assign)
		if !ok || len(a.Targets) != 1 {
			continue
		}
		n, ok := a.Targets[0].(*ast.Name)
		if !ok || strings.ToUpper(n.ID) != n.ID || strings.HasPrefix(n.ID, "_") {
			continue
		}
		o, ev, def := classify(mi, a.Value)
		cb.add(c, app, &Value{Key: n.ID, File: mi.file, Node: s, Expr: a.Value, Origin: o, EnvVar: ev, Default: def,
			Via: "from_object(" + mi.module + ")"})
	}
}

// finish adds the config classes no from_object loads (when the model
// could not follow how the app picks its class): leaf classes whose name
// says config or settings, each for the environment its name gives.
func (cb *configBuilder) finish() {
	m := cb.b.m
	if m.Config == nil {
		m.Config = newConfig()
	}
	// Subclass relation among the repository's classes.
	hasSub := map[*ast.ClassDef]bool{}
	type cls struct {
		cl *ast.ClassDef
		mi *modInfo
	}
	var all []cls
	for _, mi := range cb.b.files {
		if mi.test {
			continue
		}
		c := &ctx{mi: mi, sc: mi.root, env: AnyEnv}
		if c.sc == nil {
			continue
		}
		for _, s := range mi.file.AST.Body {
			cl, ok := s.(*ast.ClassDef)
			if !ok {
				continue
			}
			all = append(all, cls{cl, mi})
			for _, base := range cl.Bases {
				if bcl, _ := cb.b.classOf(c, base); bcl != nil {
					hasSub[bcl] = true
				}
			}
		}
	}
	for _, x := range all {
		if cb.loaded[x.cl] || hasSub[x.cl] || !looksLikeConfigClass(x.cl) {
			continue
		}
		env := classEnv(x.cl)
		cond := false
		if env == Unknown {
			env, cond = AnyEnv, true
		}
		c := &ctx{mi: x.mi, sc: x.mi.root, env: env, cond: cond}
		attrs := cb.classAttrs(x.cl, x.mi, 0, map[*ast.ClassDef]bool{})
		for _, v := range attrs {
			nv := *v
			nv.Envs = env
			nv.Conditional = v.Conditional || cond
			nv.Via = "class " + x.cl.Name + " (not seen loaded)"
			nv.flow = x.cl
			cb.add(c, nil, &nv)
		}
	}
}

// looksLikeConfigClass reports whether a class is named like a Flask
// config class and holds upper-case attributes.
func looksLikeConfigClass(cl *ast.ClassDef) bool {
	l := strings.ToLower(cl.Name)
	if !strings.Contains(l, "config") && !strings.Contains(l, "settings") {
		return false
	}
	for _, s := range cl.Body {
		if a, ok := s.(*ast.Assign); ok && len(a.Targets) == 1 {
			if n, ok := a.Targets[0].(*ast.Name); ok && strings.ToUpper(n.ID) == n.ID {
				return true
			}
		}
	}
	return false
}

// paramDefault returns the default value of the named parameter of a
// function, or nil.
func paramDefault(fn ast.Node, name string) ast.Expr {
	args := funcArgs(fn)
	if args == nil {
		return nil
	}
	pos := append(append([]*ast.Arg(nil), args.PosOnlyArgs...), args.Args...)
	off := len(pos) - len(args.Defaults)
	for i, a := range pos {
		if a.Arg == name && i >= off {
			return args.Defaults[i-off]
		}
	}
	for i, a := range args.KwOnlyArgs {
		if a.Arg == name && i < len(args.KwDefaults) {
			return args.KwDefaults[i]
		}
	}
	return nil
}
