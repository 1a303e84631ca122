package taint

import (
	"strings"

	"github.com/flasksec/flasksec/knowledge"
)

// charset is the set of characters a regular expression may match,
// over-approximated: ASCII characters one by one, other characters as two
// flags (Unicode word characters from \w, and anything else).
type charset struct {
	ascii    [2]uint64
	word     bool // non-ASCII letters and digits (\w in a str pattern)
	anything bool // any other character (., [^...], \S, \W, \D, escapes not understood)
}

func (c *charset) add(b byte) {
	if b < 128 {
		c.ascii[b/64] |= 1 << (b % 64)
	}
}

func (c *charset) addRange(lo, hi byte) {
	for b := int(lo); b <= int(hi) && b < 128; b++ {
		c.add(byte(b))
	}
}

func (c *charset) has(b byte) bool { return b < 128 && c.ascii[b/64]&(1<<(b%64)) != 0 }

func (c *charset) union(d charset) {
	c.ascii[0] |= d.ascii[0]
	c.ascii[1] |= d.ascii[1]
	c.word = c.word || d.word
	c.anything = c.anything || d.anything
}

// complement returns the characters c does not hold (a negated class).
func (c charset) complement() charset {
	return charset{ascii: [2]uint64{^c.ascii[0], ^c.ascii[1]}, word: true, anything: true}
}

// within reports whether every character of c is an ASCII letter, digit
// or one of extra (non-ASCII word characters are letters too).
func (c *charset) within(extra string) bool {
	if c.anything {
		return false
	}
	for b := 0; b < 128; b++ {
		if !c.has(byte(b)) {
			continue
		}
		ch := byte(b)
		if ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || strings.IndexByte(extra, ch) >= 0 {
			continue
		}
		return false
	}
	return true
}

// excludes reports whether c holds none of the characters of chars.
func (c *charset) excludes(chars string) bool {
	if c.anything {
		return false
	}
	for i := 0; i < len(chars); i++ {
		if c.has(chars[i]) {
			return false
		}
	}
	return true
}

// regex is what a pattern tells about the strings it accepts.
type regex struct {
	chars    charset // characters the pattern may match
	literal  bool    // an ASCII letter or digit outside any class or repetition-free: the value cannot be all dots
	startA   bool    // starts with ^ or \A
	endA     bool    // ends with $ or \Z
	topAlt   bool    // holds a top-level alternation (a|b): anchors bind one branch only
	verbose  bool    // (?x): white space and comments are not literal; not analysed
	parsedOK bool
}

// parseRegex analyses a Python regular expression pattern. It does not
// validate it: anything it does not understand widens the character set.
func parseRegex(p string) regex {
	var r regex
	if strings.Contains(p, "(?x") || strings.Contains(p, "(?ix") || strings.Contains(p, "(?xi") {
		r.verbose = true
		return r
	}
	r.startA = strings.HasPrefix(p, "^") || strings.HasPrefix(p, `\A`)
	r.endA = endAnchored(p)
	depth := 0
	for i := 0; i < len(p); i++ {
		ch := p[i]
		switch ch {
		case '^', '$', '*', '+', '?':
		case '|':
			if depth == 0 {
				r.topAlt = true
			}
		case ')':
			depth--
		case '(':
			depth++
			if i+1 < len(p) && p[i+1] == '?' {
				// (?:, (?P<name>, (?=, (?!, (?<=, (?<!, (?i), (?P=name), (?#...)
				j := i + 2
				switch {
				case j < len(p) && p[j] == 'P' && j+1 < len(p) && p[j+1] == '<':
					k := strings.IndexByte(p[j:], '>')
					if k < 0 {
						r.chars.anything = true
						return r
					}
					i = j + k
				case j < len(p) && (p[j] == 'P' && j+1 < len(p) && p[j+1] == '=' || p[j] == '#'):
					k := strings.IndexByte(p[j:], ')')
					if k < 0 {
						r.chars.anything = true
						return r
					}
					i = j + k
					depth--
				case j < len(p) && p[j] == '<' && j+1 < len(p) && (p[j+1] == '=' || p[j+1] == '!'):
					i = j + 1
				case j < len(p) && (p[j] == ':' || p[j] == '=' || p[j] == '!'):
					i = j
				default:
					// Inline flags (?i) or (?i:...): letters only.
					k := j
					for k < len(p) && (p[k] >= 'a' && p[k] <= 'z' || p[k] == '-') {
						k++
					}
					if k < len(p) && p[k] == ')' {
						depth--
					}
					i = k
				}
			}
		case '{':
			// A repetition {m}, {m,n}; otherwise a literal brace.
			k := i + 1
			for k < len(p) && (p[k] >= '0' && p[k] <= '9' || p[k] == ',') {
				k++
			}
			if k < len(p) && p[k] == '}' && k > i+1 {
				i = k
			} else {
				r.chars.add('{')
			}
		case '.':
			r.chars.anything = true
		case '[':
			cs, n := parseClass(p[i+1:])
			if n < 0 {
				r.chars.anything = true
				return r
			}
			r.chars.union(cs)
			i += n + 1
		case '\\':
			if i+1 >= len(p) {
				r.chars.anything = true
				return r
			}
			i++
			switch e := p[i]; {
			case e == 'A' || e == 'Z' || e == 'b' || e == 'B':
			case e >= '1' && e <= '9':
				// A backreference repeats characters counted already.
			default:
				cs, lit := escapeSet(e)
				r.chars.union(cs)
				if lit && isAlnum(e) {
					r.literal = true
				}
			}
		default:
			r.chars.add(ch)
			if isAlnum(ch) {
				r.literal = true
			}
		}
	}
	r.parsedOK = true
	return r
}

// endAnchored reports whether a pattern ends with $ or \Z that is not an
// escaped character (r"\\Z" is a backslash then Z).
func endAnchored(p string) bool {
	var rest string
	switch {
	case strings.HasSuffix(p, "$"):
		rest = p[:len(p)-1]
	case strings.HasSuffix(p, `\Z`):
		rest = p[:len(p)-1] // the backslash of \Z must itself be unescaped
		rest = rest[:len(rest)-1]
	default:
		return false
	}
	n := 0
	for n < len(rest) && rest[len(rest)-1-n] == '\\' {
		n++
	}
	return n%2 == 0
}

func isAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// escapeSet returns the characters an escape outside or inside a class
// matches, and whether it is a literal character.
func escapeSet(e byte) (charset, bool) {
	var cs charset
	switch e {
	case 'd':
		cs.addRange('0', '9')
	case 'w':
		cs.addRange('a', 'z')
		cs.addRange('A', 'Z')
		cs.addRange('0', '9')
		cs.add('_')
		cs.word = true
	case 's':
		for _, b := range []byte(" \t\n\r\f\v") {
			cs.add(b)
		}
	case 'n':
		cs.add('\n')
	case 't':
		cs.add('\t')
	case 'r':
		cs.add('\r')
	case 'D', 'W', 'S', 'x', 'u', 'U', 'N', '0':
		cs.anything = true
	default:
		if isAlnum(e) {
			cs.anything = true // an escape this parser does not know
		} else {
			cs.add(e)
			return cs, true
		}
	}
	return cs, false
}

// parseClass parses a character class after its "[": it returns the
// characters it matches and the index of its closing "]" in s, or -1.
func parseClass(s string) (charset, int) {
	var cs charset
	neg := false
	i := 0
	if i < len(s) && s[i] == '^' {
		neg = true
		i++
	}
	first := true
	prev := -1 // the previous single character, for ranges
	for ; i < len(s); i++ {
		ch := s[i]
		if ch == ']' && !first {
			if neg {
				return cs.complement(), i
			}
			return cs, i
		}
		first = false
		switch {
		case ch == '\\' && i+1 < len(s):
			i++
			e, lit := escapeSet(s[i])
			cs.union(e)
			prev = -1
			if lit {
				prev = int(s[i])
			}
		case ch == '-' && prev >= 0 && i+1 < len(s) && s[i+1] != ']':
			hi := s[i+1]
			if hi == '\\' {
				return cs, -1
			}
			cs.addRange(byte(prev), hi)
			i++
			prev = -1
		default:
			if ch >= 128 {
				cs.anything = true
			}
			cs.add(ch)
			prev = int(ch)
		}
	}
	return cs, -1
}

// kinds returns the sink kinds for which a value the pattern accepts
// whole is harmless: its characters exclude each kind's metacharacters.
func (r regex) kinds() knowledge.KindSet {
	c := &r.chars
	if !r.parsedOK {
		return 0
	}
	if c.within("_") {
		return knowledge.AllKinds // digits, identifiers
	}
	var ks []knowledge.SinkKind
	if c.within("_.:@,+") {
		ks = append(ks, knowledge.SQL) // no quote, space, parenthesis, comment or statement separator
	}
	if c.within("_.:@%+=,/") {
		ks = append(ks, knowledge.Command) // no shell metacharacter, no space, no leading dash
	}
	if c.excludes("/\\\x00") && (!c.has('.') || r.literal) {
		// No separator, and the value cannot be ".." alone.
		ks = append(ks, knowledge.Path, knowledge.UploadSave, knowledge.Archive)
	}
	if c.excludes("<>\"'&`()") {
		ks = append(ks, knowledge.HTML, knowledge.TemplateContext)
	}
	if c.excludes(":/\\@?#%") && c.excludes(" \t\r\n") {
		ks = append(ks, knowledge.Redirect, knowledge.URL)
	}
	if c.excludes("{}%") {
		ks = append(ks, knowledge.Template, knowledge.FormatString)
	}
	return knowledge.Set(ks...)
}

// wholeMatch returns the kinds a successful match of pattern p against
// the whole value makes it safe for, for the matching function fn
// ("fullmatch", "match" or "search"); ok is false when the pattern does
// not constrain the whole value (not anchored, an alternation binding
// one anchor, MULTILINE, VERBOSE).
func wholeMatch(fn, p string, multiline bool) (knowledge.KindSet, bool) {
	r := parseRegex(p)
	if r.verbose {
		return 0, false
	}
	switch fn {
	case "fullmatch":
	case "match":
		if !r.endA || r.topAlt || multiline {
			return 0, false
		}
	case "search":
		if !r.startA || !r.endA || r.topAlt || multiline {
			return 0, false
		}
	default:
		return 0, false
	}
	return r.kinds(), true
}

// negatedClassKinds returns the kinds a value is safe for after
// re.sub(p, "", value) when p is one negated class ([^a-z0-9_-]+): what
// is left holds only the class's characters.
func negatedClassKinds(p string) (knowledge.KindSet, bool) {
	p = strings.TrimRight(p, "+*")
	if !strings.HasPrefix(p, "[^") || !strings.HasSuffix(p, "]") {
		return 0, false
	}
	cs, n := parseClass(p[2:])
	if n != len(p)-3 {
		return 0, false
	}
	r := regex{chars: cs, parsedOK: true}
	return r.kinds(), true
}
