// Package templates is flasksec's model of a project's Jinja templates:
// which template files exist and under which name Flask finds them (per
// app and blueprint template folder), each template parsed once per scan,
// the {% extends %}/{% include %}/{% import %} graph, macros, the local
// bindings every output expression sees, which Python render_template
// calls render which template with which keyword values, whether
// autoescaping applies, and the inline scripts and event handlers that
// stand in the way of a strict Content-Security-Policy.
//
// The model is built once per scan (Of caches it in the project) and is
// read-only afterwards, so rules may share it from several goroutines.
package templates

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/flasksec/flasksec/jinja"
	"github.com/flasksec/flasksec/project"
)

// Model is what flasksec knows about a project's templates.
type Model struct {
	Templates []*Template // sorted by path
	Renders   []*Render   // render sites in Python, sorted by file and position
	// AutoescapeOff lists the Python statements that switch autoescaping
	// off for every template of the app (app.jinja_env.autoescape = False,
	// jinja_options with autoescape False).
	AutoescapeOff []PySite
	// Filters are the template filters defined in Python, by name.
	Filters map[string]*Filter
	// Globals are the values context processors and jinja_env.globals
	// give every template, by name.
	Globals map[string][]*Global

	appFolders map[string]bool // the template folders of Flask apps (searched before blueprints')
	byName     map[string][]*Template
	byPath     map[string]*Template
	usedBy     map[*Template][]*Template // templates that extend, include or import-with-context a template
}

// PySite is a position in a Python file.
type PySite struct {
	File *project.File
	Line int // 1-based
	Col  int // 0-based byte column
}

// Template is one template file.
type Template struct {
	File *project.File
	// Name is the name render_template and {% extends %} use: the path
	// relative to the template folder it sits in ("users/show.html").
	Name string
	// Folder is the project-relative template folder the name is relative
	// to ("app/templates"); "" when the file is under no known folder (its
	// name is then its project path).
	Folder string
	AST    *jinja.Template
	Errors jinja.ErrorList // syntax errors, positions in this file
	// Foreign says why the file is left out as another template
	// language's (Mustache, AngularJS...); "" for Jinja templates. A
	// foreign template has an empty tree and no errors.
	Foreign string
	HTML    *jinja.HTMLInfo
	// Outputs are the template's {{ }} expressions in source order, with
	// their HTML context, autoescape block state and local scope.
	Outputs  []*Output
	Extends  []*Ref
	Includes []*Ref
	Imports  []*Ref // {% import %} and {% from ... import %}
	Macros   map[string]*jinja.Macro
	// Calls are the template's call expressions with their scopes (in
	// outputs, {% set %} values, {% call %} heads, conditions...).
	Calls []*CallSite
	// Renders are the Python calls that render this template directly.
	Renders []*Render

	rawIn string // the raw-text element ("script", "style") it is included in, if any
}

// Ref is a reference from one template to another.
type Ref struct {
	Name        string    // the template name; "" when computed at run time
	Names       []string  // every candidate name (a list or conditional gives several)
	Pos         jinja.Pos // the tag's position
	WithContext bool      // the referenced template sees the referencing one's context
	Targets     []*Template
}

// Autoescape says whether Flask autoescapes a template by default: it
// does for names ending in .html, .htm, .xml, .xhtml and .svg.
func Autoescape(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm", ".xml", ".xhtml", ".svg":
		return true
	}
	return false
}

type modelKey struct{}

// Of returns the template model of p, building it on first use.
func Of(p *project.Project) *Model {
	return project.Cached(p, modelKey{}, func() *Model { return build(p) })
}

// Template returns the template at the project-relative path, or nil.
func (m *Model) Template(relPath string) *Template { return m.byPath[relPath] }

// Lookup returns the templates Flask could load for name, best first:
// as Flask's loader does, those of an app's template folder before those
// of blueprints; among equals, those under a folder closest to fromDir
// (the directory of the Python file or template asking), then path order.
func (m *Model) Lookup(name, fromDir string) []*Template {
	name = strings.TrimPrefix(path.Clean("/"+name), "/")
	cands := m.byName[name]
	if len(cands) <= 1 {
		return cands
	}
	out := append([]*Template(nil), cands...)
	sort.SliceStable(out, func(i, j int) bool {
		ai, aj := m.appFolders[out[i].Folder], m.appFolders[out[j].Folder]
		if ai != aj {
			return ai
		}
		return commonPrefix(out[i].Folder, fromDir) > commonPrefix(out[j].Folder, fromDir)
	})
	return out
}

func commonPrefix(a, b string) int {
	pa, pb := strings.Split(a, "/"), strings.Split(b, "/")
	n := 0
	for n < len(pa) && n < len(pb) && pa[n] == pb[n] {
		n++
	}
	return n
}

// UsedBy returns the templates that extend, include or import (with
// context) t, directly.
func (m *Model) UsedBy(t *Template) []*Template { return m.usedBy[t] }

// Context is one way a template's context gets filled: a render call of
// the template itself or of a template that extends or includes it.
type Context struct {
	Render *Render
	// Via is the chain of templates from the one rendered to the one
	// asked about, both included; one element when rendered directly.
	Via []*Template
}

// maxVia bounds the length of extends/include chains followed.
const maxVia = 16

// Contexts returns every render context of t: direct render calls and
// render calls of templates that extend, include or import it with
// context (transitively), in a deterministic order.
func (m *Model) Contexts(t *Template) []Context {
	var out []Context
	seen := map[*Template]bool{}
	type item struct{ via []*Template }
	queue := []item{{[]*Template{t}}}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		cur := it.via[0]
		if seen[cur] {
			continue
		}
		seen[cur] = true
		for _, r := range cur.Renders {
			out = append(out, Context{Render: r, Via: it.via})
		}
		if len(it.via) >= maxVia {
			continue
		}
		for _, u := range m.usedBy[cur] {
			via := append([]*Template{u}, it.via...)
			queue = append(queue, item{via})
		}
	}
	return out
}

// SyntaxErrors returns the templates' syntax errors as scan errors, one
// per file (the first error, with the number of others), sorted by path;
// the rest of each file is still analysed. The scan driver adds them to
// the project's error list.
func (m *Model) SyntaxErrors() []project.FileError {
	var out []project.FileError
	for _, t := range m.Templates {
		if len(t.Errors) == 0 {
			continue
		}
		e := t.Errors[0]
		msg := e.Msg
		if len(t.Errors) > 1 {
			more := "errors"
			if len(t.Errors) == 2 {
				more = "error"
			}
			msg = fmt.Sprintf("%s (and %d more %s)", msg, len(t.Errors)-1, more)
		}
		loc := t.Location(e.Pos)
		out = append(out, project.FileError{Path: t.File.Path, Line: loc.StartLine, Col: loc.StartCol,
			Message: "template syntax error: " + msg})
	}
	return out
}
