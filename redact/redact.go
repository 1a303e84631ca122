// Package redact masks secret values in text that flasksec writes out:
// the evidence of a finding (source lines of Python, configuration and
// deployment files, templates) and the prose rules write (messages,
// trace notes). Secret values must never leave the tool (spec section 0);
// rules.RedactFinding applies this package to every field of every
// finding in Pass.Report, whichever rule made it.
//
// The redactor masks the VALUE and keeps the code around it readable. It
// reads its input as a stream of Python-like tokens (names, string
// literals with their prefixes and quotes, operators, brackets,
// comments), so a string literal is always masked between its own
// quotes, and names (variables, keyword arguments, subscript keys, the
// name given to getenv) are never masked. docs/json.md ("Redaction")
// lists what is masked and what is kept.
package redact

import "strings"

// The three ways text is read.
type redactMode int

const (
	modeCode   redactMode = iota // Python source (evidence of .py files)
	modeConfig                   // .env, Dockerfile, YAML, TOML, systemd, templates: unquoted values count
	modeProse                    // messages and notes written by rules: a value stops at the first word
)

// Code returns Python source with secret values replaced by "***".
//
// What is masked: the string literals of the value given to a
// secret-named target, keyword argument, dictionary key or comparison
// (SECRET_KEY = "...", password="...", {"api_key": "..."},
// token == "..."), the default of a secret-named look-up
// (os.getenv("API_TOKEN", "...")), the password of auth=("user", "...")
// and HTTPBasicAuth("user", "..."); and, inside any string or comment:
// credentials in URLs (scheme://user:***@host), secret-named query
// parameters (?token=***), Authorization/Bearer/Basic header values,
// secret-named name=value pairs and --flag values, private key blocks and
// well-known token formats (AWS, GitHub, Slack, Stripe, JWT, Google,
// GitLab). What stays: names, subscript keys and looked-up variable
// names (request.args["token"], os.environ["SECRET_KEY"]), empty strings,
// references and placeholders (${X}, %(x)s, {x}, <your-key>), and
// f-string replacement fields.
func Code(text string) string { return redact(text, modeCode) }

// Config is Code for the other files flasksec reads (.env, Dockerfiles,
// YAML, TOML, systemd units, shell scripts, templates): unquoted values of
// secret-named settings are masked too (SECRET_KEY=***), except
// references such as ${X}.
func Config(text string) string { return redact(text, modeConfig) }

// Prose redacts a message, trace note or other text written by a rule,
// which may quote code. Prose names settings without assigning them
// ("supports_credentials=True with origins \"*\""), so only the literal
// value right after a secret-named operator is masked, up to the first
// word; credentials inside strings and URLs are masked as everywhere.
func Prose(text string) string { return redact(text, modeProse) }

// redact masks the keyed values of text (read in mode), the credentials
// inside its strings and comments, and then what is a credential
// anywhere.
func redact(text string, mode redactMode) string {
	return redactText(text, mode, false)
}

// redactText is redact; nested is true for the text of a comment, read as
// commented-out code (# SECRET_KEY = "..."), whose own comments are read
// only for credentials inside them.
func redactText(text string, mode redactMode, nested bool) string {
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
		case mode == modeCode && !nested:
			b.WriteString(maskPairs(redactText(content, modeCode, true), wordPairRule, isReference))
		default:
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
