package xss_test

import (
	"testing"

	"github.com/flasksec/flasksec/rules/rulestest"
	"github.com/flasksec/flasksec/rules/xss"
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
	} {
		t.Run(dir, func(t *testing.T) {
			for _, f := range rulestest.Run(t, "testdata/"+dir, xss.Rule) {
				t.Logf("%s:%d:%d %s: %s", f.Location.Path, f.Location.StartLine, f.Location.StartCol, f.Confidence, f.Message)
				for _, st := range f.Trace {
					t.Logf("    %s:%d:%d %s", st.Path, st.Line, st.Col, st.Note)
				}
			}
		})
	}
}
