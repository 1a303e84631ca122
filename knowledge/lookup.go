package knowledge

import "strings"

// Tables is the knowledge the taint engine uses for one scan: the built-in
// tables plus the sources, sinks and sanitisers the user declared. It is
// read-only once built and safe for concurrent use.
type Tables struct {
	userSources    map[string]bool
	userSinks      map[string]bool
	userSanitizers map[string]bool
}

// New returns the built-in tables extended with the user's dotted names:
// sources (a function whose result or an attribute whose value is
// untrusted), sinks (a function any tainted argument of which is reported
// as a flow of kind UserSinkKind) and sanitizers (a function whose result
// is safe for every kind).
func New(sources, sinks, sanitizers []string) *Tables {
	t := &Tables{userSources: set(sources), userSinks: set(sinks), userSanitizers: set(sanitizers)}
	return t
}

func set(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" {
			m[n] = true
		}
	}
	return m
}

// UserSinkKind is the kind given to user-declared sinks: they are read by
// the rule whose kind the user's sink most resembles, SQL by default. A
// user sink named "...execute..." or "...sql..." is SQL, "...run..."/"...cmd..."/"...shell..."
// is Command, "...fetch..."/"...url..."/"...request..." is URL, "...redirect..." is Redirect,
// "...render..."/"...template..." is Template, "...open..."/"...file..."/"...path..."
// is Path; anything else is SQL.
func UserSinkKind(name string) SinkKind {
	l := strings.ToLower(name[strings.LastIndexByte(name, '.')+1:])
	switch {
	case strings.Contains(l, "sql") || strings.Contains(l, "execute") || strings.Contains(l, "query"):
		return SQL
	case strings.Contains(l, "cmd") || strings.Contains(l, "shell") || strings.Contains(l, "run") || strings.Contains(l, "exec"):
		return Command
	case strings.Contains(l, "redirect"):
		return Redirect
	case strings.Contains(l, "url") || strings.Contains(l, "fetch") || strings.Contains(l, "request") || strings.Contains(l, "http"):
		return URL
	case strings.Contains(l, "render") || strings.Contains(l, "template"):
		return Template
	case strings.Contains(l, "open") || strings.Contains(l, "file") || strings.Contains(l, "path"):
		return Path
	case strings.Contains(l, "html") || strings.Contains(l, "markup"):
		return HTML
	case strings.Contains(l, "eval"):
		return Eval
	}
	return SQL
}

// normalize maps the several names of the same API to the one the tables
// use: flask.globals.request is flask.request.
func normalize(qual string) string {
	if !strings.HasPrefix(qual, "flask.") && !strings.HasPrefix(qual, "werkzeug.") {
		return qual // the common case: nothing to rename
	}
	for _, p := range [...]struct{ from, to string }{
		{"flask.globals.request", "flask.request"},
		{"werkzeug.local.request", "flask.request"},
		{"flask.helpers.", "flask."},
		{"flask.templating.", "flask."},
		{"werkzeug.wrappers.response.Response", "werkzeug.wrappers.Response"},
		{"werkzeug.datastructures.file_storage.FileStorage", "werkzeug.datastructures.FileStorage"},
	} {
		if qual == p.from || strings.HasPrefix(qual, p.from) && (strings.HasSuffix(p.from, ".") || qual[len(p.from)] == '.') {
			return p.to + qual[len(p.from):]
		}
	}
	return qual
}

// Sinks returns the sinks of a callee by qualified name or "type.method";
// nil if it is none.
func (t *Tables) Sinks(qual string) []Sink {
	qual = normalize(qual)
	if s, ok := sinks[qual]; ok {
		return s
	}
	if t != nil && t.userSinks[qual] {
		return []Sink{{Kind: UserSinkKind(qual), Args: []int{0, 1, 2, 3}, AllKeywords: true}}
	}
	return nil
}

// NotSink reports whether a typed method ("type.method") is known to be
// safe although its name matches a method sink.
func (t *Tables) NotSink(typedMethod string) bool { return notSinks[typedMethod] }

// MethodSinks returns the sinks of a method called on a value of unknown
// type ("*.execute").
func (t *Tables) MethodSinks(method string) []Sink { return sinks["*."+method] }

// AttrSource returns the source an attribute read is, by qualified name
// ("flask.request.args") or "type.attr" ("requests.Response.text").
func (t *Tables) AttrSource(qual string) (Source, bool) {
	qual = normalize(qual)
	if s, ok := attrSources[qual]; ok {
		return s, true
	}
	if t != nil && t.userSources[qual] {
		return Source{Origin: UserSource, Desc: qual}, true
	}
	return Source{}, false
}

// CallSource returns the source a call's result is, by qualified name
// ("flask.request.get_json"), "type.method" or "*.method".
func (t *Tables) CallSource(qual string) (Source, bool) {
	qual = normalize(qual)
	if s, ok := callSources[qual]; ok {
		return s, true
	}
	if t != nil && t.userSources[qual] {
		return Source{Origin: UserSource, Desc: qual + "()"}, true
	}
	return Source{}, false
}

// Sanitizer returns the kinds a callee's result is safe for; ok is false
// when the callee is no sanitiser. User sanitisers are safe for every
// kind.
func (t *Tables) Sanitizer(qual string) (kinds KindSet, ok bool) {
	qual = normalize(qual)
	if t != nil && t.userSanitizers[qual] {
		return AllKinds, true
	}
	k, ok := sanitizers[qual]
	return k, ok
}

// Cleaner reports whether a callee always returns a harmless value.
func (t *Tables) Cleaner(qual string) bool { return cleaners[normalize(qual)] }

// Propagator returns how a known function passes taint along.
func (t *Tables) Propagator(qual string) (Propagator, bool) {
	p, ok := propagators[normalize(qual)]
	return p, ok
}

// ResultType returns the type of a call's result when the callee is a
// known constructor or factory ("sqlite3.connect" is "dbapi.Connection"),
// or "" when unknown. HTTP clients' request functions return their
// response types.
func (t *Tables) ResultType(qual string) string {
	qual = normalize(qual)
	if ty, ok := types[qual]; ok {
		return ty
	}
	if p, ok := propagators[qual]; ok && p.Type != "" {
		return p.Type
	}
	if s := sinks[qual]; len(s) > 0 && s[0].Kind == URL {
		if i := strings.LastIndexByte(qual, '.'); i > 0 {
			if rt, ok := responseTypes[qual[:i]]; ok {
				return rt
			}
		}
	}
	return ""
}

// verdictVerbs are the first words of callee names whose result is a
// verdict, a record looked up by the arguments or the status of an
// action, not the arguments' data.
var verdictVerbs = map[string]bool{
	"check": true, "verify": true, "validate": true, "authenticate": true, "authorize": true, "login": true,
	"logout": true, "is": true, "has": true, "can": true, "should": true, "exists": true, "count": true,
	"find": true, "lookup": true, "delete": true, "remove": true, "create": true, "insert": true, "save": true,
	"store": true, "send": true, "notify": true, "emit": true, "log": true, "register": true, "commit": true,
	"enqueue": true, "publish": true,
}

// Verdict reports whether the name of a callee the scan cannot see into
// says that its result is a verdict, a record it looked up or the status
// of an action rather than its arguments' data: check_password(pw),
// is_valid(x), login(user, pw), find_user(name), send_mail(to, body),
// verifyToken(t). The first word of the last dotted component decides
// (snake_case or camelCase).
func Verdict(name string) bool {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimLeft(name, "_")
	end := len(name)
	for i := 0; i < len(name); i++ {
		if name[i] == '_' || i > 0 && name[i] >= 'A' && name[i] <= 'Z' {
			end = i
			break
		}
	}
	return verdictVerbs[strings.ToLower(name[:end])]
}

// PassThrough reports whether a call with this dotted callee name (as
// written: "str", "json.dumps", "x.strip") returns data built from its
// arguments or receiver: builtins and standard functions listed as
// propagators, and str methods. Calls that are not pass-through return
// something else (a record, a verdict, a status), so a secret given to
// them is not what they return.
func PassThrough(dotted string) bool {
	if _, ok := propagators[normalize("builtins."+dotted)]; ok {
		return true
	}
	if _, ok := propagators[normalize(dotted)]; ok {
		return true
	}
	if i := strings.LastIndexByte(dotted, '.'); i >= 0 && strMethods[dotted[i+1:]] {
		return true
	}
	return false
}

// StrMethod reports whether a str/bytes method passes its receiver's and
// arguments' data to its result.
func StrMethod(name string) bool { return strMethods[name] }

// ContainerMethod reports whether a method reads data out of its receiver.
func ContainerMethod(name string) bool { return containerMethods[name] }

// Mutator reports whether a method stores its arguments in its receiver.
func Mutator(name string) bool { return mutators[name] }

// CleanMethod reports whether a method's result never carries caller data.
func CleanMethod(name string) bool { return cleanMethods[name] }

// SafeYAMLLoader reports whether a qualified Loader= value is safe.
func SafeYAMLLoader(qual string) bool { return safeYAMLLoaders[qual] }

// PathNormalizer reports whether a callee returns a canonical path.
func PathNormalizer(qual string) bool { return pathNormalizers[normalize(qual)] }

// URLParser reports whether a callee splits a URL into its parts.
func URLParser(qual string) bool { return urlParsers[qual] }

// SafeURLHelper reports whether a function's name says it validates a URL
// for redirects or outbound requests ("is_safe_url",
// "url_has_allowed_host_and_scheme", "is_allowed_url").
func SafeURLHelper(name string) bool {
	l := strings.ToLower(name[strings.LastIndexByte(name, '.')+1:])
	if !strings.Contains(l, "url") && !strings.Contains(l, "redirect") && !strings.Contains(l, "host") && !strings.Contains(l, "next") {
		return false
	}
	for _, w := range []string{"safe", "allowed", "valid", "trusted", "permitted", "internal", "relative", "same"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// PublicAddressCheck reports whether a function's name says it checks that
// a URL, host or address is public, globally routable ("is_public_url",
// "host_is_routable", "is_global_address"): true means no private,
// loopback or link-local target, which is what outbound requests need (not
// redirects: a public site is no safe redirect target).
func PublicAddressCheck(name string) bool {
	l := strings.ToLower(name[strings.LastIndexByte(name, '.')+1:])
	target := false
	for _, w := range []string{"url", "host", "ip", "addr", "domain", "endpoint"} {
		if strings.Contains(l, w) {
			target = true
		}
	}
	if !target || strings.Contains(l, "not") || strings.Contains(l, "non") {
		return false
	}
	for _, w := range []string{"public", "routable", "global"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// SafePathHelper reports whether a function's name says it checks that a
// path stays inside a base directory ("is_safe_path", "safe_path").
func SafePathHelper(name string) bool {
	l := strings.ToLower(name[strings.LastIndexByte(name, '.')+1:])
	return strings.Contains(l, "safe") && (strings.Contains(l, "path") || strings.Contains(l, "file") || strings.Contains(l, "dir"))
}

// FormatCheck reports whether a str method's truth means the string
// holds only letters and digits.
func FormatCheck(method string) bool {
	switch method {
	case "isdigit", "isalnum", "isalpha", "isdecimal", "isnumeric", "isidentifier":
		return true
	}
	return false
}
