package rules

import (
	"regexp"
	"strings"
)

// Secret values must never leave the tool (spec section 0). Redact
// replaces the values of secret-looking assignments in a source snippet
// with "***": Python and TOML/YAML/.env assignments, keyword arguments,
// dictionary entries and setdefault/get defaults whose key or name says
// secret, password, token, API key or private key.

// secretName matches identifiers and keys that hold secrets.
const secretName = `(?i:[A-Za-z0-9_.-]*(?:secret|passw(?:or)?d|passwd|pwd|token|api[_-]?key|apikey|private[_-]?key|access[_-]?key|auth[_-]?key|credential|signing[_-]?key|salt)[A-Za-z0-9_.-]*)`

var redactors = []*regexp.Regexp{
	// NAME = "value", NAME: str = 'value', config['NAME'] = "value", NAME="value" (kwargs),
	// 'NAME': "value" (dict), os.environ.get("NAME", "default").
	regexp.MustCompile(`(` + secretName + `["']?\]?\s*(?::\s*[A-Za-z_][\w\[\], .]*)?\s*(?:=|:)\s*[rRbBuU]{0,2})("""|'''|"|')((?:\\.|[^\\])*?)("""|'''|"|')`),
	regexp.MustCompile(`((?:environ\.get|getenv|environ\.setdefault|\.get)\(\s*["']` + secretName + `["']\s*,\s*[rRbBuU]{0,2})("""|'''|"|')((?:\\.|[^\\])*?)("""|'''|"|')`),
	// Unquoted .env / shell / Dockerfile / YAML values: NAME=value, ENV NAME value, NAME: value.
	regexp.MustCompile(`(^|\s|export\s+|ENV\s+|ARG\s+|-e\s+|--env[= ])(` + secretName + `)(\s*[=:]\s*|\s+)([^\s"'#{}$][^\s"'#]*)`),
}

// Redact returns text with secret values replaced by "***". In Python
// (code true) only quoted literals are replaced: a name or a call is not a
// secret. In other files (.env, Dockerfiles, YAML, TOML) unquoted values
// are replaced too, except environment references such as ${X} or $X.
func Redact(text string, code bool) string {
	if !strings.ContainsAny(text, "=:(") && !strings.Contains(text, "ENV ") {
		return text
	}
	out := redactors[0].ReplaceAllString(text, `${1}${2}***${4}`)
	out = redactors[1].ReplaceAllString(out, `${1}${2}***${4}`)
	if code {
		return out
	}
	out = redactors[2].ReplaceAllStringFunc(out, func(m string) string {
		sub := redactors[2].FindStringSubmatch(m)
		val := sub[4]
		if val == "***" || strings.HasPrefix(val, "os.") || strings.HasPrefix(val, "$") {
			return m
		}
		return sub[1] + sub[2] + sub[3] + "***"
	})
	return out
}
