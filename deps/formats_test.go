package deps

import (
	"testing"
)

func TestParsePyProject(t *testing.T) {
	f := ParsePyProject("pyproject.toml", readFixture(t, "pyproject.toml"))
	if len(f.Errors) > 0 {
		t.Errorf("errors: %v", f.Errors)
	}
	compareReqs(t, "pyproject.toml", f.Requirements, []reqSummary{
		// [project] dependencies, in order.
		{Key: "flask", Line: 8, Spec: ">=2.2"},
		{Key: "werkzeug", Line: 9, Spec: "==2.2.2", Version: "2.2.2"},
		{Key: "jinja2", Line: 10, Spec: ">=3.1", Extras: "i18n", Marker: "python_version >= '3.8'"},
		{Key: "gunicorn", Line: 11, URL: "git+https://github.com/benoitc/gunicorn.git"},
		// optional-dependencies, groups sorted by name.
		{Key: "pytest", Line: 17, Group: "dev"},
		{Key: "flask-talisman", Line: 15, Spec: "==1.0.0", Version: "1.0.0", Group: "security"},
		{Key: "flask-wtf", Line: 15, Group: "security"},
		// [dependency-groups]
		{Key: "ruff", Line: 21, Spec: "==0.4.0", Version: "0.4.0", Group: "lint"},
		// Poetry, in file order; python is not a dependency.
		{Key: "flask", Line: 25, Spec: ">=2.2.5,<3"},
		{Key: "flask-login", Line: 26, Spec: ">=0.6.2,<0.7", Extras: "async"},
		{Key: "itsdangerous", Line: 27, Spec: "==2.1.2", Version: "2.1.2"},
		{Key: "markupsafe", Line: 28},
		{Key: "flask-cors", Line: 29, URL: "https://github.com/corydolphin/flask-cors.git"},
		{Key: "flask-caching", Line: 34, Spec: "==2.0.0", Version: "2.0.0"},
		{Key: "pytest", Line: 32, Spec: ">=7,<8", Group: "test"},
	})
}

func TestPoetryConstraints(t *testing.T) {
	tests := []struct{ in, want string }{
		{"^1.2.3", ">=1.2.3,<2"},
		{"^1.2", ">=1.2,<2"},
		{"^0.2.3", ">=0.2.3,<0.3"},
		{"^0.0.3", ">=0.0.3,<0.0.4"},
		{"^0.0", ">=0.0,<0.1"},
		{"^0", ">=0,<1"},
		{"~1.2.3", ">=1.2.3,<1.3"},
		{"~1.2", ">=1.2,<1.3"},
		{"~1", ">=1,<2"},
		{"~=1.2", "~=1.2"},
		{"1.2.*", "==1.2.*"},
		{"*", ""},
		{"2.0.1", "==2.0.1"},
		{">= 1.2 < 2", ">=1.2,<2"},
		{">=1.2, <2", ">=1.2,<2"},
		{"1.0 || 2.0", ""},
	}
	for _, tt := range tests {
		r := Requirement{Name: "x"}
		if err := r.setPoetryConstraint(tt.in); err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if got := r.Specifier.String(); got != tt.want {
			t.Errorf("poetry %q = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParsePipfile(t *testing.T) {
	f := ParsePipfile("Pipfile", readFixture(t, "Pipfile"))
	if len(f.Errors) > 0 {
		t.Errorf("errors: %v", f.Errors)
	}
	compareReqs(t, "Pipfile", f.Requirements, []reqSummary{
		{Key: "pytest", Line: 14, Group: "dev"},
		{Key: "flask", Line: 7, Spec: "==2.3.1", Version: "2.3.1"},
		{Key: "werkzeug", Line: 8},
		{Key: "flask-wtf", Line: 9, Spec: ">=1.1", Extras: "email"},
		{Key: "flask-login", Line: 10, URL: "https://github.com/maxcountryman/flask-login.git"},
		{Key: "gunicorn", Line: 11, Spec: "==21.2.0", Version: "21.2.0"},
	})
}

func TestParsePipfileLock(t *testing.T) {
	f := ParsePipfileLock("Pipfile.lock", readFixture(t, "Pipfile.lock"))
	if len(f.Errors) > 0 {
		t.Errorf("errors: %v", f.Errors)
	}
	compareReqs(t, "Pipfile.lock", f.Requirements, []reqSummary{
		{Key: "flask", Line: 9, Version: "2.3.1", Hashes: 2, Locked: true, Spec: ""},
		{Key: "werkzeug", Line: 14, Version: "2.3.0", Hashes: 1, Locked: true, Marker: "python_version >= '3.8'"},
		{Key: "flask-login", Line: 19, URL: "https://github.com/maxcountryman/flask-login.git", Locked: true},
		{Key: "pytest", Line: 25, Version: "7.4.0", Locked: true, Group: "dev"},
	})
	for _, src := range []string{"", "[]", `{"default": {"flask": {"version": "==1.0"}`, `{"default": 3}`} {
		if f := ParsePipfileLock("Pipfile.lock", []byte(src)); len(f.Errors) != 1 {
			t.Errorf("%q: errors = %v, want one", src, f.Errors)
		}
	}
}

func TestParsePoetryLock(t *testing.T) {
	f := ParsePoetryLock("poetry.lock", readFixture(t, "poetry.lock"))
	if len(f.Errors) > 0 {
		t.Errorf("errors: %v", f.Errors)
	}
	compareReqs(t, "poetry.lock", f.Requirements, []reqSummary{
		{Key: "flask", Line: 4, Version: "2.2.2", Locked: true},
		{Key: "werkzeug", Line: 22, Version: "2.2.2", Locked: true},
		{Key: "pytest", Line: 33, Version: "7.4.0", Locked: true, Group: "dev"},
		{Key: "flask-helpers", Line: 39, Version: "0.1.0", Locked: true, URL: "https://github.com/example/flask-helpers.git"},
	})
	if f.Requirements[0].EndLine != 5 {
		t.Errorf("flask entry ends on line %d, want 5", f.Requirements[0].EndLine)
	}
	if f := ParsePoetryLock("poetry.lock", []byte("[[package]\nname=")); len(f.Errors) != 1 || f.Errors[0].Line == 0 {
		t.Errorf("invalid TOML: errors = %v, want one with a line", f.Errors)
	}
}

func TestParseUVLock(t *testing.T) {
	f := ParseUVLock("uv.lock", readFixture(t, "uv.lock"))
	if len(f.Errors) > 0 {
		t.Errorf("errors: %v", f.Errors)
	}
	compareReqs(t, "uv.lock", f.Requirements, []reqSummary{
		{Key: "flask", Line: 13, Version: "3.0.0", Locked: true},
		{Key: "werkzeug", Line: 22, Version: "3.0.1", Locked: true},
	})
}

func TestParseSetupCfg(t *testing.T) {
	f := ParseSetupCfg("setup.cfg", readFixture(t, "setup.cfg"))
	if len(f.Errors) > 0 {
		t.Errorf("errors: %v", f.Errors)
	}
	compareReqs(t, "setup.cfg", f.Requirements, []reqSummary{
		{Key: "flask", Line: 7, Spec: ">=2.2"},
		{Key: "werkzeug", Line: 8, Spec: "==2.2.2", Version: "2.2.2"},
		{Key: "itsdangerous", Line: 10},
		{Key: "flask-talisman", Line: 14, Spec: "==1.0.0", Version: "1.0.0", Group: "security"},
		{Key: "flask-cors", Line: 16, Spec: "~=4.0", Group: "cors"},
	})
}

func TestTOMLIndex(t *testing.T) {
	src := []byte(`a = 1
[tool . "poetry".dependencies]  # deps
flask = "^2"
x = [
  [1, 2],
]
s = """
[not.a.table]
"""
[[package]]
name = "p"
[[package]]
name = "q"
`)
	ix := newTOMLIndex(src)
	var names []string
	for _, tb := range ix.tables {
		names = append(names, tb.name)
	}
	want := []string{"", "tool.poetry.dependencies", "package", "package"}
	if len(names) != len(want) {
		t.Fatalf("tables = %q, want %q", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("tables = %q, want %q", names, want)
		}
	}
	if l := ix.keyLine(ix.table("tool.poetry.dependencies")[0], "flask"); l != 3 {
		t.Errorf("flask key on line %d, want 3", l)
	}
	if l := ix.keyLine(ix.table("package")[1], "name"); l != 13 {
		t.Errorf("second package name on line %d, want 13", l)
	}
}

// FuzzDependencyFiles feeds arbitrary text to every file parser: none
// may panic, and every requirement and error must point at a line of the
// input.
func FuzzDependencyFiles(f *testing.F) {
	for _, name := range []string{"pyproject.toml", "Pipfile", "Pipfile.lock", "poetry.lock", "uv.lock", "setup.cfg"} {
		f.Add(name, string(readFixtureF(f, name)))
	}
	f.Fuzz(func(t *testing.T, name, src string) {
		if _, ok := FormatOf(name); !ok {
			return
		}
		file := ParseFile(name, []byte(src))
		n := len(splitLines(src))
		for _, r := range file.Requirements {
			if r.Line < 1 || r.Line > max(n, 1) || r.EndLine > n {
				t.Fatalf("%s: requirement %s on line %d-%d of a %d-line input", name, r.Key, r.Line, r.EndLine, n)
			}
		}
		for _, e := range file.Errors {
			if e.Line < 0 || e.Line > n+1 {
				t.Fatalf("%s: error on line %d of a %d-line input: %v", name, e.Line, n, e)
			}
		}
	})
}
