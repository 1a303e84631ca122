package lsp

// Hover and code actions, answered from the last published analysis.

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/report"
	"github.com/flasksec/flasksec/rules"
)

// hover shows the documentation of the rules of the findings under the
// cursor.
func (s *server) hover(p *textDocumentPositionParams) *hover {
	s.mu.Lock()
	fv := s.view.files[p.TextDocument.URI]
	s.mu.Unlock()
	if fv == nil {
		return nil
	}
	var parts []string
	var rng *Range
	seen := map[string]bool{}
	for i, d := range fv.diags {
		f := fv.findings[i]
		if f == nil || !d.Range.contains(p.Position) || seen[f.Fingerprint] {
			continue
		}
		seen[f.Fingerprint] = true
		if rng == nil {
			r := d.Range
			rng = &r
		}
		parts = append(parts, s.findingDoc(f))
	}
	if len(parts) == 0 {
		return nil
	}
	kind, sep := "plaintext", "\n\n"+strings.Repeat("=", 40)+"\n\n"
	if s.markdown {
		kind, sep = "markdown", "\n\n---\n\n"
	}
	return &hover{Contents: markupContent{Kind: kind, Value: strings.Join(parts, sep)}, Range: rng}
}

// findingDoc describes a finding and its rule, in Markdown or plain text.
func (s *server) findingDoc(f *rules.Finding) string {
	var b strings.Builder
	where := []string{}
	if f.Location.Route != "" {
		where = append(where, "route "+f.Location.Route)
	}
	if f.Location.Function != "" {
		where = append(where, "in "+f.Location.Function+"()")
	}
	if s.markdown {
		fmt.Fprintf(&b, "**%s** · %s severity · %s confidence", f.RuleID, f.Severity, f.Confidence)
		if len(where) > 0 {
			fmt.Fprintf(&b, " · %s", strings.Join(where, ", "))
		}
		fmt.Fprintf(&b, "\n\n%s\n", f.Message)
		if len(f.Trace) > 0 {
			b.WriteString("\nTrace:\n")
			for i, st := range f.Trace {
				fmt.Fprintf(&b, "%d. `%s:%d` %s\n", i+1, st.Path, st.Line, st.Note)
			}
		}
	} else {
		fmt.Fprintf(&b, "%s: %s severity, %s confidence", f.RuleID, f.Severity, f.Confidence)
		if len(where) > 0 {
			fmt.Fprintf(&b, ", %s", strings.Join(where, ", "))
		}
		fmt.Fprintf(&b, "\n%s\n", f.Message)
		for i, st := range f.Trace {
			fmt.Fprintf(&b, "  %d. %s:%d %s\n", i+1, st.Path, st.Line, st.Note)
		}
	}
	if r := s.rule(f.RuleID); r != nil {
		b.WriteString("\n")
		if s.markdown {
			b.WriteString(report.RuleMarkdown(r))
		} else {
			b.WriteString(report.RuleText(r))
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// rule returns the registered rule with the ID, or nil.
func (s *server) rule(id string) *rules.Rule {
	for _, r := range s.opts.Rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// codeActions offers, for each flasksec finding in the request's range,
// its fixes (fixActions) and the quick fix that suppresses it on its line.
func (s *server) codeActions(p *codeActionParams) []CodeAction {
	actions := []CodeAction{}
	if len(p.Context.Only) > 0 {
		ok := false
		for _, k := range p.Context.Only {
			if k == "quickfix" || k == "" {
				ok = true
			}
		}
		if !ok {
			return actions
		}
	}
	uri := p.TextDocument.URI
	s.mu.Lock()
	doc := s.docs[uri]
	fv := s.view.files[uri]
	s.mu.Unlock()
	if doc == nil || doc.rel == "" {
		return actions
	}
	type target struct {
		id   string
		line int // 0-based, in the current text
		raw  json.RawMessage
	}
	var targets []target
	for _, raw := range p.Context.Diagnostics {
		var d clientDiagnostic
		if json.Unmarshal(raw, &d) != nil || d.Source != diagnosticSource {
			continue
		}
		var id string
		if json.Unmarshal(d.Code, &id) != nil || s.rule(id) == nil {
			continue
		}
		targets = append(targets, target{id: id, line: d.Range.Start.Line, raw: raw})
	}
	if len(p.Context.Diagnostics) == 0 && fv != nil && fv.version != nil && *fv.version == doc.version {
		// A client that sends no diagnostics: use the published ones in
		// the range, when they are of this version of the text.
		for i, d := range fv.diags {
			if f := fv.findings[i]; f != nil && d.Range.overlaps(p.Range) {
				raw, _ := json.Marshal(d)
				targets = append(targets, target{id: f.RuleID, line: d.Range.Start.Line, raw: raw})
			}
		}
	}
	// The checks of the fix read the buffer alone; of the configuration
	// they would only use the size limit, and the default one is ample
	// for a file being edited.
	load := project.Options{ParsePython: s.opts.ParsePython}
	seen := map[string]bool{}
	for _, t := range targets {
		key := fmt.Sprintf("%s:%d", t.id, t.line)
		if seen[key] {
			continue
		}
		seen[key] = true
		actions = append(actions, s.fixActions(uri, doc, fv, t.id, t.line, t.raw)...)
		fix, ok := suppressionFixFor(fixContext{rel: doc.rel, text: doc.text, id: t.id, line: t.line + 1, enc: s.enc, load: load})
		if !ok {
			continue
		}
		a := CodeAction{Title: fix.Title, Kind: "quickfix", Diagnostics: []json.RawMessage{t.raw}}
		if s.docChanges {
			a.Edit.DocumentChanges = []textDocumentEdit{{TextDocument: versionedTextDocumentIdentifier{URI: uri, Version: doc.version}, Edits: []TextEdit{fix.Edit}}}
		} else {
			a.Edit.Changes = map[string][]TextEdit{uri: {fix.Edit}}
		}
		actions = append(actions, a)
	}
	return actions
}
