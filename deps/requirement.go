package deps

import (
	"fmt"
	"path"
	"strings"
)

// Format is the kind of dependency file a requirement was read from.
type Format uint8

// The dependency file formats the package reads.
const (
	Requirements Format = iota + 1 // requirements*.txt, constraints*.txt, *.in (pip)
	PyProject                      // pyproject.toml: PEP 621 [project] and Poetry's [tool.poetry]
	Pipfile                        // Pipfile (Pipenv)
	PipfileLock                    // Pipfile.lock (Pipenv, JSON)
	PoetryLock                     // poetry.lock
	UVLock                         // uv.lock
	SetupCfg                       // setup.cfg (setuptools)
	SetupPy                        // setup.py (setuptools), literal lists only
)

var formatNames = [...]string{Requirements: "requirements", PyProject: "pyproject.toml", Pipfile: "Pipfile",
	PipfileLock: "Pipfile.lock", PoetryLock: "poetry.lock", UVLock: "uv.lock", SetupCfg: "setup.cfg", SetupPy: "setup.py"}

// String returns the format's usual file name ("poetry.lock") or
// "requirements".
func (f Format) String() string {
	if int(f) < len(formatNames) && formatNames[f] != "" {
		return formatNames[f]
	}
	return fmt.Sprintf("Format(%d)", uint8(f))
}

// IsLock reports whether files of this format record the exact version
// of every installed package, transitive ones included.
func (f Format) IsLock() bool { return f == PipfileLock || f == PoetryLock || f == UVLock }

// FormatOf returns the format of a dependency file from its
// slash-separated path, and false for files the package does not read.
func FormatOf(relPath string) (Format, bool) {
	base := strings.ToLower(path.Base(relPath))
	ext := path.Ext(base)
	switch {
	case base == "pyproject.toml":
		return PyProject, true
	case base == "pipfile":
		return Pipfile, true
	case base == "pipfile.lock":
		return PipfileLock, true
	case base == "poetry.lock":
		return PoetryLock, true
	case base == "uv.lock":
		return UVLock, true
	case base == "setup.cfg":
		return SetupCfg, true
	case base == "setup.py":
		return SetupPy, true
	case ext == ".txt" || ext == ".in":
		return Requirements, true
	}
	return 0, false
}

// Requirement is one dependency declaration, located in its file.
type Requirement struct {
	Name   string   // the project name as written ("Flask_WTF")
	Key    string   // the PEP 503 normalised name ("flask-wtf")
	Extras []string // requested extras, as written
	// Specifier is the version constraint; nil means any version.
	Specifier SpecifierSet
	// SpecText is the version constraint as written (">=2.0,<3"), or
	// for lock files the locked version.
	SpecText string
	Marker   string // PEP 508 environment marker, without the ";"
	// URL is the direct reference (name @ URL), VCS URL, archive URL or
	// local path the requirement installs from; "" for an index
	// requirement.
	URL      string
	Editable bool // -e / --editable, or editable = true
	Hashes   int  // number of --hash options
	// Constraint is set for the entries of a pip constraints file (-c):
	// they limit versions without asking for an install.
	Constraint bool
	// Locked is set for lock file entries: Version is what gets
	// installed, dependencies of dependencies included.
	Locked bool
	// Version is the locked version as written, or the normalised
	// version of an ==/=== pin; "" otherwise.
	Version string
	// Group names an optional group ("dev", an extra, a Poetry group);
	// "" for the main dependencies.
	Group string
	Path  string // slash-separated path of the file
	Line  int    // 1-based line of the declaration
	// EndLine is the last line of a declaration spanning several (a lock
	// file entry from its name to its version); 0 when it is Line.
	EndLine int
	Format  Format
}

// Pinned returns the exact version the requirement installs (a locked
// version or an == pin) and true, or false for ranges, unconstrained and
// URL requirements.
func (r *Requirement) Pinned() (Version, bool) {
	if r.URL != "" || r.Editable {
		return Version{}, false
	}
	if r.Locked {
		v, err := ParseVersion(r.Version)
		return v, err == nil
	}
	return r.Specifier.Pinned()
}

// Include is a reference from a requirements file to another file:
// "-r other.txt" or "-c constraints.txt".
type Include struct {
	Path       string // the referenced file, slash-separated, resolved against the including file's folder
	Constraint bool   // -c rather than -r
	Line       int
}

// ParseError is a problem with one line of a dependency file. Parsers
// record it and go on with the next declaration.
type ParseError struct {
	Path string
	Line int // 0 when the whole file is at fault
	Msg  string
}

// Error formats the error as "path:line: message".
func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// File is the result of parsing one dependency file.
type File struct {
	Path         string
	Format       Format
	Requirements []Requirement
	Includes     []Include     // requirements files only
	Errors       []*ParseError // lines that could not be understood
}

func (f *File) errorf(line int, format string, args ...any) {
	f.Errors = append(f.Errors, &ParseError{Path: f.Path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// ParsePEP508 parses one dependency specification in the PEP 508 form
// used by pyproject.toml, setup.cfg, setup.py and requirements files:
//
//	name [extras] (version spec | @ url) [; marker]
//
// Only Name, Key, Extras, Specifier, SpecText, Marker, URL and Version of
// the result are set.
func ParsePEP508(s string) (Requirement, error) {
	var r Requirement
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && isNameByte(s[i]) {
		i++
	}
	r.Name = s[:i]
	if !validName(r.Name) {
		return r, fmt.Errorf("requirement %q does not start with a valid project name", s)
	}
	r.Key = NormalizeName(r.Name)
	rest := strings.TrimSpace(s[i:])
	if strings.HasPrefix(rest, "[") {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return r, fmt.Errorf("requirement %q: unclosed extras list", s)
		}
		for _, e := range strings.Split(rest[1:end], ",") {
			e = strings.TrimSpace(e)
			if e == "" {
				continue
			}
			if !validName(e) {
				return r, fmt.Errorf("requirement %q: invalid extra %q", s, e)
			}
			r.Extras = append(r.Extras, e)
		}
		rest = strings.TrimSpace(rest[end+1:])
	}
	if strings.HasPrefix(rest, "@") {
		url := strings.TrimSpace(rest[1:])
		// In the URL form the marker must follow white space, since a
		// URL may contain ";".
		if k := strings.Index(url, " ;"); k >= 0 {
			r.Marker = strings.TrimSpace(url[k+2:])
			url = strings.TrimSpace(url[:k])
		} else if k := strings.Index(url, "\t;"); k >= 0 {
			r.Marker = strings.TrimSpace(url[k+2:])
			url = strings.TrimSpace(url[:k])
		}
		if url == "" {
			return r, fmt.Errorf("requirement %q: empty URL after @", s)
		}
		r.URL = url
		return r, nil
	}
	if k := strings.IndexByte(rest, ';'); k >= 0 {
		r.Marker = strings.TrimSpace(rest[k+1:])
		rest = strings.TrimSpace(rest[:k])
	}
	if strings.HasPrefix(rest, "(") && strings.HasSuffix(rest, ")") {
		rest = strings.TrimSpace(rest[1 : len(rest)-1])
	}
	if rest == "" {
		return r, nil
	}
	set, err := ParseSpecifierSet(rest)
	if err != nil {
		return r, fmt.Errorf("requirement %q: %w", s, err)
	}
	r.Specifier, r.SpecText = set, rest
	if v, ok := set.Pinned(); ok {
		r.Version = v.String()
	}
	return r, nil
}

func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-'
}
