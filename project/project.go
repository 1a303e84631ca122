// Package project is the scanned tree: which files there are, what kind
// each is, their decoded text, the parsed Python modules, and a per-scan
// cache for the analyses built on top of them (the Flask model, taint
// results), so that each is computed once and shared by all rules.
package project

import (
	"context"
	"fmt"
	"path"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"github.com/flasksec/flasksec/config"
	"github.com/flasksec/flasksec/python/ast"
)

// Kind says which analyser owns a file.
type Kind uint8

// The kinds of files a scan reads.
const (
	Other    Kind = iota // not analysed
	Python               // *.py
	Template             // Jinja templates: templates/ folders, *.html, *.jinja, *.j2 with Jinja syntax
	Deploy               // Dockerfile*, Procfile, docker-compose*.yml, *.service, shell scripts, .env, .flaskenv, web server configs
	Deps                 // requirements*.txt, pyproject.toml, Pipfile(.lock), poetry.lock, uv.lock, setup.cfg, setup.py
	// PyConfig is a *.cfg file (setup.cfg aside) that may be a Flask
	// configuration file in Python syntax, loaded by
	// app.config.from_pyfile("settings.cfg"). It is parsed as Python when
	// it is Python (AST set) and kept as text otherwise (an INI file is no
	// error); it is no module of the project.
	PyConfig
)

var kindNames = [...]string{"other", "python", "template", "deploy", "deps", "pyconfig"}

// String returns the kind's lower-case name.
func (k Kind) String() string { return kindNames[k] }

// File is one file of the project.
type File struct {
	Path string // slash-separated, relative to the project root
	Abs  string // absolute path on disk; "" for in-memory files
	Kind Kind   // which analyser owns it
	// Also lists further kinds the file has: setup.py is Python and Deps,
	// pyproject.toml is Deps and configuration.
	Also []Kind
	Src  []byte // decoded UTF-8 text (for Python, after PEP 263 decoding)

	// Python files only.
	Module string      // dotted module name ("app.views"; "pkg" for pkg/__init__.py)
	AST    *ast.Module // the parsed module; partial when Err is a syntax error; nil if unreadable
	Err    error       // the read, decode or parse error; nil if none

	lineOnce sync.Once
	lines    []int // byte offset of the start of each line
}

// Is reports whether f is of kind k, as its main kind or one of Also.
func (f *File) Is(k Kind) bool {
	if f.Kind == k {
		return true
	}
	for _, a := range f.Also {
		if a == k {
			return true
		}
	}
	return false
}

// Line returns the text of 1-based line n without its line ending, or ""
// if there is no such line.
func (f *File) Line(n int) string {
	f.lineOnce.Do(func() {
		f.lines = append(f.lines, 0)
		for i, c := range f.Src {
			if c == '\n' || (c == '\r' && (i+1 == len(f.Src) || f.Src[i+1] != '\n')) {
				f.lines = append(f.lines, i+1)
			}
		}
	})
	if n < 1 || n > len(f.lines) {
		return ""
	}
	start := f.lines[n-1]
	end := len(f.Src)
	if n < len(f.lines) {
		end = f.lines[n]
	}
	return strings.TrimRight(string(f.Src[start:end]), "\r\n")
}

// NumLines returns the number of lines of the file.
func (f *File) NumLines() int {
	f.Line(1)
	return len(f.lines)
}

// FileError is a file that could not be read or parsed. It is part of the
// scan's result: nothing is dropped silently.
type FileError struct {
	Kind    ErrorKind `json:"-"` // why the file failed: read or parse
	Path    string    `json:"path"`
	Line    int       `json:"line,omitempty"`
	Col     int       `json:"col,omitempty"`
	Message string    `json:"message"`
}

// ErrorKind says why a file failed. Its text is the report's error kind
// (docs/json.md).
type ErrorKind string

// The kinds of file error.
const (
	// ParseError is a Python file or template that does not parse or
	// decode; its partial tree is still analysed. It is the zero value's
	// meaning too, for errors built without a kind.
	ParseError ErrorKind = "parse"
	// ReadError is a file that could not be read at all.
	ReadError ErrorKind = "read"
)

// KindOrParse returns the error's kind, ParseError when none was set.
func (e FileError) KindOrParse() ErrorKind {
	if e.Kind == "" {
		return ParseError
	}
	return e.Kind
}

// Skipped is a file the scan did not read, and why (too large, binary,
// symlink out of the root...).
type Skipped struct {
	Path string `json:"path"`
	// PathEscaped is set by the JSON report only, when Path is not valid
	// UTF-8 and is written in the escaped form of docs/json.md.
	PathEscaped bool   `json:"path_escaped,omitempty"`
	Reason      string `json:"reason"`
}

// Project is the scanned tree.
type Project struct {
	Root    string         // the scanned root directory
	Files   []*File        // sorted by Path
	Errors  []FileError    // files that failed to read or parse, sorted by path
	Skipped []Skipped      // files not read, sorted by path
	Config  *config.Config // the user's settings; never nil

	byPath   map[string]*File
	byModule map[string]*File

	mu    sync.Mutex
	cache map[any]*cacheEntry
	ctx   context.Context // see SetContext
}

// SetContext sets the context of the analysis that runs on the project:
// the rules and the analyses they share (project.Cached) check it between
// units of work (files, functions, batches of statements) and stop early
// when it is cancelled, leaving incomplete results that the caller must
// drop. rules.RunContext sets it; one analysis runs on a project at a time.
func (p *Project) SetContext(ctx context.Context) {
	p.mu.Lock()
	p.ctx = ctx
	p.mu.Unlock()
}

// Context returns the context set by SetContext, or context.Background().
func (p *Project) Context() context.Context {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ctx == nil {
		return context.Background()
	}
	return p.ctx
}

// Cancelled reports whether the analysis running on the project has been
// cancelled: the loops of the analyses call it between units of work.
func (p *Project) Cancelled() bool {
	return p.Context().Err() != nil
}

type cacheEntry struct {
	once sync.Once
	val  any
	fail *AnalysisFailure // set when compute panicked
}

// AnalysisFailure is the panic value of Cached when a shared analysis
// failed: the first caller's computation panicked, and every caller, then
// and later, gets this same value instead of a zero result. A computation
// that fails because an analysis it uses failed passes the root failure
// on, so the cause is reported once however many analyses and rules
// depended on it.
type AnalysisFailure struct {
	Analysis string // the key's type, e.g. "flask.modelKey"
	Value    any    // what the computation panicked with
	Stack    []byte // where it panicked
}

// Error describes the failure on one line.
func (f *AnalysisFailure) Error() string {
	return fmt.Sprintf("analysis %s failed: %v", f.Analysis, f.Value)
}

// New builds a project from files already read and classified (the loader
// and in-memory callers such as the language server use it). It sorts the
// files and indexes them by path and module.
func New(root string, files []*File, cfg *config.Config) *Project {
	if cfg == nil {
		cfg = &config.Config{}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	p := &Project{Root: root, Files: files, Config: cfg,
		byPath: make(map[string]*File, len(files)), byModule: make(map[string]*File)}
	for _, f := range files {
		p.byPath[f.Path] = f
		if f.Kind == Python && f.Module == "" {
			f.Module = ModuleName(f.Path)
		}
		if f.Module != "" {
			if old, ok := p.byModule[f.Module]; !ok || len(f.Path) < len(old.Path) {
				p.byModule[f.Module] = f
			}
		}
	}
	return p
}

// File returns the file at the slash-separated relative path, or nil.
func (p *Project) File(relPath string) *File { return p.byPath[relPath] }

// Module returns the Python file that defines the dotted module name, or
// nil. A module is known by its path from the root and, when it sits under
// a source folder such as src/, by its path from that folder.
func (p *Project) Module(dotted string) *File { return p.byModule[dotted] }

// FilesOf returns the files of kind k (main kind or Also), in path order.
func (p *Project) FilesOf(k Kind) []*File {
	var out []*File
	for _, f := range p.Files {
		if f.Is(k) {
			out = append(out, f)
		}
	}
	return out
}

// Cached returns the value computed by compute for key, computing it at
// most once per project even when called from many goroutines. When
// compute panics, Cached panics with an *AnalysisFailure, for that caller
// and every later one. Analyses
// shared by several rules (the Flask model, taint results, parsed
// templates) use it with an unexported key type of their own package.
func Cached[T any](p *Project, key any, compute func() T) T {
	p.mu.Lock()
	if p.cache == nil {
		p.cache = make(map[any]*cacheEntry)
	}
	e, ok := p.cache[key]
	if !ok {
		e = &cacheEntry{}
		p.cache[key] = e
	}
	p.mu.Unlock()
	e.once.Do(func() {
		defer func() {
			if v := recover(); v != nil {
				if f, ok := v.(*AnalysisFailure); ok {
					e.fail = f
				} else {
					e.fail = &AnalysisFailure{Analysis: fmt.Sprintf("%T", key), Value: v, Stack: debug.Stack()}
				}
			}
		}()
		e.val = compute()
	})
	if e.fail != nil {
		panic(e.fail)
	}
	return e.val.(T)
}

// ModuleName returns the dotted module name of a Python file's
// slash-separated relative path: "app/views.py" is "app.views",
// "app/__init__.py" is "app", "src/app/x.py" is "src.app.x".
func ModuleName(relPath string) string {
	p := strings.TrimSuffix(relPath, ".py")
	p = strings.TrimSuffix(p, "/__init__")
	if p == "__init__" {
		return ""
	}
	return strings.ReplaceAll(p, "/", ".")
}

// Classify returns the kind of a file from its slash-separated relative
// path and, for templates, its content. Also lists secondary kinds.
func Classify(relPath string, src []byte) (kind Kind, also []Kind) {
	base := path.Base(relPath)
	lower := strings.ToLower(base)
	ext := path.Ext(lower)
	switch {
	case lower == "setup.py":
		return Python, []Kind{Deps}
	case lower == "gunicorn.conf.py" || lower == "gunicorn_conf.py":
		return Python, []Kind{Deploy}
	case ext == ".py" || ext == ".pyw":
		return Python, nil
	case lower == "pyproject.toml", lower == "pipfile", lower == "pipfile.lock", lower == "poetry.lock",
		lower == "uv.lock", lower == "setup.cfg", lower == "constraints.txt",
		strings.HasPrefix(lower, "requirements") && (ext == ".txt" || ext == ".in"),
		(strings.HasSuffix("/"+relPath, "/requirements/"+base) && (ext == ".txt" || ext == ".in")):
		return Deps, nil
	case strings.HasPrefix(lower, "dockerfile"), strings.HasSuffix(lower, ".dockerfile"),
		lower == "procfile", strings.HasPrefix(lower, "docker-compose") && (ext == ".yml" || ext == ".yaml"),
		strings.HasPrefix(lower, "compose") && (ext == ".yml" || ext == ".yaml"),
		ext == ".service", ext == ".sh", ext == ".bash",
		lower == ".env", strings.HasPrefix(lower, ".env."), lower == ".flaskenv",
		lower == "uwsgi.ini", lower == "app.yaml", lower == "fly.toml",
		lower == "nginx.conf", lower == "caddyfile", lower == ".htaccess", lower == "httpd.conf", lower == "apache2.conf",
		webServerConf(relPath), TraefikConfig(relPath):
		return Deploy, nil
	case ext == ".cfg":
		return PyConfig, nil
	case ext == ".jinja", ext == ".jinja2", ext == ".j2":
		return Template, nil
	case ext == ".html" || ext == ".htm" || ext == ".xml" || ext == ".svg" || ext == ".txt":
		if underTemplates(relPath) || (ext != ".txt" && hasJinjaSyntax(src)) {
			return Template, nil
		}
	}
	return Other, nil
}

// webServerConf reports whether relPath is an nginx or Apache
// configuration by its folder: a .conf file, or a configuration
// template (see ConfTemplate), with nginx, apache or httpd in its path.
func webServerConf(relPath string) bool {
	lp := strings.ToLower(relPath)
	base := path.Base(lp)
	if path.Ext(base) != ".conf" && !ConfTemplate(base) {
		return false
	}
	return strings.Contains(lp, "nginx") || strings.Contains(lp, "apache") || strings.Contains(lp, "httpd")
}

// ConfTemplate reports whether a lower-case file name is a server
// configuration kept as a template or sample: "default.conf.template"
// (the nginx image's templates folder), "site.conf.j2", "nginx.conf.example".
func ConfTemplate(base string) bool {
	i := strings.Index(base, ".conf.")
	if i < 0 {
		return false
	}
	switch base[i+len(".conf."):] {
	case "template", "tmpl", "tpl", "j2", "jinja", "jinja2", "example", "sample", "dist", "in", "default":
		return true
	}
	return false
}

// TraefikConfig reports whether relPath is a Traefik configuration:
// traefik.yml/.yaml/.toml (static or dynamic), or a YAML/TOML file in a
// folder named traefik.
func TraefikConfig(relPath string) bool {
	lp := strings.ToLower(relPath)
	base := path.Base(lp)
	switch path.Ext(base) {
	case ".yml", ".yaml", ".toml":
	default:
		return false
	}
	if strings.HasPrefix(base, "traefik") {
		return true
	}
	for _, part := range strings.Split(path.Dir(lp), "/") {
		if part == "traefik" {
			return true
		}
	}
	return false
}

func underTemplates(relPath string) bool {
	for _, part := range strings.Split(path.Dir(relPath), "/") {
		if part == "templates" {
			return true
		}
	}
	return false
}

func hasJinjaSyntax(src []byte) bool {
	s := string(src)
	return strings.Contains(s, "{{") || strings.Contains(s, "{%") || strings.Contains(s, "{#")
}
