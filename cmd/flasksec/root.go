package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/flasksec/flasksec/config"
)

// projectRoot finds the project a scanned path belongs to, as Ruff finds
// its configuration: the nearest folder, from the path (its folder for a
// file) upwards, that holds a configuration file (.flasksec.toml or
// pyproject.toml). The walk stops at the repository root (the first
// folder holding .git); outside a repository it stops at the working
// folder wd, and never leaves the path when the path is not inside wd.
// It returns "" when no folder up to there holds a configuration file.
func projectRoot(abs, wd string) string {
	start := abs
	if st, err := os.Stat(abs); err == nil && !st.IsDir() {
		start = filepath.Dir(abs)
	}
	limit := repoRoot(start)
	if limit == "" {
		limit = start
		if within(start, wd) {
			limit = wd
		}
	}
	for d := start; ; d = filepath.Dir(d) {
		for _, name := range config.FileNames {
			if st, err := os.Stat(filepath.Join(d, name)); err == nil && st.Mode().IsRegular() {
				return d
			}
		}
		if d == limit || filepath.Dir(d) == d {
			return ""
		}
	}
}

// repoRoot returns the nearest folder from dir upwards that holds .git (a
// folder, or a file in a worktree or submodule), or "".
func repoRoot(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// within reports whether path is dir or inside it (both absolute and
// clean).
func within(path, dir string) bool {
	if dir == "" {
		return false
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
