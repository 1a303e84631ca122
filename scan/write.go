package scan

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes a report or a baseline to path, as the user named
// it:
//
//   - a symbolic link is followed: its target is written and the link
//     stays a link; a link to a missing file is refused;
//   - a special file (a named pipe such as the one of "-o >(jq .)", a
//     device such as /dev/null or /dev/stdout) is written directly, never
//     replaced by a regular file;
//   - a regular file (or a new one) is written through a temporary file in
//     its folder, renamed over it, so that a reader never sees half a
//     report; an existing file keeps its permission bits, a new one is
//     0644.
func WriteFileAtomic(path string, data []byte) error {
	target, err := writeTarget(path)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	mode := fs.FileMode(0o644)
	switch st, err := os.Stat(target); {
	case err == nil && st.IsDir():
		return fmt.Errorf("cannot write %s: is a directory", path)
	case err == nil && !st.Mode().IsRegular():
		return writeDirect(path, target, data)
	case err == nil:
		mode = st.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	dir := filepath.Dir(target)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".tmp*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	name := tmp.Name()
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(name, mode)
	}
	if werr == nil {
		werr = os.Rename(name, target)
	}
	if werr != nil {
		os.Remove(name)
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(werr))
	}
	return nil
}

// writeTarget returns the file that writing path should change: path
// itself, or the final target when path is a symbolic link.
func writeTarget(path string) (string, error) {
	st, err := os.Lstat(path)
	if err != nil || st.Mode()&fs.ModeSymlink == 0 {
		return path, nil
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		dest, _ := os.Readlink(path)
		return "", fmt.Errorf("it is a symbolic link to %s, which does not exist", dest)
	}
	return real, nil
}

// writeDirect writes data to an existing special file (a pipe, a device)
// without truncating or replacing it.
func writeDirect(path, target string, data []byte) error {
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	_, werr := f.Write(data)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(werr))
	}
	return nil
}

// WritableTarget reports whether WriteFileAtomic could write path, before
// a long scan: its folder exists and can hold the temporary file, or it is
// an existing special file, or a link to one of these.
func WritableTarget(path string) error {
	if path == "" {
		return nil
	}
	target, err := writeTarget(path)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if st, err := os.Stat(target); err == nil {
		if st.IsDir() {
			return fmt.Errorf("cannot write %s: is a directory", path)
		}
		if !st.Mode().IsRegular() {
			return nil // a pipe or a device: opened when the report is ready
		}
	}
	dir := filepath.Dir(target)
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("cannot write %s: folder %s does not exist", path, dir)
	}
	if !st.IsDir() {
		return fmt.Errorf("cannot write %s: %s is not a folder", path, dir)
	}
	tmp, err := os.CreateTemp(dir, ".flasksec-write-test*")
	if err != nil {
		return fmt.Errorf("cannot write %s: folder %s is not writable", path, dir)
	}
	tmp.Close()
	os.Remove(tmp.Name())
	return nil
}
