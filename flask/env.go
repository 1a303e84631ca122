package flask

import (
	"strings"

	"github.com/flasksec/flasksec/python/ast"
)

// Env is a set of environments a setting or a piece of code applies to.
type Env uint8

// The environments. A value set unconditionally applies to AnyEnv.
const (
	Development Env = 1 << iota // local development (debug, dev/local config classes)
	Testing                     // tests (TestingConfig, tests/, conftest.py)
	Production                  // production (and staging)
	// AnyEnv is every environment: what code outside any environment
	// branch or class applies to.
	AnyEnv = Development | Testing | Production
	// Unknown is no environment named in the code; a setting the model
	// cannot place reads as applying to AnyEnv with Value.Conditional set.
	Unknown Env = 0
)

// String returns "development", "testing", "production", "any", or a
// "|"-joined list.
func (e Env) String() string {
	switch e {
	case AnyEnv:
		return "any"
	case Unknown:
		return "unknown"
	}
	var parts []string
	if e&Development != 0 {
		parts = append(parts, "development")
	}
	if e&Testing != 0 {
		parts = append(parts, "testing")
	}
	if e&Production != 0 {
		parts = append(parts, "production")
	}
	return strings.Join(parts, "|")
}

// EnvOfName returns the environment a name designates: class names such
// as ProductionConfig, DevConfig, TestingConfig, LocalSettings, strings
// such as "production" or "dev", variables such as IS_PROD; Unknown when
// the name says nothing.
func EnvOfName(name string) Env {
	l := strings.ToLower(name)
	words := splitWords(l)
	for _, w := range words {
		switch w {
		case "prod", "production", "live", "staging", "stage", "prd":
			return Production
		case "dev", "development", "local", "debug", "develop":
			return Development
		case "test", "testing", "tests", "ci", "pytest", "unittest":
			return Testing
		}
	}
	return Unknown
}

// splitWords splits a lower-cased identifier or string at non-letters
// and at the config/settings suffixes ("productionconfig" ->
// "production").
func splitWords(l string) []string {
	fields := strings.FieldsFunc(l, func(r rune) bool { return r < 'a' || r > 'z' })
	var out []string
	for _, f := range fields {
		for _, suf := range []string{"configuration", "config", "settings", "cfg", "env", "mode"} {
			if strings.HasSuffix(f, suf) && len(f) > len(suf) {
				f = strings.TrimSuffix(f, suf)
				break
			}
		}
		for _, pre := range []string{"is", "in"} {
			if strings.HasPrefix(f, pre) && EnvOfWord(f[len(pre):]) {
				f = f[len(pre):]
			}
		}
		out = append(out, f)
	}
	return out
}

// EnvOfWord reports whether w is one of the environment words.
func EnvOfWord(w string) bool {
	switch w {
	case "prod", "production", "live", "staging", "stage", "prd", "dev", "development", "local", "debug",
		"develop", "test", "testing", "tests", "ci", "pytest", "unittest":
		return true
	}
	return false
}

// flagEnv returns the environment a boolean flag name designates when it
// is true: DEBUG -> Development, TESTING -> Testing, IS_PRODUCTION ->
// Production.
func flagEnv(name string) Env {
	return EnvOfName(name)
}

// branchEnv interprets an if-test: the environments its body and its
// else branch apply to, and whether the test could be interpreted.
func branchEnv(mi *modInfo, test ast.Expr) (body, orelse Env, known bool) {
	switch t := test.(type) {
	case *ast.UnaryOp:
		if t.Op == ast.Not {
			b, e, ok := branchEnv(mi, t.Operand)
			return e, b, ok
		}
	case *ast.BoolOp:
		// `not app.debug and not app.testing`: the body runs where every
		// operand holds, the else branch where one fails (and dually for or).
		if len(t.Values) == 0 {
			return 0, 0, false
		}
		var bodies, elses Env
		if t.Op == ast.And {
			bodies = AnyEnv
		} else {
			elses = AnyEnv
		}
		for _, v := range t.Values {
			b, e, ok := branchEnv(mi, v)
			if !ok {
				return 0, 0, false
			}
			if t.Op == ast.And {
				bodies &= b
				elses |= e
			} else {
				bodies |= b
				elses &= e
			}
		}
		return bodies, elses, true
	case *ast.Name, *ast.Attribute, *ast.Subscript, *ast.Call:
		name := flagName(mi, t)
		if name == "" {
			return 0, 0, false
		}
		env := flagEnv(name)
		if env == Unknown {
			return 0, 0, false
		}
		return env, AnyEnv &^ env, true
	case *ast.Compare:
		if len(t.Ops) != 1 {
			return 0, 0, false
		}
		op, right := t.Ops[0], t.Comparators[0]
		left := t.Left
		// test_config is None: the body is not the test set-up.
		if c, ok := right.(*ast.Constant); ok && c.IsNone() && (op == ast.Is || op == ast.IsNot || op == ast.Eq || op == ast.NotEq) {
			name := flagName(mi, left)
			env := flagEnv(name)
			if env == Unknown {
				return 0, 0, false
			}
			if op == ast.Is || op == ast.Eq {
				return AnyEnv &^ env, env, true
			}
			return env, AnyEnv &^ env, true
		}
		// X == "production", "production" == X, X in ("prod", "staging").
		var lit ast.Expr = right
		if _, ok := StrConst(left); ok {
			lit = left
		}
		var env Env
		switch l := lit.(type) {
		case *ast.Constant:
			s, ok := l.Str()
			if !ok {
				if bv, ok := l.Bool(); ok {
					name := flagName(mi, left)
					fe := flagEnv(name)
					if fe == Unknown {
						return 0, 0, false
					}
					if bv == (op == ast.Eq || op == ast.Is) {
						return fe, AnyEnv &^ fe, true
					}
					return AnyEnv &^ fe, fe, true
				}
				return 0, 0, false
			}
			env = EnvOfName(s)
			if env == Unknown {
				// FLASK_DEBUG == "1", DEBUG == "true"
				name := flagName(mi, left)
				fe := flagEnv(name)
				if fe == Unknown || !truthyString(s) {
					return 0, 0, false
				}
				env = fe
			}
		case *ast.Tuple, *ast.List, *ast.Set:
			for _, x := range eltsOf(l) {
				if s, ok := StrConst(x); ok {
					env |= EnvOfName(s)
				}
			}
		}
		if env == Unknown {
			return 0, 0, false
		}
		switch op {
		case ast.Eq, ast.In, ast.Is:
			return env, AnyEnv &^ env, true
		case ast.NotEq, ast.NotIn, ast.IsNot:
			return AnyEnv &^ env, env, true
		}
	}
	return 0, 0, false
}

func truthyString(s string) bool {
	switch strings.ToLower(s) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

func eltsOf(e ast.Expr) []ast.Expr {
	switch e := e.(type) {
	case *ast.Tuple:
		return e.Elts
	case *ast.List:
		return e.Elts
	case *ast.Set:
		return e.Elts
	}
	return nil
}

// flagName returns the name an if-test reads: the variable or attribute
// name (app.debug -> "debug"), the config key (app.config["DEBUG"]), or
// the environment variable (os.environ.get("FLASK_ENV")).
func flagName(mi *modInfo, e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Name:
		return e.ID
	case *ast.Attribute:
		return e.Attr
	case *ast.Subscript:
		if s, ok := StrConst(e.Slice); ok {
			return s
		}
	case *ast.Call:
		if v, _, ok := envRead(mi, e); ok {
			return v
		}
		if a, ok := e.Func.(*ast.Attribute); ok {
			switch a.Attr {
			case "get", "getboolean", "getbool":
				if s, ok := StrConst(Arg(e, 0, "")); ok {
					return s
				}
			case "lower", "upper", "strip":
				return flagName(mi, a.Value)
			}
		}
		if n, ok := e.Func.(*ast.Name); ok && (n.ID == "bool" || n.ID == "int" || n.ID == "str") && len(e.Args) == 1 {
			return flagName(mi, e.Args[0])
		}
	}
	return ""
}

// envRead recognises a read of an environment variable: os.environ.get,
// os.getenv, os.environ[...], os.environ.setdefault, and the helpers of
// python-decouple/environs/django-environ (config("X"), env("X"),
// env.str("X"), env.bool("X")). It returns the variable's name and the
// default expression (nil if none).
func envRead(mi *modInfo, e ast.Expr) (name string, def ast.Expr, ok bool) {
	switch e := e.(type) {
	case *ast.Subscript:
		q := mi.importedQual(e.Value)
		if q == "os.environ" || (q == "" && Dotted(e.Value) == "os.environ") {
			s, _ := StrConst(e.Slice)
			return s, nil, true
		}
	case *ast.Call:
		q := mi.importedQual(e.Func)
		d := Dotted(e.Func)
		switch {
		case q == "os.environ.get", q == "os.getenv", q == "os.environ.setdefault", q == "os.environ.pop",
			d == "os.environ.get", d == "os.getenv":
			s, _ := StrConst(Arg(e, 0, "key"))
			return s, Arg(e, 1, "default"), true
		case q == "decouple.config", strings.HasPrefix(q, "environs.") || strings.HasPrefix(q, "environ."):
			s, _ := StrConst(Arg(e, 0, ""))
			return s, Kwarg(e, "default"), true
		}
		// env.str("X", default=...), env("X") where env = Env() from environs.
		if a, ok := e.Func.(*ast.Attribute); ok {
			if n, ok := a.Value.(*ast.Name); ok && (n.ID == "env" || n.ID == "environ") {
				switch a.Attr {
				case "str", "bool", "int", "list", "json", "url", "get", "float":
					s, _ := StrConst(Arg(e, 0, ""))
					if s != "" {
						def := Kwarg(e, "default")
						if def == nil && a.Attr == "get" {
							def = Arg(e, 1, "")
						}
						return s, def, true
					}
				}
			}
		}
		if n, ok := e.Func.(*ast.Name); ok && n.ID == "env" {
			if s, ok := StrConst(Arg(e, 0, "")); ok {
				return s, Kwarg(e, "default"), true
			}
		}
	}
	return "", nil, false
}

// findEnvRead returns the first environment read inside e (as envRead),
// looking through conversions, comparisons and `or` defaults. For
// `os.environ.get("X") or "dev"`, the default is "dev".
func findEnvRead(mi *modInfo, e ast.Expr) (name string, def ast.Expr, ok bool) {
	if e == nil {
		return "", nil, false
	}
	if bo, isOr := e.(*ast.BoolOp); isOr && bo.Op == ast.Or && len(bo.Values) >= 2 {
		if n, d, ok := findEnvRead(mi, bo.Values[0]); ok {
			if d == nil {
				d = bo.Values[len(bo.Values)-1]
			}
			return n, d, true
		}
	}
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		if x, isExpr := n.(ast.Expr); isExpr {
			if nm, d, ok2 := envRead(mi, x); ok2 {
				name, def, found = nm, d, true
				return false
			}
		}
		return true
	})
	return name, def, found
}
