//go:build unix

package scan

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReadBaselineNamedPipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), "baseline.json")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("no named pipes: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, err := ReadBaseline(p); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("baseline that is a named pipe: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ReadBaseline hangs on a named pipe")
	}
}
