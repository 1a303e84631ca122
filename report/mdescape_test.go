package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/rules"
)

// TestMarkdownEscapes checks the escaping of text that comes from scanned
// code or messages.
func TestMarkdownEscapes(t *testing.T) {
	for _, tc := range []struct {
		in      string
		inTable bool
		want    string
	}{
		{`in the unquoted "value" attribute of <input>`, false, `in the unquoted "value" attribute of &lt;input&gt;`},
		{"Procfile starts `flask run --host 0.0.0.0`", false, "Procfile starts `flask run --host 0.0.0.0`"},
		{"a `x|y` b|c", true, "a `x\\|y` b\\|c"},
		{"**bold** [link](http://e.example) ~~s~~ _i_", false, `\*\*bold\*\* \[link\](http://e.example) \~\~s\~\~ \_i\_`},
		{"# heading", false, `\# heading`},
		{"- item", false, `\- item`},
		{"one ` tick", false, "one \\` tick"},
		{`a\*b \x1b`, false, `a\\\*b \x1b`},
		{"<script>&amp;", false, "&lt;script&gt;&amp;amp;"},
		{"bell\a", false, `bell\x07`},
	} {
		if got := mdText(tc.in, tc.inTable); got != tc.want {
			t.Errorf("mdText(%q, %v) = %q, want %q", tc.in, tc.inTable, got, tc.want)
		}
	}
	for _, tc := range []struct {
		in      string
		inTable bool
		want    string
	}{
		{"app/views.py:12", false, "`app/views.py:12`"},
		{"a`b.py", false, "``a`b.py``"},
		{"`x`", false, "`` `x` ``"},
		{"a|b.py:3", true, "`a\\|b.py:3`"},
		{"<b>.py", false, "`<b>.py`"},
		{"", false, ""},
	} {
		if got := mdCode(tc.in, tc.inTable); got != tc.want {
			t.Errorf("mdCode(%q, %v) = %q, want %q", tc.in, tc.inTable, got, tc.want)
		}
	}
}

// TestMarkdownReportEscapesTrace checks the whole report: a trace note
// and a message naming an HTML element show the element, never render it.
func TestMarkdownReportEscapesTrace(t *testing.T) {
	res := sampleResult()
	f := &res.Findings[1]
	f.Message = "{{ q }}: q is in the unquoted attribute of <input>"
	f.Trace[1].Note = "output {{ q }} in the unquoted \"value\" attribute of <input>"
	f.Trace[1].Path = "templates/<img src=x>.html"
	res.Errors[0].Message = "<img src=x onerror=alert(1)>"
	f.Related = []rules.RelatedLocation{{Path: "themes/b.html", Line: 3, Note: "same <script> here"}}
	var buf bytes.Buffer
	if err := Markdown(&buf, res, Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<input", "<img"} {
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, bad) && !strings.Contains(line, "`templates/<img src=x>.html:") {
				t.Errorf("markdown renders %s: %q", bad, line)
			}
		}
	}
	if !strings.Contains(out, "`themes/b.html:3`: same &lt;script&gt; here") {
		t.Errorf("related location not escaped:\n%s", out)
	}
	if !strings.Contains(out, `attribute of &lt;input&gt;`) {
		t.Errorf("trace note not escaped:\n%s", out)
	}
}
