package probe

import (
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
)

// form is one <form> of a page: its method (lower-case, "get" when
// absent), action and field names.
type form struct {
	method, action string
	fields         []string
}

// String describes the form for the evidence; field values are never
// included.
func (f form) String() string {
	return fmt.Sprintf("<form method=%q action=%q> fields: %s", f.method, f.action, strings.Join(f.fields, ", "))
}

var (
	tagRe   = regexp.MustCompile(`(?is)<(a|form|input|button|select|textarea)\b([^>]*)>|</form\s*>`)
	attrRe  = regexp.MustCompile(`(?is)([a-z_:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)`)
	maxTags = 2000
)

// attrs returns the attributes of a tag, names lower-cased, values
// unquoted and unescaped.
func attrs(s string) map[string]string {
	m := map[string]string{}
	for _, a := range attrRe.FindAllStringSubmatch(s, -1) {
		v := strings.Trim(a[2], `"'`)
		m[strings.ToLower(a[1])] = html.UnescapeString(v)
	}
	return m
}

// parseHTML returns the link targets (resolved against base) and the forms
// of a page. It is a tolerant scanner for the probe's needs, not a full
// HTML parser: it never executes or fetches anything.
func parseHTML(body []byte, base *url.URL) ([]*url.URL, []form) {
	var links []*url.URL
	var forms []form
	var cur *form
	seen := map[string]bool{}
	for i, m := range tagRe.FindAllSubmatch(body, -1) {
		if i == maxTags {
			break
		}
		tag := strings.ToLower(string(m[1]))
		if tag == "" { // </form>
			if cur != nil {
				forms = append(forms, *cur)
				cur = nil
			}
			continue
		}
		a := attrs(string(m[2]))
		switch tag {
		case "a":
			h := a["href"]
			if h == "" || strings.HasPrefix(h, "#") {
				continue
			}
			ref, err := url.Parse(h)
			if err != nil {
				continue
			}
			u := base.ResolveReference(ref)
			u.Fragment = ""
			if (u.Scheme == "http" || u.Scheme == "https") && !seen[u.String()] {
				seen[u.String()] = true
				links = append(links, u)
			}
		case "form":
			if cur != nil {
				forms = append(forms, *cur)
			}
			method := strings.ToLower(strings.TrimSpace(a["method"]))
			if method == "" {
				method = "get"
			}
			cur = &form{method: method, action: a["action"]}
		default:
			if cur != nil && a["name"] != "" {
				cur.fields = append(cur.fields, a["name"])
			}
		}
	}
	if cur != nil {
		forms = append(forms, *cur)
	}
	return links, forms
}
