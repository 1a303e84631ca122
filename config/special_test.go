//go:build unix

package config

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFindHostileFiles gives Find configuration files that are a named
// pipe, links to /dev/zero and out of the folder, and an oversized file:
// each is an error at once, none hangs or is read without bound; a link
// to a file inside the folder is followed.
func TestFindHostileFiles(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "other.toml")
	os.WriteFile(outside, []byte("max_file_size = \"1KB\"\n"), 0o644)
	for _, tt := range []struct {
		name    string
		make    func(dir string) error
		wantErr string
	}{
		{"fifo", func(dir string) error { return syscall.Mkfifo(filepath.Join(dir, ".flasksec.toml"), 0o644) }, "named pipe (FIFO), not a regular file"},
		{"fifo pyproject", func(dir string) error { return syscall.Mkfifo(filepath.Join(dir, "pyproject.toml"), 0o644) }, "named pipe (FIFO), not a regular file"},
		{"dev zero", func(dir string) error { return os.Symlink("/dev/zero", filepath.Join(dir, ".flasksec.toml")) }, "outside the scanned tree"},
		{"outside", func(dir string) error { return os.Symlink(outside, filepath.Join(dir, ".flasksec.toml")) }, "outside the scanned tree"},
		{"huge", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "pyproject.toml"), []byte(strings.Repeat("#\n", MaxFileSize/2+1)), 0o644)
		}, "larger than the limit"},
		{"inside link", func(dir string) error {
			os.Mkdir(filepath.Join(dir, "conf"), 0o755)
			os.WriteFile(filepath.Join(dir, "conf", "f.toml"), []byte("max_file_size = \"1KB\"\n"), 0o644)
			return os.Symlink("conf/f.toml", filepath.Join(dir, ".flasksec.toml"))
		}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := tt.make(dir); err != nil {
				t.Skipf("cannot build the case: %v", err)
			}
			done := make(chan error, 1)
			var cfg *Config
			go func() {
				var err error
				cfg, err = Find(dir)
				done <- err
			}()
			select {
			case err := <-done:
				if tt.wantErr == "" {
					if err != nil || cfg.MaxFileSize != 1024 {
						t.Errorf("Find: %+v, %v", cfg, err)
					}
				} else if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("Find: %v, want an error with %q", err, tt.wantErr)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Find hangs")
			}
		})
	}
	// An explicit --config naming a pipe fails at once too.
	fifo := filepath.Join(t.TempDir(), "c.toml")
	if syscall.Mkfifo(fifo, 0o644) == nil {
		done := make(chan error, 1)
		go func() { _, err := LoadFile(fifo); done <- err }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "not a regular file") {
				t.Errorf("LoadFile(fifo): %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("LoadFile hangs on a named pipe")
		}
	}
}
