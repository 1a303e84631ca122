package jinja

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var fuzzSeeds = []string{
	"",
	"<p>{{ x|safe }}</p>",
	"{% for a, b in items if a recursive %}{{ loop.index }}{% else %}none{% endfor %}",
	"{% set x %}{{ y }}{% endset %}{% set ns.a = 1 %}",
	"{% macro m(a, b=1) %}{{ caller() }}{% endmacro %}{% call(x) m(1) %}{{ x }}{% endcall %}",
	"{% from 'a.html' import b as c, d with context %}{% import 'x' as y %}{% include ['a', 'b'] ignore missing without context %}",
	"{%- if a -%} x {%+ elif b +%} y {% else %}{% endif %}",
	"{% raw %}{{ not parsed }}{% endraw %}{# c #}",
	"<a href='{{ u }}' onclick=\"f({{ d|tojson }})\"><script>var a = {{ a }};</script>",
	"{{ {'a': {'b': 1}} }} {{ f(1 }} {{ 'unterminated",
	"{% if %}{% endfor %}{% endif %}{% block %}",
	"{{ a is not divisibleby 3 and b[1:2:3] ~ c // 2 ** -d }}",
	"<!-- {{ x }} --><textarea>{{ y }}</textarea><style>{{ z }}</style>",
}

// FuzzLex checks that the lexer never panics, ends with EOF and emits
// tokens in order inside the source.
func FuzzLex(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		toks, _ := Lex(src)
		if len(toks) == 0 || toks[len(toks)-1].Kind != TokEOF {
			t.Fatalf("token stream does not end with EOF")
		}
		prev := 0
		for _, tok := range toks {
			if int(tok.Pos.Offset) < prev || tok.End.Offset < tok.Pos.Offset || int(tok.End.Offset) > len(src) {
				t.Fatalf("token %v at %d..%d out of order (prev end %d, len %d)", tok, tok.Pos.Offset, tok.End.Offset, prev, len(src))
			}
			prev = int(tok.End.Offset)
		}
	})
}

// FuzzParse checks that the parser and the HTML analysis never panic and
// that every node's range is ordered and inside the source.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		tmpl, _ := Parse(src)
		if err := checkRanges(tmpl, len(src)); err != "" {
			t.Fatal(err)
		}
		Inspect(tmpl, func(n Node) bool {
			if x, ok := n.(Expr); ok {
				_ = ExprString(x)
			}
			return true
		})
		AnalyzeHTML(tmpl)
	})
}

func TestDeepNesting(t *testing.T) {
	for _, src := range []string{
		"{{ " + strings.Repeat("(", 10000) + "x" + strings.Repeat(")", 10000) + " }}",
		"{{ " + strings.Repeat("-", 10000) + "x }}",
		"{{ " + strings.Repeat("not ", 10000) + "x }}",
		"{{ " + strings.Repeat("[", 5000) + " }}",
		strings.Repeat("{% if x %}", 5000),
		"{{ x" + strings.Repeat("|f", 10000) + " }}",
	} {
		_, errs := Parse(src)
		if len(errs) == 0 {
			t.Errorf("deeply nested input (%d bytes) parsed without error", len(src))
		}
	}
}

// benchCorpus generates n templates of a typical Flask app's shape.
func benchCorpus(n int) []string {
	var out []string
	for i := 0; i < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "{%% extends \"base.html\" %%}\n{%% from \"macros.html\" import field %%}\n{%% block title %%}Page %d{%% endblock %%}\n{%% block content %%}\n", i)
		for j := 0; j < 20; j++ {
			fmt.Fprintf(&b, "<div class=\"row-%d\" data-id='{{ item%d.id }}'>\n", j, j)
			fmt.Fprintf(&b, "  {%% if user.is_authenticated and item%d.owner == user.id %%}\n", j)
			fmt.Fprintf(&b, "    <a href=\"{{ url_for('item.edit', id=item%d.id) }}\" class=\"btn\">{{ _('Edit') }}</a>\n", j)
			b.WriteString("  {% else %}\n    <span>{{ item.title|default('untitled')|truncate(40) }}</span>\n  {% endif %}\n")
			b.WriteString("  {% for tag in item.tags if tag.visible %}<li>{{ loop.index }}: {{ tag.name|e }}</li>{% else %}<li>none</li>{% endfor %}\n")
			b.WriteString("  {# a comment about the row #}\n</div>\n")
		}
		b.WriteString("<script>var data = {{ payload|tojson }};</script>\n{% endblock %}\n")
		out = append(out, b.String())
	}
	return out
}

// BenchmarkParseTemplates measures lexing, parsing and HTML context
// analysis throughput over a generated corpus.
func BenchmarkParseTemplates(b *testing.B) {
	corpus := benchCorpus(100)
	size, lines := 0, 0
	for _, s := range corpus {
		size += len(s)
		lines += strings.Count(s, "\n")
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, s := range corpus {
			tmpl, errs := Parse(s)
			if len(errs) > 0 {
				b.Fatal(errs)
			}
			AnalyzeHTML(tmpl)
		}
	}
	b.ReportMetric(float64(len(corpus)), "templates/op")
	b.ReportMetric(float64(lines), "lines/op")
}

// children returns the direct children of n, in Inspect's order.
func children(n Node) []Node {
	var out []Node
	Inspect(n, func(c Node) bool {
		if c == n {
			return true
		}
		out = append(out, c)
		return false
	})
	return out
}

// checkRanges checks the structural invariants of a tree: every range
// is ordered and inside the source, and every child lies inside its
// parent (Ruff's parser tests check the same). It returns a description
// of the first violation, or "".
func checkRanges(root Node, size int) string {
	var msg string
	var walk func(n Node, depth int)
	walk = func(n Node, depth int) {
		if msg != "" || depth > 10*MaxDepth {
			return
		}
		if n.End().Offset < n.Pos().Offset || int(n.End().Offset) > size {
			msg = fmt.Sprintf("%T range %v..%v invalid (len %d)", n, n.Pos(), n.End(), size)
			return
		}
		for _, c := range children(n) {
			if c.Pos().Offset < n.Pos().Offset || c.End().Offset > n.End().Offset {
				msg = fmt.Sprintf("%T %v..%v outside its parent %T %v..%v", c, c.Pos(), c.End(), n, n.Pos(), n.End())
				return
			}
			walk(c, depth+1)
		}
	}
	walk(root, 0)
	return msg
}

// TestRangesNested checks the range invariants on the fuzz seeds and on
// every template fixture of the repository's rules.
func TestRangesNested(t *testing.T) {
	srcs := append([]string(nil), fuzzSeeds...)
	srcs = append(srcs, benchCorpus(2)...)
	var files []string
	for _, root := range []string{"../rules", "../examples"} {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".html") || strings.HasSuffix(path, ".j2") ||
				strings.HasSuffix(path, ".txt") && strings.Contains(path, "/templates/")) {
				files = append(files, path)
			}
			return nil
		})
	}
	if len(files) == 0 {
		t.Fatal("no template fixtures found under ../rules and ../examples")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, string(b))
	}
	for _, src := range srcs {
		tmpl, _ := Parse(src)
		if err := checkRanges(tmpl, len(src)); err != "" {
			t.Errorf("%q: %s", src, err)
		}
	}
}
