package templates

import "testing"

// TestThemedLookup checks the theme loaders' names: "admin/users/user.html"
// is users/user.html of a themes' admin/templates folder (CTFd's
// ThemeLoader), and Flask-Themes' render_theme_template(theme, name) is a
// render of name with the call's keywords as context.
func TestThemedLookup(t *testing.T) {
	p := newProject(t, map[string]string{
		"arena/__init__.py": `from flask import Flask, render_template
from flask_themes2 import render_theme_template

app = Flask(__name__)


@app.get("/admin/users/<int:uid>")
def admin_user(uid):
    return render_template("admin/users/user.html", uid=uid)


@app.get("/board")
def board():
    return render_theme_template("night", "board.html", title="Board")
`,
		"arena/themes/admin/templates/users/user.html": "<p>{{ uid }}</p>",
		"arena/themes/core/templates/users/user.html":  "<p>{{ uid }}</p>",
		"arena/templates/board.html":                   "<h1>{{ title }}</h1>",
	})
	m := Of(p)
	got := m.Lookup("admin/users/user.html", "arena")
	if len(got) != 1 || got[0].File.Path != "arena/themes/admin/templates/users/user.html" {
		t.Errorf("Lookup(admin/users/user.html) = %v", got)
	}
	if got := m.Lookup("missing/users/user.html", "arena"); len(got) != 0 {
		t.Errorf("Lookup(missing/users/user.html) = %v, want none (no missing/templates folder)", got)
	}
	board := m.Template("arena/templates/board.html")
	if board == nil || len(board.Renders) != 1 || board.Renders[0].Keywords["title"] == nil {
		t.Fatalf("board.html renders = %+v", board)
	}
	user := m.Template("arena/themes/admin/templates/users/user.html")
	if user == nil || len(user.Renders) != 1 {
		t.Errorf("admin users/user.html renders = %+v", user)
	}
}
