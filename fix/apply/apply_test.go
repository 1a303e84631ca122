package apply_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/fix/apply"
	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/rules/all"
	"github.com/flasksec/flasksec/scan"
)

// copyFixture copies a before/ fixture into a temporary folder; app.py
// gets the given mode.
func copyFixture(t *testing.T, name string, mode os.FileMode) string {
	t.Helper()
	src := filepath.Join("..", "testdata", name, "before")
	dir := t.TempDir()
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m := os.FileMode(0o644)
		if e.Name() == "app.py" {
			m = mode
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, m); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Join(dir, e.Name()), m); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// sameAsAfter checks that every file of dir equals the fixture's after/.
func sameAsAfter(t *testing.T, name, dir string) {
	t.Helper()
	want := filepath.Join("..", "testdata", name, "after")
	ents, err := os.ReadDir(want)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		w, _ := os.ReadFile(filepath.Join(want, e.Name()))
		g, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil || string(g) != string(w) {
			t.Errorf("%s after the fix (%v):\n%s\nwant:\n%s", e.Name(), err, g, w)
		}
	}
}

func TestFixes(t *testing.T) {
	tests := []struct {
		name      string
		rule      string
		fixed     []string // path:line of the fixed findings
		remaining int      // findings of the rule left after the write
	}{
		{"yaml", "FLASKSEC-DESERIALIZE-001", []string{"app.py:11", "app.py:12", "app.py:13", "app.py:16"}, 3},
		{"debug", "FLASK-DEPLOY-002", []string{"app.py:15"}, 1},
		{"secret", "FLASK-CONFIG-001", []string{"app.py:4"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyFixture(t, tt.name, 0o600)
			orig, _ := os.ReadFile(filepath.Join(dir, "app.py"))
			opts := apply.Options{Scan: scan.Options{Root: dir, ParsePython: parser.ParseFile, Rules: all.Rules()}, Rules: []string{tt.rule}}

			// Shown only: the file is untouched, the diff names it.
			res, err := apply.Run(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			for _, c := range res.Applied {
				lines = append(lines, fmt.Sprintf("%s:%d", c.Finding.Location.Path, c.Finding.Location.StartLine))
			}
			if !slices.Equal(lines, tt.fixed) || len(res.Dropped) != 0 {
				t.Fatalf("fixed lines %v, dropped %v; want %v and none", lines, res.Dropped, tt.fixed)
			}
			if len(res.Unfixed) != tt.remaining {
				t.Errorf("%d findings without a fix, want %d", len(res.Unfixed), tt.remaining)
			}
			if now, _ := os.ReadFile(filepath.Join(dir, "app.py")); string(now) != string(orig) || res.Diff == "" || len(res.Written) != 0 {
				t.Fatalf("without --write: file changed %v, diff %q, written %v", string(now) != string(orig), res.Diff, res.Written)
			}

			// Written: the file is the expected one byte for byte, keeps
			// its mode, and the scan after shows only the unfixed findings.
			opts.Write = true
			res, err = apply.Run(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			sameAsAfter(t, tt.name, dir)
			if st, err := os.Stat(filepath.Join(dir, "app.py")); err != nil || st.Mode().Perm() != 0o600 {
				t.Errorf("mode after the write: %v, %v; want 0600", st.Mode(), err)
			}
			if res.Left != 0 || res.New != 0 {
				t.Errorf("after the write: %d fixed findings left, %d new", res.Left, res.New)
			}
			n := 0
			for _, fd := range res.After {
				if fd.RuleID == tt.rule {
					n++
					if slices.Contains(tt.fixed, fmt.Sprintf("%s:%d", fd.Location.Path, fd.Location.StartLine)) {
						t.Errorf("fixed finding still reported on line %d", fd.Location.StartLine)
					}
				}
			}
			if n != tt.remaining {
				t.Errorf("%d %s findings after the write, want %d", n, tt.rule, tt.remaining)
			}
			// The diff never shows the secret of a fixture.
			if strings.Contains(res.Diff, "fixture-") {
				t.Errorf("the diff shows a secret:\n%s", res.Diff)
			}
			// A second run finds nothing left to fix.
			opts.Write = false
			res, err = apply.Run(context.Background(), opts)
			if err != nil || len(res.Applied) != 0 || res.Diff != "" {
				t.Errorf("second run: %v, %d fixes, diff %q", err, len(res.Applied), res.Diff)
			}
		})
	}
}

// TestSymlinkNotWritten checks that a file reached through a symbolic
// link is not replaced by the write.
func TestSymlinkNotWritten(t *testing.T) {
	dir := copyFixture(t, "yaml", 0o644)
	root := t.TempDir()
	if err := os.Symlink(filepath.Join(dir, "app.py"), filepath.Join(root, "app.py")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	orig, _ := os.ReadFile(filepath.Join(dir, "app.py"))
	opts := apply.Options{Scan: scan.Options{Root: root, ParsePython: parser.ParseFile, Rules: all.Rules()}, Write: true}
	res, err := apply.Run(context.Background(), opts)
	if err == nil && len(res.Written) > 0 {
		t.Fatalf("wrote %v through a link", res.Written)
	}
	if now, _ := os.ReadFile(filepath.Join(dir, "app.py")); string(now) != string(orig) {
		t.Fatal("the link's target was changed")
	}
}

// TestCRLFNotWritten checks that a file whose bytes are not the analysed
// text (CRLF line endings, normalised by the reader) gets its fixes
// dropped, with the reason, and stays as it was.
func TestCRLFNotWritten(t *testing.T) {
	dir := t.TempDir()
	src := "import yaml\r\nfrom flask import Flask, request\r\napp = Flask(__name__)\r\n\r\n" +
		"@app.post('/x')\r\ndef x():\r\n    return str(yaml.load(request.data, Loader=yaml.Loader))\r\n"
	if err := os.WriteFile(filepath.Join(dir, "app.py"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := apply.Options{Scan: scan.Options{Root: dir, ParsePython: parser.ParseFile, Rules: all.Rules()},
		Rules: []string{"FLASKSEC-DESERIALIZE-001"}, Write: true}
	res, err := apply.Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Applied) != 0 || len(res.Dropped) != 1 || len(res.Written) != 0 {
		t.Fatalf("applied %v, dropped %v, written %v; want one dropped", res.Applied, res.Dropped, res.Written)
	}
	if now, _ := os.ReadFile(filepath.Join(dir, "app.py")); string(now) != src {
		t.Fatal("the file was changed")
	}
}
