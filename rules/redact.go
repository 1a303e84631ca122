package rules

import (
	"regexp"
	"strings"
)

// Secret values must never leave the tool (spec section 0). Every finding
// goes through Redact in Pass.Report, whichever rule made it, so the
// redaction rules live here and err on the side of masking.

// secretName matches identifiers, keys and environment variable names
// that hold secrets.
const secretName = `(?i:[A-Za-z0-9_.-]*(?:secret|passw(?:or)?d|passwd|pwd|token|api[_-]?key|apikey|private[_-]?key|access[_-]?key|auth[_-]?key|credential|signing[_-]?key|salt|authorization|bearer)[A-Za-z0-9_.-]*)`

var (
	// A secret-named target, key or operand followed by an assignment,
	// keyword, comparison or, for quoted names, a dictionary colon or the
	// comma before a default (getenv("TOKEN", "value")). The string
	// literals after it on the line are values.
	codeSecretRE = regexp.MustCompile(secretName + `(?:["']\s*\]?|\]|\))?\s*(?::\s*[A-Za-z_][\w\[\], .|]*?\s*)?(==|!=|=|:|,)`)
	// Config files: NAME=value, NAME: value, NAME = value with an
	// unquoted value.
	plainSecretRE = regexp.MustCompile(`(^|[\s"'=:,\[(-])(` + secretName + `)(\s*[=:]\s*)([^\s"'#,\]]+)`)
	// Dockerfile ENV/ARG NAME value (space-separated form).
	dockerEnvRE = regexp.MustCompile(`(?i)^(\s*(?:ENV|ARG)\s+)(` + secretName + `)(\s+)([^\s=]+)\s*$`)
	// Credentials inside URLs: scheme://user:password@host.
	urlCredRE = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://[^\s:/@"']*:)([^\s@/"']+)(@)`)
	// Values that are secrets whatever their name: well-known token
	// formats and private key headers.
	tokenREs = []*regexp.Regexp{
		regexp.MustCompile(`AKIA[0-9A-Z]{16}`),
		regexp.MustCompile(`eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}`),
		regexp.MustCompile(`\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{8,}`),
		regexp.MustCompile(`\bgh[pousr]_[A-Za-z0-9]{20,}`),
		regexp.MustCompile(`\bxox[baprs]-[A-Za-z0-9-]{10,}`),
		regexp.MustCompile(`\bwhsec_[A-Za-z0-9]{8,}`),
		regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----.*`),
	}
	// A string literal right after one of these is the NAME of a
	// variable or key being looked up, not a value.
	lookupBeforeRE = regexp.MustCompile(`(?:getenv|environ\.get|environ\.setdefault|environ\.pop|environ|config|\.get|\.pop|\.setdefault)\s*[\(\[]\s*$`)
)

// Redact returns text with secret values replaced by "***". In code
// (Python, and the prose of messages) the string literals that follow a
// secret-named target, key, keyword argument or comparison are masked,
// whole lists and tuples included, while the names of looked-up
// variables stay readable (os.environ["SECRET_KEY"]). In other files
// (.env, Dockerfiles, YAML, TOML, systemd units) unquoted values are
// masked too, except environment references such as ${X} or $X.
// Credentials in URLs and well-known token formats are masked everywhere.
func Redact(text string, code bool) string {
	if text == "" {
		return text
	}
	lines := strings.Split(text, "\n")
	var st valueState
	for i, l := range lines {
		if st.open() || (st.secret && continuesValue(l)) {
			// The value of a secret started on an earlier line (an open
			// bracket, a backslash continuation or a triple-quoted string):
			// every literal of this line belongs to it.
			lines[i] = st.mask(l, "")
			continue
		}
		lines[i], st = redactLine(l, code)
	}
	return strings.Join(lines, "\n")
}

// valueState is what is still open at the end of a line of a secret's
// value: bracket depth, a backslash continuation, a triple-quoted string.
type valueState struct {
	secret bool   // the line held a secret's value
	depth  int    // open brackets
	cont   bool   // the line ended with a backslash or with the operator itself
	triple string // the quote of an unterminated triple-quoted string, or ""
}

func (st *valueState) open() bool { return st.depth > 0 || st.cont || st.triple != "" }

// mask masks the literals of s, which continues (or starts) a secret's
// value, and updates the state for the next line.
func (st *valueState) mask(s, before string) string {
	var b strings.Builder
	i := 0
	if st.triple != "" {
		end := strings.Index(s, st.triple)
		if end < 0 {
			return maskWhole(s)
		}
		if strings.TrimSpace(s[:end]) != "" {
			b.WriteString(maskWhole(s[:end]))
		} else {
			b.WriteString(s[:end])
		}
		b.WriteString(st.triple)
		i = end + len(st.triple)
		st.triple = ""
	}
	for i < len(s) {
		c := s[i]
		switch c {
		case '(', '[', '{':
			st.depth++
		case ')', ']', '}':
			st.depth--
		case '#':
			b.WriteString(s[i:])
			i = len(s)
			continue
		}
		if c != '"' && c != '\'' {
			b.WriteByte(c)
			i++
			continue
		}
		quote := string(c)
		if strings.HasPrefix(s[i:], strings.Repeat(quote, 3)) {
			quote = strings.Repeat(quote, 3)
		}
		start := i + len(quote)
		end := start
		for end < len(s) && !strings.HasPrefix(s[end:], quote) {
			if s[end] == '\\' {
				end++
			}
			end++
		}
		if end > len(s) {
			end = len(s)
		}
		content := s[start:end]
		b.WriteString(quote)
		if lookupBeforeRE.MatchString(before+s[:i]) && !strings.ContainsAny(content, " /:") {
			b.WriteString(content)
		} else if content != "" {
			b.WriteString("***")
		}
		if end < len(s) {
			b.WriteString(quote)
		} else if len(quote) == 3 {
			st.triple = quote // the string goes on over the next lines
		}
		i = end + len(quote)
	}
	trimmed := strings.TrimRight(s, " \t")
	st.cont = strings.HasSuffix(trimmed, "\\")
	if st.depth < 0 {
		st.depth = 0
	}
	return b.String()
}

// continuesValue reports whether a line goes on with the expression of
// the line before: it starts with a binary operator or a string literal
// (implicit concatenation), as a value split inside brackets opened above
// the evidence does.
func continuesValue(line string) bool {
	t := strings.TrimLeft(line, " \t")
	if t == "" {
		return false
	}
	switch t[0] {
	case '+', '%', '"', '\'', '*', '|':
		return true
	}
	if len(t) > 1 && strings.ContainsRune("rRbBuUfF", rune(t[0])) && (t[1] == '"' || t[1] == '\'') {
		return true
	}
	return false
}

// maskWhole masks a line that lies entirely inside a secret's string,
// keeping its indentation.
func maskWhole(s string) string {
	body := strings.TrimLeft(s, " \t")
	if body == "" {
		return s
	}
	return s[:len(s)-len(body)] + "***"
}

// RedactProse redacts a message or trace note written by a rule. Prose
// names settings without assigning them ("supports_credentials=True with
// origins \"*\""), so only the value right after a secret-named operator
// is masked: the run of string literals and brackets it starts with, up
// to the first word. Token formats and URL credentials are masked as
// everywhere.
func RedactProse(text string) string {
	for _, re := range tokenREs {
		text = re.ReplaceAllString(text, "***")
	}
	text = urlCredRE.ReplaceAllString(text, "${1}***${3}")
	var b strings.Builder
	for {
		loc := proseNext(text)
		if loc == nil {
			b.WriteString(text)
			return b.String()
		}
		opEnd := loc[3]
		n := valueRun(text[opEnd:])
		b.WriteString(text[:opEnd])
		b.WriteString(maskLiterals(text[opEnd:opEnd+n], ""))
		text = text[opEnd+n:]
	}
}

// proseNext finds the next secret-named operator that counts in prose.
func proseNext(text string) []int {
	for _, loc := range codeSecretRE.FindAllStringSubmatchIndex(text, -1) {
		op := text[loc[2]:loc[3]]
		if (op == "," || op == ":") && !quotedKeyBefore(text, loc[2]) {
			continue
		}
		return loc
	}
	return nil
}

// valueRun returns the length of the literal value at the start of s:
// string literals (with prefixes), separators and brackets, stopping at
// anything else.
func valueRun(s string) int {
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == ',' || c == '(' || c == ')' || c == '[' || c == ']' || c == '+':
			i++
		case c == '"' || c == '\'':
			quote := string(c)
			if strings.HasPrefix(s[i:], strings.Repeat(quote, 3)) {
				quote = strings.Repeat(quote, 3)
			}
			end := strings.Index(s[i+len(quote):], quote)
			if end < 0 {
				return len(s)
			}
			i += len(quote) + end + len(quote)
		case strings.ContainsRune("rRbBuUfF", rune(c)) && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\''):
			i++
		default:
			return i
		}
	}
	return i
}

func redactLine(line string, code bool) (string, valueState) {
	for _, re := range tokenREs {
		line = re.ReplaceAllString(line, "***")
	}
	line = urlCredRE.ReplaceAllString(line, "${1}***${3}")
	if !code {
		if m := dockerEnvRE.FindStringSubmatch(line); m != nil && !isReference(m[4]) {
			line = m[1] + m[2] + m[3] + "***"
		}
		line = plainSecretRE.ReplaceAllStringFunc(line, func(s string) string {
			m := plainSecretRE.FindStringSubmatch(s)
			if isReference(m[4]) || m[4] == "***" {
				return s
			}
			return m[1] + m[2] + m[3] + "***"
		})
	}
	// Mask the string literals after the first secret-named operator; the
	// value may go on over the next lines.
	for _, loc := range codeSecretRE.FindAllStringSubmatchIndex(line, -1) {
		opEnd := loc[3]
		switch op := line[loc[2]:loc[3]]; {
		case op == "," && !quotedKeyBefore(line, loc[2]):
			continue // f(token, "x"): a variable argument, not a key and its value
		case op == ":" && code && !quotedKeyBefore(line, loc[2]):
			continue // `if token:` or `for token in x:` is not a dictionary entry
		}
		st := valueState{secret: true}
		rest := st.mask(line[opEnd:], line[:opEnd])
		if strings.TrimSpace(line[opEnd:]) == "" {
			st.cont = true // `SECRET_KEY = \` or a key whose value starts on the next line
		}
		return line[:opEnd] + rest, st
	}
	return line, valueState{}
}

// quotedKeyBefore reports whether the colon at i follows a quoted key.
func quotedKeyBefore(line string, i int) bool {
	j := strings.TrimRight(line[:i], " \t")
	return strings.HasSuffix(j, `"`) || strings.HasSuffix(j, `'`)
}

// isReference reports whether an unquoted config value refers to another
// variable rather than holding a value.
func isReference(v string) bool {
	return strings.HasPrefix(v, "$") || strings.HasPrefix(v, "%(") || strings.HasPrefix(v, "{{") ||
		strings.HasPrefix(v, "os.") || v == "***"
}

// maskLiterals replaces the contents of every Python string literal in s
// with ***, keeping prefixes and quotes; see valueState.mask.
func maskLiterals(s, before string) string {
	var st valueState
	return st.mask(s, before)
}
