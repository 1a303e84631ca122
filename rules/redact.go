package rules

import "github.com/flasksec/flasksec/redact"

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
}
