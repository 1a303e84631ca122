package jinja

import (
	"fmt"
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

// shape renders a body as a compact string of statement kinds, for
// table tests: "If[Text|For[Output]]".
func shape(body []Stmt) string {
	var parts []string
	for _, s := range body {
		switch s := s.(type) {
		case *TextStmt:
			if s.Raw {
				parts = append(parts, "Raw")
			} else {
				parts = append(parts, "Text")
			}
		case *Output:
			parts = append(parts, "Output("+ExprString(s.X)+")")
		case *CommentStmt:
			parts = append(parts, "Comment")
		case *If:
			p := "If(" + ExprString(s.Cond) + ")[" + shape(s.Body) + "]"
			if s.Else != nil {
				p += "Else[" + shape(s.Else) + "]"
			}
			parts = append(parts, p)
		case *For:
			p := "For(" + ExprString(s.Target) + " in " + ExprString(s.Iter)
			if s.Filter != nil {
				p += " if " + ExprString(s.Filter)
			}
			if s.Recursive {
				p += " recursive"
			}
			p += ")[" + shape(s.Body) + "]"
			if s.Else != nil {
				p += "Else[" + shape(s.Else) + "]"
			}
			parts = append(parts, p)
		case *Set:
			if s.Value != nil {
				parts = append(parts, "Set("+ExprString(s.Target)+"="+ExprString(s.Value)+")")
			} else {
				f := ""
				if s.Filter != nil {
					f = ExprString(s.Filter)
				}
				parts = append(parts, "SetBlock("+ExprString(s.Target)+f+")["+shape(s.Body)+"]")
			}
		case *With:
			var ts []string
			for i := range s.Targets {
				ts = append(ts, ExprString(s.Targets[i])+"="+ExprString(s.Values[i]))
			}
			parts = append(parts, "With("+strings.Join(ts, ",")+")["+shape(s.Body)+"]")
		case *Block:
			p := "Block(" + s.Name
			if s.Scoped {
				p += " scoped"
			}
			if s.Required {
				p += " required"
			}
			parts = append(parts, p+")["+shape(s.Body)+"]")
		case *Extends:
			parts = append(parts, "Extends("+ExprString(s.Template)+")")
		case *Include:
			p := "Include(" + ExprString(s.Template)
			if s.IgnoreMissing {
				p += " ignore missing"
			}
			if !s.WithContext {
				p += " without context"
			}
			parts = append(parts, p+")")
		case *Import:
			parts = append(parts, "Import("+ExprString(s.Template)+" as "+s.Target+")")
		case *FromImport:
			var ns []string
			for _, n := range s.Names {
				if n.Alias != "" {
					ns = append(ns, n.Name+" as "+n.Alias)
				} else {
					ns = append(ns, n.Name)
				}
			}
			p := "From(" + ExprString(s.Template) + " import " + strings.Join(ns, ",")
			if s.WithContext {
				p += " with context"
			}
			parts = append(parts, p+")")
		case *Macro:
			var ps []string
			for _, p := range s.Params {
				if p.Default != nil {
					ps = append(ps, p.Name+"="+ExprString(p.Default))
				} else {
					ps = append(ps, p.Name)
				}
			}
			parts = append(parts, "Macro("+s.Name+"("+strings.Join(ps, ",")+"))["+shape(s.Body)+"]")
		case *CallBlock:
			var ps []string
			for _, p := range s.Params {
				ps = append(ps, p.Name)
			}
			parts = append(parts, "Call(("+strings.Join(ps, ",")+") "+ExprString(s.Call)+")["+shape(s.Body)+"]")
		case *FilterBlock:
			parts = append(parts, "Filter("+ExprString(s.Filter)+")["+shape(s.Body)+"]")
		case *Autoescape:
			parts = append(parts, "Autoescape("+ExprString(s.Value)+")["+shape(s.Body)+"]")
		case *ExprStmt:
			var xs []string
			for _, x := range s.Exprs {
				xs = append(xs, ExprString(x))
			}
			parts = append(parts, s.Tag+"("+strings.Join(xs, ",")+")")
		}
	}
	return strings.Join(parts, "|")
}

func TestParseStatements(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a{{ x }}b", "Text|Output(x)|Text"},
		{"{# c #}", "Comment"},
		{"{% if a %}1{% elif b %}2{% else %}3{% endif %}", "If(a)[Text]Else[If(b)[Text]Else[Text]]"},
		{"{% for u in users if not u.hidden recursive %}{{ u }}{% else %}none{% endfor %}",
			"For(u in users if (not u.hidden) recursive)[Output(u)]Else[Text]"},
		{"{% for k, v in d.items() %}{% break %}{% continue %}{% endfor %}", "For((k, v) in d.items())[break()|continue()]"},
		{"{% set a, b = 1, 2 %}", "Set((a, b)=(1, 2))"},
		{"{% set ns.found = true %}", "Set(ns.found=true)"},
		{"{% set x | upper %}hi{% endset %}", "SetBlock(x|upper)[Text]"},
		{"{% set nav = [('i.html', 'Index')] %}", "Set(nav=[('i.html', 'Index')])"},
		{"{% with a = 1, b = c %}{{ a }}{% endwith %}", "With(a=1,b=c)[Output(a)]"},
		{"{% block body scoped required %}{% endblock body %}", "Block(body scoped required)[]"},
		{"{% extends layout if layout is defined else 'base.html' %}", "Extends((layout if layout is defined else 'base.html'))"},
		{"{% include ['a.html', 'b.html'] ignore missing without context %}", "Include(['a.html', 'b.html'] ignore missing without context)"},
		{"{% import 'forms.html' as forms %}", "Import('forms.html' as forms)"},
		{"{% from 'forms.html' import input as field, textarea with context %}", "From('forms.html' import input as field,textarea with context)"},
		{"{% from 'f.html' import a, %}", "From('f.html' import a)"},
		{"{% macro input(name, value='', size=20) -%}<input>{%- endmacro %}", "Macro(input(name,value='',size=20))[Text]"},
		{"{% call(user) dump(users) %}{{ user }}{% endcall %}", "Call((user) dump(users))[Output(user)]"},
		{"{% filter upper|trim %}x{% endfilter %}", "Filter(|upper|trim)[Text]"},
		{"{% autoescape false %}{{ x }}{% endautoescape %}", "Autoescape(false)[Output(x)]"},
		{"{% raw %}{{ x }}{% endraw %}", "Raw"},
		{"{%- raw -%} {% if %} {%- endraw -%}", "Raw"},
		{"{% do items.append(1) %}{% print x %}", "do(items.append(1))|print(x)"},
		{"{% trans count=n %}{{ n }} item{% pluralize %}{{ n }} items{% endtrans %}", "trans()|Output(n)|Text|pluralize()|Output(n)|Text|endtrans()"},
		{"{{- x -}}{%+ if y +%}{%- endif -%}", "Output(x)|If(y)[]"},
		{"{{ super() }}{{ self.title() }}{{ caller() }}", "Output(super())|Output(self.title())|Output(caller())"},
		{"{{ {'a': {'b': 1}} }}", "Output({'a': {'b': 1}})"},
		{"{% with %}x{% endwith %}", "With()[Text]"},
	}
	for _, tt := range tests {
		tmpl, errs := Parse(tt.src)
		if len(errs) > 0 {
			t.Errorf("Parse(%q): %v", tt.src, errs)
			continue
		}
		if got := shape(tmpl.Body); got != tt.want {
			t.Errorf("Parse(%q)\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

// TestPositions checks node positions (1-based line:col) in a template.
func TestPositions(t *testing.T) {
	src := "<p>\n  {{ user.name|e }}\n{% if x %}\n\t{{ y }}{% endif %}\n"
	tmpl, errs := Parse(src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	Inspect(tmpl, func(n Node) bool {
		switch n := n.(type) {
		case *Output, *If, *Name, *Getattr, *Filter:
			got = append(got, strings.TrimPrefix(fmt.Sprintf("%T", n), "*jinja.")+"@"+n.Pos().String()+"-"+n.End().String())
		}
		return true
	})
	want := "Output@2:3-2:20 Filter@2:6-2:17 Getattr@2:6-2:15 Name@2:6-2:10 If@3:1-4:20 Name@3:7-3:8 Output@4:2-4:9 Name@4:5-4:6"
	if strings.Join(got, " ") != want {
		t.Errorf("positions\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}

func TestLineEndings(t *testing.T) {
	for _, src := range []string{"a\r\n{{ x }}\r\n{{ y }}", "a\n{{ x }}\n{{ y }}", "a\r{{ x }}\r{{ y }}"} {
		tmpl, errs := Parse(src)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		var got []string
		for _, o := range AnalyzeHTML(tmpl).Outputs {
			got = append(got, o.Output.Pos().String())
		}
		if strings.Join(got, " ") != "2:1 3:1" {
			t.Errorf("%q: outputs at %v, want 2:1 3:1", src, got)
		}
	}
}
