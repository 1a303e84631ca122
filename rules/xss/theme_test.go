package xss

import (
	"testing"

	"github.com/flasksec/flasksec/rules/rulestest"
)

// TestThemeLoader checks that a view returning Flask-Themes'
// render_theme_template(theme, name, **ctx) returns escaped HTML, not the
// request data it passes, while the template's |safe is still reported.
func TestThemeLoader(t *testing.T) {
	rulestest.Run(t, "testdata/tmpl_theme_loader", Rule)
}
