package rules

import (
	"regexp"
	"strings"
)

// Secret values must never leave the tool (spec section 0). Every finding
// goes through RedactFinding in Pass.Report, whichever rule made it, so
// the redaction rules live here and err on the side of masking the
// VALUE while keeping the code around it readable.
//
// The redactor reads its input as a stream of Python-like tokens (names,
// string literals with their prefixes and quotes, operators, brackets,
// comments), so a string literal is always masked between its own
// quotes, and names (variables, keyword arguments, subscript keys, the
// name given to getenv) are never masked. See docs/json.md, "Redaction".

// The three ways text is read.
type redactMode int

const (
	modeCode   redactMode = iota // Python source (evidence of .py files)
	modeConfig                   // .env, Dockerfile, YAML, TOML, systemd, templates: unquoted values count
	modeProse                    // messages and notes written by rules: a value stops at the first word
)

// Redact returns text with secret values replaced by "***". code says
// whether text is Python source; other files (.env, Dockerfiles, YAML,
// TOML, systemd units, templates) also have unquoted values masked,
// except references such as ${X}.
//
// What is masked: the string literals of the value given to a
// secret-named target, keyword argument, dictionary key or comparison
// (SECRET_KEY = "...", password="...", {"api_key": "..."},
// token == "..."), the default of a secret-named look-up
// (os.getenv("API_TOKEN", "...")), the password of auth=("user", "...")
// and HTTPBasicAuth("user", "..."); and, inside any string, comment or
// message: credentials in URLs (scheme://user:***@host), secret-named
// query parameters (?token=***), Authorization/Bearer/Basic header
// values, secret-named name=value pairs and --flag values, private key
// blocks and well-known token formats (AWS, GitHub, Slack, Stripe, JWT,
// Google). What stays: names, subscript keys and looked-up variable names
// (request.args["token"], os.environ["SECRET_KEY"]), empty strings,
// references and placeholders (${X}, %(x)s, {x}, <your-key>), and
// f-string interpolations.
func Redact(text string, code bool) string {
	if code {
		return redact(text, modeCode)
	}
	return redact(text, modeConfig)
}

// RedactProse redacts a message, trace note or other text written by a
// rule, which may quote code. Prose names settings without assigning them
// ("supports_credentials=True with origins \"*\""), so only the literal
// value right after a secret-named operator is masked, up to the first
// word; credentials inside strings and URLs are masked as everywhere.
func RedactProse(text string) string {
	return redact(text, modeProse)
}

// RedactFinding redacts every text field of f that can quote the scanned
// code: evidence (as code when code is true), title, message, the rule
// text a rule specialised to the case, the trace notes and the notes of
// related places. Both lists are copied, since a data-flow result may be
// shared by several findings.
func RedactFinding(f *Finding, code bool) {
	f.Evidence = Redact(f.Evidence, code)
	for _, s := range []*string{&f.Title, &f.Message, &f.Impact, &f.Fix, &f.Mitigation, &f.FalsePositiveNotes, &f.Location.Route} {
		*s = RedactProse(*s)
	}
	if len(f.Trace) > 0 {
		tr := make([]TraceStep, len(f.Trace))
		for i, st := range f.Trace {
			st.Note = RedactProse(st.Note)
			tr[i] = st
		}
		f.Trace = tr
	}
	if len(f.Related) > 0 {
		rel := make([]RelatedLocation, len(f.Related))
		for i, r := range f.Related {
			r.Note = RedactProse(r.Note)
			rel[i] = r
		}
		f.Related = rel
	}
}

func redact(text string, mode redactMode) string {
	if text == "" {
		return text
	}
	toks := tokenize(text, mode)
	masked := keyedValues(text, toks, mode)
	var b strings.Builder
	b.Grow(len(text))
	last := 0
	for i, t := range toks {
		if t.kind != tStr && t.kind != tComment {
			continue
		}
		b.WriteString(text[last:t.cs])
		content := text[t.cs:t.ce]
		switch {
		case masked[i]:
			b.WriteString(maskContent(content, t.f))
		case t.kind == tStr:
			b.WriteString(redactContent(content, mode))
		default: // a comment reads like a config line
			b.WriteString(redactContent(content, modeConfig))
		}
		last = t.ce
	}
	b.WriteString(text[last:])
	out := b.String()
	if mode == modeConfig {
		out = redactConfigLines(out)
	}
	return redactAnywhere(out)
}

// ---------------------------------------------------------------------
// Tokens

type tokKind uint8

const (
	tName    tokKind = iota + 1 // identifier or keyword
	tNum                        // number
	tStr                        // string literal, prefix and quotes included
	tOp                         // operator or bracket
	tNL                         // end of a line
	tComment                    // # comment, to the end of the line
)

// token is a token of the text; cs:ce is the content of a string (inside
// its quotes) or of a comment (after the #).
type token struct {
	kind       tokKind
	start, end int
	cs, ce     int
	f          bool // an f-string: {...} holds code
}

func isNameStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isNameChar(c byte) bool { return isNameStart(c) || c >= '0' && c <= '9' }

// stringPrefix reports whether s is a Python string prefix (r, b, f, u,
// rb, fr, ...).
func stringPrefix(s string) bool {
	switch strings.ToLower(s) {
	case "r", "b", "f", "u", "rb", "br", "fr", "rf", "t", "tr", "rt":
		return true
	}
	return false
}

// tokenize splits text into tokens, skipping white space. A quote right
// after a letter is an apostrophe ("don't"), unless the letters are a
// string prefix. An unterminated single-quoted string ends at the end of
// its line; an unterminated triple-quoted one at the end of the text.
func tokenize(text string, mode redactMode) []token {
	var toks []token
	n := len(text)
	for i := 0; i < n; {
		c := text[i]
		switch {
		case c == '\n':
			toks = append(toks, token{kind: tNL, start: i, end: i + 1})
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f':
			i++
		case c == '\\' && i+1 < n && text[i+1] == '\n':
			i += 2 // a continuation line: no end of line
		case c == '#' && mode != modeProse && (mode == modeCode || i == 0 || text[i-1] == ' ' || text[i-1] == '\t' || text[i-1] == '\n'):
			end := strings.IndexByte(text[i:], '\n')
			if end < 0 {
				end = n
			} else {
				end += i
			}
			toks = append(toks, token{kind: tComment, start: i, end: end, cs: i + 1, ce: end})
			i = end
		case c == '"' || c == '\'':
			if i > 0 && isNameChar(text[i-1]) {
				i++ // an apostrophe inside a word
				continue
			}
			t := scanString(text, i, i, false)
			toks = append(toks, t)
			i = t.end
		case isNameStart(c):
			j := i + 1
			for j < n && (isNameChar(text[j]) || mode == modeConfig && (text[j] == '-' || text[j] == '.') && j+1 < n && isNameChar(text[j+1])) {
				j++
			}
			if j < n && (text[j] == '"' || text[j] == '\'') && stringPrefix(text[i:j]) {
				t := scanString(text, i, j, strings.ContainsAny(text[i:j], "fFtT"))
				toks = append(toks, t)
				i = t.end
				continue
			}
			toks = append(toks, token{kind: tName, start: i, end: j})
			i = j
		case c >= '0' && c <= '9':
			j := i + 1
			for j < n && (isNameChar(text[j]) || text[j] == '.') {
				j++
			}
			toks = append(toks, token{kind: tNum, start: i, end: j})
			i = j
		default:
			j := i + 1
			if j < n {
				switch text[i : j+1] {
				case "==", "!=", "<=", ">=", ":=", "->", "**", "//":
					j++
				}
			}
			toks = append(toks, token{kind: tOp, start: i, end: j})
			i = j
		}
	}
	return toks
}

// scanString scans the string literal whose prefix starts at start and
// whose quote is at q.
func scanString(text string, start, q int, f bool) token {
	n := len(text)
	quote := text[q : q+1]
	if strings.HasPrefix(text[q:], strings.Repeat(quote, 3)) {
		quote = text[q : q+3]
	}
	triple := len(quote) == 3
	cs := q + len(quote)
	depth := 0 // f-string replacement fields
	for i := cs; i < n; i++ {
		c := text[i]
		switch {
		case c == '\\':
			i++
		case c == '\n' && !triple && depth == 0:
			return token{kind: tStr, start: start, end: i, cs: cs, ce: i, f: f}
		case f && c == '{':
			if depth == 0 && i+1 < n && text[i+1] == '{' {
				i++
				continue
			}
			depth++
		case f && c == '}' && depth > 0:
			depth--
		case f && depth > 0 && (c == '"' || c == '\''):
			// A string inside a replacement field (PEP 701).
			inner := scanString(text, i, i, false)
			i = inner.end - 1
		case depth == 0 && strings.HasPrefix(text[i:], quote):
			return token{kind: tStr, start: start, end: i + len(quote), cs: cs, ce: i, f: f}
		}
	}
	return token{kind: tStr, start: start, end: n, cs: cs, ce: n, f: f}
}

// ---------------------------------------------------------------------
// Secret names

// secretParts are the words that make a name secret wherever they occur
// in it (lower-cased, with _ - . removed).
var secretParts = []string{"secret", "passw", "pwd", "passphrase", "token", "apikey", "privatekey",
	"accesskey", "authkey", "signingkey", "encryptionkey", "credential", "authorization", "bearer"}

// plainSuffixes are last words that make a secret-looking name describe
// something else: token_type, api_key_header, password_min_length,
// access_token_url.
var plainSuffixes = map[string]bool{
	"type": true, "name": true, "names": true, "url": true, "uri": true, "endpoint": true, "expiry": true,
	"expires": true, "expiration": true, "exp": true, "ttl": true, "age": true, "length": true, "len": true,
	"size": true, "field": true, "header": true, "param": true, "parameter": true, "method": true,
	"location": true, "lifetime": true, "timeout": true, "format": true, "file": true, "path": true,
	"dir": true, "id": true, "prefix": true, "count": true, "required": true, "policy": true,
	"mode": true, "enabled": true, "min": true, "max": true, "rounds": true, "scheme": true,
	"algorithm": true, "algorithms": true, "cookie": true, "regex": true, "pattern": true, "label": true,
	"hint": true, "message": true, "msg": true, "error": true, "template": true, "view": true,
	"route": true, "class": true, "backend": true, "placeholder": true, "validator": true,
	"sent": true, "at": true, "date": true, "time": true, "flag": true, "changed": true, "updated": true,
	"valid": true, "verified": true, "confirmed": true, "expired": true, "reset": true,
}

// plainFirstWords are first words that make a name a switch about a
// secret rather than one: supports_credentials, use_token,
// require_password.
var plainFirstWords = map[string]bool{
	"allow": true, "supports": true, "support": true, "with": true, "include": true, "use": true,
	"require": true, "requires": true, "enable": true, "check": true, "verify": true, "validate": true,
	"is": true, "has": true, "show": true, "hide": true,
}

// nameWords splits a name into lower-case words at _ - . and camelCase
// boundaries.
func nameWords(name string) []string {
	var words []string
	var cur []byte
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '_' || c == '-' || c == '.' || c == ' ':
			flush()
		case c >= 'A' && c <= 'Z' && i > 0 && name[i-1] >= 'a' && name[i-1] <= 'z':
			flush()
			cur = append(cur, c)
		default:
			cur = append(cur, c)
		}
	}
	flush()
	return words
}

// isSecretName reports whether a variable, key, keyword or parameter
// name holds a secret: password, passwd, pwd, secret, token, api_key,
// apikey, private_key, client_secret, credentials, pass (as a word:
// db_pass), Authorization. "salt" is not a credential
// (salt='cookie-session' names a purpose), nor is a name whose last word
// describes the secret (token_type, api_key_header, access_token_url) or
// whose first word makes it a switch (supports_credentials,
// Access-Control-Allow-Credentials).
func isSecretName(name string) bool {
	words := nameWords(name)
	if len(words) == 0 || len(name) > 80 {
		return false
	}
	if len(words) > 1 && (plainSuffixes[words[len(words)-1]] || plainFirstWords[words[0]]) {
		return false
	}
	for _, w := range words {
		if w == "allow" {
			return false
		}
	}
	flat := strings.Join(words, "")
	if strings.HasPrefix(flat, "tokeniz") {
		return false
	}
	for _, p := range secretParts {
		if strings.Contains(flat, p) {
			return true
		}
	}
	for _, w := range words {
		if w == "pass" {
			return true
		}
	}
	return false
}

// isAuthName reports whether a keyword names a (user, password) pair:
// auth, basic_auth, http_auth.
func isAuthName(name string) bool {
	words := nameWords(name)
	return len(words) > 0 && words[len(words)-1] == "auth"
}

// identLike matches a string literal's content that names something
// (a key, a header, an environment variable) rather than being prose.
var identLike = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]{0,79}$`)

// ---------------------------------------------------------------------
// Keyed values: the literals given to a secret name

// keyedValues returns, per token index, whether the token is a string
// literal holding a secret's value.
func keyedValues(text string, toks []token, mode redactMode) map[int]bool {
	masked := map[int]bool{}
	// sig[k] is the index of the k-th token that is not a comment.
	var sig []int
	for i, t := range toks {
		if t.kind != tComment {
			sig = append(sig, i)
		}
	}
	tk := func(k int) *token {
		if k < 0 || k >= len(sig) {
			return nil
		}
		return &toks[sig[k]]
	}
	is := func(k int, s string) bool {
		t := tk(k)
		return t != nil && (t.kind == tOp || t.kind == tName) && text[t.start:t.end] == s
	}
	// nameAt returns the name a key token spells: a name, or a quoted
	// identifier.
	nameAt := func(k int) string {
		t := tk(k)
		switch {
		case t == nil:
			return ""
		case t.kind == tName:
			return text[t.start:t.end]
		case t.kind == tStr && identLike.MatchString(text[t.cs:t.ce]):
			return text[t.cs:t.ce]
		}
		return ""
	}
	// targetBefore returns the name of the target an operator at k
	// applies to: x, a.x, d["x"], d[x], "x" (a dictionary key).
	targetBefore := func(k int) (string, bool) {
		j := k - 1
		quoted := false
		if is(j, "]") {
			j--
		}
		if t := tk(j); t != nil && t.kind == tStr {
			quoted = true
		}
		return nameAt(j), quoted
	}
	mark := func(from int, opts valueOpts) int {
		end := scanValue(text, toks, sig, from, mode, opts, masked)
		return end
	}
	for k := 0; k < len(sig); k++ {
		t := tk(k)
		if t.kind != tOp {
			if t.kind == tName && k+1 < len(sig) && is(k+1, "(") && authCalls[text[t.start:t.end]] {
				// HTTPBasicAuth("user", "password"): the arguments after
				// the first are the password.
				if c := nextComma(text, toks, sig, k+2); c > 0 {
					k = mark(c+1, valueOpts{})
				}
			}
			continue
		}
		op := text[t.start:t.end]
		switch op {
		case "=", ":", "==", "!=", ",":
		default:
			continue
		}
		name, quoted := targetBefore(k)
		switch op {
		case ":":
			// A dictionary entry needs a quoted key, except in
			// configuration files (YAML: password: x).
			if !quoted && mode != modeConfig {
				continue
			}
		case ",":
			// ("password", "value") pairs and getenv("TOKEN", "default"):
			// a quoted secret name first in its brackets.
			if !quoted || !(is(k-2, "(") || is(k-2, "[")) {
				continue
			}
		case "=":
			if name != "" && !isSecretName(name) && mode == modeCode {
				// An annotated target: SECRET_KEY: str = "...".
				for j := k - 1; j > k-8 && j > 0; j-- {
					if tt := tk(j); tt == nil || tt.kind == tNL {
						break
					}
					if is(j, ":") {
						name, _ = targetBefore(j)
						break
					}
				}
			}
		}
		if op == "=" && isAuthName(name) && is(k+1, "(") {
			// auth=("user", "password"): the user name stays.
			if c := nextComma(text, toks, sig, k+2); c > 0 {
				k = mark(c+1, valueOpts{})
			}
			continue
		}
		if (op == "==" || op == "!=") && !isSecretName(name) && secretOperandBefore(text, toks, sig, k-1) {
			name = "password" // form.password.data == "...": the chain names a secret
		}
		if name == "" || !isSecretName(name) {
			if op == "==" || op == "!=" {
				// "value" == password: the secret name on the right.
				if lt := tk(k - 1); lt != nil && lt.kind == tStr && secretOperand(text, toks, sig, k+1) {
					masked[sig[k-1]] = true
				}
			}
			continue
		}
		opts := valueOpts{comparison: op == "==" || op == "!="}
		if op == "=" && mode == modeCode && is(k-2, ",") && tk(k-1).kind == tName && tupleTarget(text, toks, sig, k-1) {
			opts.tuple = true // user, password = "admin", "...": the whole right side
		}
		if op == "=" && mode == modeCode && k+1 < len(sig) && tk(k+1).kind == tNL {
			opts.startsNextLine = true
		}
		k = mark(k+1, opts)
	}
	return masked
}

// authCalls take a user name first and a password after it.
var authCalls = map[string]bool{"HTTPBasicAuth": true, "HTTPDigestAuth": true, "HTTPProxyAuth": true,
	"BasicAuth": true, "login": true}

// nextComma returns the index (in sig) of the comma that ends the
// argument starting at k, or -1 when the argument list closes first.
func nextComma(text string, toks []token, sig []int, k int) int {
	depth := 0
	for ; k < len(sig); k++ {
		t := toks[sig[k]]
		if t.kind != tOp {
			continue
		}
		switch text[t.start:t.end] {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			if depth == 0 {
				return -1
			}
			depth--
		case ",":
			if depth == 0 {
				return k
			}
		}
	}
	return -1
}

// secretOperandBefore is secretOperand for the operand ending at k.
func secretOperandBefore(text string, toks []token, sig []int, k int) bool {
	lastName := false
	for end := max(0, k-64); k >= end; k-- {
		t := toks[sig[k]]
		s := text[t.start:t.end]
		if t.kind == tName && lastName {
			return false // two words: not one operand
		}
		lastName = t.kind == tName
		switch {
		case t.kind == tName:
			if isSecretName(s) {
				return true
			}
		case t.kind == tStr && k > 0 && text[toks[sig[k-1]].start:toks[sig[k-1]].end] == "[":
			if isSecretName(text[t.cs:t.ce]) {
				return true
			}
		case t.kind == tOp && (s == "." || s == "[" || s == "]"):
		default:
			return false
		}
	}
	return false
}

// secretOperand reports whether the operand starting at k names a
// secret anywhere in its chain: password, form.password.data,
// request.form["password"].
func secretOperand(text string, toks []token, sig []int, k int) bool {
	lastName := false
	for end := min(len(sig), k+64); k < end; k++ {
		t := toks[sig[k]]
		s := text[t.start:t.end]
		if t.kind == tName && lastName {
			return false // two words: not one operand
		}
		lastName = t.kind == tName
		switch {
		case t.kind == tName:
			if isSecretName(s) {
				return true
			}
		case t.kind == tStr && k > 0 && text[toks[sig[k-1]].start:toks[sig[k-1]].end] == "[":
			if isSecretName(text[t.cs:t.ce]) {
				return true
			}
		case t.kind == tOp && (s == "." || s == "[" || s == "]"):
		default:
			return false
		}
	}
	return false
}

// keepArgCalls are calls whose string arguments are not a secret even
// inside a secret's value: string methods (.split(","), .encode("utf-8"))
// and declarations whose arguments are labels and names
// (PasswordField("Password"), click.option("--token")).
func keepArgCall(name string) bool {
	switch name {
	case "split", "rsplit", "strip", "lstrip", "rstrip", "encode", "decode", "join", "replace",
		"startswith", "endswith", "partition", "rpartition", "option", "argument", "Argument", "Option":
		return true
	}
	return strings.HasSuffix(name, "Field") || strings.HasSuffix(name, "Column")
}

// valueOpts say how a value is delimited.
type valueOpts struct {
	comparison     bool // a comparison's operand: stops at and/or/if
	tuple          bool // the value of a tuple target: commas do not end it
	startsNextLine bool // `SECRET_KEY = \` or a key whose value is on the next line
}

// lookupCalls are the calls whose first argument names what is looked up.
var lookupCalls = map[string]bool{"get": true, "getenv": true, "environ": true, "pop": true, "setdefault": true,
	"getlist": true, "config": true, "get_secret": true}

// scanValue marks the string literals of the value starting at sig index
// k and returns the sig index of the token that ends it. The value ends
// at a comma, semicolon or colon outside brackets, at a bracket that
// closes one opened before it, and at the end of a line unless the next
// line goes on with an operator or a string (implicit concatenation). In
// prose it also ends at the first word outside brackets.
func scanValue(text string, toks []token, sig []int, k int, mode redactMode, opts valueOpts, masked map[int]bool) int {
	depth := 0
	prevOp := true     // the operator before the value
	var calls []string // callee of each open bracket ("" for none)
	for ; k < len(sig); k++ {
		i := sig[k]
		t := toks[i]
		s := text[t.start:t.end]
		switch t.kind {
		case tNL:
			if depth > 0 {
				continue
			}
			if prevOp && (opts.startsNextLine || mode == modeCode) {
				opts.startsNextLine = false
				continue
			}
			if k+1 < len(sig) {
				nt := toks[sig[k+1]]
				ns := text[nt.start:nt.end]
				if nt.kind == tStr || nt.kind == tOp && strings.Contains("+%*|", ns) {
					continue
				}
			}
			return k
		case tOp:
			switch s {
			case "(", "[", "{":
				depth++
				callee := ""
				if pt := toks[sig[max(k-1, 0)]]; s == "(" && pt.kind == tName {
					callee = text[pt.start:pt.end]
				}
				calls = append(calls, callee)
			case ")", "]", "}":
				if depth == 0 {
					return k
				}
				depth--
				calls = calls[:len(calls)-1]
				prevOp = false
				continue
			case ",":
				if depth == 0 && !opts.tuple {
					return k
				}
			case ";", ":":
				if depth == 0 {
					return k
				}
			}
			prevOp = true
			continue
		case tName:
			if depth == 0 && (mode == modeProse && !stringPrefix(s) || opts.comparison && (s == "and" || s == "or" || s == "if")) {
				return k
			}
		case tStr:
			if !isLookupKey(text, toks, sig, k) && (len(calls) == 0 || !keepArgCall(calls[len(calls)-1])) &&
				!(depth > 0 && plainItem(text, toks, sig, k)) {
				masked[i] = true
			}
		}
		prevOp = false
	}
	return k
}

// tupleTarget reports whether the name at sig index k is the last of a
// tuple of targets at the start of a statement (user, password = ...),
// rather than a keyword argument after others (f(a, password=...)).
func tupleTarget(text string, toks []token, sig []int, k int) bool {
	for end := max(-1, k-64); k > end; k-- {
		t := toks[sig[k]]
		s := text[t.start:t.end]
		if t.kind == tNL {
			return true
		}
		if t.kind != tName && s != "," && s != "." {
			return false
		}
	}
	return k < 0
}

// valueKeywords pass their argument through as the value of a call:
// os.environ.get("SECRET_KEY", default="...").
var valueKeywords = map[string]bool{"default": true, "value": true, "fallback": true, "key": true}

// plainItem reports whether the string at sig index k, inside brackets
// within a secret's value, is a dictionary key or the value of a keyword
// argument that is an option rather than the value: {"sub": ...},
// algorithm="HS256" in jwt.encode(...). Dictionary values are masked:
// SECRET_KEYS = {"current": "..."}.
func plainItem(text string, toks []token, sig []int, k int) bool {
	if k < 2 {
		return false
	}
	if k+1 < len(sig) {
		if next := toks[sig[k+1]]; text[next.start:next.end] == ":" {
			return true // a dictionary key
		}
	}
	op, key := toks[sig[k-1]], toks[sig[k-2]]
	switch o := text[op.start:op.end]; {
	case o == "=" && key.kind == tName:
		name := text[key.start:key.end]
		return !isSecretName(name) && !valueKeywords[name]
	}
	return false
}

// isLookupKey reports whether the string at sig index k names what is
// looked up: a subscript key (d["token"]) or the first argument of a
// look-up call (os.getenv("API_TOKEN")).
func isLookupKey(text string, toks []token, sig []int, k int) bool {
	if k < 2 {
		return false
	}
	open, before := toks[sig[k-1]], toks[sig[k-2]]
	o := text[open.start:open.end]
	b := text[before.start:before.end]
	switch {
	case o == "[":
		return before.kind == tName && !isKeyword(b) || b == "]" || b == ")"
	case o == "(":
		t := toks[sig[k]]
		return before.kind == tName && lookupCalls[b] && !strings.ContainsAny(text[t.cs:t.ce], " /:")
	}
	return false
}

func isKeyword(s string) bool {
	switch s {
	case "in", "not", "and", "or", "is", "return", "yield", "else", "if", "lambda", "await", "print":
		return true
	}
	return false
}

// ---------------------------------------------------------------------
// Masking and content rules

// placeholderRE matches a value that holds no secret: a reference to a
// variable (${X}, $X, %(x)s, %s, {x}, {{ x }}), a placeholder such as
// <your-api-key>, or a value already masked.
var placeholderRE = regexp.MustCompile(`^(?:\$\{[^}]*\}|\$[A-Za-z_]\w*|%\([A-Za-z_]\w*\)[sd]|%[sd]|\{[^{}]*\}|\{\{[^}]*\}\}|<[^<>]*>|\*\*\*|\?|:[A-Za-z_]\w*)$`)

// authSchemeRE keeps the scheme word of an Authorization value.
var authSchemeRE = regexp.MustCompile(`^(?i:(?:bearer|basic|token|digest)\s+)`)

// maskContent masks the content of a string literal that is a secret's
// value: each non-blank line becomes ***, keeping indentation, an
// Authorization scheme and f-string replacement fields.
func maskContent(s string, f bool) string {
	if strings.TrimSpace(s) == "" || placeholderRE.MatchString(strings.TrimSpace(s)) {
		return s
	}
	if f && strings.Contains(s, "{") {
		return maskFString(s)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		body := strings.TrimLeft(l, " \t")
		if strings.TrimSpace(body) == "" {
			continue
		}
		scheme := authSchemeRE.FindString(body)
		lines[i] = l[:len(l)-len(body)] + scheme + "***"
		if scheme != "" && strings.TrimSpace(body[len(scheme):]) == "" {
			lines[i] = l
		}
	}
	return strings.Join(lines, "\n")
}

// maskFString masks the literal parts of an f-string's content and keeps
// its replacement fields ({user}), which are code.
func maskFString(s string) string {
	var b strings.Builder
	lit := 0 // start of the current literal part
	flush := func(end int) {
		part := s[lit:end]
		if scheme := authSchemeRE.FindString(part); scheme != "" {
			b.WriteString(scheme)
			part = part[len(scheme):]
		}
		if strings.TrimSpace(part) != "" {
			b.WriteString("***")
		} else {
			b.WriteString(part)
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '{' && i+1 < len(s) && s[i+1] == '{' {
			i++
			continue
		}
		if s[i] != '{' {
			continue
		}
		flush(i)
		depth := 0
		j := i
		for ; j < len(s); j++ {
			if s[j] == '{' {
				depth++
			} else if s[j] == '}' {
				depth--
				if depth == 0 {
					break
				}
			}
		}
		if j == len(s) {
			j--
		}
		b.WriteString(s[i : j+1])
		lit = j + 1
		i = j
	}
	flush(len(s))
	return b.String()
}

// pairRule finds "name <separator> value" pairs: head matches the name
// and the separator, value measures the value that follows it.
type pairRule struct {
	head  *regexp.Regexp
	name  int                                // the name's group in head
	value func(rest, head string) int        // length of the value at the start of rest; 0 for none
	at    func(s string, nameStart int) bool // whether a name may start there; nil: anywhere
}

// valueRun returns a value function for a value made of any byte but
// white space and those of stop.
func valueRun(stop string) func(string, string) int {
	return func(rest, _ string) int {
		for i := 0; i < len(rest); i++ {
			if c := rest[i]; c == ' ' || c == '\t' || c == '\n' || c == '\r' || strings.IndexByte(stop, c) >= 0 {
				return i
			}
		}
		return len(rest)
	}
}

var (
	// name=value with no space, inside a string: query strings, DSNs,
	// environment lists, --flag=value.
	pairRule1 = pairRule{head: regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_.-]*)=`), name: 1, value: valueRun(`&;,'"#)]}`)}
	// name = 'value', "name": "value" inside a string: SQL, JSON.
	quotedPairRule = pairRule{head: regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*(?:==?|:)\s*['"]`), name: 1,
		value: func(rest, head string) int {
			q := head[len(head)-1]
			for i := 0; i < len(rest); i++ {
				switch rest[i] {
				case q:
					return i
				case '\n', '\'', '"':
					return 0
				}
			}
			return 0
		}}
	// --password value
	flagRule = pairRule{head: regexp.MustCompile(`--?([A-Za-z][A-Za-z0-9_-]*)[ \t]+`), name: 1,
		value: func(rest, head string) int {
			if rest == "" || rest[0] == '-' {
				return 0
			}
			return valueRun(`'"`)(rest, head)
		},
		at: func(s string, i int) bool {
			for i > 0 && s[i-1] == '-' {
				i--
			}
			return i == 0 || s[i-1] == ' ' || s[i-1] == '\t'
		}}
)

// redactContent masks the credentials inside the content of a string
// that is not a secret's value as a whole: secret-named name=value
// pairs and flags, Authorization header values (redactAnywhere does the
// rest, over the whole text).
func redactContent(s string, mode redactMode) string {
	if s == "" || mode == modeProse && !strings.ContainsAny(s, "=:-") {
		return s
	}
	s = maskPairs(s, pairRule1, nil)
	s = maskPairs(s, quotedPairRule, nil)
	s = maskPairs(s, flagRule, nil)
	s = replaceSub(authHeaderRE, s)
	return replaceSub(bearerRE, s)
}

// maskPairs replaces with *** the value of every pair of r whose name is
// a secret name and whose value is neither a placeholder nor kept by
// keep. It is linear in s: the heads are found in one pass, and a head
// inside a value already read is skipped.
func maskPairs(s string, r pairRule, keep func(string) bool) string {
	locs := r.head.FindAllStringSubmatchIndex(s, -1)
	if locs == nil {
		return s
	}
	var b strings.Builder
	last, read := 0, 0
	for _, l := range locs {
		ns, ne := l[2*r.name], l[2*r.name+1]
		if ns < read || r.at != nil && !r.at(s, l[0]) || !isSecretName(s[ns:ne]) {
			continue
		}
		vs := l[1]
		n := r.value(s[vs:], s[l[0]:l[1]])
		read = vs + n
		if n == 0 {
			continue
		}
		v := s[vs : vs+n]
		if placeholderRE.MatchString(v) || keep != nil && keep(v) || strings.HasPrefix(v, "{") || strings.HasPrefix(v, "$") {
			continue
		}
		b.WriteString(s[last:vs])
		b.WriteString("***")
		last = vs + n
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

var (
	// Credentials inside URLs: scheme://user:password@host.
	urlCredRE = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@"'?#]*:([^\s@/"'?#{%$<][^\s@/"'?#]*)@`)
	// A secret-named parameter of a query string or fragment.
	queryRule = pairRule{head: regexp.MustCompile(`[?&;#]([A-Za-z_][A-Za-z0-9_.-]*)=`), name: 1, value: valueRun(`&#'"<>`)}
	// Authorization header values.
	authHeaderRE = regexp.MustCompile(`(?i)authorization["']?\s*[:=]\s*["']?(?:(?:bearer|basic|token|digest)\s+([^\s'"{%$<][^\s'"]*)|([^\s'"{%$<][^\s'"]{5,}))`)
	bearerRE     = regexp.MustCompile(`(?i)\b(?:bearer|basic)\s+([A-Za-z0-9._~+/=-]{8,})`)
	// Values that are secrets whatever their name: well-known token
	// formats.
	tokenREs = []tokenRE{
		{"IA", regexp.MustCompile(`\b(?:AKIA|ASIA)[0-9A-Z]{16}\b`)},
		{"eyJ", regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}`)},
		{"k_", regexp.MustCompile(`\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{8,}`)},
		{"gh", regexp.MustCompile(`\bgh[pousr]_[A-Za-z0-9]{20,}`)},
		{"github_pat_", regexp.MustCompile(`\bgithub_pat_[A-Za-z0-9_]{20,}`)},
		{"xox", regexp.MustCompile(`\bxox[abposre]-[A-Za-z0-9-]{10,}`)},
		{"whsec_", regexp.MustCompile(`\bwhsec_[A-Za-z0-9]{8,}`)},
		{"AIza", regexp.MustCompile(`\bAIza[0-9A-Za-z_-]{35}`)},
		{"glpat-", regexp.MustCompile(`\bglpat-[A-Za-z0-9_-]{20}`)},
	}
	privateKeyRE = regexp.MustCompile(`-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----`)
)

// tokenRE is a token format, with a string every match contains (a
// cheap test before the regular expression).
type tokenRE struct {
	hint string
	re   *regexp.Regexp
}

// redactAnywhere masks what is a credential wherever it appears, in code
// or prose: private key blocks, token formats, passwords in URLs and
// secret-named query parameters.
func redactAnywhere(s string) string {
	s = redactPrivateKeys(s)
	for _, t := range tokenREs {
		if strings.Contains(s, t.hint) {
			s = t.re.ReplaceAllString(s, "***")
		}
	}
	if strings.Contains(s, "://") {
		s = replaceSub(urlCredRE, s)
	}
	return maskPairs(s, queryRule, nil)
}

// replaceSub replaces the first matched group of every match of re with
// *** (unless it is already masked, or is an Authorization scheme whose
// value is elsewhere: "Bearer " + token).
func replaceSub(re *regexp.Regexp, s string) string {
	locs := re.FindAllStringSubmatchIndex(s, -1)
	if locs == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, l := range locs {
		g := 2
		for g+1 < len(l) && l[g] < 0 {
			g += 2
		}
		if g+1 >= len(l) {
			continue
		}
		v := s[l[g]:l[g+1]]
		if strings.HasPrefix(v, "***") || authSchemeRE.MatchString(v+" ") {
			continue
		}
		b.WriteString(s[last:l[g]])
		b.WriteString("***")
		last = l[g+1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// pemBody reports whether c can be part of a private key's body: base64,
// white space, header lines (Proc-Type: 4,ENCRYPTED) and \n escapes.
func pemBody(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
		strings.IndexByte("+/= \t\r\n\\:,._-", c) >= 0
}

// redactPrivateKeys masks the body of every private key block, up to its
// END line or to the first character that cannot be part of it (the
// closing quote), keeping the line structure.
func redactPrivateKeys(s string) string {
	if !strings.Contains(s, "PRIVATE KEY") {
		return s
	}
	locs := privateKeyRE.FindAllStringIndex(s, -1)
	if locs == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, l := range locs {
		if l[0] < last {
			continue
		}
		start := l[1]
		end := start
		for end < len(s) && pemBody(s[end]) {
			if strings.HasPrefix(s[end:], "-----END") {
				break
			}
			end++
		}
		b.WriteString(s[last:start])
		b.WriteString(maskLines(s[start:end]))
		last = end
	}
	b.WriteString(s[last:])
	return b.String()
}

// maskLines masks each non-blank line of s, keeping line breaks and
// leading white space (and \n escapes in a one-line literal).
func maskLines(s string) string {
	s = strings.ReplaceAll(s, `\n`, "\x00")
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\x00' })
	if len(parts) == 0 {
		return strings.ReplaceAll(s, "\x00", `\n`)
	}
	var b strings.Builder
	seg := 0
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] != '\n' && s[j] != '\x00' {
			j++
		}
		line := s[i:j]
		body := strings.TrimLeft(line, " \t")
		if strings.TrimSpace(body) != "" {
			b.WriteString(line[:len(line)-len(body)] + "***")
			seg++
		} else {
			b.WriteString(line)
		}
		if j < len(s) {
			if s[j] == '\x00' {
				b.WriteString(`\n`)
			} else {
				b.WriteByte('\n')
			}
		}
		i = j + 1
	}
	return b.String()
}

var (
	// Config files: NAME=value, NAME: value, NAME = value with an
	// unquoted value.
	plainRule = pairRule{head: regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*[=:][ \t]*`), name: 1, value: valueRun(`"'#,]`),
		at: func(s string, i int) bool { return i == 0 || strings.IndexByte(" \t\"'=:,[(-", s[i-1]) >= 0 }}
	// Dockerfile ENV/ARG NAME value (space-separated form).
	dockerEnvRE = regexp.MustCompile(`(?i)^(\s*(?:ENV|ARG)\s+)([A-Za-z_][A-Za-z0-9_.-]*)(\s+)([^\s=]+)\s*$`)
)

// redactConfigLines masks the unquoted values of secret-named settings in
// configuration files, line by line.
func redactConfigLines(text string) string {
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		if m := dockerEnvRE.FindStringSubmatch(line); m != nil && isSecretName(m[2]) && !isReference(m[4]) {
			line = m[1] + m[2] + m[3] + "***"
		}
		lines[i] = maskPairs(line, plainRule, isReference)
	}
	return strings.Join(lines, "\n")
}

// isReference reports whether an unquoted config value refers to another
// variable rather than holding a value.
func isReference(v string) bool {
	return strings.HasPrefix(v, "$") || strings.HasPrefix(v, "%(") || strings.HasPrefix(v, "{{") ||
		strings.HasPrefix(v, "os.") || strings.HasPrefix(v, "***")
}
