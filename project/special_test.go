//go:build unix

package project

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/flasksec/flasksec/config"
)

// loadWithin runs Load, failing the test when it does not return in 10 s
// (a named pipe opened for reading blocks until a writer comes).
func loadWithin(t *testing.T, root string, opts Options) *Project {
	t.Helper()
	type result struct {
		p   *Project
		err error
	}
	done := make(chan result, 1)
	go func() {
		p, err := Load(root, opts)
		done <- result{p, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatal(r.err)
		}
		return r.p
	case <-time.After(10 * time.Second):
		t.Fatal("Load hangs")
		return nil
	}
}

func mustFifo(t *testing.T, p string) {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("no named pipes: %v", err)
	}
}

// TestLoadSpecialFiles puts a named pipe, a socket, a folder named like a
// source file and hostile ignore files in the tree: nothing hangs, nothing
// is read without bound, and every file of interest not read is listed.
func TestLoadSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"app.py":          "x = 1\n",
		"dir.py/inner.py": "y = 2\n",
		"sub/.keep":       "",
		"big/.gitignore":  strings.Repeat("#", MaxIgnoreFileSize+1),
		"big/ignored.py":  "z = 3\n",
		"zero/ignored.py": "z = 3\n",
	})
	mustFifo(t, filepath.Join(dir, "fifo.py"))
	mustFifo(t, filepath.Join(dir, ".gitignore"))
	mustFifo(t, filepath.Join(dir, "notes.txt")) // of no interest: not listed
	mustLink(t, "/dev/zero", filepath.Join(dir, "zero", ".gitignore"))
	l, err := net.Listen("unix", filepath.Join(dir, "sock.py"))
	if err != nil {
		t.Skipf("no unix sockets: %v", err)
	}
	defer l.Close()
	p := loadWithin(t, dir, Options{ParsePython: fakeParse})
	got := outcome(p)
	want := map[string]string{
		"app.py":          "file",
		"dir.py/inner.py": "file",
		"big/ignored.py":  "file",
		"zero/ignored.py": "file",
		"dir.py":          "skipped: a folder named like a source file, not a file (its contents are scanned)",
		"fifo.py":         "skipped: named pipe (FIFO), not a regular file (not read)",
		"sock.py":         "skipped: socket, not a regular file (not read)",
		".gitignore":      "skipped: ignore file not read (named pipe (FIFO), not a regular file); its patterns are not applied",
		"big/.gitignore":  "skipped: ignore file not read (larger than the limit of 4194304 bytes (4194305 bytes)); its patterns are not applied",
		"zero/.gitignore": "skipped: ignore file not read (symbolic link pointing outside the scanned tree (not followed)); its patterns are not applied",
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
}

// TestLoadSingleSpecialFile gives Load a named pipe as the root.
func TestLoadSingleSpecialFile(t *testing.T) {
	dir := t.TempDir()
	mustFifo(t, filepath.Join(dir, "fifo.py"))
	p := loadWithin(t, filepath.Join(dir, "fifo.py"), Options{ParsePython: fakeParse})
	if got := outcome(p); len(got) != 1 || got["fifo.py"] != "skipped: named pipe (FIFO), not a regular file (not read)" {
		t.Errorf("a named pipe as the root: %v", got)
	}
}

// TestLoadFileSwappedAfterWalk drives the loader's two steps (walk, then
// read) and changes each walked file in between: a file replaced by a
// named pipe, by a link out of the tree or by another file is skipped
// with the reason, never read; a deleted file is an error; an unchanged
// file is read.
func TestLoadFileSwappedAfterWalk(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	writeTree(t, outside, map[string]string{"secret.py": "SECRET = 1\n"})
	writeTree(t, dir, map[string]string{
		"same.py": "a = 1\n", "fifo.py": "a = 1\n", "link.py": "a = 1\n", "other.py": "a = 1\n", "gone.py": "a = 1\n",
	})
	w := &walker{root: dir, cfg: &config.Config{}, skipDirs: skipDirs(&config.Config{})}
	if err := w.walkDir("", nil); err != nil {
		t.Fatal(err)
	}
	swap := func(rel string, make func(tmp string) error) {
		t.Helper()
		p := filepath.Join(dir, rel)
		if err := make(p + ".tmp"); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(p+".tmp", p); err != nil {
			t.Fatal(err)
		}
	}
	swap("fifo.py", func(tmp string) error { return syscall.Mkfifo(tmp, 0o644) })
	swap("link.py", func(tmp string) error { return os.Symlink(filepath.Join(outside, "secret.py"), tmp) })
	swap("other.py", func(tmp string) error { return os.WriteFile(tmp, []byte("b = 2\n"), 0o644) })
	os.Remove(filepath.Join(dir, "gone.py"))

	want := map[string]string{
		"same.py":  "file a = 1\n",
		"fifo.py":  "skipped: replaced by another file after it was listed (not read)",
		"link.py":  "skipped: replaced by another file after it was listed (not read)",
		"other.py": "skipped: replaced by another file after it was listed (not read)",
		"gone.py":  "error: cannot read: no such file or directory",
	}
	if len(w.paths) != len(want) {
		t.Fatalf("walked %v", w.paths)
	}
	for i, rel := range w.paths {
		done := make(chan string, 1)
		go func() {
			f, fe, sk := loadFile(dir, rel, DefaultMaxFileSize, fakeParse, w.infos[i])
			switch {
			case f != nil:
				done <- "file " + string(f.Src)
			case fe != nil:
				done <- "error: " + fe.Message
			case sk != nil:
				done <- "skipped: " + sk.Reason
			default:
				done <- "nothing"
			}
		}()
		select {
		case got := <-done:
			if got != want[rel] {
				t.Errorf("%s: got %q, want %q", rel, got, want[rel])
			}
			if strings.Contains(got, "SECRET") {
				t.Errorf("%s: a file outside the tree was read", rel)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: the read hangs", rel)
		}
	}
}

// TestLoadUnreadableFile keeps unreadable files listed as errors.
func TestLoadUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.py": "x = 1\n", "locked.py": "y = 2\n"})
	if err := os.Chmod(filepath.Join(dir, "locked.py"), 0); err != nil {
		t.Fatal(err)
	}
	got := outcome(loadWithin(t, dir, Options{ParsePython: fakeParse}))
	if got["locked.py"] != "error" || got["a.py"] != "file" {
		t.Errorf("unreadable file: %v", got)
	}
}
