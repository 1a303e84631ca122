package lsp

// Open documents and changes on disk, and the scheduling of analyses
// they cause.

import (
	"os"
	"path/filepath"
	"time"
)

// open records a newly opened document.
func (s *server) open(uri string, version int, text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := &document{uri: uri, version: version, text: text}
	if abs, err := uriToPath(uri); err == nil {
		d.abs = abs
		if s.ws == nil {
			// No workspace folder: the file's folder is the root.
			dir := filepath.Dir(abs)
			s.ws = newWorkspace(dir, pathToURI(dir), s.scanOpts)
			s.log.Printf("workspace %s (the folder of %s)", dir, filepath.Base(abs))
		}
		d.rel, _ = s.ws.rel(abs)
	}
	s.docs[uri] = d
	s.changedLocked()
}

// edit applies a didChange.
func (s *server) edit(p *didChangeParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.docs[p.TextDocument.URI]
	if old == nil {
		s.log.Printf("didChange for a document that is not open ignored")
		return
	}
	text := old.text
	for _, c := range p.ContentChanges {
		text = s.enc.applyChange(text, c.Range, c.Text)
	}
	d := *old
	d.version, d.text = p.TextDocument.Version, text
	s.docs[d.uri] = &d
	s.changedLocked()
}

// saved records that a document's file changed on disk.
func (s *server) saved(uri string) {
	abs, err := uriToPath(uri)
	if err != nil {
		return
	}
	s.diskChanged([]string{abs}, false)
}

// diskChanged records changes on disk. A change to a file open in the
// editor changes nothing the analysis reads (the buffer stands in for
// the file), so it does not supersede the analysis running: the file is
// re-read for when the buffer closes, and the next analysis finds its
// input unchanged and publishes nothing new.
func (s *server) diskChanged(paths []string, reload bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	open := map[string]bool{}
	for _, d := range s.docs {
		open[d.abs] = true
	}
	supersede := reload
	for _, p := range paths {
		s.events.add(p)
		if !open[p] {
			supersede = true
		}
	}
	s.events.reload = s.events.reload || reload
	if supersede {
		s.changedLocked()
	} else {
		s.signal()
	}
}

// close forgets a document: its file on disk counts again.
func (s *server) close(uri string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.docs[uri] == nil {
		return
	}
	delete(s.docs, uri)
	s.changedLocked()
}

// watched records file changes reported by the client.
func (s *server) watched(p *didChangeWatchedFilesParams) {
	var paths []string
	reload := false
	for _, c := range p.Changes {
		abs, err := uriToPath(c.URI)
		if err != nil {
			continue
		}
		paths = append(paths, abs)
		if c.Type == 1 {
			// A created folder may arrive as one event for the folder;
			// only a walk sees what it holds. (A deleted one is found by
			// the files it held.)
			if st, err := os.Stat(abs); err == nil && st.IsDir() {
				reload = true
			}
		}
	}
	if len(paths) > 0 {
		s.diskChanged(paths, reload)
	}
}

// changed records a change and schedules an analysis.
func (s *server) changed() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.changedLocked()
}

// changedLocked records a change of what the analysis reads: it
// supersedes the analysis running and schedules a new one after the
// debounce. s.mu is held.
func (s *server) changedLocked() {
	s.gen++
	s.changedAt = time.Now()
	if s.cancelRun != nil {
		s.cancelRun() // superseded
	}
	if s.opts.Debounce <= 0 {
		s.signal()
		return
	}
	if s.timer == nil {
		s.timer = time.AfterFunc(s.opts.Debounce, s.signal)
	} else {
		s.timer.Reset(s.opts.Debounce)
	}
}

// signal wakes the analysis goroutine.
func (s *server) signal() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}
