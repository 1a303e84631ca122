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
