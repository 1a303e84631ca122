package project

import (
	"fmt"
	"strings"

	"github.com/flasksec/flasksec/config"
)

// This file holds the loader's per-file steps for callers that keep a
// project up to date themselves, such as the language server: it re-reads
// one file after a save, and builds a file from an editor's unsaved
// buffer. Both follow Load's rules exactly (classification, size limit,
// binary detection, PEP 263 decoding, parsing), so that a file analysed
// from memory is the file a scan would read from disk: FromSource and
// Load share the steps that follow the read (fromRaw), and
// TestFromSourceMatchesLoad compares the two on every fixture of the
// repository.

// ReadFile reads, classifies and parses the file at the slash-separated
// path rel under root, as Load does for each file it walks. It returns a
// nil file, error and skip when the file is of no interest to flasksec; a
// file that cannot be read is a FileError. It does not check the ignore
// rules (.gitignore, excludes, skipped folders): the caller decides
// whether the path belongs to the project.
func ReadFile(root, rel string, opts Options) (*File, *FileError, *Skipped) {
	if opts.ParsePython == nil {
		return nil, &FileError{Kind: ReadError, Path: rel, Message: "cannot read: no Python parser given"}, nil
	}
	return loadFile(root, rel, maxFileSize(opts.Config), opts.ParsePython, nil)
}

// FromSource builds the file at the slash-separated path rel from content
// held in memory, such as an editor's unsaved buffer, with the same
// classification, limits, decoding and parsing as Load. Its Abs is "".
// It returns a nil file, error and skip when the file is of no interest.
// A Python file that does not parse is returned with its partial tree
// and its FileError, as Load keeps it.
func FromSource(rel string, raw []byte, opts Options) (*File, *FileError, *Skipped) {
	if opts.ParsePython == nil {
		return nil, &FileError{Kind: ReadError, Path: rel, Message: "cannot read: no Python parser given"}, nil
	}
	kind, also := Classify(rel, nil)
	if kind == Other && !maybeTemplate(rel) {
		return nil, nil, nil
	}
	if max := maxFileSize(opts.Config); int64(len(raw)) > max {
		return nil, nil, &Skipped{Path: rel, Reason: fmt.Sprintf("larger than the size limit of %d bytes (%d bytes; see max_file_size)", max, len(raw))}
	}
	return fromRaw(rel, raw, kind, also, opts.ParsePython)
}

// Interesting reports whether a file at the slash-separated path rel
// could be one flasksec reads, judging by its name alone: a Python,
// template, deployment or dependency file, or an HTML-like file that may
// turn out to be a template once its content is seen.
func Interesting(rel string) bool {
	kind, _ := Classify(rel, nil)
	return kind != Other || maybeTemplate(rel)
}

// Ignored reports whether Load skips the slash-separated path rel because
// of the configuration alone: a folder on the path is one never entered
// (the default skip folders, unless turned off, and SkipDirs) or the
// Exclude globs cover the file or one of its folders. The .gitignore
// files and virtual-environment folders are not consulted: they need the
// tree on disk, which Load reads.
func Ignored(rel string, cfg *config.Config) bool {
	if cfg == nil {
		cfg = &config.Config{}
	}
	dirs := skipDirs(cfg)
	parts := strings.Split(rel, "/")
	for i := 0; i < len(parts)-1; i++ {
		if dirs[parts[i]] || excluded(cfg, strings.Join(parts[:i+1], "/")) {
			return true
		}
	}
	return excluded(cfg, rel)
}

// maxFileSize is the configuration's size limit, or the default.
func maxFileSize(cfg *config.Config) int64 {
	if cfg != nil && cfg.MaxFileSize > 0 {
		return cfg.MaxFileSize
	}
	return DefaultMaxFileSize
}
