package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// rootProject is a project with its configuration at the top, a
// blueprint registered with a prefix in one file and its view in another.
var rootProject = map[string]string{
	"pyproject.toml": "[tool.flasksec]\nexclude = [\"scripts/\"]\n\n[tool.flasksec.severity]\nFLASKSEC-TEST-001 = \"low\"\n",
	"shop/__init__.py": "from flask import Flask\nfrom shop.admin import bp\n\napp = Flask(__name__)\n" +
		"app.register_blueprint(bp, url_prefix=\"/admin\")\n",
	"shop/admin.py": "from flask import Blueprint\n\nbp = Blueprint(\"admin\", __name__)\n\n\n" +
		"@bp.route(\"/start\")\ndef start():\n    bp.app.run(debug=True)\n",
	"shop/other.py":   "def main(app):\n    app.run(debug=True)\n",
	"scripts/dev.py":  "def main(app):\n    app.run(debug=True)\n",
	"docs/sub/x.py":   "def main(app):\n    app.run(debug=True)\n",
	"docs/sub/y.txt":  "",
	".git/HEAD":       "ref: refs/heads/main\n",
	"nested/.git":     "gitdir: elsewhere\n",
	"nested/a/app.py": "def main(app):\n    app.run(debug=True)\n",
}

type jsonFinding struct {
	Severity string `json:"severity"`
	Location struct {
		Path  string `json:"path"`
		Route string `json:"route"`
	} `json:"location"`
}

func scanJSON(t *testing.T, dir string, args ...string) []jsonFinding {
	t.Helper()
	e, out, errb := testEnv(dir)
	code := run(context.Background(), append([]string{"scan", "-f", "json"}, args...), e)
	if code == exitError {
		t.Fatalf("%v: exit %d: %s", args, code, errb)
	}
	var rep struct {
		Findings []jsonFinding `json:"findings"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, out)
	}
	return rep.Findings
}

// TestProjectRootFromSubPath checks that scanning a file or a folder of a
// project finds the project's configuration above it, analyses the whole
// project (the blueprint's prefix, registered in another file, reaches
// the route) and reports only the requested paths.
func TestProjectRootFromSubPath(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, rootProject)
	tests := []struct {
		args  []string
		paths string // reported paths, sorted, comma-separated
	}{
		{[]string{"shop/admin.py"}, "shop/admin.py"},
		{[]string{"shop"}, "shop/admin.py,shop/other.py"},
		{[]string{"shop/admin.py", "shop/other.py"}, "shop/admin.py,shop/other.py"},
		{[]string{"."}, "docs/sub/x.py,nested/a/app.py,shop/admin.py,shop/other.py"},
	}
	for _, tt := range tests {
		fs := scanJSON(t, dir, tt.args...)
		var paths []string
		for _, f := range fs {
			paths = append(paths, f.Location.Path)
			if f.Severity != "Low" {
				t.Errorf("%v: %s has severity %s: the project's configuration was not applied", tt.args, f.Location.Path, f.Severity)
			}
			if f.Location.Path == "shop/admin.py" && f.Location.Route != "GET /admin/start" {
				t.Errorf("%v: route %q, want the blueprint's prefix: GET /admin/start", tt.args, f.Location.Route)
			}
		}
		if got := strings.Join(paths, ","); got != tt.paths {
			t.Errorf("%v: reported %s, want %s", tt.args, got, tt.paths)
		}
	}
	// From a folder below the root, "scan ." walks up to the configuration.
	fs := scanJSON(t, filepath.Join(dir, "docs", "sub"), ".")
	if len(fs) != 1 || fs[0].Location.Path != "docs/sub/x.py" || fs[0].Severity != "Low" {
		t.Errorf("scan . in docs/sub: %+v, want docs/sub/x.py at Low", fs)
	}
}

// TestProjectRootStopsAtRepository checks that the walk up stops at the
// repository root: a configuration above a nested repository is not used.
func TestProjectRootStopsAtRepository(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, rootProject)
	abs := filepath.Join(dir, "nested", "a", "app.py")
	if got := projectRoot(abs, dir); got != "" {
		t.Errorf("projectRoot(%s) = %q, want none (the walk stops at nested/, a repository)", abs, got)
	}
	if got := projectRoot(filepath.Join(dir, "shop", "admin.py"), dir); got != dir {
		t.Errorf("projectRoot(shop/admin.py) = %q, want %s", got, dir)
	}
	// Outside a repository, the walk stops at the working folder.
	out := t.TempDir()
	writeFiles(t, out, map[string]string{"pyproject.toml": "", "w/sub/app.py": "x = 1\n"})
	if got := projectRoot(filepath.Join(out, "w", "sub", "app.py"), filepath.Join(out, "w")); got != "" {
		t.Errorf("projectRoot above the working folder = %q, want none", got)
	}
}

// TestShadowedConfigNote checks that the scan says which configuration it
// uses when .flasksec.toml and [tool.flasksec] both exist.
func TestShadowedConfigNote(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		".flasksec.toml": "exclude = [\"x/\"]\n",
		"pyproject.toml": "[tool.flasksec]\nnosec = true\n",
		"app.py":         "x = 1\n",
	})
	e, _, errb := testEnv(dir)
	run(context.Background(), []string{"scan", "."}, e)
	if !strings.Contains(errb.String(), ".flasksec.toml; the flasksec settings in") || !strings.Contains(errb.String(), "pyproject.toml are ignored") {
		t.Errorf("stderr %q, want a note naming the configuration used", errb)
	}
}
