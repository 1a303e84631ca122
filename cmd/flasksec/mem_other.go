//go:build !linux

package main

// physicalMemory returns 0: the memory size is read on Linux only (no cgo,
// no extra module), elsewhere the collector keeps a GOGC setting.
func physicalMemory() uint64 { return 0 }
