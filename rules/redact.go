package rules

import (
	"github.com/flasksec/flasksec/fixes"
	"github.com/flasksec/flasksec/redact"
)

// Redact returns text with secret values replaced by "***": text is
// Python source when code is true (redact.Code), another file flasksec
// reads otherwise (redact.Config).
func Redact(text string, code bool) string {
	if code {
		return redact.Code(text)
	}
	return redact.Config(text)
}

// RedactProse redacts a message, trace note or other text written by a
// rule, which may quote code (redact.Prose).
func RedactProse(text string) string { return redact.Prose(text) }

// RedactFinding redacts every text field of f that is written out and can
// quote the scanned code: evidence (as code when code is true), title,
// message, the rule text a rule specialised to the case, the route, the
// aspect (joined into another finding's message by the driver), the
// trace notes and the notes of related places. Both lists are copied,
// since a data-flow result may be shared by several findings. Pass.Report calls it for every finding, so
// no rule can forget it (spec section 0).
func RedactFinding(f *Finding, code bool) {
	f.Evidence = Redact(f.Evidence, code)
	for _, s := range []*string{&f.Title, &f.Message, &f.Impact, &f.Fix, &f.Mitigation, &f.FalsePositiveNotes, &f.Location.Route, &f.Aspect} {
		*s = RedactProse(*s)
	}
	if len(f.Trace) > 0 {
		tr := make([]TraceStep, len(f.Trace))
		for i, st := range f.Trace {
			st.Note = RedactProse(st.Note)
			tr[i] = st
		}
		f.Trace = tr
	}
	if len(f.Related) > 0 {
		rel := make([]RelatedLocation, len(f.Related))
		for i, r := range f.Related {
			r.Note = RedactProse(r.Note)
			rel[i] = r
		}
		f.Related = rel
	}
	if len(f.Fixes) > 0 {
		f.Fixes = RedactFixes(f.Fixes)
	}
}

// RedactFixes returns a copy of fixes with secrets masked in their
// messages and in the text of their edits (as Python source). Package fix
// drops a fix that this would change, so a fix never writes or shows a
// secret, and a masked fix is never applied.
func RedactFixes(fs []fixes.Fix) []fixes.Fix {
	out := make([]fixes.Fix, len(fs))
	for i, fx := range fs {
		fx.Message = RedactProse(fx.Message)
		fx.Applicability = fixes.Applicability(RedactProse(string(fx.Applicability)))
		edits := make([]fixes.Edit, len(fx.Edits))
		for j, e := range fx.Edits {
			e.Text = Redact(e.Text, true)
			edits[j] = e
		}
		fx.Edits = edits
		out[i] = fx
	}
	return out
}
