// Package memlimit finds how much memory the process may use (the
// machine's memory or a smaller container limit from Linux control
// groups) and derives the garbage collector's settings for a one-shot
// command from it. It reads files only, through an fs.FS rooted at the
// file system's root, so that tests can give it fake cgroup trees.
package memlimit

import (
	"bufio"
	"bytes"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// unlimited is the smallest cgroup v1 value taken as "no limit": the
// kernel reports an unset limit as a huge page-rounded number.
const unlimited = 1 << 62

// maxControlFile bounds the bytes read from one control file.
const maxControlFile = 64 << 10

// CgroupLimit returns the smallest memory limit of the control groups the
// process is in, and whether there is one. fsys is rooted at "/" (for
// example os.DirFS("/")). It reads /proc/self/cgroup, then for the
// unified hierarchy (cgroup v2) memory.max and for the v1 memory
// controller memory.limit_in_bytes, in the process's group and every
// group above it up to the mount point (a limit on a parent binds the
// children). Inside a container whose cgroup namespace hides the path,
// the file at the mount point itself is the container's limit.
func CgroupLimit(fsys fs.FS) (uint64, bool) {
	raw, err := readSmall(fsys, "proc/self/cgroup")
	if err != nil {
		return 0, false
	}
	var best uint64
	found := false
	take := func(v uint64, ok bool) {
		if ok && (!found || v < best) {
			best, found = v, true
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		// hierarchy-ID:controller-list:cgroup-path
		parts := strings.SplitN(sc.Text(), ":", 3)
		if len(parts) != 3 {
			continue
		}
		switch {
		case parts[0] == "0" && parts[1] == "":
			take(walkUp(fsys, "sys/fs/cgroup", parts[2], "memory.max"))
			take(walkUp(fsys, "sys/fs/cgroup/unified", parts[2], "memory.max"))
		case hasController(parts[1], "memory"):
			take(walkUp(fsys, "sys/fs/cgroup/memory", parts[2], "memory.limit_in_bytes"))
		}
	}
	return best, found
}

// hasController reports whether the comma-separated list holds name.
func hasController(list, name string) bool {
	for _, c := range strings.Split(list, ",") {
		if c == name {
			return true
		}
	}
	return false
}

// walkUp reads file in the group at cgPath under mount and in each of
// its parents up to mount, and returns the smallest limit found.
func walkUp(fsys fs.FS, mount, cgPath, file string) (uint64, bool) {
	var best uint64
	found := false
	dir := path.Clean("/" + cgPath)
	for {
		p := path.Join(mount, dir, file)
		if v, ok := readLimit(fsys, p); ok && (!found || v < best) {
			best, found = v, true
		}
		if dir == "/" {
			break
		}
		dir = path.Dir(dir)
	}
	return best, found
}

// readLimit reads one limit file: a number of bytes, or "max" (cgroup
// v2) or a huge number (v1) for none.
func readLimit(fsys fs.FS, name string) (uint64, bool) {
	raw, err := readSmall(fsys, name)
	if err != nil {
		return 0, false
	}
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "max" {
		return 0, false
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil || v == 0 || v >= unlimited {
		return 0, false
	}
	return v, true
}

// readSmall reads at most maxControlFile bytes of a regular file.
func readSmall(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, maxControlFile)
	n := 0
	for n < len(buf) {
		m, err := f.Read(buf[n:])
		n += m
		if err != nil {
			break
		}
	}
	return buf[:n], nil
}

// Settings are the garbage collector's settings for a one-shot command.
type Settings struct {
	// Limit is the soft memory limit in bytes (debug.SetMemoryLimit).
	Limit int64
	// GCPercent is the GOGC value (debug.SetGCPercent); never off.
	GCPercent int
}

// GCPercent is the collector's growth setting of a scan: the heap may
// grow to (1 + GCPercent/100) times the live data between collections.
// A scan's heap is mostly live until the end, so a value above Go's
// default 100 saves collections that would free little, while a finite
// value keeps garbage bounded by the live data whatever the limit.
const GCPercent = 200

// minLimit is the smallest soft limit set: below it the collector would
// run all the time for a tiny scan.
const minLimit = 64 << 20

// For returns the settings for a process that may use at most
// available bytes (the smaller of the machine's memory and the container
// limit; 0 when unknown): a soft limit of half of it, leaving room for
// what the Go runtime does not count (stacks, fragmentation, the
// collector's own work) and for the other processes of the container,
// and a finite GOGC. With nothing known, only GOGC is set (Limit -1
// leaves Go's default).
func For(available uint64) Settings {
	if available == 0 {
		return Settings{Limit: -1, GCPercent: GCPercent}
	}
	limit := available / 2
	if limit < minLimit {
		limit = min(minLimit, available)
	}
	if limit > 1<<62 {
		limit = 1 << 62
	}
	return Settings{Limit: int64(limit), GCPercent: GCPercent}
}

// Available returns the smaller of the machine's memory (0 if unknown)
// and the cgroup limit read from fsys, or 0 when neither is known.
func Available(machine uint64, fsys fs.FS) uint64 {
	cg, ok := CgroupLimit(fsys)
	switch {
	case !ok:
		return machine
	case machine == 0:
		return cg
	default:
		return min(machine, cg)
	}
}
