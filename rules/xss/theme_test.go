package xss

import (
	"testing"

	"github.com/flasksec/flasksec/rules/rulestest"
)

// TestThemeLoader checks that Flask-Themes' render_theme_template(theme,
// name, **ctx) is a render call: the view returning it returns escaped
// HTML, and the template's values come from its keywords.
func TestThemeLoader(t *testing.T) {
	rulestest.Run(t, "testdata/tmpl_theme_loader", Rule)
}
