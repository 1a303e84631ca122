// Package generate writes a secure-by-default Flask project (flasksec new)
// from templates embedded in the binary. Output is deterministic: the same
// Options always give the same files with the same bytes.
package generate

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/template"
)

//go:embed all:skeleton
var skeleton embed.FS

// Options chooses what the generated project contains.
type Options struct {
	// Name is the project's name, used in titles and messages.
	Name string
	// Auth is "session" (cookie sessions with CSRF protection) or "token"
	// (a bearer-token JSON API that sets no auth cookie).
	Auth string
	// DB is "sqlite" (standard library sqlite3) or "postgres" (psycopg 3).
	DB string
	// Uploads adds upload and download routes.
	Uploads bool
}

// File is one generated file: a slash-separated path relative to the
// project folder, and its content.
type File struct {
	Path string
	Data []byte
}

var nameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,63}$`)

// Validate reports the first invalid option.
func (o Options) Validate() error {
	if !nameRE.MatchString(o.Name) {
		return fmt.Errorf("--name %q: want a letter then up to 63 letters, digits, '_' or '-'", o.Name)
	}
	if o.Auth != "session" && o.Auth != "token" {
		return fmt.Errorf("--auth %q: want session or token", o.Auth)
	}
	if o.DB != "sqlite" && o.DB != "postgres" {
		return fmt.Errorf("--db %q: want sqlite or postgres", o.DB)
	}
	return nil
}

// AllOptions returns every combination of Auth, DB and Uploads, named
// name, in a fixed order.
func AllOptions(name string) []Options {
	var out []Options
	for _, auth := range []string{"session", "token"} {
		for _, db := range []string{"sqlite", "postgres"} {
			for _, up := range []bool{false, true} {
				out = append(out, Options{Name: name, Auth: auth, DB: db, Uploads: up})
			}
		}
	}
	return out
}

// renames maps template names that cannot be stored as such in the
// embedded tree (dot files) to their output names.
var renames = map[string]string{
	"env.example": ".env.example",
	"gitignore":   ".gitignore",
}

// included reports whether the file at p (output path) belongs in a
// project with options o.
func included(p string, o Options) bool {
	switch {
	case p == "app/uploads.py":
		return o.Uploads
	case strings.HasPrefix(p, "app/templates/"), strings.HasPrefix(p, "app/static/"):
		// The token API serves JSON only: no pages, no scripts.
		return o.Auth == "session"
	}
	return true
}

// Files renders the project for o, sorted by path.
func Files(o Options) ([]File, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	var out []File
	err := fs.WalkDir(skeleton, "skeleton", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := strings.TrimSuffix(strings.TrimPrefix(p, "skeleton/"), ".tmpl")
		dir, base := path.Split(rel)
		if r, ok := renames[base]; ok {
			rel = dir + r
		}
		if !included(rel, o) {
			return nil
		}
		src, err := skeleton.ReadFile(p)
		if err != nil {
			return fmt.Errorf("reading template %s: %w", p, err)
		}
		t, err := template.New(rel).Delims("[[", "]]").Option("missingkey=error").Parse(string(src))
		if err != nil {
			return fmt.Errorf("parsing template %s: %w", p, err)
		}
		var buf bytes.Buffer
		if err := t.Execute(&buf, o); err != nil {
			return fmt.Errorf("rendering %s: %w", rel, err)
		}
		out = append(out, File{Path: rel, Data: buf.Bytes()})
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// ErrNotEmpty is returned by Write when the target folder already holds
// files and force is false.
var ErrNotEmpty = errors.New("folder is not empty (use --force to write into it)")

// Write renders the project for o into dir, creating it if needed. It
// refuses a non-empty folder unless force is set; with force it still
// never replaces an existing file silently: it returns an error naming
// the first file that already exists and differs, before writing anything.
func Write(dir string, o Options, force bool) ([]File, error) {
	files, err := Files(o)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	case len(entries) > 0 && !force:
		return nil, fmt.Errorf("%s: %w", dir, ErrNotEmpty)
	}
	for _, f := range files {
		old, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err == nil && !bytes.Equal(old, f.Data) {
			return nil, fmt.Errorf("%s already exists with other content: move it away first", filepath.Join(dir, filepath.FromSlash(f.Path)))
		}
	}
	for _, f := range files {
		target := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return nil, fmt.Errorf("creating folder for %s: %w", f.Path, err)
		}
		if err := os.WriteFile(target, f.Data, 0o644); err != nil {
			return nil, fmt.Errorf("writing %s: %w", f.Path, err)
		}
	}
	return files, nil
}
