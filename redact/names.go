package redact

import (
	"regexp"
	"strings"
)

// secretParts are the words that make a name secret wherever they occur
// in it (lower-cased, with _ - . removed).
// "token" is matched by word instead (see isSecretName): tokennames and
// tokenless are not tokens.
var secretParts = []string{"secret", "passw", "pwd", "passphrase", "apikey", "privatekey",
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
	"seconds": true, "secs": true, "minutes": true, "hours": true, "days": true, "arn": true,
	"active": true, "rotated": true, "status": true, "kind": true, "source": true, "lexer": true,
	"parser": true, "handler": true, "manager": true, "mgr": true, "provider": true, "factory": true,
	"generator": true, "index": true, "channel": true, "realm": true, "policies": true,
	"formatter": true,
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
	for _, w := range words {
		if strings.HasSuffix(w, "token") || strings.HasSuffix(w, "tokens") {
			return true // token, access_token, authToken, xsrftoken
		}
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
