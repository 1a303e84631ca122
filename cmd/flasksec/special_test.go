//go:build unix

package main

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNamedPipeArguments names a named pipe on the command line and puts
// one in place of a configuration file: each command ends at once with a
// one-line error, none blocks waiting for a writer.
func TestNamedPipeArguments(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"app/app.py": "x = 1\n"})
	for _, p := range []string{"fifo.py", "app/.flasksec.toml"} {
		if err := syscall.Mkfifo(filepath.Join(dir, p), 0o644); err != nil {
			t.Skipf("no named pipes: %v", err)
		}
	}
	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"scan", "fifo.py"}, "fifo.py: named pipe (FIFO), not a regular file"},
		{[]string{"parse", "--dump", "fifo.py"}, "cannot read fifo.py: named pipe (FIFO), not a regular file"},
		{[]string{"scan", "app"}, ".flasksec.toml: named pipe (FIFO), not a regular file"},
	} {
		e, _, errb := testEnv(dir)
		done := make(chan int, 1)
		go func() { done <- run(context.Background(), tt.args, e) }()
		select {
		case code := <-done:
			if code != exitError || !strings.Contains(errb.String(), tt.stderr) || strings.Count(errb.String(), "\n") != 1 {
				t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, errb, tt.stderr)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%v hangs", tt.args)
		}
	}
}

// TestHostileFileNames scans files whose names hold an escape sequence,
// a newline, a bidi override and a byte that is not UTF-8: the human
// formats show them escaped, the JSON keeps the odd name recoverable.
func TestHostileFileNames(t *testing.T) {
	dir := t.TempDir()
	names := []string{"evil\x1b]0;pwned\x07.py", "new\nline.py", "bi\u202edi.py", "caf\xe9.py"}
	files := map[string]string{}
	for _, n := range names {
		files["app/"+n] = vulnerableApp
	}
	writeFiles(t, dir, files)
	for _, format := range []string{"text", "markdown"} {
		e, out, _ := testEnv(dir)
		if code := run(context.Background(), []string{"scan", "--format", format, "app"}, e); code != exitFindings {
			t.Fatalf("%s: exit %d\n%s", format, code, out)
		}
		s := out.String()
		for _, bad := range []string{"\x1b", "\x07", "\u202e", "\xe9", "new\nline"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s report contains raw %q:\n%s", format, bad, s)
			}
		}
		for _, want := range []string{`evil\x1b]0;pwned\x07.py`, `new\nline.py`, `bi\u202edi.py`, `caf\xe9.py`} {
			if !strings.Contains(s, want) {
				t.Errorf("%s report lacks %s:\n%s", format, want, s)
			}
		}
	}
	e, out, _ := testEnv(dir)
	run(context.Background(), []string{"scan", "--format", "json", "app"}, e)
	s := out.String()
	if !strings.Contains(s, `"path": "caf\\xe9.py",`+"\n"+`        "path_escaped": true`) {
		t.Errorf("non-UTF-8 name not escaped in JSON:\n%s", s)
	}
	if strings.Contains(s, "\ufffd") {
		t.Errorf("lossy name in JSON:\n%s", s)
	}
}
