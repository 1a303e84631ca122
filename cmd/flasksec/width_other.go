//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package main

// terminalColumns returns 0: the width is not read on this system (the
// COLUMNS variable still sets it).
func terminalColumns(any) int { return 0 }
