package templates

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/flasksec/flasksec/jinja"
	"github.com/flasksec/flasksec/rules"
)

// InlineSite is one inline script, event-handler attribute or
// javascript: URL in a template.
type InlineSite struct {
	Location rules.Location // the template file, line and column of the tag or attribute
	What     string         // "<script>", "onclick on <button>", "javascript: URL in href of <a>"
}

// InlineCode is what the templates hold that a strict
// Content-Security-Policy (one without 'unsafe-inline') would block:
// inline <script> blocks of JavaScript, on* event-handler attributes and
// javascript: URLs. FLASK-HEADERS-001 cites it to make its advice
// specific.
type InlineCode struct {
	Scripts []InlineSite // inline JavaScript <script> blocks without a nonce (JSON and template blocks excluded: they do not run)
	// Nonced counts the inline scripts that already carry a nonce
	// attribute: they run under a nonce-based policy as they are.
	Nonced   int
	Handlers []InlineSite // event-handler attributes
	JSURLs   []InlineSite // javascript: URLs written in the templates
	// Folders are the template folders holding them, sorted.
	Folders []string
}

// Total returns the number of sites.
func (c *InlineCode) Total() int { return len(c.Scripts) + len(c.Handlers) + len(c.JSURLs) }

// Summary describes the sites in one sentence, or "" when there are none:
// "12 inline scripts and 3 event-handler attributes in templates/; a
// nonce-based CSP is needed (move handlers into scripts)".
func (c *InlineCode) Summary() string {
	if c.Total() == 0 {
		return ""
	}
	var parts []string
	plural := func(n int, one, many string) {
		if n == 1 {
			parts = append(parts, "1 "+one)
		} else if n > 1 {
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	plural(len(c.Scripts), "inline script", "inline scripts")
	plural(len(c.Handlers), "event-handler attribute", "event-handler attributes")
	plural(len(c.JSURLs), "javascript: URL", "javascript: URLs")
	list := parts[0]
	if len(parts) > 1 {
		list = strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	}
	where := ""
	if len(c.Folders) > 0 {
		shown := c.Folders
		if len(shown) > 3 {
			shown = shown[:3]
		}
		where = " in " + strings.Join(shown, "/, ") + "/"
		if len(c.Folders) > 3 {
			where += fmt.Sprintf(" and %d more folders", len(c.Folders)-3)
		}
	}
	advice := "; a CSP without 'unsafe-inline' needs a nonce (or hash) on each inline script"
	switch {
	case c.Nonced == 1:
		advice += " (1 other already carries one)"
	case c.Nonced > 1:
		advice += fmt.Sprintf(" (%d others already carry one)", c.Nonced)
	}
	if len(c.Handlers)+len(c.JSURLs) > 0 {
		advice += ", and event handlers and javascript: URLs must move into scripts (nonces do not cover them)"
	}
	return list + where + advice
}

// InlineCode returns the inline scripts, event handlers and javascript:
// URLs of every template, sorted by location.
func (m *Model) InlineCode() *InlineCode {
	out := &InlineCode{}
	folders := map[string]bool{}
	for _, t := range m.Templates {
		n := 0
		for _, s := range t.HTML.Scripts {
			if s.Kind != jinja.ScriptJS {
				continue
			}
			if s.Nonce {
				out.Nonced++
				continue
			}
			out.Scripts = append(out.Scripts, InlineSite{Location: t.Location(s.Pos), What: "<script>"})
			n++
		}
		for _, h := range t.HTML.Handlers {
			out.Handlers = append(out.Handlers, InlineSite{Location: t.Location(h.Pos), What: h.Name + " on <" + h.Tag + ">"})
			n++
		}
		for _, u := range t.HTML.JSURLs {
			out.JSURLs = append(out.JSURLs, InlineSite{Location: t.Location(u.Pos),
				What: "javascript: URL in " + u.Name + " of <" + u.Tag + ">"})
			n++
		}
		if n > 0 {
			f := t.Folder
			if f == "" {
				f = "."
			}
			folders[f] = true
		}
	}
	for f := range folders {
		out.Folders = append(out.Folders, f)
	}
	sort.Strings(out.Folders)
	return out
}

// Location converts a template position to a rules location (1-based
// character column).
func (t *Template) Location(p jinja.Pos) rules.Location {
	line := int(p.Line)
	return rules.Location{Path: t.File.Path, StartLine: line, StartCol: charCol(t.File.Line(line), int(p.Col)),
		EndLine: line}
}

// Span converts a template node's range to a rules location.
func (t *Template) Span(n jinja.Node) rules.Location {
	loc := t.Location(n.Pos())
	end := n.End()
	loc.EndLine = int(end.Line)
	loc.EndCol = charCol(t.File.Line(int(end.Line)), int(end.Col))
	return loc
}

func charCol(line string, byteCol int) int {
	if byteCol > len(line) {
		byteCol = len(line)
	}
	if byteCol < 0 {
		byteCol = 0
	}
	return utf8.RuneCountInString(line[:byteCol]) + 1
}
