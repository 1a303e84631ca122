package project

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/flasksec/flasksec/config"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/python/scanner"
	"github.com/flasksec/flasksec/safefile"
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
// unparsable files are recorded in Project.Errors and files not read
// (too large, binary, symlinks) in Project.Skipped, so that every file of
// interest is in exactly one of Files, Errors and Skipped; the walk goes
// on. An error is returned only when root itself cannot be read.
//
// The walk honours .gitignore files (at the root and in sub-folders),
// skips the default folders (virtual environments, caches, build output;
// see DefaultSkipDirs) plus the configuration's SkipDirs and Exclude
// globs, and never follows a symbolic link: a link to a file or folder
// inside the root is skipped because its target is scanned at its real
// path; one that leads out of the root, dangles or loops is skipped with
// that reason.
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
	if real, err := filepath.EvalSymlinks(absRoot); err == nil {
		absRoot = real
	}
	info, err := os.Stat(absRoot)
	if err != nil {
		return nil, fmt.Errorf("scan root: %w", err)
	}
	maxSize := cfg.MaxFileSize
	if maxSize <= 0 {
		maxSize = DefaultMaxFileSize
	}
	w := &walker{root: absRoot, cfg: cfg, skipDirs: skipDirs(cfg)}
	if !info.IsDir() {
		absRoot = filepath.Dir(absRoot)
		w.paths = []string{filepath.Base(info.Name())}
		w.infos = []fs.FileInfo{info}
	} else if err := w.walkDir("", w.outer()); err != nil {
		return nil, fmt.Errorf("walking %s: %w", root, err)
	}
	paths, infos, skipped := w.paths, w.infos, w.skipped
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
			files[i], errs[i], skips[i] = loadFile(absRoot, rel, maxSize, opts.ParsePython, infos[i])
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

// DefaultSkipDirs returns the names of the folders never entered unless
// the configuration turns the defaults off: virtual environments, caches,
// version control, vendored packages and build output. Folders holding a
// pyvenv.cfg (virtual environments of any name) are skipped too.
func DefaultSkipDirs() []string {
	out := make([]string, 0, len(defaultSkipDirs))
	for d := range defaultSkipDirs {
		out = append(out, d)
	}
	sort.Strings(out)
	return out
}

func skipDirs(cfg *config.Config) map[string]bool {
	m := map[string]bool{}
	if !cfg.NoDefaultSkipDirs {
		for d := range defaultSkipDirs {
			m[d] = true
		}
	}
	for _, d := range cfg.SkipDirs {
		m[d] = true
	}
	return m
}

// walker collects the relative paths of the regular files to read, with
// what the walk saw of each (its identity, checked again at the read).
type walker struct {
	root     string
	cfg      *config.Config
	skipDirs map[string]bool
	paths    []string
	infos    []fs.FileInfo // infos[i] is the Lstat of paths[i]
	skipped  []Skipped
}

// MaxIgnoreFileSize is the largest .gitignore (or .git/info/exclude)
// read; a larger one is not applied and is listed as skipped.
const MaxIgnoreFileSize = 4 << 20

// readIgnoreFile reads the ignore file at rel under root (a regular file,
// or a link to one inside root, at most MaxIgnoreFileSize bytes). It
// returns nil and no reason when there is none, and nil and a reason
// when there is one that is not read.
func readIgnoreFile(root, rel string) ([]byte, string) {
	raw, err := safefile.ReadInTree(root, rel, MaxIgnoreFileSize)
	switch {
	case err == nil:
		return raw, ""
	case errors.Is(err, fs.ErrNotExist):
		return nil, ""
	}
	return nil, "ignore file not read (" + errText(err) + "); its patterns are not applied"
}

// outer returns the ignore files above the root, unless .gitignore files
// are turned off.
func (w *walker) outer() ignorer {
	if w.cfg.NoGitignore {
		return nil
	}
	return outerIgnores(w.root)
}

// walkDir walks the folder rel (relative to the root; "" is the root)
// with the .gitignore files of its parents in ig.
func (w *walker) walkDir(rel string, ig ignorer) error {
	abs := filepath.Join(w.root, filepath.FromSlash(rel))
	entries, err := os.ReadDir(abs)
	if err != nil {
		if rel == "" {
			return err
		}
		w.skipped = append(w.skipped, Skipped{Path: rel, Reason: "folder not readable: " + errText(err)})
		return nil
	}
	if !w.cfg.NoGitignore {
		ignoreFile := path.Join(rel, ".gitignore")
		if raw, why := readIgnoreFile(w.root, ignoreFile); raw != nil {
			ig = append(ig[:len(ig):len(ig)], parseGitignore(rel, raw))
		} else if why != "" {
			w.skipped = append(w.skipped, Skipped{Path: ignoreFile, Reason: why})
		}
	}
	for _, e := range entries { // sorted by name
		name := e.Name()
		sub := name
		if rel != "" {
			sub = rel + "/" + name
		}
		typ := e.Type()
		switch {
		case typ&fs.ModeSymlink != 0:
			if interesting(sub) {
				w.skipped = append(w.skipped, Skipped{Path: sub, Reason: w.symlinkReason(sub)})
			}
		case typ.IsDir():
			if w.skipDirs[name] || ig.ignored(sub, true) || excluded(w.cfg, sub) || isVenv(filepath.Join(abs, name)) {
				continue
			}
			if kind, _ := Classify(sub, nil); kind != Other {
				w.skipped = append(w.skipped, Skipped{Path: sub, Reason: "a folder named like a source file, not a file (its contents are scanned)"})
			}
			if err := w.walkDir(sub, ig); err != nil {
				return err
			}
		case typ.IsRegular():
			if ig.ignored(sub, false) || excluded(w.cfg, sub) {
				continue
			}
			info, err := e.Info()
			if err != nil {
				// Gone since the folder was listed: the read reports it.
				info = nil
			}
			w.paths = append(w.paths, sub)
			w.infos = append(w.infos, info)
		default: // named pipe, socket, device
			if interesting(sub) && !ig.ignored(sub, false) && !excluded(w.cfg, sub) {
				w.skipped = append(w.skipped, Skipped{Path: sub, Reason: safefile.Describe(typ) + ", not a regular file (not read)"})
			}
		}
	}
	return nil
}

// interesting reports whether a path could be a file the scan reads,
// judging by its name alone (links to folders always are).
func interesting(rel string) bool {
	kind, _ := Classify(rel, nil)
	return kind != Other || maybeTemplate(rel) || path.Ext(rel) == ""
}

// symlinkReason says why the link at rel is not followed.
func (w *walker) symlinkReason(rel string) string {
	abs := filepath.Join(w.root, filepath.FromSlash(rel))
	target, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if _, lerr := os.Lstat(abs); lerr == nil {
			if _, serr := os.Stat(abs); serr != nil && strings.Contains(serr.Error(), "too many") {
				return "symbolic link loop"
			}
		}
		if strings.Contains(err.Error(), "too many") {
			return "symbolic link loop"
		}
		return "dangling symbolic link"
	}
	r, err := filepath.Rel(w.root, target)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "symbolic link pointing outside the scanned root (not followed)"
	}
	r = filepath.ToSlash(r)
	if r == "." || strings.HasPrefix(rel, r+"/") {
		return "symbolic link loop (points to a folder that contains it; not followed)"
	}
	return "symbolic link to " + r + " (scanned at its real path)"
}

// isVenv reports whether the folder is a Python virtual environment.
func isVenv(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, "pyvenv.cfg"))
	return err == nil
}

// errText is an error's text without the absolute path os functions
// put in front.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// excluded reports whether the configuration's Exclude globs cover rel.
func excluded(cfg *config.Config, rel string) bool {
	for _, g := range cfg.Exclude {
		if config.Match(g, rel) {
			return true
		}
	}
	return false
}

// loadFile reads, classifies and (for Python) parses one file. It returns
// a nil file for files of no interest. Only a regular file is read, never
// through a symbolic link, and never more than maxSize bytes; when walked
// is not nil, the file read must be the one the walk saw (same device and
// inode), so that a file replaced after the walk (by a pipe, or a link
// out of the tree) is skipped, not read.
func loadFile(root, rel string, maxSize int64, parse ParseFunc, walked fs.FileInfo) (*File, *FileError, *Skipped) {
	abs := filepath.Join(root, filepath.FromSlash(rel))
	kind, also := Classify(rel, nil)
	if kind == Other && !maybeTemplate(rel) {
		return nil, nil, nil
	}
	raw, err := safefile.Read(abs, maxSize, walked)
	var notRegular *safefile.NotRegularError
	var tooLarge *safefile.TooLargeError
	switch {
	case errors.As(err, &tooLarge):
		return nil, nil, &Skipped{Path: rel, Reason: fmt.Sprintf("larger than the size limit of %d bytes (%d bytes; see max_file_size)", maxSize, tooLarge.Size)}
	case errors.As(err, &notRegular):
		return nil, nil, &Skipped{Path: rel, Reason: err.Error() + " (not read)"}
	case errors.Is(err, safefile.ErrChanged):
		return nil, nil, &Skipped{Path: rel, Reason: err.Error() + " (not read)"}
	case err != nil:
		return nil, &FileError{Kind: ReadError, Path: rel, Message: "cannot read: " + errText(err)}, nil
	}
	f, fe, sk := fromRaw(rel, raw, kind, also, parse)
	if f != nil {
		f.Abs = abs
	}
	return f, fe, sk
}

// fromRaw does what follows the read of a file whose name classified it
// as kind (Other when only its content can tell): classification by
// content, binary detection, PEP 263 decoding and parsing. Load and
// FromSource share it.
func fromRaw(rel string, raw []byte, kind Kind, also []Kind, parse ParseFunc) (*File, *FileError, *Skipped) {
	if kind == Other {
		if kind, also = Classify(rel, raw); kind == Other {
			return nil, nil, nil
		}
	}
	f := &File{Path: rel, Kind: kind, Also: also}
	if kind != Python && bytes.IndexByte(raw, 0) >= 0 {
		return nil, nil, &Skipped{Path: rel, Reason: "binary file (contains NUL bytes)"}
	}
	if kind == PyConfig {
		// Python when it parses; an INI file otherwise, which is no error.
		f.Src = toUTF8(raw)
		if src, err := decodePython(rel, raw); err == nil {
			if mod, err := parse(rel, raw); err == nil {
				f.Src, f.AST = src, mod
			}
		}
		return f, nil, nil
	}
	if kind != Python {
		f.Src = toUTF8(raw)
		return f, nil, nil
	}
	src, err := decodePython(rel, raw)
	if err != nil {
		// Keep readable text for the report; the parser would fail the
		// same way, so it is not run.
		f.Src, f.Err = toUTF8(bytes.TrimPrefix(raw, utf8BOM)), err
		return f, fileError(rel, err), nil
	}
	f.Src = src
	f.AST, f.Err = parse(rel, raw)
	if f.Err != nil {
		return f, fileError(rel, f.Err), nil
	}
	return f, nil, nil
}

var utf8BOM = []byte("\xef\xbb\xbf")

// decodePython turns a Python file's raw bytes into UTF-8 text as
// CPython reads it (BOM, PEP 263 coding declaration).
func decodePython(rel string, raw []byte) ([]byte, error) {
	return scanner.Decode(rel, raw)
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
			msg = fmt.Sprintf("%s (%s)", msg, scanner.MoreErrors(len(list)-1))
		}
		return &FileError{Path: rel, Line: int(e.Pos.Line), Col: int(e.Pos.Col) + 1, Message: msg}
	}
	var one *scanner.Error
	if errors.As(err, &one) {
		return &FileError{Path: rel, Line: int(one.Pos.Line), Col: int(one.Pos.Col) + 1, Message: one.Msg}
	}
	return &FileError{Path: rel, Message: err.Error()}
}
