// Package config implements FLASK-CONFIG-001: the SECRET_KEY must be
// strong, kept out of the repository and out of logs, and set wherever
// production signs sessions.
package config

import (
	"fmt"
	"path"
	"strings"

	dep "github.com/flasksec/flasksec/deploy"
	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
	"github.com/flasksec/flasksec/rules"
)

// SecretKey is FLASK-CONFIG-001.
var SecretKey = &rules.Rule{
	ID:       "FLASK-CONFIG-001",
	Title:    "SECRET_KEY is hard-coded, weak, leaked or missing",
	Severity: rules.High,
	CWE:      798,
	Spec:     "4 FLASK-CONFIG-001",
	Category: rules.CatConfig,
	Doc: rules.Doc{
		What: "Finds a SECRET_KEY written into the code (app.secret_key, config classes, app.config, or as the " +
			"default of os.environ.get/os.getenv; a concatenation, f-string or bytes literal of constants counts), " +
			"the same for the signing secrets of extensions (JWT_SECRET_KEY, WTF_CSRF_SECRET_KEY, " +
			"SECURITY_PASSWORD_SALT), a key in committed .env files, Dockerfiles, compose files or " +
			"units, code that prints or logs the key or the whole configuration, and apps that sign sessions but " +
			"set no key for production. Keys in example, script or docs folders (examples/, bin/, docs/...) that no " +
			"production entrypoint imports are not reported. A key is called weak when it is shorter than 16 characters or a " +
			"placeholder word (dev, secret, changeme...). Keys used only by tests are not reported.",
		Why: "Flask signs the session cookie (and Flask-WTF, Flask-Login and itsdangerous sign tokens) with the " +
			"SECRET_KEY. Whoever knows it can forge a session for any user, including an administrator. A key in " +
			"the repository is known to everyone with access to the code, its history, its forks and its backups.",
		Insecure: "app.config[\"SECRET_KEY\"] = \"dev\"\n# or\nSECRET_KEY = os.environ.get(\"SECRET_KEY\", \"change-me\")",
		Secure: "SECRET_KEY = os.environ[\"SECRET_KEY\"]  # fails at start-up when unset\n" +
			"# generate one with: python -c 'import secrets; print(secrets.token_hex(32))'",
		Impact: "Anyone who learns the key can sign session cookies for arbitrary users (account takeover, " +
			"privilege escalation) and forge any other token signed with it.",
		Fix: "Read the key from the environment or a secret manager with no default, so the app refuses to start " +
			"without it (os.environ[\"SECRET_KEY\"]); generate it with secrets.token_hex(32); remove keys from " +
			"committed files and from log statements. Treat a key that was ever committed as compromised and " +
			"replace it. For larger deployments, consider rotating through SECRET_KEY_FALLBACKS (Flask 3.1+): " +
			"set the new key, keep the old one in the fallbacks list for a session lifetime, then remove it.",
		Mitigation: "Shorten PERMANENT_SESSION_LIFETIME so forged or stolen sessions expire sooner, and keep " +
			"server-side checks (re-authentication) on sensitive actions.",
		FalsePositives: "Check whether the hard-coded value can reach production: a default that every " +
			"deployment overrides (from_pyfile, from_envvar, the platform's environment) is lower risk, but it " +
			"is still in the repository. Keys used only in tests are fine.",
	},
	Run: run,
}

// placeholders are words that mark a key as a placeholder.
var placeholders = []string{"dev", "development", "secret", "changeme", "change-me", "change_me", "changeit",
	"default", "test", "testing", "password", "key", "mysecret", "supersecret", "super-secret", "secretkey",
	"secret-key", "secret_key", "xxx", "todo", "replace", "example", "please", "insecure", "notsecret"}

// minKeyLen is the shortest key not called weak: 16 characters, about
// 128 bits when random. Generated keys are usually 32-64 characters.
const minKeyLen = 16

// strongMarkers are placeholder words that mark a key as a placeholder
// even inside a longer value ("my-dev-secret").
var strongMarkers = []string{"changeme", "changeit", "secret", "dev", "insecure", "replace", "example", "todo", "please"}

// weakness returns why a key value is weak, or "": a placeholder word,
// a value under 40 characters containing one, or fewer than minKeyLen
// characters.
func weakness(s string) string {
	norm := strings.NewReplacer("-", "", "_", "", " ", "", ".", "").Replace(strings.ToLower(s))
	for _, p := range placeholders {
		if norm == strings.NewReplacer("-", "", "_", "").Replace(p) {
			return "a placeholder value"
		}
	}
	if len(s) < 40 {
		for _, p := range strongMarkers {
			if strings.Contains(norm, p) {
				return "a placeholder value"
			}
		}
	}
	if len(s) < minKeyLen {
		return fmt.Sprintf("shorter than %d characters", minKeyLen)
	}
	return ""
}

// literalKey returns the literal key an expression holds: a str or bytes
// constant, a module-level constant it names (in the same file or
// imported from the repository), a concatenation or an f-string of such
// parts ("a" + "b"), or one of them encoded to bytes ("...".encode()).
func literalKey(m *flask.Model, f *project.File, e ast.Expr) (string, bool) {
	return literalKeyDepth(m, f, e, 0)
}

// maxFold bounds how deep literalKey folds nested expressions.
const maxFold = 16

func literalKeyDepth(m *flask.Model, f *project.File, e ast.Expr, depth int) (string, bool) {
	if depth > maxFold {
		return "", false
	}
	switch e := e.(type) {
	case *ast.Constant:
		switch v := e.Value.(type) {
		case ast.StrValue:
			return string(v), true
		case ast.BytesValue:
			return string(v), true
		}
	case *ast.Name:
		if x, xf := m.Constant(f, e.ID); x != nil {
			switch x.(type) {
			case *ast.Constant, *ast.BinOp, *ast.JoinedStr, *ast.Call:
				return literalKeyDepth(m, xf, x, depth+1)
			}
		}
	case *ast.BinOp:
		if e.Op != ast.Add {
			return "", false
		}
		l, ok1 := literalKeyDepth(m, f, e.Left, depth+1)
		r, ok2 := literalKeyDepth(m, f, e.Right, depth+1)
		if ok1 && ok2 {
			return l + r, true
		}
	case *ast.JoinedStr:
		var b strings.Builder
		for _, v := range e.Values {
			part, ok := literalKeyDepth(m, f, v, depth+1)
			if !ok {
				return "", false
			}
			b.WriteString(part)
		}
		return b.String(), true
	case *ast.FormattedValue:
		if e.FormatSpec == nil {
			return literalKeyDepth(m, f, e.Value, depth+1)
		}
	case *ast.Call:
		// "literal".encode() / .encode("utf-8")
		if a, ok := e.Func.(*ast.Attribute); ok && a.Attr == "encode" && len(e.Keywords) == 0 && len(e.Args) <= 1 {
			return literalKeyDepth(m, f, a.Value, depth+1)
		}
	}
	return "", false
}

func run(pass *rules.Pass) error {
	m := flask.ModelOf(pass.Project)
	checkCodeKeys(pass, m)
	checkFallbacks(pass, m)
	checkDeployKeys(pass)
	checkLogged(pass, m)
	checkMissing(pass, m)
	return nil
}

// signingKey is a configuration key that holds a signing secret.
type signingKey struct {
	Key  string // the configuration key
	What string // what it signs, for messages
	// Stake says what a reader of the committed value can do with it,
	// for messages; "" for SECRET_KEY, whose stake the rule's text gives.
	Stake string
	// Severity, when set, replaces the rule's: a key whose leak alone
	// lets nobody forge anything (the message says why).
	Severity rules.Severity
}

// signingKeys are the configuration keys whose values sign or protect
// something an attacker could forge with them: Flask's own key and those
// of extensions that keep a separate one (each documented by its
// extension).
var signingKeys = []signingKey{
	{Key: "SECRET_KEY", What: "Flask's session and token signing key"},
	{Key: "JWT_SECRET_KEY", What: "Flask-JWT-Extended's JWT signing key",
		Stake: "whoever reads it can mint access tokens for any user"},
	{Key: "WTF_CSRF_SECRET_KEY", What: "the key Flask-WTF signs CSRF tokens with",
		Stake: "a token must also match the random value kept in the user's session, so the key alone does not " +
			"let an attacker forge one (it protects neither sessions nor logins); Low for that reason, but a " +
			"committed key is no secret and should be replaced",
		Severity: rules.Low},
	{Key: "SECURITY_PASSWORD_SALT", What: "Flask-Security's password HMAC and token salt",
		Stake: "together with SECRET_KEY it lets an attacker forge confirmation and password-reset tokens"},
}

func checkCodeKeys(pass *rules.Pass, m *flask.Model) {
	if m.Config == nil {
		return
	}
	for _, sk := range signingKeys {
		checkCodeKey(pass, m, sk)
	}
}

func checkCodeKey(pass *rules.Pass, m *flask.Model, sk signingKey) {
	prod := m.Config.Lookup(sk.Key, flask.Production)
	inProd := map[*flask.Value]bool{}
	for _, v := range prod.Values {
		inProd[v] = true
	}
	seen := map[ast.Node]bool{}
	for _, v := range m.Config.All(sk.Key) {
		if v.File == nil || v.Node == nil || seen[v.Node] || v.Envs&^flask.Testing == 0 || flask.IsTestFile(v.File) {
			continue
		}
		var value string
		var ok bool
		var held ast.Expr // the expression holding the literal key
		kind := ""
		switch v.Origin {
		case flask.Literal, flask.Computed:
			held = v.Expr
			value, ok = literalKey(m, v.File, held)
			kind = "is hard-coded"
		case flask.FromEnvironment:
			if v.Default != nil {
				held = v.Default
				value, ok = literalKey(m, v.File, held)
				kind = fmt.Sprintf("falls back to a hard-coded default when %s is unset", envName(v))
			}
		}
		if !ok || value == "" || value == sk.Key {
			// SECRET_KEY = "SECRET_KEY": a constant naming the key (a class
			// of configuration key names), not a key.
			continue
		}
		seen[v.Node] = true
		weak := weakness(value)
		msg := sk.Key + " " + kind
		if weak != "" {
			msg += " and is weak (" + weak + ")"
		}
		conf := rules.HighConfidence
		sev := sk.Severity
		reach, known := m.ReachableInProduction(v.File)
		switch {
		case flask.HelperDir(v.File.Path) != "" && !(known && reach):
			// An example's, a script's or the docs' key signs nothing the
			// served app relies on: not reported (issue 11 round 2, every
			// such corpus finding was a false positive).
			continue
		case known && !reach:
			conf = rules.LowConfidence
			msg += fmt.Sprintf(" in %s, which no production entrypoint imports; make sure production never runs it", v.File.Path)
		case v.Envs&flask.Production == 0:
			conf = rules.LowConfidence
			msg += fmt.Sprintf(" in configuration for %s only; make sure production never loads it", v.Envs)
		case v.Conditional:
			conf = rules.MediumConfidence
			msg += "; the code picks this configuration at run time"
		case inProd[v] && len(prod.External) > 0:
			conf = rules.MediumConfidence
			msg += fmt.Sprintf("; %s may override it outside the code", prod.External[0].Via)
		}
		if v.Class != "" {
			msg += " (" + v.Class + ")"
		}
		if sk.Stake != "" {
			msg += "; it is " + sk.What + ": " + sk.Stake
		}
		f := rules.Finding{Confidence: conf, Message: msg + ".", Location: rules.NodeLocation(v.File, v.Node),
			Evidence: safeEvidence(v.File, v.Node, held), Severity: sev}
		if sk.Key != "SECRET_KEY" {
			f.Fix = "Read " + sk.Key + " from the environment or a secret manager with no default, so the app refuses to " +
				"start without it; generate it with secrets.token_hex(32). Treat a value that was ever committed as " +
				"compromised and replace it."
		}
		pass.Report(f)
	}
}

// minFragment is the shortest string literal safeEvidence looks for.
const minFragment = 3

// safeEvidence returns the evidence for a finding on a hard-coded value:
// "" (the source lines of node, as every finding gets them, redacted by
// rules.Report) when the central redaction masks every string literal of
// the value in them. When a literal would stay readable (a value split
// over lines in a way the redaction does not connect to its name), it
// returns only the first line, which the redaction does mask, with a
// count of the lines left out; and a placeholder if even that line would
// show a literal. A second line of defence: rules.Redact is the first.
func safeEvidence(file *project.File, node ast.Node, value ast.Expr) string {
	if file == nil || node == nil || value == nil {
		return ""
	}
	var lits []string
	ast.Inspect(value, func(n ast.Node) bool {
		if c, ok := n.(*ast.Constant); ok {
			switch v := c.Value.(type) {
			case ast.StrValue:
				lits = append(lits, string(v))
			case ast.BytesValue:
				lits = append(lits, string(v))
			}
		}
		return n != nil
	})
	shows := func(text string) bool {
		red := rules.Redact(text, true)
		for _, l := range lits {
			if len(l) >= minFragment && strings.Contains(red, l) {
				return true
			}
		}
		return false
	}
	start, end := int(node.Pos().Line), int(node.End().Line)
	if !shows(rules.Snippet(file, start, end)) {
		return ""
	}
	first := rules.Snippet(file, start, start)
	if shows(first) {
		return "(the value is not shown: it is a hard-coded secret)"
	}
	switch {
	case end == start+1:
		first += "\n... (1 more line not shown: it holds the secret value)"
	case end > start:
		first += fmt.Sprintf("\n... (%d more lines not shown: they hold the secret value)", end-start)
	}
	return first
}

// envName returns the environment variable of a value, or "the variable".
func envName(v *flask.Value) string {
	if v.EnvVar != "" {
		return v.EnvVar
	}
	return "the environment variable"
}

// isKeyVar reports whether an environment variable or configuration key
// holds Flask's key or an extension's signing secret.
func isKeyVar(name string) bool {
	u := strings.ToUpper(name)
	for _, sk := range signingKeys {
		if u == sk.Key || u == "FLASK_"+sk.Key {
			return true
		}
	}
	return strings.HasSuffix(u, "_SECRET_KEY") && !strings.Contains(u, "AWS")
}

// checkFallbacks reports hard-coded keys in SECRET_KEY_FALLBACKS: old
// keys still verify sessions, so they are as sensitive as the current one.
func checkFallbacks(pass *rules.Pass, m *flask.Model) {
	if m.Config == nil {
		return
	}
	for _, v := range m.Config.All("SECRET_KEY_FALLBACKS") {
		if v.File == nil || v.Node == nil || v.Envs&^flask.Testing == 0 || flask.IsTestFile(v.File) {
			continue
		}
		n := 0
		for _, e := range eltsOf(v.Expr) {
			if k, ok := literalKey(m, v.File, e); ok && k != "" {
				n++
			}
		}
		if n == 0 {
			continue
		}
		conf := rules.HighConfidence
		if v.Envs&flask.Production == 0 {
			conf = rules.LowConfidence
		}
		loc := rules.NodeLocation(v.File, v.Node)
		pass.Report(rules.Finding{Confidence: conf, Location: loc, Evidence: safeEvidence(v.File, v.Node, v.Expr),
			Message: fmt.Sprintf("SECRET_KEY_FALLBACKS holds %d hard-coded key(s); old keys still verify sessions, so they must stay as secret as the current one.", n),
			Fix:     "Read the fallback keys from the environment or a secret manager (e.g. a comma-separated OLD_SECRET_KEYS variable) and drop them after the rotation window."})
	}
}

func eltsOf(e ast.Expr) []ast.Expr {
	switch e := e.(type) {
	case *ast.List:
		return e.Elts
	case *ast.Tuple:
		return e.Elts
	}
	return nil
}

func checkDeployKeys(pass *rules.Pass) {
	for _, df := range dep.FilesOf(pass.Project) {
		base := strings.ToLower(path.Base(df.Path))
		if strings.Contains(base, "example") || strings.Contains(base, "sample") || strings.Contains(base, "template") ||
			strings.HasSuffix(base, ".dist") || strings.Contains(base, "test") || df.Kind.Edge() {
			continue // placeholders for documentation, or keys for tests
		}
		for _, e := range df.Env {
			if !isKeyVar(e.Name) {
				continue
			}
			v := strings.TrimSpace(e.Value)
			if v == "" || strings.HasPrefix(v, "$") || strings.HasPrefix(v, "<") {
				continue
			}
			what := "a committed " + df.Kind.String() + " file"
			switch df.Kind {
			case dep.Dockerfile:
				what = "the Docker image (ENV is visible to anyone with the image)"
			case dep.DotEnv:
				what = "a committed " + path.Base(df.Path) + " file"
			}
			msg := fmt.Sprintf("%s is set to a literal value in %s", e.Name, what)
			if w := weakness(v); w != "" {
				msg += " and is weak (" + w + ")"
			}
			conf := rules.HighConfidence
			if devFile(df) || dep.DevService(e.Service) {
				// Dockerfile.dev, .env.development, docker-compose.override.yml:
				// committed, but meant for development.
				conf = rules.LowConfidence
				msg += "; the file is for development, so make sure production never uses this key"
			}
			// The evidence is the line with the value masked here, whatever
			// the file's syntax (Environment=SECRET_KEY=... in a unit).
			ev := ""
			if f := pass.Project.File(df.Path); f != nil {
				ev = strings.ReplaceAll(f.Line(e.Line), v, "***")
			}
			pass.Report(rules.Finding{Location: rules.Location{Path: df.Path, StartLine: e.Line, StartCol: 1, EndLine: e.Line},
				Confidence: conf, Message: msg + ".", Evidence: ev})
		}
	}
}

// logAttrs are the logger methods that write a message.
var logAttrs = map[string]bool{"debug": true, "info": true, "warning": true, "warn": true, "error": true,
	"critical": true, "exception": true, "log": true, "fatal": true}

func isLogCall(call *ast.Call) bool {
	switch f := call.Func.(type) {
	case *ast.Name:
		return f.ID == "print" || f.ID == "pprint" || f.ID == "pp"
	case *ast.Attribute:
		if !logAttrs[f.Attr] {
			return f.Attr == "write" && (flask.Dotted(f.Value) == "sys.stdout" || flask.Dotted(f.Value) == "sys.stderr") ||
				f.Attr == "pprint" && flask.Dotted(f.Value) == "pprint"
		}
		d := strings.ToLower(flask.Dotted(f.Value))
		return strings.Contains(d, "log") || d == "app.logger" || d == "current_app.logger"
	}
	return false
}

// leaks returns what a logged argument exposes: "the SECRET_KEY" or "the
// whole configuration", or "".
func leaks(e ast.Expr, nameConst func(*ast.Attribute) bool) string {
	what := ""
	ast.Inspect(e, func(n ast.Node) bool {
		if what != "" || n == nil {
			return false
		}
		switch n := n.(type) {
		case *ast.Compare:
			return false // "SECRET_KEY" in app.config is a bool
		case *ast.Subscript:
			if s, ok := flask.StrConst(n.Slice); ok && isKeyVar(s) {
				what = "the " + strings.ToUpper(s)
			}
		case *ast.Attribute:
			if (n.Attr == "secret_key" || n.Attr == "SECRET_KEY") && !nameConst(n) {
				what = "the SECRET_KEY"
			}
		case *ast.Call:
			if a, ok := n.Func.(*ast.Attribute); ok && a.Attr == "get" {
				if s, ok := flask.StrConst(flask.Arg(n, 0, "")); ok && isKeyVar(s) {
					what = "the " + strings.ToUpper(s)
				}
			}
		}
		return true
	})
	if what != "" {
		return what
	}
	if exposesConfig(e) {
		return "the whole configuration (SECRET_KEY included)"
	}
	return ""
}

// isAppConfig reports whether e is app.config (or current_app.config).
func isAppConfig(e ast.Expr) bool {
	a, ok := e.(*ast.Attribute)
	if !ok || a.Attr != "config" {
		return false
	}
	switch flask.Dotted(a.Value) {
	case "app", "current_app", "application", "self.app", "flask_app":
		return true
	}
	return false
}

// exposesConfig reports whether the value of e shows the configuration's
// values: the config object itself, dict()/str()/repr()/json.dumps() of
// it, its items() or values(), an f-string or %-format of it, or an
// unfiltered comprehension over it. Its keys alone (len, list, sorted,
// keys()) and single reads are not exposures.
func exposesConfig(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Attribute:
		return isAppConfig(e)
	case *ast.Call:
		if a, ok := e.Func.(*ast.Attribute); ok && isAppConfig(a.Value) {
			return a.Attr == "items" || a.Attr == "values" || a.Attr == "copy"
		}
		switch flask.Dotted(e.Func) {
		case "dict", "str", "repr", "vars", "pformat", "pprint.pformat", "json.dumps", "format":
			for _, x := range e.Args {
				if exposesConfig(x) {
					return true
				}
			}
		}
	case *ast.JoinedStr:
		for _, v := range e.Values {
			if fv, ok := v.(*ast.FormattedValue); ok && exposesConfig(fv.Value) {
				return true
			}
		}
	case *ast.BinOp:
		return exposesConfig(e.Left) || exposesConfig(e.Right)
	case *ast.Tuple:
		for _, x := range e.Elts {
			if exposesConfig(x) {
				return true
			}
		}
	case *ast.DictComp:
		return unfiltered(e.Generators)
	case *ast.ListComp:
		return unfiltered(e.Generators)
	case *ast.GeneratorExp:
		return unfiltered(e.Generators)
	}
	return false
}

func unfiltered(gens []*ast.Comprehension) bool {
	for _, g := range gens {
		if len(g.Ifs) > 0 {
			return false
		}
	}
	return len(gens) > 0 && exposesConfig(gens[0].Iter)
}

func checkLogged(pass *rules.Pass, m *flask.Model) {
	ix := resolve.Of(pass.Project)
	for _, f := range pass.Project.FilesOf(project.Python) {
		if f.AST == nil || flask.IsTestFile(f) {
			continue
		}
		// nameConst reports whether X.SECRET_KEY is a repository class's
		// constant holding the key's name (class ConfigKey: SECRET_KEY =
		// "SECRET_KEY"): logging it writes the name, not the key.
		nameConst := func(a *ast.Attribute) bool {
			cl := ix.Class(ix.QualName(f, a.Value))
			if cl == nil {
				return false
			}
			for _, st := range cl.Node.Body {
				if as, ok := st.(*ast.Assign); ok && len(as.Targets) == 1 {
					if t, ok := as.Targets[0].(*ast.Name); ok && t.ID == a.Attr {
						v, ok := flask.StrConst(as.Value)
						return ok && strings.EqualFold(v, a.Attr)
					}
				}
			}
			return false
		}
		ast.Inspect(f.AST, func(n ast.Node) bool {
			call, ok := n.(*ast.Call)
			if !ok {
				return n != nil
			}
			if !isLogCall(call) {
				return true
			}
			args := append([]ast.Expr(nil), call.Args...)
			for _, k := range call.Keywords {
				args = append(args, k.Value)
			}
			for _, a := range args {
				if what := leaks(a, nameConst); what != "" {
					pass.ReportNode(f, call, rules.Finding{
						Message: fmt.Sprintf("%s() writes %s to the output or logs.", flask.Dotted(call.Func), what),
						Fix: "Remove the key from the log or print statement; log which settings are present " +
							"(e.g. `\"SECRET_KEY\" in app.config`) rather than their values. Replace the key if these logs were kept.",
					})
					return false
				}
			}
			return true
		})
	}
}

// signsThings reports whether the app uses the key: sessions, Flask-Login,
// Flask-WTF CSRF or forms, itsdangerous serializers.
func signsThings(m *flask.Model) (string, bool) {
	switch {
	case len(m.Auth.SessionWrites) > 0:
		return "writes to the session", true
	case len(m.ExtensionsNamed("LoginManager", "Security")) > 0:
		return "uses Flask-Login", true
	case m.CSRF.Enabled():
		return "uses Flask-WTF CSRF tokens", true
	}
	return "", false
}

func checkMissing(pass *rules.Pass, m *flask.Model) {
	apps := m.ServedApps()
	if len(apps) == 0 || m.Config == nil {
		return
	}
	why, ok := signsThings(m)
	if !ok {
		return
	}
	s := m.Config.Lookup("SECRET_KEY", flask.Production)
	if !s.Unset() || len(s.External) > 0 {
		return
	}
	app := apps[0]
	other := ""
	if m.Config.Set("SECRET_KEY") {
		other = " (only other environments set one)"
	}
	pass.ReportNode(app.File, app.Call, rules.Finding{
		Severity:   rules.Critical,
		Confidence: rules.MediumConfidence,
		Message: fmt.Sprintf("The app %s but its code sets no SECRET_KEY for production%s; not visible in app code; verify at runtime/config.",
			why, other),
		Fix: "Set SECRET_KEY for production from the environment or a secret manager (app.config[\"SECRET_KEY\"] = " +
			"os.environ[\"SECRET_KEY\"]) and fail at start-up when it is missing.",
	})
}

// devFile reports whether a deployment file is meant for development: a
// non-production Dockerfile/compose/script, or an env file named for
// development (.env.development, .env.local).
func devFile(df *dep.File) bool {
	if df.Kind != dep.DotEnv {
		return !df.Production
	}
	base := strings.ToLower(path.Base(df.Path))
	return strings.Contains(base, "dev") || strings.Contains(base, "local")
}
