package redact

import "strings"

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
			if t.kind == tName && k+1 < len(sig) && is(k+1, "(") {
				receiver := ""
				if is(k-1, ".") && tk(k-2) != nil && tk(k-2).kind == tName {
					receiver = text[tk(k-2).start:tk(k-2).end]
				}
				// HTTPBasicAuth("user", "password"), jwt.encode(payload,
				// "key"): the argument that is the secret.
				if n, ok := secretArg(receiver, text[t.start:t.end]); ok {
					pos := k + 2
					for ; n > 0 && pos > 0; n-- {
						pos = nextComma(text, toks, sig, pos) + 1
					}
					if pos > 0 {
						k = mark(pos, valueOpts{})
					}
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
			// ("password", "value") pairs, getenv("TOKEN", "default"),
			// set_cookie("auth_token", "value"): a quoted secret name
			// first in a pair or in a call that looks it up or sets it
			// (not a list of names, nor field_serializer("password", ...)).
			if !quoted || !is(k-2, "(") || !pairCall(text, toks, sig, k) {
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

// secretArgs are calls one of whose positional arguments (counted from
// 0) is a secret: the password after the user name, the key of a signer
// or token library. "receiver.name" entries need the receiver as
// written (jwt.encode, not "x".encode).
var secretArgs = map[string]int{
	"HTTPBasicAuth": 1, "HTTPDigestAuth": 1, "HTTPProxyAuth": 1, "BasicAuth": 1, "login": 1,
	"jwt.encode": 1, "jwt.decode": 1, "hmac.new": 0, "Fernet": 0, "URLSafeTimedSerializer": 0,
	"URLSafeSerializer": 0, "TimedSerializer": 0, "Serializer": 0, "TimestampSigner": 0, "Signer": 0,
	"TimedJSONWebSignatureSerializer": 0, "JSONWebSignatureSerializer": 0,
}

// secretArg returns the index of the secret argument of a call to name
// (on receiver, "" for none).
func secretArg(receiver, name string) (int, bool) {
	if receiver != "" {
		if n, ok := secretArgs[receiver+"."+name]; ok {
			return n, true
		}
	}
	n, ok := secretArgs[name]
	return n, ok
}

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
	var parts []string // the operand's names, last first
	lastName := false
	for end := max(0, k-64); k >= end; k-- {
		t := toks[sig[k]]
		s := text[t.start:t.end]
		if t.kind == tName && lastName {
			break // two words: not one operand
		}
		lastName = t.kind == tName
		switch {
		case t.kind == tName:
			parts = append(parts, s)
		case t.kind == tStr && k > 0 && text[toks[sig[k-1]].start:toks[sig[k-1]].end] == "[":
			parts = append(parts, text[t.cs:t.ce])
		case t.kind == tOp && (s == "." || s == "[" || s == "]"):
			continue
		default:
			return secretChain(parts)
		}
	}
	return secretChain(parts)
}

// secretOperand reports whether the operand starting at k names a
// secret: password, request.form["password"], form.password.data (the
// last name of the chain, or the one before WTForms' .data), but not
// token.value or token.string (a lexer's token).
func secretOperand(text string, toks []token, sig []int, k int) bool {
	var parts []string // the operand's names, first first
	lastName := false
loop:
	for end := min(len(sig), k+64); k < end; k++ {
		t := toks[sig[k]]
		s := text[t.start:t.end]
		if t.kind == tName && lastName {
			break
		}
		lastName = t.kind == tName
		switch {
		case t.kind == tName:
			parts = append(parts, s)
		case t.kind == tStr && k > 0 && text[toks[sig[k-1]].start:toks[sig[k-1]].end] == "[":
			parts = append(parts, text[t.cs:t.ce])
		case t.kind == tOp && (s == "." || s == "[" || s == "]"):
		default:
			break loop
		}
	}
	// Last first, as secretChain reads it.
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return secretChain(parts)
}

// secretChain reports whether an operand whose names are parts (last
// first) names a secret.
func secretChain(parts []string) bool {
	switch {
	case len(parts) == 0:
		return false
	case isSecretName(parts[0]):
		return true
	case len(parts) > 1 && parts[0] == "data":
		return isSecretName(parts[1])
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
		"startswith", "endswith", "partition", "rpartition", "option", "argument", "Argument", "Option",
		"getpass", "input", "prompt", "print", "debug", "info", "warning", "warn", "error", "exception",
		"critical", "log", "flash", "gettext", "_", "lazy_gettext", "namedtuple", "TypeVar", "NewType",
		"open", "Path", "compile":
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
					if k >= 3 && text[toks[sig[k-2]].start:toks[sig[k-2]].end] == "." && toks[sig[k-3]].kind == tName {
						if _, ok := secretArg(text[toks[sig[k-3]].start:toks[sig[k-3]].end], callee); ok {
							callee = "" // jwt.encode(payload, "key"): not str.encode
						}
					}
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
		return before.kind == tName && isLookupCall(b) && !strings.ContainsAny(text[t.cs:t.ce], " /:")
	}
	return false
}

// isLookupCall reports whether a call's first argument names what it
// looks up: get, getenv, environ, _get_param, get_secret, lookup_config,
// ConfigAttribute.
func isLookupCall(name string) bool {
	if lookupCalls[name] {
		return true
	}
	l := strings.ToLower(name)
	for _, w := range []string{"get", "param", "lookup", "attr", "env"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// pairCall reports whether the quoted name before the comma at sig index
// k opens a (name, value) pair: a bare 2-tuple, a look-up with a default
// (getenv("X", "default")), or a call that sets the named value
// (set_cookie, setdefault, setenv, putenv).
func pairCall(text string, toks []token, sig []int, k int) bool {
	if k < 3 {
		return nextComma(text, toks, sig, k+1) < 0
	}
	callee := toks[sig[k-3]]
	if callee.kind != tName || isKeyword(text[callee.start:callee.end]) {
		// A bare tuple: only a pair counts.
		return nextComma(text, toks, sig, k+1) < 0
	}
	name := strings.ToLower(text[callee.start:callee.end])
	return isLookupCall(name) || strings.HasPrefix(name, "set") || strings.HasSuffix(name, "env")
}

// isKeyword reports whether s is a Python keyword (or print) that can
// stand before a list display: return ["..."] is not a subscript.
func isKeyword(s string) bool {
	switch s {
	case "in", "not", "and", "or", "is", "return", "yield", "else", "if", "lambda", "await", "print":
		return true
	}
	return false
}
