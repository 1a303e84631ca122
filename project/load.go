package project

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/flasksec/flasksec/config"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/python/scanner"
)

// ParseFunc parses one Python file's raw bytes. It returns the module
// (possibly partial) and a syntax error list, as python/parser.ParseFile
// does.
type ParseFunc func(filename string, src []byte) (*ast.Module, error)

// Options controls Load.
type Options struct {
	// ParsePython parses Python files; required.
	ParsePython ParseFunc
	// Config is the user's configuration (excludes, size limit); nil means
	// the defaults.
	Config *config.Config
}

// DefaultMaxFileSize is the largest file read when the configuration does
// not say otherwise. Larger files are listed as skipped.
const DefaultMaxFileSize = 5 << 20

// defaultSkipDirs are folders never entered: virtual environments, caches,
// version control, vendored packages and build output.
var defaultSkipDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, "__pycache__": true, "node_modules": true,
	"site-packages": true, "dist-packages": true, ".venv": true, "venv": true, ".tox": true,
	".nox": true, ".mypy_cache": true, ".pytest_cache": true, ".ruff_cache": true,
	"build": true, "dist": true, ".eggs": true,
}

// Load walks root, classifies and reads every file of interest, parses
// the Python files in parallel and returns the project. Unreadable or
// unparsable files are recorded in Project.Errors and the walk goes on; an
// error is returned only when root itself cannot be read.
func Load(root string, opts Options) (*Project, error) {
	if opts.ParsePython == nil {
		return nil, errors.New("project.Load: no Python parser given")
	}
	cfg := opts.Config
	if cfg == nil {
		cfg = &config.Config{}
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("scan root %s: %w", root, err)
	}
	info, err := os.Stat(absRoot)
	if err != nil {
		return nil, fmt.Errorf("scan root: %w", err)
	}
	maxSize := cfg.MaxFileSize
	if maxSize <= 0 {
		maxSize = DefaultMaxFileSize
	}
	var paths []string
	var skipped []Skipped
	if !info.IsDir() {
		absRoot, paths = filepath.Dir(absRoot), []string{filepath.Base(absRoot)}
	} else {
		err = filepath.WalkDir(absRoot, func(p string, d fs.DirEntry, err error) error {
			rel, _ := filepath.Rel(absRoot, p)
			rel = filepath.ToSlash(rel)
			if err != nil {
				skipped = append(skipped, Skipped{Path: rel, Reason: err.Error()})
				return nil
			}
			if d.IsDir() {
				if p != absRoot && (defaultSkipDirs[d.Name()] || excluded(cfg, rel)) {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 || !d.Type().IsRegular() || excluded(cfg, rel) {
				return nil
			}
			paths = append(paths, rel)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walking %s: %w", root, err)
		}
	}
	files := make([]*File, len(paths))
	errs := make([]*FileError, len(paths))
	skips := make([]*Skipped, len(paths))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, rel := range paths {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			files[i], errs[i], skips[i] = loadFile(absRoot, rel, maxSize, opts.ParsePython)
		}()
	}
	wg.Wait()
	var kept []*File
	var fileErrs []FileError
	for i := range paths {
		if files[i] != nil {
			kept = append(kept, files[i])
		}
		if errs[i] != nil {
			fileErrs = append(fileErrs, *errs[i])
		}
		if skips[i] != nil {
			skipped = append(skipped, *skips[i])
		}
	}
	p := New(absRoot, kept, cfg)
	sort.Slice(fileErrs, func(i, j int) bool { return fileErrs[i].Path < fileErrs[j].Path })
	sort.Slice(skipped, func(i, j int) bool { return skipped[i].Path < skipped[j].Path })
	p.Errors, p.Skipped = fileErrs, skipped
	return p, nil
}

func excluded(cfg *config.Config, rel string) bool {
	for _, g := range cfg.Exclude {
		if ok, _ := filepath.Match(g, rel); ok {
			return true
		}
		if ok, _ := filepath.Match(g, filepath.Base(rel)); ok {
			return true
		}
		if strings.HasPrefix(rel, strings.TrimSuffix(g, "/")+"/") {
			return true
		}
	}
	return false
}

// loadFile reads, classifies and (for Python) parses one file. It returns
// a nil file for files of no interest.
func loadFile(root, rel string, maxSize int64, parse ParseFunc) (*File, *FileError, *Skipped) {
	abs := filepath.Join(root, filepath.FromSlash(rel))
	kind, also := Classify(rel, nil)
	if kind == Other && !maybeTemplate(rel) {
		return nil, nil, nil
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, &FileError{Path: rel, Message: err.Error()}, nil
	}
	if st.Size() > maxSize {
		return nil, nil, &Skipped{Path: rel, Reason: fmt.Sprintf("larger than the %d-byte limit (%d bytes)", maxSize, st.Size())}
	}
	raw, err := os.ReadFile(abs)
	if err != nil {
		return nil, &FileError{Path: rel, Message: err.Error()}, nil
	}
	if kind == Other {
		if kind, also = Classify(rel, raw); kind == Other {
			return nil, nil, nil
		}
	}
	f := &File{Path: rel, Abs: abs, Kind: kind, Also: also}
	if kind != Python && bytes.IndexByte(raw, 0) >= 0 {
		return nil, nil, &Skipped{Path: rel, Reason: "binary file (contains NUL bytes)"}
	}
	if kind != Python {
		f.Src = toUTF8(raw)
		return f, nil, nil
	}
	f.Src = toUTF8(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")))
	f.AST, f.Err = parse(rel, raw)
	if f.Err != nil {
		return f, fileError(rel, f.Err), nil
	}
	return f, nil, nil
}

// maybeTemplate reports whether an unclassified path could be a template
// once its content is seen.
func maybeTemplate(rel string) bool {
	switch strings.ToLower(filepath.Ext(rel)) {
	case ".html", ".htm", ".xml", ".svg":
		return true
	}
	return false
}

// toUTF8 returns b with invalid UTF-8 sequences replaced, so that later
// stages can treat every file's text as UTF-8.
func toUTF8(b []byte) []byte {
	return bytes.ToValidUTF8(b, []byte("\uFFFD"))
}

func fileError(rel string, err error) *FileError {
	var list scanner.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		e := list[0]
		msg := e.Msg
		if len(list) > 1 {
			msg = fmt.Sprintf("%s (and %d more errors)", msg, len(list)-1)
		}
		return &FileError{Path: rel, Line: int(e.Pos.Line), Col: int(e.Pos.Col) + 1, Message: msg}
	}
	var one *scanner.Error
	if errors.As(err, &one) {
		return &FileError{Path: rel, Line: int(one.Pos.Line), Col: int(one.Pos.Col) + 1, Message: one.Msg}
	}
	return &FileError{Path: rel, Message: err.Error()}
}
