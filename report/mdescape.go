package report

import "strings"

// mdText makes text that may quote scanned code (a message, a trace note,
// a file name) safe as Markdown prose, after Printable: HTML ("<input>")
// is shown, not rendered; emphasis, links, headings and table pipes are
// shown as typed. Code spans the message itself delimits with backticks
// ("starts `flask run`") stay code spans, whose content Markdown never
// interprets; a lone backtick is escaped. In a table cell (inTable) a
// pipe is escaped inside code spans too, as GitHub-flavoured Markdown
// requires.
func mdText(s string, inTable bool) string {
	s = Printable(s)
	parts := strings.Split(s, "`")
	balanced := len(parts)%2 == 1
	var b strings.Builder
	for i, p := range parts {
		if !balanced {
			if i > 0 {
				b.WriteString("\\`")
			}
			b.WriteString(mdEscape(p))
			continue
		}
		if i%2 == 1 { // inside a code span
			b.WriteString("`")
			if inTable {
				p = strings.ReplaceAll(p, "|", `\|`)
			}
			b.WriteString(p)
			b.WriteString("`")
			continue
		}
		b.WriteString(mdEscape(p))
	}
	return b.String()
}

// mdInline is what mdEscape backslash-escapes anywhere: the characters
// that open emphasis, links, code spans, strikethrough and table cells.
const mdInline = "`*_[]|~"

// mdLineStart is what mdEscape also escapes at the start of the text,
// where it would start a heading, a list, a block quote or a rule.
const mdLineStart = "#+-=!"

// mdEscape escapes Markdown and HTML syntax in prose: &, < and > as
// entities, the characters of mdInline (and of mdLineStart in first
// place) with a backslash, and a backslash that precedes punctuation
// (CommonMark reads "\x1b" as typed, but "\*" as a star).
func mdEscape(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]),
			r < 0x80 && strings.ContainsRune(mdInline, r),
			i == 0 && strings.ContainsRune(mdLineStart, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isASCIIPunct reports whether c is ASCII punctuation, which a backslash
// escapes in CommonMark.
func isASCIIPunct(c byte) bool {
	return c > ' ' && c < 0x7f && !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z')
}

// mdCode writes text from scanned code (a path, a location) as one code
// span, whose content Markdown and HTML never interpret: the fence is
// longer than any run of backticks in it. In a table cell (inTable) pipes
// are escaped as GitHub-flavoured Markdown requires.
func mdCode(s string, inTable bool) string {
	s = Printable(s)
	if s == "" {
		return ""
	}
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ") {
		s = " " + s + " "
	}
	if inTable {
		s = strings.ReplaceAll(s, "|", `\|`)
	}
	return fence + s + fence
}
