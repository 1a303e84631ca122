package memlimit

import (
	"os"
	"testing"
	"testing/fstest"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func TestCgroupLimit(t *testing.T) {
	const gib = 1 << 30
	tests := []struct {
		name  string
		fs    fstest.MapFS
		want  uint64
		found bool
	}{
		{"no proc", fstest.MapFS{}, 0, false},
		{"v2 own group", fstest.MapFS{
			"proc/self/cgroup":                 file("0::/ci/job7\n"),
			"sys/fs/cgroup/ci/job7/memory.max": file("2147483648\n"),
			"sys/fs/cgroup/ci/memory.max":      file("max\n"),
			"sys/fs/cgroup/memory.max":         file("max\n"),
		}, 2 * gib, true},
		{"v2 parent is smaller", fstest.MapFS{
			"proc/self/cgroup":                 file("0::/ci/job7\n"),
			"sys/fs/cgroup/ci/job7/memory.max": file("max\n"),
			"sys/fs/cgroup/ci/memory.max":      file("1073741824\n"),
		}, gib, true},
		{"v2 unlimited", fstest.MapFS{
			"proc/self/cgroup":         file("0::/\n"),
			"sys/fs/cgroup/memory.max": file("max\n"),
		}, 0, false},
		{"v2 namespaced: path hidden, mount point is the container", fstest.MapFS{
			"proc/self/cgroup":         file("0::/../../kubepods/pod1\n"),
			"sys/fs/cgroup/memory.max": file("536870912\n"),
		}, gib / 2, true},
		{"v1 memory controller", fstest.MapFS{
			"proc/self/cgroup": file("9:name=systemd:/\n4:memory:/docker/abc\n3:cpu,cpuacct:/docker/abc\n"),
			"sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes": file("3221225472\n"),
			"sys/fs/cgroup/memory/memory.limit_in_bytes":            file("9223372036854771712\n"),
		}, 3 * gib, true},
		{"v1 combined controller list", fstest.MapFS{
			"proc/self/cgroup": file("4:cpu,memory:/x\n"),
			"sys/fs/cgroup/memory/x/memory.limit_in_bytes": file("1000000000\n"),
		}, 1000000000, true},
		{"v1 unlimited", fstest.MapFS{
			"proc/self/cgroup":                           file("4:memory:/\n"),
			"sys/fs/cgroup/memory/memory.limit_in_bytes": file("9223372036854771712\n"),
		}, 0, false},
		{"hybrid: v1 and v2 both limit, smaller wins", fstest.MapFS{
			"proc/self/cgroup": file("4:memory:/a\n0::/a\n"),
			"sys/fs/cgroup/memory/a/memory.limit_in_bytes": file("4294967296\n"),
			"sys/fs/cgroup/unified/a/memory.max":           file("2147483648\n"),
		}, 2 * gib, true},
		{"garbage values ignored", fstest.MapFS{
			"proc/self/cgroup":         file("0::/\n"),
			"sys/fs/cgroup/memory.max": file("lots\n"),
		}, 0, false},
		{"zero is no limit", fstest.MapFS{
			"proc/self/cgroup":         file("0::/\n"),
			"sys/fs/cgroup/memory.max": file("0\n"),
		}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, found := CgroupLimit(tt.fs)
			if got != tt.want || found != tt.found {
				t.Errorf("CgroupLimit = %d, %v; want %d, %v", got, found, tt.want, tt.found)
			}
		})
	}
}

func TestAvailable(t *testing.T) {
	limited := fstest.MapFS{"proc/self/cgroup": file("0::/\n"), "sys/fs/cgroup/memory.max": file("1073741824\n")}
	for _, tt := range []struct {
		name    string
		machine uint64
		fs      fstest.MapFS
		want    uint64
	}{
		{"machine only", 16 << 30, fstest.MapFS{}, 16 << 30},
		{"container smaller", 16 << 30, limited, 1 << 30},
		{"container larger than machine", 512 << 20, limited, 512 << 20},
		{"machine unknown", 0, limited, 1 << 30},
		{"nothing known", 0, fstest.MapFS{}, 0},
	} {
		if got := Available(tt.machine, tt.fs); got != tt.want {
			t.Errorf("%s: Available = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestFor(t *testing.T) {
	for _, tt := range []struct {
		available uint64
		want      Settings
	}{
		{0, Settings{Limit: -1, GCPercent: GCPercent}},
		{16 << 30, Settings{Limit: 8 << 30, GCPercent: GCPercent}},
		{1 << 30, Settings{Limit: 512 << 20, GCPercent: GCPercent}},
		{100 << 20, Settings{Limit: 64 << 20, GCPercent: GCPercent}},
		{32 << 20, Settings{Limit: 32 << 20, GCPercent: GCPercent}},
	} {
		got := For(tt.available)
		if got != tt.want {
			t.Errorf("For(%d) = %+v, want %+v", tt.available, got, tt.want)
		}
		if got.GCPercent < 0 {
			t.Errorf("For(%d) turns the collector off", tt.available)
		}
		if tt.available > 0 && uint64(got.Limit) > tt.available {
			t.Errorf("For(%d): limit %d above what is available", tt.available, got.Limit)
		}
	}
}

// TestCgroupLimitOnThisMachine reads the real files: whatever it finds
// must be a plausible limit.
func TestCgroupLimitOnThisMachine(t *testing.T) {
	if v, ok := CgroupLimit(os.DirFS("/")); ok && v < 1<<20 {
		t.Errorf("cgroup limit %d bytes", v)
	}
}
