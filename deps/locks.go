package deps

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// lockPackage is one [[package]] entry of poetry.lock or uv.lock.
type lockPackage struct {
	Name     string         `toml:"name"`
	Version  string         `toml:"version"`
	Category string         `toml:"category"` // poetry.lock before 1.5: "main" or "dev"
	Optional bool           `toml:"optional"`
	Source   map[string]any `toml:"source"`
}

// ParsePoetryLock parses a poetry.lock file: every [[package]] is a
// locked requirement (transitive dependencies included), located at its
// name line and spanning to its version line. Packages installed from
// git, a URL or a local path carry that source in URL.
func ParsePoetryLock(relPath string, src []byte) *File {
	return parseTOMLLock(relPath, src, PoetryLock)
}

// ParseUVLock parses a uv.lock file like ParsePoetryLock. The project's
// own entry (an editable or virtual source) is not a dependency and is
// left out.
func ParseUVLock(relPath string, src []byte) *File {
	return parseTOMLLock(relPath, src, UVLock)
}

func parseTOMLLock(relPath string, src []byte, format Format) *File {
	f := &File{Path: relPath, Format: format}
	var doc struct {
		Package []lockPackage `toml:"package"`
	}
	if _, err := toml.Decode(string(src), &doc); err != nil {
		f.Errors = append(f.Errors, tomlError(relPath, err))
		return f
	}
	ix := newTOMLIndex(src)
	tables := ix.table("package")
	for i, p := range doc.Package {
		line, end := 1, 0
		if i < len(tables) {
			t := tables[i]
			line = t.start + 1
			if l := ix.keyLine(t, "name"); l > 0 {
				line = l
			}
			if l := ix.keyLine(t, "version"); l > line {
				end = l
			}
		}
		if !validName(p.Name) {
			f.errorf(line, "locked package with invalid name %q", p.Name)
			continue
		}
		r := Requirement{Name: p.Name, Key: NormalizeName(p.Name), Locked: true, Version: p.Version, SpecText: p.Version}
		if p.Category == "dev" {
			r.Group = "dev"
		}
		if format == UVLock && (p.Source["editable"] != nil || p.Source["virtual"] != nil) {
			continue // the project itself, or a workspace member
		}
		for _, k := range []string{"git", "url", "path", "directory", "editable"} {
			if s, ok := p.Source[k].(string); ok {
				r.URL = s
			}
		}
		if typ, _ := p.Source["type"].(string); typ == "git" || typ == "directory" || typ == "file" || typ == "url" {
			if s, ok := p.Source["url"].(string); ok {
				r.URL = s
			} else {
				r.URL = typ
			}
		}
		if p.Version == "" && r.URL == "" {
			f.errorf(line, "locked package %s has no version", p.Name)
			continue
		}
		r.EndLine = end
		f.add(r, line)
	}
	return f
}

// pipfileDoc holds the package tables of a Pipfile. Besides [packages]
// and [dev-packages], Pipenv allows custom categories: every other table
// whose values look like dependencies is read too.
type pipfileDoc map[string]any

// ParsePipfile parses a Pipfile (Pipenv's TOML manifest): [packages],
// [dev-packages] and custom package categories, each entry at the line of
// its key. "*" means any version; a table may give a version, extras,
// markers, or a git/path/file source (then the entry is unpinned).
func ParsePipfile(relPath string, src []byte) *File {
	f := &File{Path: relPath, Format: Pipfile}
	var doc pipfileDoc
	if _, err := toml.Decode(string(src), &doc); err != nil {
		f.Errors = append(f.Errors, tomlError(relPath, err))
		return f
	}
	ix := newTOMLIndex(src)
	for _, section := range sortedKeys(doc) {
		if section == "source" || section == "requires" || section == "scripts" || section == "pipenv" {
			continue
		}
		table, ok := doc[section].(map[string]any)
		if !ok {
			continue
		}
		group := section
		if section == "packages" {
			group = ""
		} else if section == "dev-packages" {
			group = "dev"
		}
		type located struct {
			name string
			line int
		}
		var items []located
		for _, name := range sortedKeys(table) {
			line := 0
			for _, t := range ix.table(section) {
				if l := ix.keyLine(t, name); l > 0 {
					line = l
					break
				}
			}
			if line == 0 {
				line = max(ix.headerLine(section+"."+name), ix.headerLine(section), 1)
			}
			items = append(items, located{name, line})
		}
		sort.SliceStable(items, func(i, j int) bool { return items[i].line < items[j].line })
		for _, it := range items {
			r, err := pipenvRequirement(it.name, table[it.name])
			if err != nil {
				f.errorf(it.line, "%v", err)
				continue
			}
			r.Group = group
			f.add(r, it.line)
		}
	}
	return f
}

// pipenvRequirement reads one Pipfile entry: a specifier string ("*",
// "==2.0", ">=1,<2"; a bare version is taken as ==) or a table.
func pipenvRequirement(name string, value any) (Requirement, error) {
	if !validName(name) {
		return Requirement{}, fmt.Errorf("invalid project name %q", name)
	}
	r := Requirement{Name: name, Key: NormalizeName(name)}
	spec := ""
	switch v := value.(type) {
	case string:
		spec = v
	case map[string]any:
		for _, k := range []string{"git", "hg", "svn", "bzr", "path", "file"} {
			if s, ok := v[k].(string); ok {
				r.URL = s
			}
		}
		if b, ok := v["editable"].(bool); ok && b {
			r.Editable = true
		}
		if list, ok := v["extras"].([]any); ok {
			for _, e := range list {
				if s, ok := e.(string); ok {
					r.Extras = append(r.Extras, s)
				}
			}
		}
		if s, ok := v["markers"].(string); ok {
			r.Marker = s
		}
		if s, ok := v["version"].(string); ok && r.URL == "" {
			spec = s
		}
	default:
		return r, fmt.Errorf("dependency %s: unexpected value %v", name, value)
	}
	spec = strings.TrimSpace(spec)
	r.SpecText = spec
	if spec == "" || spec == "*" {
		return r, nil
	}
	if !strings.ContainsAny(spec[:1], "<>=!~") {
		spec = "==" + spec
	}
	set, err := ParseSpecifierSet(spec)
	if err != nil {
		return r, fmt.Errorf("dependency %s: %w", name, err)
	}
	r.Specifier = set
	if v, ok := set.Pinned(); ok {
		r.Version = v.String()
	}
	return r, nil
}

// pipfileLockEntry is one package of Pipfile.lock.
type pipfileLockEntry struct {
	Version  string   `json:"version"` // "==2.2.2"
	Hashes   []string `json:"hashes"`
	Markers  string   `json:"markers"`
	Extras   []string `json:"extras"`
	Git      string   `json:"git"`
	Path     string   `json:"path"`
	File     string   `json:"file"`
	Editable bool     `json:"editable"`
}

// ParsePipfileLock parses a Pipfile.lock (JSON): every package of every
// category ("default", "develop", custom ones) is a locked requirement at
// the line of its key. The JSON is walked token by token so that each
// package keeps the exact line of its key.
func ParsePipfileLock(relPath string, src []byte) *File {
	f := &File{Path: relPath, Format: PipfileLock}
	lineOf := lineOffsets(src)
	dec := json.NewDecoder(bytes.NewReader(src))
	fail := func(err error) *File {
		line := lineOf(int(dec.InputOffset()))
		f.Errors = append(f.Errors, &ParseError{Path: relPath, Line: line, Msg: "invalid JSON: " + err.Error()})
		return f
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		if err == nil {
			err = fmt.Errorf("the top level is not an object")
		}
		return fail(err)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fail(err)
		}
		section, _ := tok.(string)
		if strings.HasPrefix(section, "_") {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return fail(err)
			}
			continue
		}
		if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
			if err == nil {
				err = fmt.Errorf("category %q is not an object", section)
			}
			return fail(err)
		}
		group := section
		switch section {
		case "default":
			group = ""
		case "develop":
			group = "dev"
		}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return fail(err)
			}
			name, _ := tok.(string)
			// InputOffset is just past the key; its line is the key's.
			line := lineOf(int(dec.InputOffset()) - 1)
			var e pipfileLockEntry
			if err := dec.Decode(&e); err != nil {
				return fail(err)
			}
			if !validName(name) {
				f.errorf(line, "locked package with invalid name %q", name)
				continue
			}
			r := Requirement{Name: name, Key: NormalizeName(name), Locked: true, Group: group, Marker: e.Markers,
				Extras: e.Extras, Hashes: len(e.Hashes), Editable: e.Editable, SpecText: e.Version}
			for _, u := range []string{e.Git, e.Path, e.File} {
				if u != "" {
					r.URL = u
				}
			}
			r.Version = strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(e.Version), "=="), "=")
			if r.Version == "" && r.URL == "" {
				f.errorf(line, "locked package %s has no version", name)
				continue
			}
			f.add(r, line)
		}
		if _, err := dec.Token(); err != nil { // the category's closing brace
			return fail(err)
		}
	}
	return f
}

// lineOffsets returns a function mapping a byte offset of src to its
// 1-based line.
func lineOffsets(src []byte) func(off int) int {
	var starts []int
	starts = append(starts, 0)
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return func(off int) int {
		return sort.Search(len(starts), func(i int) bool { return starts[i] > off })
	}
}
