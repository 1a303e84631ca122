// Package safefile opens and reads the files of a scanned tree without
// trusting them: only regular files are opened (a named pipe, a socket,
// a device or a folder is refused before it is opened, and the opened
// descriptor is checked again), the last path element is never followed
// when it is a symbolic link, the bytes read are capped, and a file can
// be required to be the very file (device and inode) seen earlier by a
// walk, so that a file swapped for a pipe or for a link out of the tree
// between the walk and the read is not read.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// NotRegularError says that a path is not a regular file.
type NotRegularError struct {
	// What names the kind of file: "named pipe (FIFO)", "socket",
	// "device", "folder", "symbolic link" or "special file".
	What string
}

func (e *NotRegularError) Error() string { return e.What + ", not a regular file" }

// TooLargeError says that a file is larger than the bytes allowed.
type TooLargeError struct {
	Size, Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("larger than the limit of %d bytes (%d bytes)", e.Limit, e.Size)
}

// ErrChanged is returned when the file opened is not the one expected: it
// was replaced (by another file, a pipe, a link) after it was listed.
var ErrChanged = errors.New("replaced by another file after it was listed")

// ErrOutside is returned when a symbolic link leads out of the tree it
// was read in.
var ErrOutside = errors.New("symbolic link pointing outside the scanned tree (not followed)")

// Describe names the kind of a non-regular file mode for messages.
func Describe(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return "device"
	case m.IsDir():
		return "folder"
	}
	return "special file"
}

// Open opens the regular file at name for reading. name's last element
// must not be a symbolic link (its folders may be). The file's type is
// checked before the open, so that nothing else is ever opened (opening
// a device or a pipe can block or act), and again on the descriptor; the
// open does not block even if a pipe was swapped in between. When want
// is not nil, the opened file must be the same file (device and inode)
// as want, else ErrChanged (also when want is a regular file and name is
// now something else). It returns the file and its fstat info.
func Open(name string, want fs.FileInfo) (*os.File, fs.FileInfo, error) {
	lst, err := os.Lstat(name)
	if err != nil {
		return nil, nil, err
	}
	if !lst.Mode().IsRegular() {
		if want != nil && want.Mode().IsRegular() {
			return nil, nil, ErrChanged
		}
		return nil, nil, &NotRegularError{What: Describe(lst.Mode())}
	}
	f, err := openNoFollow(name)
	if err != nil {
		if isSymlinkError(err) {
			if want != nil && want.Mode().IsRegular() {
				return nil, nil, ErrChanged
			}
			return nil, nil, &NotRegularError{What: "symbolic link"}
		}
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	switch {
	case want != nil && !os.SameFile(want, st):
		f.Close()
		return nil, nil, ErrChanged
	case !st.Mode().IsRegular():
		f.Close()
		return nil, nil, &NotRegularError{What: Describe(st.Mode())}
	}
	return f, st, nil
}

// Read reads the regular file at name (see Open) and returns at most
// limit bytes; a larger file is a *TooLargeError, whether its size was
// known at the open or it grew while read.
func Read(name string, limit int64, want fs.FileInfo) ([]byte, error) {
	f, st, err := Open(name, want)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st.Size() > limit {
		return nil, &TooLargeError{Size: st.Size(), Limit: limit}
	}
	buf := make([]byte, 0, st.Size()+1)
	buf, err = readAtMost(f, buf, limit+1)
	if err != nil {
		return nil, err
	}
	if int64(len(buf)) > limit {
		return nil, &TooLargeError{Size: int64(len(buf)), Limit: limit}
	}
	return buf, nil
}

// readAtMost appends up to n bytes of r to buf.
func readAtMost(r io.Reader, buf []byte, n int64) ([]byte, error) {
	lr := io.LimitReader(r, n)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		m, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// ReadInTree reads the regular file at the slash-separated path rel under
// the folder root, with at most limit bytes (see Read). When rel names a
// symbolic link, the link is resolved and read only when its target is
// inside root (ErrOutside otherwise); the target itself must be a regular
// file. A missing file is an error satisfying errors.Is(err,
// fs.ErrNotExist).
func ReadInTree(root, rel string, limit int64) ([]byte, error) {
	name := filepath.Join(root, filepath.FromSlash(rel))
	lst, err := os.Lstat(name)
	if err != nil {
		return nil, err
	}
	if lst.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(name)
		if err != nil {
			return nil, err
		}
		realRoot, err := filepath.EvalSymlinks(root)
		if err != nil {
			return nil, err
		}
		if !Inside(realRoot, target) {
			return nil, ErrOutside
		}
		name = target
	}
	return Read(name, limit, nil)
}

// Inside reports whether the clean absolute path p is root or below it.
func Inside(root, p string) bool {
	r, err := filepath.Rel(root, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) && !filepath.IsAbs(r)
}
