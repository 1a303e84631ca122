package lsp

// The analysis goroutine: it runs one analysis at a time, drops the
// results of an analysis that a newer change superseded, and publishes
// the diagnostics that changed.

import (
	"context"
	"reflect"
	"runtime/debug"
	"sort"
	"time"
)

// worker runs the analyses, one at a time, until ctx is done.
func (s *server) worker(ctx context.Context) {
	defer close(s.done)
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		}
		s.analyse(ctx)
	}
}

// analyse runs one analysis of the current state and publishes its
// diagnostics, unless a newer change came in meanwhile.
func (s *server) analyse(ctx context.Context) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Printf("panic in analysis: %v\n%s", v, debug.Stack())
		}
	}()
	s.mu.Lock()
	if s.ws == nil || ctx.Err() != nil {
		s.mu.Unlock()
		return
	}
	gen, ws, changedAt, ev := s.gen, s.ws, s.changedAt, s.events
	s.events = diskEvents{}
	docs := make([]*document, 0, len(s.docs))
	for _, d := range s.docs {
		docs = append(docs, d)
	}
	runCtx, cancel := context.WithCancel(ctx)
	s.cancelRun = cancel
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.cancelRun = nil
		s.mu.Unlock()
		cancel()
	}()

	start := time.Now()
	// Reading the tree is needed whatever the next change is: it runs
	// under the session's context, not this analysis's.
	if err := ws.sync(ctx, ev); err != nil {
		if ctx.Err() != nil {
			return
		}
		s.workspaceError(err)
		return
	}
	s.workspaceError(nil)
	proj, overlay, in := ws.project(docs)
	if ws.same(in) {
		return
	}
	res, err := ws.prep.Analyze(runCtx, proj)
	if err != nil {
		if runCtx.Err() == nil {
			s.log.Printf("analysis failed: %v", err)
		}
		return
	}
	for _, p := range res.Errors {
		if p.Path == "" {
			s.log.Printf("%s problem: %s", p.Kind, p.Message)
		}
	}
	byRel := map[string]*document{}
	for rel, d := range overlay {
		byRel[rel] = d
	}
	c := &converter{enc: s.enc, proj: proj, related: s.related, uriOf: func(rel string) string { return ws.uriOf(rel, byRel) }}
	v := buildView(res, c, overlay)

	s.mu.Lock()
	if gen != s.gen || runCtx.Err() != nil {
		s.mu.Unlock()
		s.log.Printf("analysis superseded by a newer change after %v; results dropped", time.Since(start).Round(time.Millisecond))
		return
	}
	old := s.view
	s.view = v
	ws.published(in)
	s.mu.Unlock()

	n := s.publish(old, v)
	s.log.Printf("analysed %d files in %v: %d findings; %d files' diagnostics published %v after the last change",
		res.Files, time.Since(start).Round(time.Millisecond), len(res.Findings), n, time.Since(changedAt).Round(time.Millisecond))
}

// workspaceError shows a problem with the workspace as a whole (a broken
// configuration file) once, and clears it when it is gone.
func (s *server) workspaceError(err error) {
	msg := ""
	if err != nil {
		msg = "flasksec: " + err.Error()
	}
	s.mu.Lock()
	same := msg == s.lastErr
	s.lastErr = msg
	s.mu.Unlock()
	if same {
		return
	}
	if msg != "" {
		s.showError(msg + " (diagnostics are paused until it is fixed)")
	} else {
		s.log.Printf("workspace ready")
	}
}

// publish sends the diagnostics of v that differ from old, and empty
// lists for the files that had diagnostics in old and have none in v. It
// returns the number of notifications sent.
func (s *server) publish(old, v *view) int {
	n := 0
	for _, uri := range sortedKeys(v.files) {
		fv := v.files[uri]
		if of := old.files[uri]; of != nil && reflect.DeepEqual(of.diags, fv.diags) && equalVersion(of.version, fv.version) {
			continue
		}
		if old.files[uri] == nil && len(fv.diags) == 0 && fv.version == nil {
			continue
		}
		s.notify("textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: uri, Version: fv.version, Diagnostics: fv.diags})
		n++
	}
	for _, uri := range sortedKeys(old.files) {
		if v.files[uri] == nil && len(old.files[uri].diags) > 0 {
			s.notify("textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: uri, Diagnostics: []Diagnostic{}})
			n++
		}
	}
	return n
}

func equalVersion(a, b *int) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// sortedKeys returns the keys of m in order, for a deterministic order of
// notifications.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
