package lsp

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/scan"
)

// document is an open editor buffer. It is never changed: each edit
// makes a new one, so an analysis can keep the ones it read.
type document struct {
	uri     string
	abs     string // absolute path; "" when the URI is not a file
	rel     string // path relative to the workspace root; "" when outside it
	version int
	text    string
}

// diskEvents are changes on disk the analysis has not seen yet.
type diskEvents struct {
	paths  map[string]bool // absolute paths saved, created, changed or deleted
	reload bool            // read the whole tree again
}

func (e *diskEvents) add(abs string) {
	if e.paths == nil {
		e.paths = map[string]bool{}
	}
	e.paths[abs] = true
}

// workspace is the analysed tree: the prepared scan, the files read from
// disk (kept parsed between analyses, and re-read one by one when they
// change) and the parsed open buffers. Only the analysis goroutine uses
// it, apart from the fields fixed at creation.
type workspace struct {
	// Fixed at creation.
	root     string       // absolute root, as the client names it
	realRoot string       // root with symbolic links resolved
	rootURI  string       // the URI of root, as the client spells it
	scanOpts scan.Options // what Prepare gets

	prep    *scan.Prepared
	prepErr error
	loaded  bool
	files   map[string]*project.File
	errs    map[string]project.FileError
	skipped map[string]project.Skipped
	// absent are paths of interest that exist on disk but that the last
	// load left out (.gitignore, excludes, skipped folders): their
	// changes do not need a reload.
	absent  map[string]bool
	buffers map[string]*parsedBuffer // by project path

	// lastInput is the input of the last analysis, to skip one whose
	// input is the same.
	lastInput []*project.File
	lastProbs int
}

// parsedBuffer is an open buffer read as the loader reads files.
type parsedBuffer struct {
	version int
	text    string
	file    *project.File
	err     *project.FileError
	skip    *project.Skipped
}

func newWorkspace(root, rootURI string, opts scan.Options) *workspace {
	real := root
	if r, err := filepath.EvalSymlinks(root); err == nil {
		real = r
	}
	opts.Root = root
	return &workspace{root: root, realRoot: real, rootURI: rootURI, scanOpts: opts, buffers: map[string]*parsedBuffer{}}
}

// rel returns the project path of an absolute path, and false when it is
// outside the root.
func (w *workspace) rel(abs string) (string, bool) {
	if rel, ok := relPath(w.root, abs); ok {
		return rel, true
	}
	return relPath(w.realRoot, abs)
}

// uriOf returns the URI of a project path: the open document's URI when
// there is one, so that the client sees the spelling it sent.
func (w *workspace) uriOf(rel string, docs map[string]*document) string {
	if d := docs[rel]; d != nil {
		return d.uri
	}
	return joinURI(w.rootURI, rel)
}

// sync brings the disk state up to date: it prepares the scan again when
// a configuration file changed, reads the whole tree on the first call
// and after structural changes, and re-reads single files otherwise.
func (w *workspace) sync(ctx context.Context, ev diskEvents) error {
	reprepare := w.prep == nil
	if w.prep != nil {
		cfgFiles := w.prep.ConfigFiles()
		for p := range ev.paths {
			if slices.Contains(cfgFiles, p) {
				reprepare = true
			}
		}
	}
	if reprepare {
		w.prep, w.prepErr = scan.Prepare(w.scanOpts)
		w.loaded = false
		w.lastInput = nil
	}
	if w.prepErr != nil {
		return w.prepErr
	}
	reload := !w.loaded || ev.reload
	if !reload {
		for p := range ev.paths {
			rel, ok := w.rel(p)
			if !ok {
				continue
			}
			if w.refresh(rel) {
				reload = true
				break
			}
		}
	}
	if reload {
		return w.load(ctx)
	}
	return nil
}

// load reads the whole tree.
func (w *workspace) load(ctx context.Context) error {
	proj, err := w.prep.Load(ctx)
	if err != nil {
		return err
	}
	w.files = make(map[string]*project.File, len(proj.Files))
	w.errs = map[string]project.FileError{}
	w.skipped = map[string]project.Skipped{}
	w.absent = map[string]bool{}
	for _, f := range proj.Files {
		w.files[f.Path] = f
	}
	for _, e := range proj.Errors {
		w.errs[e.Path] = e
	}
	for _, s := range proj.Skipped {
		w.skipped[s.Path] = s
	}
	w.loaded = true
	w.lastInput = nil
	return nil
}

// known reports whether the last load read, failed or skipped rel.
func (w *workspace) known(rel string) bool {
	if _, ok := w.files[rel]; ok {
		return true
	}
	if _, ok := w.errs[rel]; ok {
		return true
	}
	_, ok := w.skipped[rel]
	return ok
}

// refresh re-reads one changed file and reports whether the whole tree
// must be read again instead: for a new file, a file that became a
// folder or a link, or a .gitignore.
func (w *workspace) refresh(rel string) (reload bool) {
	if path.Base(rel) == ".gitignore" {
		return true
	}
	abs := filepath.Join(w.realRoot, filepath.FromSlash(rel))
	st, err := os.Lstat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		if w.known(rel) {
			delete(w.files, rel)
			delete(w.errs, rel)
			delete(w.skipped, rel)
			return false
		}
		// A folder may have gone, with files we read inside it.
		return w.hasUnder(rel)
	}
	if err == nil && st.IsDir() {
		return true
	}
	if !w.known(rel) {
		if w.absent[rel] || !project.Interesting(rel) || (err == nil && !st.Mode().IsRegular()) {
			return false
		}
		// A new file: only a full walk knows whether .gitignore and the
		// configuration let it in. Remember the answer.
		w.absent[rel] = true
		return true
	}
	if err != nil || !st.Mode().IsRegular() {
		return true
	}
	delete(w.files, rel)
	delete(w.errs, rel)
	delete(w.skipped, rel)
	f, fe, sk := project.ReadFile(w.realRoot, rel, w.prep.LoadOptions())
	if f != nil {
		w.files[rel] = f
	}
	if fe != nil {
		w.errs[rel] = *fe
	}
	if sk != nil {
		w.skipped[rel] = *sk
	}
	return false
}

// hasUnder reports whether a file of the project is inside the folder rel.
func (w *workspace) hasUnder(rel string) bool {
	prefix := rel + "/"
	for p := range w.files {
		if len(p) > len(prefix) && p[:len(prefix)] == prefix {
			return true
		}
	}
	for p := range w.errs {
		if len(p) > len(prefix) && p[:len(prefix)] == prefix {
			return true
		}
	}
	return false
}

// includes reports whether an open buffer at rel is part of the project:
// files the last load read, failed or skipped are; other files that exist
// on disk are not (the walk left them out); new files are unless the
// configuration excludes them.
func (w *workspace) includes(rel string) bool {
	if w.known(rel) {
		return true
	}
	if w.absent[rel] {
		return false
	}
	if _, err := os.Lstat(filepath.Join(w.realRoot, filepath.FromSlash(rel))); err == nil {
		return false
	}
	return !project.Ignored(rel, w.prep.Config)
}

// buffer returns the open document read as the loader reads files,
// parsing it only when its version or text changed.
func (w *workspace) buffer(d *document) *parsedBuffer {
	if b := w.buffers[d.rel]; b != nil && b.version == d.version && b.text == d.text {
		return b
	}
	raw := []byte(d.text)
	if kind, _ := project.Classify(d.rel, nil); kind == project.Python || kind == project.PyConfig {
		raw = utf8Source(d.text)
	}
	f, fe, sk := project.FromSource(d.rel, raw, w.prep.LoadOptions())
	b := &parsedBuffer{version: d.version, text: d.text, file: f, err: fe, skip: sk}
	w.buffers[d.rel] = b
	return b
}

// input is what one analysis reads.
type input struct {
	files []*project.File // sorted by path
	probs int             // files that failed or were skipped
}

// same reports whether the analysis of in would repeat the last one
// published.
func (w *workspace) same(in input) bool {
	return w.lastInput != nil && slices.Equal(in.files, w.lastInput) && w.lastProbs == in.probs
}

// published records the input of the analysis just published.
func (w *workspace) published(in input) { w.lastInput, w.lastProbs = in.files, in.probs }

// project builds the project to analyse: the files read from disk, with
// the open buffers in place of their files. It returns the buffers that
// are part of it and the input, to compare with the last analysis's.
func (w *workspace) project(docs []*document) (*project.Project, map[string]*document, input) {
	overlay := map[string]*document{}
	for _, d := range docs {
		if d.rel != "" && w.includes(d.rel) {
			overlay[d.rel] = d
		}
	}
	for rel := range w.buffers {
		if overlay[rel] == nil {
			delete(w.buffers, rel)
		}
	}
	files := make([]*project.File, 0, len(w.files)+len(overlay))
	var errs []project.FileError
	var skipped []project.Skipped
	for rel, f := range w.files {
		if overlay[rel] == nil {
			files = append(files, f)
		}
	}
	for rel, e := range w.errs {
		if overlay[rel] == nil {
			errs = append(errs, e)
		}
	}
	for rel, s := range w.skipped {
		if overlay[rel] == nil {
			skipped = append(skipped, s)
		}
	}
	for _, d := range overlay {
		b := w.buffer(d)
		if b.file != nil {
			files = append(files, b.file)
		}
		if b.err != nil {
			errs = append(errs, *b.err)
		}
		if b.skip != nil {
			skipped = append(skipped, *b.skip)
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	sort.Slice(errs, func(i, j int) bool { return errs[i].Path < errs[j].Path })
	sort.Slice(skipped, func(i, j int) bool { return skipped[i].Path < skipped[j].Path })
	p := project.New(w.realRoot, slices.Clone(files), w.prep.Config)
	p.Errors, p.Skipped = errs, skipped
	return p, overlay, input{files: files, probs: len(errs) + len(skipped)}
}
