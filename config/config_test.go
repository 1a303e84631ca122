package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, file, text string
		want             *Config
		found            bool
	}{
		{"pyproject without table", "pyproject.toml", "[project]\nname = \"x\"\n", &Config{}, false},
		{"pyproject table", "pyproject.toml", `
[tool.flasksec]
exclude = ["migrations/**", "tests/"]
disable = ["FLASK-HEADERS-001"]
nosec = true
max-file-size = "2MB"
entrypoints = ["wsgi.py"]
sanitizers = ["app.util.clean"]

[tool.flasksec.severity]
FLASK-HOST-001 = "Medium"
`, &Config{File: "pyproject.toml", Exclude: []string{"migrations/**", "tests/"}, Disable: []string{"FLASK-HEADERS-001"},
			Nosec: true, MaxFileSize: 2 << 20, Entrypoints: []string{"wsgi.py"}, Sanitizers: []string{"app.util.clean"},
			Severity: map[string]string{"FLASK-HOST-001": "medium"}}, true},
		{"flasksec.toml top level", ".flasksec.toml", "enable = [\"FLASKSEC-EVAL-001\", \"FLASK-INJECT\"]\nmax_file_size = 1000\ngitignore = false\nskip_dirs = [\"vendor\"]\n",
			&Config{File: ".flasksec.toml", Enable: []string{"FLASKSEC-EVAL-001", "FLASK-INJECT"}, MaxFileSize: 1000, NoGitignore: true, SkipDirs: []string{"vendor"}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, found, err := Parse(tt.file, []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if found != tt.found || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v (found %v), want %+v (found %v)", got, found, tt.want, tt.found)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, file, text string
		want             []string // substrings of the error
	}{
		{"syntax", ".flasksec.toml", "exclude = [\n", []string{".flasksec.toml:", "TOML syntax error"}},
		{"unknown key", "pyproject.toml", "[tool.flasksec]\nexlude = []\n", []string{"pyproject.toml: tool.flasksec.exlude: unknown key"}},
		{"bad type", ".flasksec.toml", "nosec = \"yes\"\n", []string{".flasksec.toml: nosec: want true or false, got a string"}},
		{"bad list item", ".flasksec.toml", "exclude = [\"a\", 3]\n", []string{"exclude[1]: want a string, got an integer"}},
		{"bad rule id", ".flasksec.toml", "disable = [\"xss\"]\n", []string{"disable[0]", `"xss" is not a rule ID`}},
		{"bad severity", "pyproject.toml", "[tool.flasksec.severity]\nFLASK-XSS-001 = \"severe\"\n", []string{"tool.flasksec.severity.FLASK-XSS-001: unknown severity \"severe\""}},
		{"bad size", ".flasksec.toml", "max_file_size = \"lots\"\n", []string{"max_file_size: invalid size (want a positive number of bytes"}},
		{"secret as size", ".flasksec.toml", "max_file_size = \"hunter2-s3cr3t\"\n", []string{"max_file_size: invalid size"}},
		{"negative size", ".flasksec.toml", "max_file_size = -1\n", []string{"max_file_size: invalid size (want a positive number of bytes)"}},
		{"bad glob", ".flasksec.toml", "exclude = [\"a[\"]\n", []string{"exclude[0]: bad glob"}},
		{"bad dotted", ".flasksec.toml", "sinks = [\"my app.x\"]\n", []string{"sinks[0]", "not a dotted Python name"}},
		{"table not table", "pyproject.toml", "[tool]\nflasksec = 1\n", []string{"tool.flasksec must be a table"}},
		{"no secret in syntax errors", ".flasksec.toml", "secret_key = hunter2secret\n", []string{".flasksec.toml:1: TOML syntax error: expected value but found (text hidden) instead"}},
		{"two errors", ".flasksec.toml", "a = 1\nb = 2\n", []string{".flasksec.toml: a: unknown key", ".flasksec.toml: b: unknown key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Parse(tt.file, []byte(tt.text))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "hunter") {
				t.Errorf("error shows a value from the file: %q", err)
			}
		})
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	cfg, err := Find(dir)
	if err != nil || cfg.File != "" {
		t.Fatalf("empty dir: %+v, %v", cfg, err)
	}
	os.WriteFile(filepath.Join(dir, "pyproject.toml"), []byte("[tool.flasksec]\nnosec = true\n"), 0o644)
	cfg, err = Find(dir)
	if err != nil || !cfg.Nosec || cfg.File != filepath.Join(dir, "pyproject.toml") {
		t.Fatalf("pyproject: %+v, %v", cfg, err)
	}
	os.WriteFile(filepath.Join(dir, ".flasksec.toml"), []byte("nosec = false\n"), 0o644)
	cfg, err = Find(dir)
	if err != nil || cfg.Nosec || !strings.HasSuffix(cfg.File, ".flasksec.toml") {
		t.Fatalf(".flasksec.toml must win: %+v, %v", cfg, err)
	}
	os.WriteFile(filepath.Join(dir, ".flasksec.toml"), []byte("nosec = \n"), 0o644)
	if _, err = Find(dir); err == nil || !strings.Contains(err.Error(), ".flasksec.toml:1") {
		t.Fatalf("broken file: %v", err)
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		glob, path string
		want       bool
	}{
		{"*.pyc", "a/b/c.pyc", true},
		{"migrations", "app/migrations/v1.py", true},
		{"migrations", "app/migrations.py", false},
		{"migrations/", "migrations", false},
		{"migrations/", "migrations/x.py", true},
		{"tests/", "app/tests/t.py", true},
		{"app/legacy/*.py", "app/legacy/old.py", true},
		{"app/legacy/*.py", "x/app/legacy/old.py", false},
		{"**/tests/**", "a/b/tests/c/d.py", true},
		{"**/tests/**", "tests/d.py", true},
		{"app/**/views.py", "app/views.py", true},
		{"app/**/views.py", "app/x/y/views.py", true},
		{"app/**/views.py", "lib/views.py", false},
		{"docs/", "docs.py", false},
		{"/build", "build/x.py", true},
		{"/build", "src/build/x.py", false},
	}
	for _, tt := range tests {
		if got := Match(tt.glob, tt.path); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.glob, tt.path, got, tt.want)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"10": 10, "1k": 1024, "2MB": 2 << 20, " 1 GB": 1 << 30} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MB", "-1", "1TB", "x"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) accepted", in)
		}
	}
}
