package main

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestTuneGCKeepsTheEnvironmentsSetting(t *testing.T) {
	old := debug.SetGCPercent(123)
	defer debug.SetGCPercent(old)
	for _, env := range []map[string]string{{"GOGC": "50"}, {"GOMEMLIMIT": "2GiB"}} {
		tuneGC(func(k string) string { return env[k] })
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
	tuneGC(func(string) string { return "" })
	percent := debug.SetGCPercent(100)
	limit := debug.SetMemoryLimit(-1)
	if runtime.GOOS == "linux" {
		if mem := physicalMemory(); mem < 256<<20 {
			t.Fatalf("physicalMemory() = %d", mem)
		}
		if percent != -1 || limit < 1<<30 || uint64(limit) > physicalMemory() {
			t.Errorf("GOGC %d, memory limit %d (machine %d)", percent, limit, physicalMemory())
		}
	} else if percent != 400 {
		t.Errorf("GOGC %d, want 400", percent)
	}
}
