package lsp

import (
	"encoding/json"
	"strings"

	"github.com/flasksec/flasksec/fixes"
	"github.com/flasksec/flasksec/rules"
)

// fixActions returns the code actions of the fixes (package fix) of the
// published findings of rule id on the 0-based line, offered next to the
// suppression. They are offered only when the analysed text is the
// document's current text (the fixes' byte offsets index it) and every
// edit is in this document; a safe fix is the preferred action.
func (s *server) fixActions(uri string, doc *document, fv *fileView, id string, line int, raw json.RawMessage) []CodeAction {
	var out []CodeAction
	if fv == nil || fv.version == nil || *fv.version != doc.version {
		return nil
	}
	for i, d := range fv.diags {
		f := fv.findings[i]
		if f == nil || f.RuleID != id || d.Range.Start.Line != line {
			continue
		}
		for _, fx := range f.Fixes {
			edits, ok := s.textEdits(doc, f, fx)
			if !ok || fx.Applicability == fixes.DisplayOnly {
				continue
			}
			a := CodeAction{Title: "Fix: " + fx.Message, Kind: "quickfix", Diagnostics: []json.RawMessage{raw},
				IsPreferred: fx.Applicability == fixes.Safe}
			if fx.Applicability != fixes.Safe {
				a.Title += " (review the change)"
			}
			if s.docChanges {
				a.Edit.DocumentChanges = []textDocumentEdit{{TextDocument: versionedTextDocumentIdentifier{URI: uri, Version: doc.version}, Edits: edits}}
			} else {
				a.Edit.Changes = map[string][]TextEdit{uri: edits}
			}
			out = append(out, a)
		}
	}
	return out
}

// textEdits converts a fix's byte-offset edits of the document into LSP
// text edits, and false when an edit is of another file or out of the
// text.
func (s *server) textEdits(doc *document, f *rules.Finding, fx fixes.Fix) ([]TextEdit, bool) {
	if !plainText(doc.text) {
		return nil, false
	}
	sorted, err := fixes.Sorted(fx.Edits, len(doc.text))
	if err != nil || len(sorted) == 0 {
		return nil, false
	}
	starts := lineStarts(doc.text)
	pos := func(off int) Position {
		n := 0
		for n+1 < len(starts) && starts[n+1] <= off {
			n++
		}
		return Position{n, s.enc.fromBytes(lineAt(doc.text, starts, n), off-starts[n])}
	}
	out := make([]TextEdit, 0, len(sorted))
	for _, e := range sorted {
		if e.Path != f.Location.Path || e.Path != doc.rel {
			return nil, false
		}
		out = append(out, TextEdit{Range: Range{pos(e.Start), pos(e.End)}, NewText: e.Text})
	}
	return out, true
}

// plainText reports whether the buffer is the text the analysis decoded
// it to, so that the fixes' byte offsets index it: no carriage returns
// (the reader turns CRLF into LF), no BOM, and no coding declaration
// that could re-decode non-ASCII bytes.
func plainText(text string) bool {
	if strings.ContainsRune(text, '\r') || strings.HasPrefix(text, "\ufeff") {
		return false
	}
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return true
	}
	starts := lineStarts(text)
	for n := 0; n < 2; n++ {
		if strings.Contains(lineAt(text, starts, n), "coding") {
			return false
		}
	}
	return true
}
