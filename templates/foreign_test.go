package templates

import (
	"strings"
	"testing"
)

// TestForeignTemplates checks that .html files of other template
// languages are listed as skipped with the reason instead of reporting
// Jinja syntax errors, while a Jinja template with a real syntax error
// (or a foreign-looking file that parses) keeps its errors and analysis.
func TestForeignTemplates(t *testing.T) {
	p := newProject(t, map[string]string{
		"app/templates/mail.html":      "<p>{{#items}}<b>{{name}}</b>{{/items}}</p>",
		"app/templates/triple.html":    "<span class=\"{{{STATUS}}}\">{{STATUS}}</span>{% if %}",
		"app/templates/ng.html":        "<li ng-repeat=\"x in xs\">{{ x.when | date:'short' }}</li>",
		"app/templates/vue.html":       "<div v-if=\"ok\">{{ a ? b : c }}</div>",
		"app/templates/jsexpr.html":    "<div>{{ user().name || \"-\" }}</div>",
		"app/templates/ng2.html":       "<div *ngIf=\"task\">{{ task?.name }}</div>",
		"app/templates/ng17.html":      "<ul>\n  @if (items.length) {\n  <li (click)=\"pick()\">{{ items[0]?.id }}</li>\n  }\n</ul>",
		"app/static/app/panel.html":    "<p>{{ $ctrl.name }}</p>",
		"app/templates/broken.html":    "<p>{{ user.name }</p>",
		"app/templates/ng_parses.html": "<li ng-repeat=\"x in xs\">{{ x }}</li>",
		"app/templates/static_ok.html": "<p>{{ x }}</p>",
		"app/static/notes/readme.html": "<p>{{ x }}</p>",
	})
	m := Of(p)
	tests := []struct {
		path    string
		foreign string // substring of the reason; "" for a Jinja template
		errors  bool
	}{
		{"app/templates/mail.html", "Mustache", false},
		{"app/templates/triple.html", "Mustache", false},
		{"app/templates/ng.html", "AngularJS", false},
		{"app/templates/vue.html", "Vue", false},
		{"app/templates/ng2.html", "Angular template", false},
		{"app/templates/ng17.html", "Angular template", false},
		{"app/templates/jsexpr.html", "JavaScript", false},
		{"app/static/app/panel.html", "static/", false},
		{"app/templates/broken.html", "", true},
		{"app/templates/ng_parses.html", "", false},
		{"app/templates/static_ok.html", "", false},
		{"app/static/notes/readme.html", "", false},
	}
	skipped := map[string]string{}
	for _, s := range m.Skipped() {
		skipped[s.Path] = s.Reason
	}
	errs := map[string]bool{}
	for _, e := range m.SyntaxErrors() {
		errs[e.Path] = true
	}
	for _, tt := range tests {
		tpl := m.Template(tt.path)
		if tpl == nil {
			t.Fatalf("%s: no template", tt.path)
		}
		reason := skipped[tt.path]
		switch {
		case tt.foreign == "" && reason != "":
			t.Errorf("%s: skipped as %q, want analysed", tt.path, reason)
		case tt.foreign != "" && !strings.Contains(reason, tt.foreign):
			t.Errorf("%s: skipped reason %q, want one naming %q", tt.path, reason, tt.foreign)
		}
		if errs[tt.path] != tt.errors {
			t.Errorf("%s: syntax error reported = %v, want %v", tt.path, errs[tt.path], tt.errors)
		}
		if tt.foreign != "" && len(tpl.Outputs) != 0 {
			t.Errorf("%s: a foreign template must have no Jinja outputs, got %d", tt.path, len(tpl.Outputs))
		}
		if tt.foreign == "" && !tt.errors && len(tpl.Outputs) == 0 {
			t.Errorf("%s: a Jinja template lost its outputs", tt.path)
		}
	}
}
