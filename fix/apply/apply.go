// Package apply runs `flasksec fix`: it scans a tree, keeps the certain
// (safe) fixes of the findings, proves them on an in-memory copy of the
// project (every edited file must parse, each fixed finding must be gone
// and no new finding may appear), renders them as a unified diff and, when
// asked, writes them and scans the tree again from disk.
package apply

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/flasksec/flasksec/fixes"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/safefile"
	"github.com/flasksec/flasksec/scan"
)

// Options say what to fix.
type Options struct {
	Scan  scan.Options // the scan, as `flasksec scan` would run it
	Rules []string     // only fix findings of these rule IDs; empty for all
	Write bool         // write the fixes and scan again
}

// Change is a finding and the fix chosen for it.
type Change struct {
	Finding rules.Finding
	Fix     fixes.Fix
}

// Dropped is a fix that was not kept, and why.
type Dropped struct {
	Change
	Reason string
}

// Result is what a fix run did.
type Result struct {
	Applied []Change        // the fixes kept (and written, with Write)
	Dropped []Dropped       // the certain fixes that failed a check
	Unfixed []rules.Finding // findings of the chosen rules without a certain fix
	Diff    string          // the unified diff of the kept fixes, files in path order, secrets masked
	Written []string        // the files written (slash-separated, relative)
	// After is the scan of the tree after the write (Write only): its
	// findings, and how many fixed findings are still reported (Left)
	// and how many findings are new (New); both should be zero.
	After     []rules.Finding
	Left, New int
}

// maxFileSize caps the bytes read back before a write.
const maxFileSize = 64 << 20

// Run scans, proves and, with opts.Write, writes the fixes.
func Run(ctx context.Context, opts Options) (*Result, error) {
	prep, err := scan.Prepare(opts.Scan)
	if err != nil {
		return nil, err
	}
	proj, err := prep.Load(ctx)
	if err != nil {
		return nil, err
	}
	before, err := prep.Analyze(ctx, proj)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	var cands []Change
	for _, fd := range before.Findings {
		if len(opts.Rules) > 0 && !slices.Contains(opts.Rules, fd.RuleID) {
			continue
		}
		if fx, ok := certain(fd); ok {
			cands = append(cands, Change{Finding: fd, Fix: fx})
		} else {
			res.Unfixed = append(res.Unfixed, fd)
		}
	}
	// Prove the fixes together; drop the failing ones and prove the rest
	// again, until a round drops nothing.
	var plan *plan
	for {
		var dropped []Dropped
		plan, cands, dropped = newPlan(proj, cands)
		res.Dropped = append(res.Dropped, dropped...)
		if len(cands) == 0 {
			break
		}
		edited, bad := plan.project(proj, prep.LoadOptions())
		if len(bad) == 0 {
			after, err := prep.Analyze(ctx, edited)
			if err != nil {
				return nil, fmt.Errorf("scanning the fixed copy: %w", err)
			}
			bad = plan.check(before.Current, after.Current, cands)
		}
		if len(bad) == 0 {
			break
		}
		var keep []Change
		for _, c := range cands {
			if why, ok := bad[c.Finding.Location.Path]; ok && (why.finding == nil || sameChange(*why.finding, c)) {
				res.Dropped = append(res.Dropped, Dropped{Change: c, Reason: why.reason})
				continue
			}
			keep = append(keep, c)
		}
		if len(keep) == len(cands) { // nothing attributable: stop fixing
			for _, c := range cands {
				res.Dropped = append(res.Dropped, Dropped{Change: c, Reason: "the fixed copy did not scan clean"})
			}
			keep = nil
		}
		cands = keep
	}
	res.Applied = cands
	if len(cands) == 0 {
		return res, nil
	}
	if res.Diff, err = plan.diff(proj); err != nil {
		return nil, err
	}
	if !opts.Write {
		return res, nil
	}
	for _, rel := range plan.paths() {
		if err := write(proj, rel, plan.out[rel]); err != nil {
			return res, err
		}
		res.Written = append(res.Written, rel)
	}
	again, err := prep.Load(ctx)
	if err != nil {
		return res, fmt.Errorf("scanning again after the write: %w", err)
	}
	after, err := prep.Analyze(ctx, again)
	if err != nil {
		return res, fmt.Errorf("scanning again after the write: %w", err)
	}
	res.After = after.Findings
	for _, why := range plan.check(before.Current, after.Current, cands) {
		if why.finding != nil {
			res.Left++
		} else {
			res.New++
		}
	}
	return res, nil
}

// certain returns the first safe fix of a finding.
func certain(fd rules.Finding) (fixes.Fix, bool) {
	for _, fx := range fd.Fixes {
		if fx.Applicability == fixes.Safe && len(fx.Edits) > 0 {
			return fx, true
		}
	}
	return fixes.Fix{}, false
}

// sameChange reports whether c is the change of the finding fd.
func sameChange(fd rules.Finding, c Change) bool {
	return fd.RuleID == c.Finding.RuleID && fd.Location == c.Finding.Location && fd.Fingerprint == c.Finding.Fingerprint
}

// plan is the edits of the kept fixes, by file.
type plan struct {
	edits map[string][]fixes.Edit // sorted, without duplicates
	src   map[string][]byte       // the original text
	out   map[string][]byte       // the edited text
}

// newPlan merges the fixes into one set of edits per file. A fix whose
// edits equal another's (two findings of one call) shares them; one
// whose edits overlap another's, or whose file is not the one scanned,
// is dropped.
func newPlan(proj *project.Project, cands []Change) (*plan, []Change, []Dropped) {
	p := &plan{edits: map[string][]fixes.Edit{}, src: map[string][]byte{}, out: map[string][]byte{}}
	var keep []Change
	var dropped []Dropped
	for _, c := range cands {
		rel := c.Finding.Location.Path
		f := proj.File(rel)
		if f == nil || f.Abs == "" {
			dropped = append(dropped, Dropped{c, "the file is not one the scan read"})
			continue
		}
		if _, seen := p.edits[rel]; !seen && !sameOnDisk(proj, f) {
			dropped = append(dropped, Dropped{c, "the file on disk is not the text analysed (CRLF line endings, a BOM, another encoding, or changed since the scan); fixes are written only to UTF-8 files with LF line endings"})
			continue
		}
		cur := p.edits[rel]
		merged := slices.Clone(cur)
		for _, e := range c.Fix.Edits {
			if e.Path != rel {
				merged = nil
				break
			}
			if !slices.Contains(merged, e) {
				merged = append(merged, e)
			}
		}
		var out []byte
		sorted, err := fixes.Sorted(merged, len(f.Src))
		if merged != nil && err == nil {
			out, err = fixes.Apply(f.Src, sorted)
		}
		if merged == nil || err != nil {
			dropped = append(dropped, Dropped{c, "its edits overlap another fix's"})
			continue
		}
		p.edits[rel], p.src[rel], p.out[rel] = sorted, f.Src, out
		keep = append(keep, c)
	}
	return p, keep, dropped
}

// paths returns the edited files in order.
func (p *plan) paths() []string {
	out := make([]string, 0, len(p.out))
	for rel := range p.out {
		out = append(out, rel)
	}
	sort.Strings(out)
	return out
}

// failure says why a file's fixes fail: a fixed finding still reported
// (finding set), or a new finding or a parse error (finding nil).
type failure struct {
	finding *rules.Finding
	reason  string
}

// project returns the project with the edited files, or the files whose
// edited text does not parse.
func (p *plan) project(proj *project.Project, opts project.Options) (*project.Project, map[string]failure) {
	bad := map[string]failure{}
	files := make([]*project.File, 0, len(proj.Files))
	for _, f := range proj.Files {
		out, ok := p.out[f.Path]
		if !ok {
			files = append(files, f)
			continue
		}
		nf, ferr, _ := project.FromSource(f.Path, out, opts)
		if nf == nil || ferr != nil || (f.Kind == project.Python && (nf.AST == nil || nf.Err != nil)) {
			bad[f.Path] = failure{reason: "the fixed file does not parse"}
			continue
		}
		nf.Abs = f.Abs
		files = append(files, nf)
	}
	return project.New(proj.Root, files, proj.Config), bad
}

// key identifies a finding across the edit: its rule, file and line.
type key struct {
	rule, path string
	line       int
}

// check compares the findings before and after the fixes: each fixed
// finding must be gone, and every finding after must have been there
// before (at its line moved by the edits).
func (p *plan) check(before, after []rules.Finding, cands []Change) map[string]failure {
	bad := map[string]failure{}
	was := map[key]bool{}
	for _, fd := range before {
		was[key{fd.RuleID, fd.Location.Path, p.newLine(fd.Location.Path, fd.Location.StartLine)}] = true
	}
	now := map[key]bool{}
	for _, fd := range after {
		k := key{fd.RuleID, fd.Location.Path, fd.Location.StartLine}
		now[k] = true
		if !was[k] {
			if _, ok := bad[k.path]; !ok {
				bad[k.path] = failure{reason: fmt.Sprintf("a new %s finding appeared on line %d", k.rule, k.line)}
			}
		}
	}
	for _, c := range cands {
		fd := c.Finding
		if now[key{fd.RuleID, fd.Location.Path, p.newLine(fd.Location.Path, fd.Location.StartLine)}] {
			bad[fd.Location.Path] = failure{finding: &c.Finding, reason: "the finding is still reported after the fix"}
		}
	}
	return bad
}

// newLine maps a 1-based line of the original file to the edited one.
func (p *plan) newLine(rel string, line int) int {
	es := p.edits[rel]
	if len(es) == 0 {
		return line
	}
	src := string(p.src[rel])
	start, n := 0, 1
	for n < line && start < len(src) {
		i := strings.IndexByte(src[start:], '\n')
		if i < 0 {
			break
		}
		start += i + 1
		n++
	}
	delta := 0
	for _, e := range es {
		if e.End > start {
			break
		}
		delta += strings.Count(e.Text, "\n") - strings.Count(src[e.Start:e.End], "\n")
	}
	return line + delta
}

// diff renders the plan as a unified diff, secrets masked in every line
// shown (the redactor reads each whole file, so a literal continued on
// the next line is masked too).
func (p *plan) diff(proj *project.Project) (string, error) {
	var b strings.Builder
	for _, rel := range p.paths() {
		python := proj.File(rel).Kind == project.Python
		d, err := fixes.DiffMasked(rel, proj.File(rel).Src, p.edits[rel], func(text string) string { return rules.Redact(text, python) })
		if err != nil {
			return "", fmt.Errorf("diff of %s: %w", rel, err)
		}
		b.WriteString(d)
	}
	return b.String(), nil
}

// write replaces the regular file rel of the scanned tree with data,
// atomically and with its mode kept, after checking that it is still
// the text the fixes were computed on.
func write(proj *project.Project, rel string, data []byte) error {
	f := proj.File(rel)
	if f == nil || f.Abs == "" || !safefile.Inside(proj.Root, f.Abs) {
		return fmt.Errorf("fix %s: not a file of the scanned tree", rel)
	}
	info, err := os.Lstat(f.Abs)
	if err != nil {
		return fmt.Errorf("fix %s: %w", rel, err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("fix %s: %s, not written", rel, safefile.Describe(info.Mode()))
	}
	cur, err := safefile.Read(f.Abs, maxFileSize, info)
	if err != nil {
		return fmt.Errorf("fix %s: %w", rel, err)
	}
	if string(cur) != string(f.Src) {
		return fmt.Errorf("fix %s: %w", rel, errChanged)
	}
	tmp, err := os.CreateTemp(filepath.Dir(f.Abs), "."+filepath.Base(f.Abs)+".flasksec-fix*")
	if err != nil {
		return fmt.Errorf("fix %s: %w", rel, err)
	}
	name := tmp.Name()
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(name, info.Mode().Perm())
	}
	if werr == nil {
		werr = os.Rename(name, f.Abs)
	}
	if werr != nil {
		os.Remove(name)
		return fmt.Errorf("fix %s: %w", rel, werr)
	}
	return nil
}

// errChanged says a file changed on disk after it was scanned, or is not
// stored as UTF-8 (the fixes' offsets index the decoded text).
var errChanged = errors.New("the file changed since it was scanned, or is not UTF-8 (not written)")

// sameOnDisk reports whether the regular file f of the scanned tree holds
// exactly the text the fixes index.
func sameOnDisk(proj *project.Project, f *project.File) bool {
	if f.Abs == "" || !safefile.Inside(proj.Root, f.Abs) {
		return false
	}
	info, err := os.Lstat(f.Abs)
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	cur, err := safefile.Read(f.Abs, maxFileSize, info)
	return err == nil && string(cur) == string(f.Src)
}
