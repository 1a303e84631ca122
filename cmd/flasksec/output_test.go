package main

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// fullWriter fails every write, as /dev/full does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestUnwritableOutput checks that the commands that print exit 2 with a
// one-line error when their output cannot be written.
func TestUnwritableOutput(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"app.py": "x = 1\n"})
	for _, args := range [][]string{
		{"version"},
		{"rules"},
		{"rules", "--format", "json"},
		{"explain", "FLASKSEC-TEST-001"},
		{"explain", "--markdown", "FLASKSEC-TEST-001"},
		{"parse", "--dump", "app.py"},
		{"scan", "app.py"},
	} {
		e, _, errb := testEnv(dir)
		e.stdout = fullWriter{}
		code := run(context.Background(), args, e)
		if code != exitError || !strings.Contains(errb.String(), "no space left on device") || strings.Count(errb.String(), "\n") != 1 {
			t.Errorf("%v to a full device: exit %d, stderr %q; want 2 and one line", args, code, errb)
		}
	}
}
