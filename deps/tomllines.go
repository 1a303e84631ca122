package deps

import (
	"strings"
)

// The TOML decoder (github.com/BurntSushi/toml) gives values but not the
// line each key or array item sits on: its MetaData keeps positions in
// unexported fields only. tomlIndex recovers lines with a targeted text
// search instead: it splits the file into its tables (headers found
// outside strings, comments and multi-line arrays) and then looks for a
// key ("flask = ...") or a string literal ("flask>=2") inside the table
// the decoder says it belongs to. The search never decides what a
// dependency is, only where it was written; when it finds nothing the
// table's header line is used.

// tomlTable is one table of a TOML file: its header's dotted name and
// the range of lines it covers.
type tomlTable struct {
	name  string // "tool.poetry.dependencies"; "" for the root table
	array bool   // [[name]]
	start int    // 0-based index of the header line (-1 for the root table)
	end   int    // 0-based index one past the table's last line
}

type tomlIndex struct {
	lines  []string
	top    []bool // top[i]: line i starts outside any string or array
	tables []tomlTable
}

func newTOMLIndex(src []byte) *tomlIndex {
	ix := &tomlIndex{lines: splitLines(string(src))}
	ix.top = make([]bool, len(ix.lines))
	cur := tomlTable{start: -1}
	depth := 0       // open [ and { outside strings
	var multi string // the delimiter of an open multi-line string
	for i, line := range ix.lines {
		top := depth == 0 && multi == ""
		ix.top[i] = top
		trimmed := strings.TrimSpace(line)
		if top && strings.HasPrefix(trimmed, "[") {
			if name, array, ok := parseTableHeader(trimmed); ok {
				cur.end = i
				ix.tables = append(ix.tables, cur)
				cur = tomlTable{name: name, array: array, start: i}
				continue
			}
		}
		depth, multi = scanTOMLLine(line, depth, multi)
	}
	cur.end = len(ix.lines)
	ix.tables = append(ix.tables, cur)
	return ix
}

// scanTOMLLine updates the bracket depth and multi-line string state
// across one line, skipping strings and comments.
func scanTOMLLine(line string, depth int, multi string) (int, string) {
	for i := 0; i < len(line); i++ {
		if multi != "" {
			if strings.HasPrefix(line[i:], multi) {
				i += len(multi) - 1
				multi = ""
			} else if line[i] == '\\' && multi == `"""` {
				i++
			}
			continue
		}
		switch c := line[i]; c {
		case '#':
			return depth, multi
		case '[', '{':
			depth++
		case ']', '}':
			if depth > 0 {
				depth--
			}
		case '"', '\'':
			delim := string(c)
			if strings.HasPrefix(line[i:], delim+delim+delim) {
				multi = delim + delim + delim
				i += 2
				continue
			}
			for i++; i < len(line) && line[i] != c; i++ {
				if c == '"' && line[i] == '\\' {
					i++
				}
			}
		}
	}
	return depth, multi
}

// parseTableHeader parses "[a.b]" or "[[a.b]]" (with optional quotes,
// white space and a trailing comment) into its dotted name.
func parseTableHeader(s string) (name string, array bool, ok bool) {
	array = strings.HasPrefix(s, "[[")
	body := strings.TrimPrefix(s, "[")
	if array {
		body = strings.TrimPrefix(body, "[")
	}
	closing := "]"
	if array {
		closing = "]]"
	}
	end := -1
	inQuote := byte(0)
	for i := 0; i < len(body); i++ {
		c := body[i]
		if inQuote != 0 {
			if c == inQuote {
				inQuote = 0
			}
			continue
		}
		if c == '"' || c == '\'' {
			inQuote = c
			continue
		}
		if strings.HasPrefix(body[i:], closing) {
			end = i
			break
		}
	}
	if end < 0 {
		return "", false, false
	}
	rest := strings.TrimSpace(body[end+len(closing):])
	if rest != "" && !strings.HasPrefix(rest, "#") {
		return "", false, false
	}
	parts := splitDottedKey(body[:end])
	if len(parts) == 0 {
		return "", false, false
	}
	return strings.Join(parts, "."), array, true
}

// splitDottedKey splits `tool . "poetry" .dependencies` into its keys.
func splitDottedKey(s string) []string {
	var parts []string
	var b strings.Builder
	inQuote := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inQuote != 0:
			if c == inQuote {
				inQuote = 0
			} else {
				b.WriteByte(c)
			}
		case c == '"' || c == '\'':
			inQuote = c
		case c == '.':
			parts = append(parts, strings.TrimSpace(b.String()))
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	parts = append(parts, strings.TrimSpace(b.String()))
	for _, p := range parts {
		if p == "" {
			return nil
		}
	}
	return parts
}

// table returns the tables with the given dotted name, in file order.
func (ix *tomlIndex) table(name string) []tomlTable {
	var out []tomlTable
	for _, t := range ix.tables {
		if t.name == name {
			out = append(out, t)
		}
	}
	return out
}

// headerLine returns the 1-based line of the first table named name, or
// 0 when there is none.
func (ix *tomlIndex) headerLine(name string) int {
	for _, t := range ix.tables {
		if t.name == name && t.start >= 0 {
			return t.start + 1
		}
	}
	return 0
}

// keyLine returns the 1-based line at which key is assigned at the top
// level of table t ("key =", "key.sub =", `"key" =`), or 0.
func (ix *tomlIndex) keyLine(t tomlTable, key string) int {
	for i := max(t.start+1, 0); i < t.end; i++ {
		if ix.top[i] && lineAssignsKey(ix.lines[i], key) {
			return i + 1
		}
	}
	return 0
}

func lineAssignsKey(line, key string) bool {
	s := strings.TrimSpace(line)
	switch {
	case strings.HasPrefix(s, key):
		s = s[len(key):]
	case strings.HasPrefix(s, `"`+key+`"`), strings.HasPrefix(s, `'`+key+`'`):
		s = s[len(key)+2:]
	default:
		return false
	}
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "=") || strings.HasPrefix(s, ".")
}

// stringLine returns the 1-based line, at or after the 1-based line
// from, inside the tables named one of names, holding the TOML string
// literal lit; or 0.
func (ix *tomlIndex) stringLine(lit string, from int, names ...string) int {
	quoted := []string{`"` + lit + `"`, `'` + lit + `'`}
	for _, t := range ix.tables {
		if !containsString(names, t.name) {
			continue
		}
		for i := max(t.start+1, from-1, 0); i < t.end; i++ {
			for _, q := range quoted {
				if strings.Contains(ix.lines[i], q) {
					return i + 1
				}
			}
		}
	}
	return 0
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
