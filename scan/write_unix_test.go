//go:build unix

package scan

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteFileAtomicSpecial checks that a report written to a named pipe
// goes through the pipe (the pipe is not replaced by a regular file), and
// that a symbolic link is followed, stays a link, and its target keeps
// its permission bits.
func TestWriteFileAtomicSpecial(t *testing.T) {
	dir := t.TempDir()

	t.Run("fifo", func(t *testing.T) {
		fifo := filepath.Join(dir, "pipe")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
		got := make(chan string, 1)
		go func() {
			f, err := os.Open(fifo)
			if err != nil {
				got <- "open: " + err.Error()
				return
			}
			defer f.Close()
			b, _ := io.ReadAll(f)
			got <- string(b)
		}()
		if err := WriteFileAtomic(fifo, []byte("report\n")); err != nil {
			t.Fatal(err)
		}
		if s := <-got; s != "report\n" {
			t.Errorf("reader of the pipe got %q, want the report", s)
		}
		st, err := os.Lstat(fifo)
		if err != nil || st.Mode()&os.ModeNamedPipe == 0 {
			t.Errorf("after the write the pipe is %v (%v), want a named pipe still", st.Mode(), err)
		}
		if err := WritableTarget(fifo); err != nil {
			t.Errorf("WritableTarget(pipe) = %v, want nil", err)
		}
	})

	t.Run("symlink", func(t *testing.T) {
		target := filepath.Join(dir, "real.json")
		if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		link := filepath.Join(dir, "link.json")
		if err := os.Symlink("real.json", link); err != nil {
			t.Fatal(err)
		}
		if err := WriteFileAtomic(link, []byte("new")); err != nil {
			t.Fatal(err)
		}
		st, err := os.Lstat(link)
		if err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("the link was replaced: mode %v (%v)", st.Mode(), err)
		}
		b, _ := os.ReadFile(target)
		if string(b) != "new" {
			t.Errorf("target holds %q, want %q", b, "new")
		}
		st, _ = os.Stat(target)
		if st.Mode().Perm() != 0o600 {
			t.Errorf("target mode %v, want 0600 kept", st.Mode().Perm())
		}
	})

	t.Run("dangling symlink", func(t *testing.T) {
		link := filepath.Join(dir, "dangling.json")
		if err := os.Symlink("missing/nowhere.json", link); err != nil {
			t.Fatal(err)
		}
		for _, f := range []func() error{
			func() error { return WriteFileAtomic(link, []byte("x")) },
			func() error { return WritableTarget(link) },
		} {
			if err := f(); err == nil || !strings.Contains(err.Error(), "does not exist") {
				t.Errorf("write through a dangling link: %v, want a clear error", err)
			}
		}
		if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the dangling link was replaced")
		}
	})

	t.Run("regular keeps mode", func(t *testing.T) {
		p := filepath.Join(dir, "out.sarif")
		if err := os.WriteFile(p, []byte("old"), 0o640); err != nil {
			t.Fatal(err)
		}
		if err := WriteFileAtomic(p, []byte("new")); err != nil {
			t.Fatal(err)
		}
		st, _ := os.Stat(p)
		b, _ := os.ReadFile(p)
		if string(b) != "new" || st.Mode().Perm() != 0o640 {
			t.Errorf("regular file: %q mode %v, want \"new\" mode 0640", b, st.Mode().Perm())
		}
		n := filepath.Join(dir, "fresh.json")
		if err := WriteFileAtomic(n, []byte("x")); err != nil {
			t.Fatal(err)
		}
		if st, _ := os.Stat(n); st.Mode().Perm() != 0o644 {
			t.Errorf("new file mode %v, want 0644", st.Mode().Perm())
		}
	})
}
