package redact

import (
	"regexp"
	"strings"
)

// placeholderRE matches a value that holds no secret: a reference to a
// variable (${X}, $X, %(x)s, %s, {x}, {{ x }}), a placeholder such as
// <your-api-key>, a value already masked, a boolean or null word, or
// punctuation alone.
var placeholderRE = regexp.MustCompile(`^(?:\$\{[^}]*\}|\$[A-Za-z_]\w*|%\([A-Za-z_]\w*\)[sd]|%[sd]|\{[^{}]*\}|\{\{[^}]*\}\}|<[^<>]*>|\*\*\*|\?|:[A-Za-z_]\w*|(?i:true|false|none|null|nil|yes|no|on|off|n/a)|[^A-Za-z0-9]*)$`)

// formatRE matches a printf or str.format placeholder.
var formatRE = regexp.MustCompile(`%(?:\([^)]*\))?[-#0 +]*[0-9*]*(?:\.[0-9*]+)?[sdrifxXeEgGcaou%]|\{[^{}]*\}`)

// isPlaceholder reports whether a value holds no secret (placeholderRE),
// or is a format string whose only letters and digits are in its
// placeholders ("%s:%s", "{0}:{1}"): the secret comes from the
// arguments, which are code.
func isPlaceholder(v string) bool {
	v = strings.TrimSpace(v)
	if placeholderRE.MatchString(v) {
		return true
	}
	if !strings.ContainsAny(v, "%{") {
		return false
	}
	rest := formatRE.ReplaceAllString(v, "")
	return rest != v && !strings.ContainsFunc(rest, func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r >= 0x80
	})
}

// authSchemeRE keeps the scheme word of an Authorization value.
var authSchemeRE = regexp.MustCompile(`^(?i:(?:bearer|basic|token|digest|oauth|jwt)\s+)`)

// maskContent masks the content of a string literal that is a secret's
// value: each non-blank line becomes ***, keeping indentation, an
// Authorization scheme and f-string replacement fields.
func maskContent(s string, f bool) string {
	if strings.TrimSpace(s) == "" || isPlaceholder(s) {
		return s
	}
	if scheme := authSchemeRE.FindString(s); scheme != "" && !strings.Contains(s, "\n") && isPlaceholder(s[len(scheme):]) {
		return s // "Basic %s" % credentials
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
		if strings.TrimSpace(part) != "" && !isPlaceholder(part) {
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
	// NAME=value in a comment (# export API_TOKEN=abc), where the value
	// is a word: not code such as password=SecretStr('...').
	wordPairRule = pairRule{head: pairRule1.head, name: 1, value: func(rest, head string) int {
		n := valueRun(`&;,'"#)]}`)(rest, head)
		if strings.ContainsAny(rest[:n], "([{") || n < len(rest) && strings.IndexByte(`'"`, rest[n]) >= 0 {
			return 0
		}
		return n
	}}
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
	s = replaceSub(authHeaderRE, s, 1)
	return replaceSub(bearerRE, s, 8)
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
		if isPlaceholder(v) || keep != nil && keep(v) || strings.HasPrefix(v, "{") || strings.HasPrefix(v, "$") {
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
	authHeaderRE = regexp.MustCompile(`(?i)authorization["']?\s*[:=]\s*["']?(?:(?:bearer|basic|token|digest|oauth|jwt)\s+([^\s'"{%$<][^\s'"]*)|([^\s'"{%$<][^\s'"]{5,}))`)
	// A Bearer or Basic value: at least 8 characters with a digit, so
	// that prose ("Basic configuration", "basic re-exports") is not one.
	bearerRE = regexp.MustCompile(`(?i)\b(?:bearer|basic)\s+([A-Za-z0-9._~+/=-]*[0-9][A-Za-z0-9._~+/=-]*)`)
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
		s = replaceSub(urlCredRE, s, 1)
	}
	return maskPairs(s, queryRule, nil)
}

// replaceSub replaces the first matched group of every match of re with
// *** (unless it is already masked, or is an Authorization scheme whose
// value is elsewhere: "Bearer " + token).
func replaceSub(re *regexp.Regexp, s string, minLen int) string {
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
		if len(v) < minLen || strings.HasPrefix(v, "***") || authSchemeRE.MatchString(v+" ") || isPlaceholder(v) {
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
