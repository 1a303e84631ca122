// Package fixes defines the fixes a finding can carry (a message, text
// edits by byte offset, and how safe they are to apply), applies them to
// a file's bytes and renders them as a unified diff. It sits below the
// analyses: the rules framework, the reports, the fix command and the
// language server all import it, and it imports nothing of flasksec.
package fixes

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Applicability says how far a fix may be trusted, after Ruff's levels.
type Applicability string

const (
	// Safe fixes are certain: `flasksec fix` applies them.
	Safe Applicability = "safe"
	// Unsafe fixes are right in most code but need a review; they are
	// shown, never applied by `flasksec fix`.
	Unsafe Applicability = "unsafe"
	// DisplayOnly fixes illustrate the change; they are never applied.
	DisplayOnly Applicability = "display-only"
)

// Edit replaces the bytes [Start, End) of the file Path (slash-separated,
// relative to the scanned root) with Text. Offsets index the file's text
// as flasksec read it (UTF-8).
type Edit struct {
	Path  string `json:"path"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Fix is one way to remove a finding.
type Fix struct {
	// Message says what the fix does, in one sentence.
	Message       string        `json:"message"`
	Applicability Applicability `json:"applicability"`
	Edits         []Edit        `json:"edits"`
}

// ErrOverlap is returned when two edits of one file overlap.
var ErrOverlap = errors.New("edits overlap")

// Sorted returns the edits of one file ordered by offset, and ErrOverlap
// when two of them touch the same bytes (two insertions at the same
// offset overlap too: their order would be a guess) or an error when one
// lies outside a file of size bytes.
func Sorted(edits []Edit, size int) ([]Edit, error) {
	out := append([]Edit(nil), edits...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End < out[j].End
	})
	for i, e := range out {
		if e.Start < 0 || e.End < e.Start || e.End > size {
			return nil, fmt.Errorf("edit [%d,%d) outside the file of %d bytes", e.Start, e.End, size)
		}
		if i > 0 && (e.Start < out[i-1].End || (e.Start == out[i-1].Start && e.Start == e.End)) {
			return nil, fmt.Errorf("%w at byte %d", ErrOverlap, e.Start)
		}
	}
	return out, nil
}

// Apply returns src with the edits (all of one file) applied; the bytes
// no edit touches are copied unchanged.
func Apply(src []byte, edits []Edit) ([]byte, error) {
	es, err := Sorted(edits, len(src))
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.Grow(len(src))
	at := 0
	for _, e := range es {
		b.Write(src[at:e.Start])
		b.WriteString(e.Text)
		at = e.End
	}
	b.Write(src[at:])
	return []byte(b.String()), nil
}
