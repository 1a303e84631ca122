//go:build unix

package safefile

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// tree makes a folder with one file of each kind; FIFOs that block an
// opener forever would hang the test, so each read runs with a timeout.
func tree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "a.py"), []byte("x = 1\n"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "big.py"), make([]byte, 100), 0o644))
	must(syscall.Mkfifo(filepath.Join(dir, "fifo.py"), 0o644))
	must(os.Mkdir(filepath.Join(dir, "dir.py"), 0o755))
	must(os.Symlink("a.py", filepath.Join(dir, "link.py")))
	must(os.Symlink("/dev/zero", filepath.Join(dir, "zero.toml")))
	must(os.Symlink("/etc/hostname", filepath.Join(dir, "outside.toml")))
	must(os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	must(os.Symlink("../a.py", filepath.Join(dir, "sub", "up.toml")))
	sock := filepath.Join(dir, "sock.py")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skipf("no unix socket: %v", err)
	}
	t.Cleanup(func() { l.Close() })
	return dir
}

// within runs f, failing the test when it does not return in 5 s.
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s hangs", what)
	}
}

func TestRead(t *testing.T) {
	dir := tree(t)
	var notRegular *NotRegularError
	var tooLarge *TooLargeError
	for _, tt := range []struct {
		name    string
		limit   int64
		want    string // content, or "" for an error
		errKind string // "not regular: <what>", "too large", "not exist"
	}{
		{"a.py", 100, "x = 1\n", ""},
		{"big.py", 100, string(make([]byte, 100)), ""},
		{"big.py", 99, "", "too large"},
		{"fifo.py", 100, "", "not regular: named pipe (FIFO)"},
		{"sock.py", 100, "", "not regular: socket"},
		{"dir.py", 100, "", "not regular: folder"},
		{"link.py", 100, "", "not regular: symbolic link"},
		{"zero.toml", 100, "", "not regular: symbolic link"},
		{"/dev/zero", 100, "", "not regular: device"},
		{"missing.py", 100, "", "not exist"},
	} {
		name := tt.name
		if !filepath.IsAbs(name) {
			name = filepath.Join(dir, name)
		}
		var got []byte
		var err error
		within(t, tt.name, func() { got, err = Read(name, tt.limit, nil) })
		switch {
		case tt.errKind == "":
			if err != nil || string(got) != tt.want {
				t.Errorf("Read(%s) = %q, %v; want %q", tt.name, got, err, tt.want)
			}
		case tt.errKind == "too large":
			if !errors.As(err, &tooLarge) {
				t.Errorf("Read(%s): %v, want too large", tt.name, err)
			}
		case tt.errKind == "not exist":
			if !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("Read(%s): %v, want not exist", tt.name, err)
			}
		default:
			if !errors.As(err, &notRegular) || "not regular: "+notRegular.What != tt.errKind {
				t.Errorf("Read(%s): %v, want %s", tt.name, err, tt.errKind)
			}
		}
	}
}

func TestReadInTree(t *testing.T) {
	dir := tree(t)
	for _, tt := range []struct {
		rel, want string
		err       error
	}{
		{"a.py", "x = 1\n", nil},
		{"link.py", "x = 1\n", nil},
		{"sub/up.toml", "x = 1\n", nil},
		{"zero.toml", "", ErrOutside},
		{"outside.toml", "", ErrOutside},
	} {
		var got []byte
		var err error
		within(t, tt.rel, func() { got, err = ReadInTree(dir, tt.rel, 1<<20) })
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("ReadInTree(%s): %q, %v; want %v", tt.rel, got, err, tt.err)
			}
		} else if err != nil || string(got) != tt.want {
			t.Errorf("ReadInTree(%s) = %q, %v; want %q", tt.rel, got, err, tt.want)
		}
	}
	// A link to a pipe in the tree is refused without blocking.
	os.Symlink("fifo.py", filepath.Join(dir, "fifo.toml"))
	var err error
	within(t, "link to a FIFO", func() { _, err = ReadInTree(dir, "fifo.toml", 1<<20) })
	var notRegular *NotRegularError
	if !errors.As(err, &notRegular) {
		t.Errorf("link to a FIFO: %v", err)
	}
}

// TestOpenChecksIdentity swaps a listed file for another file, a pipe and
// a link out of the tree, and checks that none is opened.
func TestOpenChecksIdentity(t *testing.T) {
	dir := tree(t)
	p := filepath.Join(dir, "a.py")
	walked, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := Read(p, 100, walked); err != nil || string(b) != "x = 1\n" {
		t.Fatalf("unchanged file: %q, %v", b, err)
	}
	outside := filepath.Join(t.TempDir(), "secret.py")
	os.WriteFile(outside, []byte("SECRET\n"), 0o644)
	for _, swap := range []struct {
		name string
		do   func() error
	}{
		{"another file", func() error { return os.WriteFile(p+".new", []byte("y = 2\n"), 0o644) }},
		{"a pipe", func() error { return syscall.Mkfifo(p+".new", 0o644) }},
		{"a link out of the tree", func() error { return os.Symlink(outside, p+".new") }},
	} {
		if err := swap.do(); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(p+".new", p); err != nil {
			t.Fatal(err)
		}
		var b []byte
		within(t, swap.name, func() { b, err = Read(p, 100, walked) })
		if !errors.Is(err, ErrChanged) {
			t.Errorf("file replaced by %s: read %q, %v; want ErrChanged", swap.name, b, err)
		}
	}
}
