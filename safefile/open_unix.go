//go:build unix

package safefile

import (
	"errors"
	"os"
	"syscall"
)

// openNoFollow opens name read-only without following a symbolic link
// in its last element and without blocking on a named pipe.
func openNoFollow(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOFOLLOW, 0)
}

// isSymlinkError reports whether err is the open's refusal of a link.
func isSymlinkError(err error) bool {
	return errors.Is(err, syscall.ELOOP) || errors.Is(err, syscall.EMLINK)
}
