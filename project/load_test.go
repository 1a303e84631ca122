package project

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/config"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/python/scanner"
	"github.com/flasksec/flasksec/python/token"
)

// fakeParse stands in for python/parser: a file holding "syntax error"
// fails at that line, any other file parses to an empty module.
func fakeParse(filename string, src []byte) (*ast.Module, error) {
	if i := bytes.Index(src, []byte("syntax error")); i >= 0 {
		line := int32(bytes.Count(src[:i], []byte("\n")) + 1)
		var list scanner.ErrorList
		list.Add(filename, token.Pos{Line: line, Col: 4}, "invalid syntax")
		return &ast.Module{}, list.Err()
	}
	return &ast.Module{}, nil
}

// writeTree creates files (path -> content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// outcome lists where each path ended up: "file", "error" or
// "skipped: reason".
func outcome(p *Project) map[string]string {
	out := map[string]string{}
	for _, f := range p.Files {
		out[f.Path] = "file"
	}
	for _, e := range p.Errors {
		out[e.Path] = "error"
	}
	for _, s := range p.Skipped {
		out[s.Path] = "skipped: " + s.Reason
	}
	return out
}

func TestLoadEdgeCases(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	writeTree(t, outside, map[string]string{"secret.py": "x = 1\n"})
	huge := strings.Repeat("x = 1\n", 400)
	writeTree(t, dir, map[string]string{
		"app/__init__.py":           "from flask import Flask\n",
		"app/views.py":              "def f():\n    pass\n",
		"app/broken.py":             "def f(:\n  syntax error\n",
		"app/huge.py":               huge,
		"app/latin1.py":             "# -*- coding: latin-1 -*-\nname = '\xe9t\xe9'\n",
		"app/notutf8.py":            "name = '\xe9t\xe9'\n",
		"app/templates/a.html":      "<p>{{ x }}</p>\n",
		"app/templates/bin.html":    "\x00\x01\x02{{",
		"app/templates/latin1.html": "<p>caf\xe9 {{ x }}</p>\r\n",
		"static/plain.html":         "<p>no jinja</p>\n",
		"requirements.txt":          "flask==3.1.0\n",
		"Dockerfile":                "FROM python:3.12\n",
		"README.md":                 "# readme\n",
	})
	// Symlinks: a loop, one out of the root, one to a file inside.
	mustLink(t, ".", filepath.Join(dir, "app", "loop"))
	mustLink(t, filepath.Join(outside, "secret.py"), filepath.Join(dir, "app", "escape.py"))
	mustLink(t, outside, filepath.Join(dir, "outdir"))
	mustLink(t, "views.py", filepath.Join(dir, "app", "alias.py"))
	mustLink(t, "nowhere.py", filepath.Join(dir, "app", "dangling.py"))
	mustLink(t, "self.py", filepath.Join(dir, "app", "self.py"))
	mustLink(t, "..", filepath.Join(dir, "app", "up"))

	cfg := &config.Config{MaxFileSize: 1000}
	p, err := Load(dir, Options{ParsePython: fakeParse, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	got := outcome(p)
	want := map[string]string{
		"app/__init__.py":           "file",
		"app/views.py":              "file",
		"app/broken.py":             "error",
		"app/huge.py":               "skipped: larger than the size limit of 1000 bytes (2400 bytes; see max_file_size)",
		"app/latin1.py":             "file",
		"app/notutf8.py":            "error",
		"app/templates/a.html":      "file",
		"app/templates/bin.html":    "skipped: binary file (contains NUL bytes)",
		"app/templates/latin1.html": "file",
		"requirements.txt":          "file",
		"Dockerfile":                "file",
		"app/loop":                  "skipped: symbolic link loop (points to a folder that contains it; not followed)",
		"app/escape.py":             "skipped: symbolic link pointing outside the scanned root (not followed)",
		"outdir":                    "skipped: symbolic link pointing outside the scanned root (not followed)",
		"app/alias.py":              "skipped: symbolic link to app/views.py (scanned at its real path)",
		"app/dangling.py":           "skipped: dangling symbolic link",
		"app/self.py":               "skipped: symbolic link loop",
		"app/up":                    "skipped: symbolic link loop (points to a folder that contains it; not followed)",
	}
	for path, w := range want {
		if got[path] != w {
			t.Errorf("%s: got %q, want %q", path, got[path], w)
		}
	}
	for path := range got {
		if _, ok := want[path]; !ok {
			t.Errorf("unexpected %s: %s", path, got[path])
		}
	}
	if e := p.Errors; len(e) != 2 || e[0].Path != "app/broken.py" || e[0].Line != 2 || e[0].Col != 5 || e[0].Message != "invalid syntax" {
		t.Errorf("syntax error: %+v", e)
	} else if e[1].Line != 1 || !strings.Contains(e[1].Message, "utf-8") {
		t.Errorf("decode error: %+v", e[1])
	}
	if got := string(p.File("app/latin1.py").Src); !strings.Contains(got, "name = 'été'") {
		t.Errorf("latin-1 file not decoded: %q", got)
	}
	if f := p.File("app/broken.py"); f == nil || f.Err == nil || f.AST == nil {
		t.Errorf("a file with a syntax error keeps its partial tree and its error: %+v", f)
	}
	for _, f := range p.Files {
		if !bytes.Equal(bytes.ToValidUTF8(f.Src, nil), f.Src) {
			t.Errorf("%s: Src is not valid UTF-8", f.Path)
		}
	}
	if got := p.File("app/templates/latin1.html").Line(1); got != "<p>caf\uFFFD {{ x }}</p>" {
		t.Errorf("non-UTF-8 template: line 1 = %q", got)
	}
	if k := p.File("app/templates/a.html").Kind; k != Template {
		t.Errorf("template kind %v", k)
	}
}

func mustLink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlinks not supported: %v", err)
	}
}

func TestGitignoreAndSkipDirs(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		cfg   config.Config
		want  []string // paths in Files
	}{
		{
			name: "root and nested gitignore",
			files: map[string]string{
				".gitignore":            "# comment\n*.log.py\n/generated/\nsecret_*.py\n!secret_ok.py\nbuild_*/\ndocs/**/gen.py\n",
				"a.log.py":              "",
				"generated/x.py":        "",
				"sub/generated/y.py":    "",
				"secret_1.py":           "",
				"secret_ok.py":          "",
				"build_a/z.py":          "",
				"build_b.py":            "",
				"docs/a/b/gen.py":       "",
				"docs/a/b/keep.py":      "",
				"pkg/.gitignore":        "local.py\n/only_here.py\n!keep.log.py\n",
				"pkg/local.py":          "",
				"pkg/deep/local.py":     "",
				"pkg/only_here.py":      "",
				"pkg/deep/only_here.py": "",
				"pkg/keep.log.py":       "",
				"other/local.py":        "",
			},
			want: []string{"build_b.py", "docs/a/b/keep.py", "other/local.py", "pkg/deep/only_here.py",
				"pkg/keep.log.py", "secret_ok.py", "sub/generated/y.py"},
		},
		{
			name:  "gitignore off",
			files: map[string]string{".gitignore": "*.py\n", "a.py": ""},
			cfg:   config.Config{NoGitignore: true},
			want:  []string{"a.py"},
		},
		{
			name: "default skip dirs and venvs",
			files: map[string]string{
				"app.py": "", ".venv/lib/x.py": "", "node_modules/a/b.py": "", "__pycache__/c.py": "",
				"myenv/pyvenv.cfg": "home = /usr\n", "myenv/lib/d.py": "", "build/e.py": "", "vendor/f.py": "",
			},
			cfg:  config.Config{SkipDirs: []string{"vendor"}},
			want: []string{"app.py"},
		},
		{
			name:  "default skip dirs off",
			files: map[string]string{"app.py": "", "build/e.py": ""},
			cfg:   config.Config{NoDefaultSkipDirs: true},
			want:  []string{"app.py", "build/e.py"},
		},
		{
			name:  "exclude globs",
			files: map[string]string{"app.py": "", "migrations/v1.py": "", "tests/t.py": "", "app/tests/u.py": ""},
			cfg:   config.Config{Exclude: []string{"migrations/", "**/tests/**"}},
			want:  []string{"app.py"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, tt.files)
			p, err := Load(dir, Options{ParsePython: fakeParse, Config: &tt.cfg})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range p.Files {
				got = append(got, f.Path)
			}
			sort.Strings(got)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("files:\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestLoadDeterministic(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := 0; i < 60; i++ {
		files[fmt.Sprintf("pkg%d/mod%d.py", i%7, i)] = "x = 1\n"
		if i%10 == 0 {
			files[fmt.Sprintf("pkg%d/bad%d.py", i%7, i)] = "syntax error\n"
		}
	}
	writeTree(t, dir, files)
	var first string
	for run := 0; run < 5; run++ {
		runtime.Gosched()
		p, err := Load(dir, Options{ParsePython: fakeParse})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, f := range p.Files {
			b.WriteString(f.Path + "\n")
		}
		for _, e := range p.Errors {
			fmt.Fprintf(&b, "E %s:%d\n", e.Path, e.Line)
		}
		if run == 0 {
			first = b.String()
			if strings.Count(first, "\n") != 60+6+6 {
				t.Fatalf("unexpected listing:\n%s", first)
			}
		} else if b.String() != first {
			t.Fatalf("run %d differs", run)
		}
	}
}

func TestLoadBadRoot(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "missing"), Options{ParsePython: fakeParse})
	if err == nil || !strings.Contains(err.Error(), "scan root") {
		t.Errorf("missing root: %v", err)
	}
	if _, err := Load(".", Options{}); err == nil {
		t.Error("no parser accepted")
	}
}

func TestLoadSingleFile(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"app.py": "x = 1\n", "other.py": ""})
	p, err := Load(filepath.Join(dir, "app.py"), Options{ParsePython: fakeParse})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Files) != 1 || p.Files[0].Path != "app.py" {
		t.Errorf("files: %v", outcome(p))
	}
}

// TestGitignoreAboveRoot scans a sub-folder of a git work tree: the
// .gitignore files above it and .git/info/exclude still apply, relative to
// their own folders; outside a work tree, files above the root do not.
func TestGitignoreAboveRoot(t *testing.T) {
	top := t.TempDir()
	writeTree(t, top, map[string]string{
		".git/info/exclude":          "local_*.py\n",
		".gitignore":                 "/backend/generated/\n*.bak.py\n",
		"backend/.gitignore":         "/scratch.py\n",
		"backend/app.py":             "",
		"backend/local_notes.py":     "",
		"backend/old.bak.py":         "",
		"backend/generated/x.py":     "",
		"backend/scratch.py":         "",
		"backend/pkg/scratch.py":     "",
		"backend/pkg/generated/y.py": "",
	})
	p, err := Load(filepath.Join(top, "backend"), Options{ParsePython: fakeParse})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range p.Files {
		got = append(got, f.Path)
	}
	if want := "[app.py pkg/generated/y.py pkg/scratch.py]"; fmt.Sprint(got) != want {
		t.Errorf("files %v, want %s", got, want)
	}
	// Without the .git folder the parent's .gitignore is not ours.
	os.RemoveAll(filepath.Join(top, ".git"))
	p, err = Load(filepath.Join(top, "backend"), Options{ParsePython: fakeParse})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Files) != 6 {
		t.Errorf("outside a work tree: %d files, want 6", len(p.Files))
	}
}

// TestLoadPyConfig checks that *.cfg files are read as Python when they
// are (Flask's from_pyfile files) and kept as text, without an error,
// when they are not (INI files).
func TestLoadPyConfig(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"instance/settings.cfg": "SECRET_KEY = 'k'\nDEBUG = False\n",
		"tool.cfg":              "[section]\nkey = some value\n",
		"setup.cfg":             "[metadata]\nname = app\n",
	})
	p, err := Load(dir, Options{ParsePython: parser.ParseFile})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Errors) != 0 {
		t.Errorf("errors: %+v", p.Errors)
	}
	for path, wantAST := range map[string]bool{"instance/settings.cfg": true, "tool.cfg": false} {
		f := p.File(path)
		if f == nil || f.Kind != PyConfig {
			t.Fatalf("%s: %+v, want a pyconfig file", path, f)
		}
		if (f.AST != nil) != wantAST || len(f.Src) == 0 {
			t.Errorf("%s: parsed %v, want %v (%d bytes of text)", path, f.AST != nil, wantAST, len(f.Src))
		}
	}
	if f := p.File("setup.cfg"); f == nil || f.Kind != Deps {
		t.Errorf("setup.cfg: %+v, want a deps file", f)
	}
	if len(p.FilesOf(Python)) != 0 {
		t.Errorf("a .cfg file counts as a Python module: %v", p.FilesOf(Python))
	}
}

// TestFileErrorKind checks that a file that cannot be read is typed as a
// read error, and a syntax error as a parse error, without reading the
// message's wording.
func TestFileErrorKind(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bad.py"), []byte("def f(:\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := Options{ParsePython: parser.ParseFile}
	if _, fe, _ := ReadFile(dir, "missing.py", opts); fe == nil || fe.KindOrParse() != ReadError {
		t.Errorf("missing file: error %+v, want kind %q", fe, ReadError)
	}
	if _, fe, _ := ReadFile(dir, "bad.py", opts); fe == nil || fe.KindOrParse() != ParseError {
		t.Errorf("syntax error: error %+v, want kind %q", fe, ParseError)
	}
	if k := (FileError{}).KindOrParse(); k != ParseError {
		t.Errorf("zero FileError kind = %q, want %q", k, ParseError)
	}
}
