package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"testing/fstest"

	"github.com/flasksec/flasksec/memlimit"
)

func TestTuneGCKeepsTheEnvironmentsSetting(t *testing.T) {
	old := debug.SetGCPercent(123)
	defer debug.SetGCPercent(old)
	for _, env := range []map[string]string{{"GOGC": "50"}, {"GOMEMLIMIT": "2GiB"}} {
		tuneGC(func(k string) string { return env[k] }, fstest.MapFS{})
		if got := debug.SetGCPercent(123); got != 123 {
			t.Errorf("with %v set, tuneGC changed GOGC to %d", env, got)
		}
	}
}

func TestTuneGC(t *testing.T) {
	oldPercent := debug.SetGCPercent(100)
	oldLimit := debug.SetMemoryLimit(-1)
	defer func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}()
	noEnv := func(string) string { return "" }
	tuneGC(noEnv, fstest.MapFS{})
	percent := debug.SetGCPercent(100)
	limit := debug.SetMemoryLimit(-1)
	if percent != memlimit.GCPercent {
		t.Errorf("GOGC %d, want %d (never off)", percent, memlimit.GCPercent)
	}
	if runtime.GOOS == "linux" {
		if mem := physicalMemory(); mem < 256<<20 {
			t.Fatalf("physicalMemory() = %d", mem)
		}
		if uint64(limit) > physicalMemory()/2+1 {
			t.Errorf("memory limit %d above half the machine's %d", limit, physicalMemory())
		}
	}
	// A container limit of 1 GiB, far below the machine's memory, wins.
	container := fstest.MapFS{
		"proc/self/cgroup":         &fstest.MapFile{Data: []byte("0::/job\n")},
		"sys/fs/cgroup/memory.max": &fstest.MapFile{Data: []byte("1073741824\n")},
	}
	tuneGC(noEnv, container)
	percent = debug.SetGCPercent(100)
	limit = debug.SetMemoryLimit(-1)
	if percent != memlimit.GCPercent || limit != 512<<20 {
		t.Errorf("in a 1 GiB container: GOGC %d, memory limit %d; want %d, %d", percent, limit, memlimit.GCPercent, 512<<20)
	}
}
