package jinja

import (
	"regexp"
	"strings"
	"testing"
)

func TestParseExpr(t *testing.T) {
	tests := []struct{ src, want string }{
		{"x", "x"},
		{"user.name", "user.name"},
		{"a[0]", "a[0]"},
		{"a.0", "a[0]"},
		{"a[1:2]", "a[1:2]"},
		{"a[::2]", "a[::2]"},
		{"f(1, b=2, *c, **d)", "f(1, b=2, *c, **d)"},
		{"x|safe", "x|safe"},
		{"x|default('a')|e", "x|default('a')|e"},
		{"x|my.filter(1)", "x|my.filter(1)"},
		{"x is defined", "x is defined"},
		{"x is not divisibleby 3", "x is not divisibleby(3)"},
		{"x is sameas(none)", "x is sameas(none)"},
		{"1 + 2 * 3", "(1 + (2 * 3))"},
		{"2 ** 3 ** 2", "((2 ** 3) ** 2)"},
		{"a ~ b ~ c", "((a ~ b) ~ c)"},
		{"'a' 'b'", "'ab'"},
		{"-x|abs", "(-x)|abs"},
		{"not a and b or c", "(((not a) and b) or c)"},
		{"a if b else c", "(a if b else c)"},
		{"a if b", "(a if b)"},
		{"a < b <= c", "(a < b <= c)"},
		{"a not in b", "(a not in b)"},
		{"a in b", "(a in b)"},
		{"[1, 'x', none, true]", "[1, 'x', none, true]"},
		{"{'a': 1, b: [2]}", "{'a': 1, b: [2]}"},
		{"(1,)", "(1,)"},
		{"(1, 2)", "(1, 2)"},
		{"()", "()"},
		{"a, b", "(a, b)"},
		{"True", "true"},
		{"1.5e3", "1.5e3"},
		{"0x1F", "0x1F"},
		{"x // 2 % 3", "((x // 2) % 3)"},
		{"url_for('static', filename='a.css')", "url_for('static', filename='a.css')"},
		{"'it\\'s'", "'it\\'s'"},
		{"x|join(', ')|safe", "x|join(', ')|safe"},
		{"x.y(1)|f", "x.y(1)|f"},
		{"(a|f)(1)", "a|f(1)"},
		{"foo.bar[baz]().qux", "foo.bar[baz]().qux"},
	}
	for _, tt := range tests {
		x, errs := ParseExpr(tt.src)
		if len(errs) > 0 {
			t.Errorf("ParseExpr(%q): %v", tt.src, errs)
			continue
		}
		if got := ExprString(x); got != tt.want {
			t.Errorf("ParseExpr(%q) = %s, want %s", tt.src, got, tt.want)
		}
	}
}

// TestParseErrors checks that each invalid template reports an error at
// the position marked by ^ in the table (line:col, 1-based column) with
// a message matching the pattern.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		src, pos, msg string
	}{
		{"{{ }}", "1:4", "expected an expression"},
		{"{{ x + }}", "1:8", "unexpected '}}'"},
		{"{{ x", "1:1", "unclosed tag"},
		{"{% if x %}a", "1:1", `unclosed \{% if %\}: missing \{% endif %\}`},
		{"a\n{% endif %}", "2:4", `unexpected \{% endif %\}`},
		{"{% for x in %}{% endfor %}", "1:13", "expected an expression"},
		{"{% for x y %}{% endfor %}", "1:10", "expected 'in'"},
		{"{# open", "1:1", "unclosed comment"},
		{"{% raw %}x", "1:1", "unclosed .* raw"},
		{"{{ 'abc }}", "1:4", "unterminated string"},
		{"{{ a.  }}", "1:8", "expected an attribute name"},
		{"{{ f(1 }}", "1:8", `unbalanced brackets`},
		{"{{ f(1 }} {{ y }}", "1:8", `unbalanced brackets`},
		{"{% set 1 = 2 %}", "1:8", "cannot assign"},
		{"{{ x $ y }}", "1:6", "unexpected character"},
		{"{% block a %}{% endblock b %}", "1:26", "closes"},
		{"{% macro m %}{% endmacro %}", "1:12", `expected '\('`},
		{"{% if a %}{% for x in y %}{% endif %}", "1:11", `unclosed \{% for %\}`},
		{"{% %}", "1:4", "expected a tag name"},
		{"{{ a is b is c }}", "1:11", "cannot chain"},
	}
	for _, tt := range tests {
		_, errs := Parse(tt.src)
		if len(errs) == 0 {
			t.Errorf("Parse(%q): no error, want %s at %s", tt.src, tt.msg, tt.pos)
			continue
		}
		found := false
		for _, e := range errs {
			if e.Pos.String() == tt.pos && regexp.MustCompile(tt.msg).MatchString(e.Msg) {
				found = true
			}
		}
		if !found {
			t.Errorf("Parse(%q): errors %v, want %q at %s", tt.src, errs, tt.msg, tt.pos)
		}
	}
}

// TestParseRecovers checks that the parser goes on after an error and
// still finds the outputs that follow.
func TestParseRecovers(t *testing.T) {
	src := "{{ a + }}\n{% if %}\n{{ b }}\n{% endif %}\n{% for %}{% endfor %}\n{{ c|safe }}\n"
	tmpl, errs := Parse(src)
	if len(errs) < 3 {
		t.Errorf("got %d errors, want at least 3: %v", len(errs), errs)
	}
	var outs []string
	Inspect(tmpl, func(n Node) bool {
		if o, ok := n.(*Output); ok {
			outs = append(outs, ExprString(o.X)+"@"+o.Pos().String())
		}
		return true
	})
	got := strings.Join(outs, " ")
	if !strings.Contains(got, "b@3:1") || !strings.Contains(got, "c|safe@6:1") {
		t.Errorf("outputs after errors = %s, want b@3:1 and c|safe@6:1", got)
	}
}
