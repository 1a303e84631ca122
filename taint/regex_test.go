package taint

import (
	"testing"

	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/python/ast"
)

func TestWholeMatch(t *testing.T) {
	K := knowledge.Set
	tests := []struct {
		fn, pattern string
		multiline   bool
		want        knowledge.KindSet
		ok          bool
	}{
		{"fullmatch", `[0-9]+`, false, knowledge.AllKinds, true},
		{"fullmatch", `\d{1,6}`, false, knowledge.AllKinds, true},
		{"match", `^[A-Za-z_][A-Za-z0-9_]*$`, false, knowledge.AllKinds, true},
		{"match", `\w+\Z`, false, knowledge.AllKinds, true},
		{"search", `^\d+$`, false, knowledge.AllKinds, true},
		// An IP address: safe for SQL, commands and HTML; digits and dots
		// without a literal letter are not proven to differ from ".." (a
		// conservative answer for paths).
		{"fullmatch", `(\d{1,3}\.){3}\d{1,3}`, false,
			K(knowledge.SQL, knowledge.Command, knowledge.HTML, knowledge.TemplateContext, knowledge.Redirect,
				knowledge.URL, knowledge.Template, knowledge.FormatString), true},
		// A file name with a fixed extension: no separator, cannot be "..".
		{"match", `^[a-z0-9-]+\.svg$`, false,
			K(knowledge.Path, knowledge.UploadSave, knowledge.Archive, knowledge.HTML, knowledge.TemplateContext,
				knowledge.Redirect, knowledge.URL, knowledge.Template, knowledge.FormatString), true},
		// Dots alone may make "..": not a path; a dash may start an option
		// or a SQL comment.
		{"fullmatch", `[\w.-]+`, false,
			K(knowledge.HTML, knowledge.TemplateContext, knowledge.Redirect, knowledge.URL,
				knowledge.Template, knowledge.FormatString), true},
		// Anything goes: no kind.
		{"fullmatch", `.*`, false, 0, true},
		{"fullmatch", `[^/]+`, false, 0, true},
		{"fullmatch", `\S+`, false, 0, true},
		{"fullmatch", `[a-z ']+`, false, K(knowledge.Path, knowledge.UploadSave, knowledge.Archive,
			knowledge.Template, knowledge.FormatString), true},
		// Not anchored, or anchored on one branch only.
		{"match", `[a-z]+`, false, 0, false},
		{"match", `^[a-z]+`, false, 0, false},
		{"search", `[0-9]+$`, false, 0, false},
		{"match", `[0-9]+|x$`, false, 0, false},
		{"match", `^\d+$`, true, 0, false},
		{"match", `[a-z]+\\Z`, false, 0, false}, // a backslash then Z
		{"match", `[a-z]+\$`, false, 0, false},
		{"fullmatch", `(?x) [a-z]+ # name`, false, 0, false},
		// Groups, named groups and inline flags are understood.
		{"fullmatch", `(?i)(?P<id>[a-z0-9]{8})(?:_[0-9]+)?`, false, knowledge.AllKinds, true},
	}
	for _, tt := range tests {
		got, ok := wholeMatch(tt.fn, tt.pattern, tt.multiline)
		if ok != tt.ok || got != tt.want {
			t.Errorf("wholeMatch(%s, %q, %v) = %v, %v; want %v, %v", tt.fn, tt.pattern, tt.multiline, got, ok, tt.want, tt.ok)
		}
	}
}

func TestNegatedClassKinds(t *testing.T) {
	tests := []struct {
		pattern string
		want    knowledge.KindSet
		ok      bool
	}{
		{`[^a-z0-9_]+`, knowledge.AllKinds, true},
		{`[^a-z0-9_-]+`, knowledge.Set(knowledge.Path, knowledge.UploadSave, knowledge.Archive, knowledge.HTML,
			knowledge.TemplateContext, knowledge.Redirect, knowledge.URL, knowledge.Template, knowledge.FormatString), true},
		{`[^\w./]`, knowledge.Set(knowledge.Command, knowledge.HTML, knowledge.TemplateContext, knowledge.Template,
			knowledge.FormatString), true},
		{`[a-z]+`, 0, false},
		{`[^a-z]+x`, 0, false},
	}
	for _, tt := range tests {
		got, ok := negatedClassKinds(tt.pattern)
		if ok != tt.ok || got != tt.want {
			t.Errorf("negatedClassKinds(%q) = %v, %v; want %v, %v", tt.pattern, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRemovesSlash(t *testing.T) {
	str := func(s string) ast.Expr { return &ast.Constant{Value: ast.StrValue(s)} }
	tests := []struct {
		old, repl string
		want      bool
	}{
		{"/", "_", true},
		{`[\\/:]+`, "-", true},
		{`[:*?]`, "_", false},
		{"/", "//", false},
		{`[^/]`, "", false},
		{"\\", "_", false},
	}
	for _, tt := range tests {
		if got := removesSlash(str(tt.old), str(tt.repl)); got != tt.want {
			t.Errorf("removesSlash(%q, %q) = %v, want %v", tt.old, tt.repl, got, tt.want)
		}
	}
	if removesSlash(&ast.Name{ID: "SEP"}, str("_")) {
		t.Error("a computed pattern counts as removing /")
	}
}
