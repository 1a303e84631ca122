package scanner

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// pythonJSONLines runs script with the interpreter py (the script on
// standard input, args after "-"), decodes every line it prints as JSON
// into a fresh T and calls each with it, in order. Lines may be up to
// maxLine bytes. It fails the test when py cannot start, prints a line
// that is not JSON, or exits with an error. The oracle and differential
// tests all talk to CPython this way.
func pythonJSONLines[T any](t *testing.T, py, script string, maxLine int, each func(rec T), args ...string) {
	t.Helper()
	cmd := exec.Command(py, append([]string{"-"}, args...)...)
	cmd.Stdin = strings.NewReader(script)
	cmd.Stderr = os.Stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatalf("%s pipe: %v", py, err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", py, err)
	}
	done := false
	defer func() {
		if !done { // a failed test: do not leave python running
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	}()
	sc := bufio.NewScanner(pipe)
	sc.Buffer(make([]byte, 1<<20), maxLine)
	for sc.Scan() {
		var rec T
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("bad line from %s: %v", py, err)
		}
		each(rec)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("reading %s's output: %v", py, err)
	}
	done = true
	if err := cmd.Wait(); err != nil {
		t.Errorf("%s: %v", py, err)
	}
}
