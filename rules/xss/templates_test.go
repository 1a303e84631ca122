package xss

import (
	"strings"
	"testing"

	"github.com/flasksec/flasksec/jinja"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/rules/rulestest"
)

func TestTemplateFixtures(t *testing.T) {
	for _, dir := range []string{
		"tmpl_safe",
		"tmpl_contexts",
		"tmpl_autoescape",
		"tmpl_two_views",
		"tmpl_inherit",
		"tmpl_negative",
		"tmpl_env_off",
		"tmpl_app_autoescape_off",
		"tmpl_stress",
		"tmpl_helper",
		"tmpl_extensions",
		"tmpl_realistic",
		"tmpl_locals",
		"tmpl_ctxdict",
		"tmpl_stored",          // number columns; sanitise on write (bleach before the ORM write)
		"tmpl_precision",       // issue 11: server-controlled values, app-rendered HTML, text regions
		"tmpl_class_links",     // obj.url: the receiver-named class's url_for property, not another class's self.url
		"tmpl_constant_markup", // Markup of constants from a context processor is safe; of request data, not
	} {
		t.Run(dir, func(t *testing.T) {
			for _, f := range rulestest.Run(t, "testdata/"+dir, Rule) {
				t.Logf("%s:%d:%d %s: %s", f.Location.Path, f.Location.StartLine, f.Location.StartCol, f.Confidence, f.Message)
				for _, st := range f.Trace {
					t.Logf("    %s:%d:%d %s", st.Path, st.Line, st.Col, st.Note)
				}
			}
		})
	}
}

// TestTemplateDiagnose checks the escaping/context decision table on
// single expressions: the template is "<prefix>{{ expr }}<suffix>", its
// one output is diagnosed with autoescape on (or off), and the problem's
// reason must contain want ("" for no problem).
func TestTemplateDiagnose(t *testing.T) {
	tests := []struct {
		prefix, expr, suffix string
		escOff               bool
		want                 string
	}{
		{"<p>", "x", "</p>", false, ""},
		{"<p>", "x", "</p>", true, "is not escaped"},
		{"<p>", "x|safe", "</p>", false, "marked safe with |safe"},
		{"<p>", "x|unknown_filter|safe", "</p>", false, "marked safe with |safe"},
		{"<p>", "x|e|safe", "</p>", false, ""},
		{"<p>", "x|safe|e", "</p>", false, "marked safe"},
		{"<p>", "x|forceescape", "</p>", true, ""},
		{"<p>", "x|tojson", "</p>", false, ""},
		{"<p>", "x|striptags|safe", "</p>", false, "marked safe"},
		{"<p>", "Markup(x)", "</p>", false, "Markup()"},
		{"<p>", "'<b>'|safe", "</p>", false, ""},
		{"<p>", "x|int|safe", "</p>", false, ""},
		{"<p>", "'a' if c else x|safe", "</p>", false, "marked safe"},
		{"<p>", "c and x|safe", "</p>", false, "marked safe"},
		{"<p>", "x|safe and 'y'", "</p>", false, ""},
		{`<input value=`, "x", ">", false, "unquoted"},
		{`<input value=`, "x|e", ">", false, "unquoted"},
		{`<input value=`, "x|urlencode", ">", false, ""},
		{`<input value=`, "x|length", ">", false, ""},
		{`<input value="`, "x", `">`, false, ""},
		{`<input value="`, "x|safe", `">`, false, "marked safe"},
		{`<div `, "x", ">", false, "inside a tag"},
		{`<div `, "x|xmlattr", ">", false, ""},
		{`<a href="`, "x", `">`, false, "starts the URL"},
		{`<a href="/p/`, "x", `">`, false, ""},
		{`<a href="`, "url_for('a')", `">`, false, ""},
		{`<a href="`, "url_for(endpoint, **params)", `">`, false, ""},
		{`<a href=`, "url_for(endpoint, **params)", `>`, false, ""},
		{`<a href="`, "x|urlencode", `">`, false, ""},
		{`<img src="`, "x", `">`, false, ""},
		{`<iframe src="`, "x", `">`, false, "starts the URL"},
		{`<link href="`, "x", `">`, false, ""},
		{`<a onclick="f(`, "x", `)">`, false, "without |tojson"},
		{`<a onclick="f(`, "x|tojson", `)">`, false, "double quotes"},
		{`<a onclick='f(`, "x|tojson", `)'>`, false, ""},
		{`<a href="javascript:f(`, "x", `)">`, false, "without |tojson"},
		{`<div data-x="`, "x|tojson", `">`, false, "double quotes"},
		{`<div data-x='`, "x|tojson", `'>`, false, ""},
		{`<iframe srcdoc="`, "x", `">`, false, "srcdoc"},
		{"<script>var a = ", "x", ";</script>", false, "without |tojson"},
		{"<script>var a = '", "x|e", "';</script>", false, "without |tojson"},
		{"<script>var a = ", "x|tojson", ";</script>", false, ""},
		{"<script>var a = \"", "x|urlencode", "\";</script>", false, ""},
		{`<a onclick="go('`, "x|urlencode", `')">`, false, ""},
		{"<div ", "x|html_params", ">", false, ""},
		{"<div ", "html_params(**x)", ">", false, ""},
		{"<div ", "x|upper", ">", false, "inside a tag"},
		{"<script>var a = ", "x|tojson|safe", ";</script>", false, ""},
		{"<script>var a = ", "x|safe", ";</script>", false, "</script>"},
		{`<script type="application/json">`, "x", "</script>", false, ""},
		{`<script type="application/json">`, "x|safe", "</script>", false, "</script>"},
		{`<script type="text/x-template">`, "x", "</script>", false, ""},
		{"<style>", "x", "</style>", false, ""},
		{"<style>", "x|safe", "</style>", false, "marked safe"},
		{"<!-- ", "x", " -->", false, ""},
		{"<textarea>", "x", "</textarea>", false, ""},
		{"<title>", "x|safe", "</title>", false, "marked safe"},
	}
	for _, tt := range tests {
		src := tt.prefix + "{{ " + tt.expr + " }}" + tt.suffix
		tmpl, errs := jinja.Parse(src)
		if len(errs) > 0 {
			t.Errorf("%s: %v", src, errs)
			continue
		}
		info := jinja.AnalyzeHTML(tmpl)
		if len(info.Outputs) != 1 {
			t.Fatalf("%s: %d outputs", src, len(info.Outputs))
		}
		out := info.Outputs[0]
		a := &tmplChecker{}
		esc := escapeMode{on: !tt.escOff, why: "test"}
		var reasons []string
		for _, p := range a.parts(out.Output.X, nil, 0) {
			if prob := diagnose(p, out.Context, esc); prob != nil {
				reasons = append(reasons, prob.reason)
			}
		}
		got := strings.Join(reasons, " | ")
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("%s: problems %q, want %q", src, got, tt.want)
		}
	}
}

// TestHeaderSeverity checks that request headers echoed into HTML are
// reported at Low severity with the reason in the message (a browser
// attacker cannot set them cross-site), while query parameters keep the
// rule's High severity.
func TestHeaderSeverity(t *testing.T) {
	want := map[int]rules.Severity{1: rules.Low, 2: rules.Low, 3: rules.High}
	seen := 0
	for _, f := range rulestest.Run(t, "testdata/tmpl_precision", Rule) {
		if f.Location.Path != "templates/headers.html" {
			continue
		}
		seen++
		if f.Severity != want[f.Location.StartLine] {
			t.Errorf("line %d: severity %v, want %v", f.Location.StartLine, f.Severity, want[f.Location.StartLine])
		}
		if f.Severity == rules.Low && !strings.Contains(f.Message, "cannot set on a victim's cross-site request") {
			t.Errorf("line %d: message does not say why the severity is Low: %s", f.Location.StartLine, f.Message)
		}
	}
	if seen != len(want) {
		t.Errorf("%d findings in headers.html, want %d", seen, len(want))
	}
}

// TestQuotedJS checks the detection of a value inside a quoted
// JavaScript string literal on its line.
func TestQuotedJS(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{`var a = "{{ x }}";`, true},
		{`var a = 'pre {{ x }} post';`, true},
		{`var a = "{{ y }}" + "{{ x }}";`, true},
		{`var a = "it's {{ x }}";`, true},
		{`var a = "\\" + {{ x }} + "";`, false},
		{`var a = {{ x }};`, false},
		{"var a = `{{ x }}`;", false},
		{`f("a", {{ x }}, "b");`, false},
		{`var a = "{{ x }};`, false},
		{`// "{{ x }}"`, false},
		{`var a = "{% if y %}1{% endif %}{{ x }}";`, true},
	}
	for _, tt := range tests {
		src := []byte("<script>\n" + tt.line + "\n</script>")
		start := strings.Index(string(src), "{{ x }}")
		if got := quotedJS(src, start, start+len("{{ x }}")); got != tt.want {
			t.Errorf("%s: quotedJS = %v, want %v", tt.line, got, tt.want)
		}
	}
}
