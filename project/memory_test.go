package project

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/config"
)

// describe summarises a loader outcome for comparison.
func describe(f *File, fe *FileError, sk *Skipped) string {
	s := ""
	if f != nil {
		s += fmt.Sprintf("file kind=%s also=%v module=%q src=%q ast=%v err=%v;", f.Kind, f.Also, f.Module, f.Src, f.AST != nil, f.Err != nil)
	}
	if fe != nil {
		s += fmt.Sprintf("error %+v;", *fe)
	}
	if sk != nil {
		s += fmt.Sprintf("skipped %+v;", *sk)
	}
	return s
}

// TestFromSourceMatchesLoad checks that a file built from memory is the
// file Load reads from disk, for every kind and failure the loader knows.
func TestFromSourceMatchesLoad(t *testing.T) {
	tree := map[string]string{
		"app.py":                    "x = 1\r\n",
		"bad.py":                    "def f(:\n  syntax error\n",
		"latin.py":                  "# -*- coding: latin-1 -*-\ns = '\xe9'\n",
		"undecodable.py":            "s = '\xff'\n",
		"setup.py":                  "from setuptools import setup\n",
		"templates/page.html":       "<p>{{ name }}</p>\n",
		"static/plain.html":         "<p>no template syntax</p>\n",
		"static/jinja.html":         "<p>{% if x %}y{% endif %}</p>\n",
		"Procfile":                  "web: python app.py\n",
		"requirements.txt":          "flask==3.1.0\n",
		"templates/binary.html":     "a\x00b",
		"big.py":                    "# " + string(make([]byte, 200)) + "\n",
		"README.md":                 "# not read\n",
		"deploy/app.service":        "[Service]\nExecStart=/usr/bin/python app.py\n",
		"templates/invalid-utf.txt": "caf\xe9\n",
		"instance/settings.cfg":     "SECRET_KEY = 'x'\n",
		"setup.cfg":                 "[metadata]\nname = app\n",
		"deploy/uwsgi.cfg":          "[uwsgi]\nmodule = app\n",
	}
	dir := t.TempDir()
	writeTree(t, dir, tree)
	cfg := &config.Config{MaxFileSize: 150}
	opts := Options{ParsePython: fakeParse, Config: cfg}
	for rel, content := range tree {
		t.Run(rel, func(t *testing.T) {
			disk := describe(ReadFile(dir, rel, opts))
			mem := describe(FromSource(rel, []byte(content), opts))
			if disk != mem {
				t.Errorf("from disk:   %s\nfrom memory: %s", disk, mem)
			}
		})
	}
	// And ReadFile is what Load does for each file.
	p, err := Load(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range p.Files {
		g, _, _ := ReadFile(dir, f.Path, opts)
		if g == nil || g.Kind != f.Kind || string(g.Src) != string(f.Src) || !reflect.DeepEqual(g.Also, f.Also) {
			t.Errorf("%s: ReadFile differs from Load", f.Path)
		}
	}
}

// TestFromSourceMatchesLoadOnFixtures compares FromSource with ReadFile
// (the loader's own per-file step) on every file of the repository's
// examples and rule fixtures, whatever kinds they hold, with the real
// parser's stand-in.
func TestFromSourceMatchesLoadOnFixtures(t *testing.T) {
	opts := Options{ParsePython: fakeParse}
	n := 0
	for _, top := range []string{"../examples", "../rules"} {
		err := filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.Contains(filepath.ToSlash(p), "/") {
				return err
			}
			if strings.HasPrefix(top, "../rules") && !strings.Contains(filepath.ToSlash(p), "/testdata/") {
				return nil
			}
			rel := filepath.ToSlash(p)
			raw, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			disk := describe(ReadFile(".", rel, opts))
			mem := describe(FromSource(rel, raw, opts))
			if disk != mem {
				t.Errorf("%s:\nfrom disk:   %s\nfrom memory: %s", rel, disk, mem)
			}
			n++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n < 50 {
		t.Errorf("only %d fixture files compared", n)
	}
}

func TestFromSourceNoParser(t *testing.T) {
	if _, fe, _ := FromSource("a.py", []byte("x = 1\n"), Options{}); fe == nil {
		t.Error("FromSource without a parser: want an error")
	}
	if _, fe, _ := ReadFile(t.TempDir(), "a.py", Options{}); fe == nil {
		t.Error("ReadFile without a parser: want an error")
	}
}

func TestIgnored(t *testing.T) {
	tests := []struct {
		rel  string
		cfg  *config.Config
		want bool
	}{
		{"app.py", nil, false},
		{"pkg/views.py", nil, false},
		{".venv/lib/x.py", nil, true},
		{"a/node_modules/b/c.html", nil, true},
		{"build/x.py", &config.Config{NoDefaultSkipDirs: true}, false},
		{"gen/x.py", &config.Config{SkipDirs: []string{"gen"}}, true},
		{"tests/test_app.py", &config.Config{Exclude: []string{"tests/**"}}, true},
		{"migrations/0001.py", &config.Config{Exclude: []string{"migrations/"}}, true},
		{"app/migrations.py", &config.Config{Exclude: []string{"migrations/"}}, false},
		{"conftest.py", &config.Config{Exclude: []string{"conftest.py"}}, true},
	}
	for _, tt := range tests {
		if got := Ignored(tt.rel, tt.cfg); got != tt.want {
			t.Errorf("Ignored(%q, %+v) = %v, want %v", tt.rel, tt.cfg, got, tt.want)
		}
	}
}

func TestInteresting(t *testing.T) {
	for rel, want := range map[string]bool{
		"app.py": true, "templates/x.html": true, "static/x.html": true, "Dockerfile": true,
		"requirements.txt": true, "README.md": false, "static/app.js": false, "notes.txt": false,
	} {
		if got := Interesting(rel); got != want {
			t.Errorf("Interesting(%q) = %v, want %v", rel, got, want)
		}
	}
}
