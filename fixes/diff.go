package fixes

import (
	"fmt"
	"strings"
)

// context is how many unchanged lines a hunk shows around a change.
const context = 3

// Diff renders the edits (all of the file path, whose text is src) as a
// unified diff with three lines of context, as `diff -u` and `git apply`
// read it. It returns "" when there are no edits.
func Diff(path string, src []byte, edits []Edit) (string, error) {
	return DiffMasked(path, src, edits, nil)
}

// DiffMasked is Diff showing every line through mask, which is given the
// whole original text and the whole edited text (so that it sees the
// context a multi-line construct needs) and must keep their line count:
// it is how a diff next to a hard-coded secret shows "***" (spec section
// 0). A masked line may no longer apply as a patch. It is an error when
// mask changes the number of lines.
func DiffMasked(path string, src []byte, edits []Edit, mask func(string) string) (string, error) {
	es, err := Sorted(edits, len(src))
	if err != nil {
		return "", err
	}
	if len(es) == 0 {
		return "", nil
	}
	lines := splitLines(string(src))
	shownOld, shownNew := lines, []string(nil)
	if mask != nil {
		edited, err := Apply(src, es)
		if err != nil {
			return "", err
		}
		all := splitLines(string(edited))
		shownOld, shownNew = splitLines(mask(string(src))), splitLines(mask(string(edited)))
		if len(shownOld) != len(lines) || len(shownNew) != len(all) {
			return "", fmt.Errorf("diff of %s: masking secrets changed the line count", path)
		}
	}
	starts := make([]int, len(lines)+1)
	for i, l := range lines {
		starts[i+1] = starts[i] + len(l)
	}
	lineOf := func(off int) int { // the 0-based line holding byte off
		lo, hi := 0, len(lines)-1
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if starts[mid] <= off {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		return lo
	}
	// Blocks of edits that change the same lines.
	type block struct {
		first, last int // changed lines, 0-based, inclusive
		edits       []Edit
	}
	var blocks []block
	for _, e := range es {
		first := 0
		last := -1
		if len(lines) > 0 {
			first = lineOf(e.Start)
			last = first
			switch {
			case e.End > e.Start:
				last = lineOf(e.End - 1)
			case e.Start == starts[first] && strings.HasSuffix(e.Text, "\n"):
				last = first - 1 // whole lines inserted before line first
			}
		}
		if n := len(blocks); n > 0 && first <= blocks[n-1].last+1 {
			bl := &blocks[n-1]
			bl.last = max(bl.last, last)
			bl.edits = append(bl.edits, e)
			continue
		}
		blocks = append(blocks, block{first: first, last: last, edits: []Edit{e}})
	}
	// newLines returns the new text of a block's lines.
	newLines := func(bl block) []string {
		from, to := starts[bl.first], starts[bl.last+1]
		var nb strings.Builder
		at := from
		for _, e := range bl.edits {
			nb.Write(src[at:e.Start])
			nb.WriteString(e.Text)
			at = e.End
		}
		nb.Write(src[at:to])
		return splitLines(nb.String())
	}

	var b strings.Builder
	fmt.Fprintf(&b, "--- a/%s\n+++ b/%s\n", path, path)
	delta := 0
	for i := 0; i < len(blocks); {
		// A hunk: the blocks whose context lines touch.
		j := i + 1
		for j < len(blocks) && blocks[j].first-blocks[j-1].last-1 <= 2*context {
			j++
		}
		lo := max(0, blocks[i].first-context)
		hi := min(len(lines), blocks[j-1].last+1+context)
		var body strings.Builder
		oldCount, newCount := 0, 0
		at := lo
		d := delta // lines added before the current block, in this and earlier hunks
		for _, bl := range blocks[i:j] {
			writeLines(&body, ' ', shownOld[at:bl.first])
			oldLines, nl := shownOld[bl.first:bl.last+1], newLines(bl)
			writeLines(&body, '-', oldLines)
			if shownNew != nil {
				writeLines(&body, '+', shownNew[bl.first+d:bl.first+d+len(nl)])
			} else {
				writeLines(&body, '+', nl)
			}
			d += len(nl) - len(oldLines)
			oldCount += bl.first - at + len(oldLines)
			newCount += bl.first - at + len(nl)
			at = bl.last + 1
		}
		writeLines(&body, ' ', shownOld[at:hi])
		oldCount += hi - at
		newCount += hi - at
		oldStart, newStart := lo+1, lo+1+delta
		if oldCount == 0 {
			oldStart--
		}
		if newCount == 0 {
			newStart--
		}
		fmt.Fprintf(&b, "@@ -%d,%d +%d,%d @@\n", oldStart, oldCount, newStart, newCount)
		b.WriteString(body.String())
		delta += newCount - oldCount
		i = j
	}
	return b.String(), nil
}

// splitLines splits s after each "\n", keeping the terminators; the last
// line has none when s does not end in one.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	out := strings.SplitAfter(s, "\n")
	if out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// writeLines writes lines with a diff prefix, marking a last line without
// a newline the way diff does.
func writeLines(b *strings.Builder, prefix byte, lines []string) {
	for _, l := range lines {
		b.WriteByte(prefix)
		b.WriteString(l)
		if !strings.HasSuffix(l, "\n") {
			b.WriteString("\n\\ No newline at end of file\n")
		}
	}
}
