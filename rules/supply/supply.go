// Package supply implements the dependency rule FLASK-SUPPLY-001:
// security-critical packages left unpinned, and pinned or locked
// versions that known advisories affect.
package supply

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/flasksec/flasksec/deps"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/rules"
)

// Rule is FLASK-SUPPLY-001: dependency and patch hygiene.
var Rule = &rules.Rule{
	ID:       "FLASK-SUPPLY-001",
	Title:    "Security-critical dependency is unpinned or has a known advisory",
	Severity: rules.Low,
	CWE:      1395,
	Spec:     "4 FLASK-SUPPLY-001",
	Category: rules.CatSupply,
	Doc: rules.Doc{
		What: "Reads requirements*.txt, pyproject.toml, Pipfile, Pipfile.lock, poetry.lock, uv.lock, setup.cfg and " +
			"setup.py (without running it). Reports every pinned or locked version that a known advisory affects, " +
			"transitive packages of lock files included, naming the advisory and the release that fixes it; and " +
			"reports Flask, Werkzeug, Jinja2, itsdangerous, MarkupSafe, gunicorn and the Flask security extensions " +
			"when they are declared without an exact version and no lock file or pin nearby fixes the version. " +
			"Advisory data is built in (see `flasksec version` for its date) or loaded with --advisories. A " +
			"problem declared in several manifests (pyproject.toml, its lock file, requirements*.txt) is one " +
			"finding at the file that decides what is installed, with the others as related locations. Severity " +
			"is the spec's Low; an advisory rated high by its publisher makes it Medium, one rated critical High, " +
			"and the message says which.",
		Why: "Flask applications inherit the security of the framework underneath: the Werkzeug debugger, the " +
			"multipart parser, safe_join and the Jinja2 sandbox have all had published flaws. A version that is " +
			"not pinned changes under the team's feet, and a pinned version nobody updates keeps its known holes.",
		Insecure: "# requirements.txt\nflask>=2.0\nwerkzeug==2.2.2",
		Secure:   "# requirements.txt (compiled with hashes, reviewed on each advisory)\nflask==3.1.3\nwerkzeug==3.1.6",
		Impact: "Depends on the advisory: denial of service through form parsing, cookie or session confusion, " +
			"sandbox escape to code execution, or request smuggling past a proxy. Unpinned dependencies make a " +
			"deployment's exposure unknown and unrepeatable.",
		Fix: "Upgrade to a release that fixes every listed advisory, pin exact versions (ideally in a lock file with " +
			"hashes), and add a regression test for the affected behaviour.",
		Mitigation: "Until the upgrade ships, turn off the affected feature (the debugger, serving files through " +
			"safe_join on Windows), cap request and form sizes, and keep an advisory scanner in CI.",
		FalsePositives: "An advisory may concern a feature the app does not use, or a platform it does not run on " +
			"(the safe_join device-name advisories matter only on Windows); check the advisory's conditions. A " +
			"loose range in a library's own metadata is normal when the deploying application locks versions elsewhere.",
	},
	Run: run,
}

// critical are the packages whose version matters to a Flask app's
// security, by normalised name.
var critical = map[string]bool{
	"flask": true, "werkzeug": true, "jinja2": true, "itsdangerous": true, "markupsafe": true,
	"flask-wtf": true, "flask-login": true, "flask-cors": true, "flask-talisman": true,
	"gunicorn": true, "flask-caching": true,
}

// devGroups are dependency groups that do not ship with the app.
var devGroups = map[string]bool{
	"dev": true, "develop": true, "test": true, "tests": true, "testing": true, "lint": true,
	"docs": true, "doc": true, "typing": true,
}

func run(pass *rules.Pass) error {
	files := deps.ProjectFiles(pass.Project)
	db := deps.AdvisoriesFor(pass.Project)
	cover := newCoverage(files)
	var win *windowsContext // computed when a Windows-only advisory matches
	platform := func() *windowsContext {
		if win == nil {
			win = newWindowsContext(pass.Project)
		}
		return win
	}
	var found []declared
	for _, f := range files {
		for i := range f.Requirements {
			r := &f.Requirements[i]
			if r.Key == "" {
				continue
			}
			if v, ok := r.Pinned(); ok {
				if ms := db.Match(r.Key, v); len(ms) > 0 {
					found = append(found, declared{r: r, f: vulnerable(r, v, ms, db, platform), group: advisoryGroup(r.Key, ms)})
				}
				continue
			}
			if critical[r.Key] && !r.Locked && !r.Constraint && !devGroups[strings.ToLower(r.Group)] &&
				!cover.pinned(path.Dir(r.Path), r.Key) {
				found = append(found, declared{r: r, f: unpinned(r, db), group: "unpinned|" + r.Key})
			}
		}
	}
	for _, f := range joinDeclarations(found) {
		pass.Report(f)
	}
	return nil
}

// declared is a finding about one declaration of a dependency, with the
// key of the problem it reports: the same package affected by the same
// advisories, or left open by the same range, in several manifests
// (pyproject.toml, its lock file, requirements*.txt) is one problem.
type declared struct {
	r     *deps.Requirement
	f     rules.Finding
	group string
}

func advisoryGroup(key string, ms []deps.Match) string {
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.Advisory.ID
	}
	sort.Strings(ids)
	return "advisory|" + key + "|" + strings.Join(ids, ",")
}

// formatRank orders the manifests of one problem: the file that fixes
// what is installed (a lock file, then a requirements file) first, the
// package metadata last.
func formatRank(f deps.Format, p string) int {
	base := strings.ToLower(path.Base(p))
	for _, w := range []string{"dev", "test", "doc", "lint", "ci"} {
		if strings.Contains(base, w) {
			return 4 // requirements-dev.txt, docs.txt: not what the app runs on
		}
	}
	switch {
	case f.IsLock():
		return 0
	case f == deps.Requirements:
		return 1
	case f == deps.PyProject || f == deps.SetupCfg || f == deps.SetupPy:
		return 3
	}
	return 2
}

// joinDeclarations turns the findings of one problem into one finding:
// the most severe and confident one, at the manifest that decides what is
// installed, with the other declarations as related locations. One
// problem is one group key in folders that contain one another (sibling
// services of a monorepo are separate problems). Findings come out in the
// order of their first declaration.
func joinDeclarations(found []declared) []rules.Finding {
	var clusters [][]declared
	for _, d := range found {
		joined := false
		for i, c := range clusters {
			if c[0].group != d.group {
				continue
			}
			for _, o := range c {
				if related(path.Dir(o.r.Path), path.Dir(d.r.Path)) {
					clusters[i] = append(clusters[i], d)
					joined = true
					break
				}
			}
			if joined {
				break
			}
		}
		if !joined {
			clusters = append(clusters, []declared{d})
		}
	}
	out := make([]rules.Finding, 0, len(clusters))
	for _, ds := range clusters {
		g := ds[0].group
		sort.SliceStable(ds, func(i, j int) bool {
			a, b := ds[i], ds[j]
			if a.f.Severity != b.f.Severity {
				return a.f.Severity > b.f.Severity
			}
			if a.f.Confidence != b.f.Confidence {
				return a.f.Confidence > b.f.Confidence
			}
			if ra, rb := formatRank(a.r.Format, a.r.Path), formatRank(b.r.Format, b.r.Path); ra != rb {
				return ra < rb
			}
			if a.r.Path != b.r.Path {
				return a.r.Path < b.r.Path
			}
			return a.r.Line < b.r.Line
		})
		f := ds[0].f
		if len(ds) > 1 {
			var places []string
			for _, o := range ds[1:] {
				note := fmt.Sprintf("%s %s (%s)", o.r.Key, o.r.Version, where(o.r))
				if !strings.HasPrefix(g, "advisory|") {
					note = fmt.Sprintf("%s also declared without an exact version in %s", o.r.Key, path.Base(o.r.Path))
					if spec := o.r.Specifier.String(); spec != "" {
						note += " (" + spec + ")"
					}
				}
				f.Related = append(f.Related, rules.RelatedLocation{Path: o.r.Path, Line: o.r.Line, Note: note})
				places = append(places, fmt.Sprintf("%s:%d", o.r.Path, o.r.Line))
			}
			f.Message += fmt.Sprintf("; the same problem is declared in %d more file(s): %s (one finding for all)",
				len(ds)-1, strings.Join(places, ", "))
		}
		out = append(out, f)
	}
	return out
}

// coverage records, per folder, the lock files and exact pins, so that a
// loose range is not reported when a lock file or a pin in the same
// folder, a parent or a subfolder fixes the version (pip-compile's
// requirements.in next to requirements.txt, pyproject.toml next to
// poetry.lock). Sibling folders of a monorepo do not cover each other.
type coverage struct {
	lockDirs []string
	pins     map[string][]string // package -> folders pinning it
}

func newCoverage(files []*deps.File) *coverage {
	c := &coverage{pins: map[string][]string{}}
	for _, f := range files {
		dir := path.Dir(f.Path)
		if f.Format.IsLock() {
			c.lockDirs = append(c.lockDirs, dir)
		}
		for i := range f.Requirements {
			r := &f.Requirements[i]
			if _, ok := r.Pinned(); ok || (r.Locked && r.Key != "") {
				c.pins[r.Key] = append(c.pins[r.Key], dir)
			}
		}
	}
	return c
}

func (c *coverage) pinned(dir, key string) bool {
	for _, d := range c.lockDirs {
		if related(d, dir) {
			return true
		}
	}
	for _, d := range c.pins[key] {
		if related(d, dir) {
			return true
		}
	}
	return false
}

// related reports whether folders a and b are the same or one contains
// the other ("." contains everything).
func related(a, b string) bool {
	within := func(x, y string) bool { return y == "." || x == y || strings.HasPrefix(x, y+"/") }
	return within(a, b) || within(b, a)
}

func location(r *deps.Requirement) rules.Location {
	return rules.Location{Path: r.Path, StartLine: r.Line, EndLine: r.EndLine}
}

// where describes how a requirement fixes its version.
func where(r *deps.Requirement) string {
	switch {
	case r.Locked:
		return "locked in " + path.Base(r.Path)
	case r.Constraint:
		return "pinned by the constraints file " + path.Base(r.Path)
	}
	return "pinned in " + path.Base(r.Path)
}

// vulnerable builds the finding for a pinned or locked version that
// advisories affect: one finding per declaration, naming every advisory.
func vulnerable(r *deps.Requirement, v deps.Version, ms []deps.Match, db *deps.Database, platform func() *windowsContext) rules.Finding {
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Advisory.Severity > ms[j].Advisory.Severity })
	var general, windows []deps.Match
	for _, m := range ms {
		if m.Advisory.WindowsOnly() {
			windows = append(windows, m)
		} else {
			general = append(general, m)
		}
	}
	f := rules.Finding{Location: location(r), Severity: rules.Low, Confidence: rules.HighConfidence}
	rated := general
	if len(general) == 0 {
		rated = windows
		// Only Windows deployments are exposed; how likely that is here
		// depends on where the app is deployed and whether it serves
		// files through safe_join.
		f.Confidence = platform().confidence()
	}
	var worst *deps.Advisory
	for i := range rated {
		if a := rated[i].Advisory; worst == nil || a.Severity > worst.Severity {
			worst = a
		}
	}
	var why string
	f.Severity, why = severityOf(worst, len(general) == 0)
	var parts []string
	for i, m := range ms {
		a := m.Advisory
		id := a.ID
		if cve := a.CVE(); cve != "" && cve != id {
			id += " / " + cve
		}
		fix := "no fixed release recorded"
		if m.Fixed != "" {
			fix = "fixed in " + m.Fixed
		}
		part := fmt.Sprintf("%s (%s, %s)", id, a.Severity, fix)
		if i == 0 && a.Summary != "" {
			part += ": " + strings.TrimSuffix(a.Summary, ".")
		}
		if a.WindowsOnly() {
			part += " [matters only on Windows deployments]"
		}
		parts = append(parts, part)
	}
	noun := "a known advisory"
	if len(ms) > 1 {
		noun = fmt.Sprintf("%d known advisories", len(ms))
	}
	f.Message = fmt.Sprintf("%s %s (%s) is affected by %s: %s", r.Key, r.Version, where(r), noun, strings.Join(parts, "; "))
	if len(general) == 0 {
		f.Message += ". These advisories matter only when the app runs on Windows and serves files through " +
			"safe_join or send_from_directory; " + platform().describe()
	}
	f.Message += ". " + why
	f.Fix = upgradeAdvice(r.Key, v, ms, db)
	return f
}

// severityOf rates a vulnerable dependency. The spec rates
// FLASK-SUPPLY-001 Low; an advisory raises it only by its own rating: a
// critical advisory makes the finding High, a high one Medium (Low when it
// matters only on Windows deployments); moderate and low advisories leave
// it Low. It also says, for the message, how the severity was decided.
func severityOf(worst *deps.Advisory, windowsOnly bool) (rules.Severity, string) {
	if worst == nil {
		return rules.Low, "Severity Low, the spec's rating for dependency hygiene."
	}
	id := worst.ID
	switch {
	case worst.Severity >= deps.SeverityCritical:
		return rules.High, fmt.Sprintf("Severity raised from the spec's Low to High because %s is rated critical by its publisher.", id)
	case worst.Severity >= deps.SeverityHigh && !windowsOnly:
		return rules.Medium, fmt.Sprintf("Severity raised from the spec's Low to Medium because %s is rated high by its publisher.", id)
	case worst.Severity >= deps.SeverityHigh:
		return rules.Low, fmt.Sprintf("Severity Low, the spec's rating: %s is rated high but matters only on Windows.", id)
	}
	return rules.Low, fmt.Sprintf("Severity Low, the spec's rating: the most severe advisory (%s) is rated %s.", id, worst.Severity)
}

// upgradeAdvice names the release to move to: the highest of the
// advisories' fixed releases, with a warning when the data shows that
// release still affected or an advisory has no fix recorded.
func upgradeAdvice(key string, v deps.Version, ms []deps.Match, db *deps.Database) string {
	var target string
	var targetV deps.Version
	var unfixed []string
	for _, m := range ms {
		if m.Fixed == "" {
			unfixed = append(unfixed, m.Advisory.ID)
			continue
		}
		fv, err := deps.ParseVersion(m.Fixed)
		if err != nil {
			continue
		}
		if target == "" || fv.Compare(targetV) > 0 {
			target, targetV = m.Fixed, fv
		}
	}
	var b strings.Builder
	if target != "" {
		fmt.Fprintf(&b, "upgrade %s to >= %s", key, target)
		if rest := db.Match(key, targetV); len(rest) > 0 {
			ids := make([]string, len(rest))
			for i, m := range rest {
				ids[i] = m.Advisory.ID
			}
			fmt.Fprintf(&b, " (the advisory data shows %s still affected by %s: take the newest release)",
				target, strings.Join(ids, ", "))
		}
	}
	if len(unfixed) > 0 {
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "no fixed release is recorded for %s: upgrade %s past %s to a release the advisory "+
			"no longer lists, or apply its workaround", strings.Join(unfixed, ", "), key, v)
	}
	b.WriteString(", then re-lock and run the tests that cover the affected behaviour")
	return b.String()
}

// unpinned builds the finding for a security-critical package declared
// without an exact version.
func unpinned(r *deps.Requirement, db *deps.Database) rules.Finding {
	f := rules.Finding{Location: location(r), Severity: rules.Low, Confidence: rules.HighConfidence}
	if r.Format == deps.PyProject || r.Format == deps.SetupCfg || r.Format == deps.SetupPy {
		// Package metadata: a library states ranges on purpose; an
		// application deployed from it should still lock.
		f.Confidence = rules.MediumConfidence
	}
	var how string
	switch {
	case r.Editable || r.URL != "":
		how = fmt.Sprintf("is installed from %s, which names no release", r.URL)
	case len(r.Specifier) == 0 && r.SpecText != "" && r.SpecText != "*":
		how = fmt.Sprintf("is constrained only by %q, which is not an exact version", r.SpecText)
	case len(r.Specifier) == 0:
		how = "has no version constraint"
	default:
		how = fmt.Sprintf("allows a range of versions (%s)", r.Specifier)
	}
	f.Message = fmt.Sprintf("%s %s and no lock file or exact pin fixes its version", r.Key, how)
	if ex := vulnerableExample(r, db); ex != "" {
		f.Message += "; " + ex
	}
	f.Fix = fmt.Sprintf("pin %s to an exact, reviewed release (%s==X.Y.Z)", r.Key, r.Key)
	if floor := safeFloor(r.Key, db); floor != "" {
		f.Fix += " " + floor
	}
	f.Fix += ", or commit a lock file (pip-compile --generate-hashes, poetry lock, uv lock, pipenv lock) and deploy from it"
	return f
}

// safeFloor describes the oldest release the advisory data allows: at
// or above the highest fixed release, or above the highest
// last_affected one ("" when the data holds no advisory for key).
func safeFloor(key string, db *deps.Database) string {
	var best deps.Version
	text, strict := "", false
	for _, a := range db.Advisories(key) {
		for _, af := range a.Affected {
			for _, rg := range af.Ranges {
				for _, e := range rg.Events {
					s, excl := e.Fixed, false
					if s == "" {
						s, excl = e.LastAffected, true
					}
					v, err := deps.ParseVersion(s)
					if s == "" || err != nil {
						continue
					}
					if c := v.Compare(best); text == "" || c > 0 || c == 0 && excl {
						best, text, strict = v, s, excl
					}
				}
			}
		}
	}
	switch {
	case text == "":
		return ""
	case strict:
		return fmt.Sprintf("newer than %s, the last affected release in the advisory data", text)
	}
	return fmt.Sprintf("no older than %s, the newest fix in the advisory data", text)
}

// vulnerableExample says whether the declared range admits a version
// that an advisory affects, testing the range's own boundary versions
// and the advisories' event versions.
func vulnerableExample(r *deps.Requirement, db *deps.Database) string {
	advs := db.Advisories(r.Key)
	if len(advs) == 0 {
		return ""
	}
	if r.URL != "" || len(r.Specifier) == 0 {
		return fmt.Sprintf("any release may be installed, including ones affected by %d known advisories", len(advs))
	}
	var candidates []deps.Version
	for _, sp := range r.Specifier {
		if sp.Op != "===" && sp.Op != "<" && sp.Op != "!=" {
			candidates = append(candidates, sp.Version)
		}
	}
	for _, a := range advs {
		for _, af := range a.Affected {
			for _, rg := range af.Ranges {
				for _, e := range rg.Events {
					for _, s := range []string{e.Introduced, e.LastAffected} {
						if v, err := deps.ParseVersion(s); err == nil && s != "0" {
							candidates = append(candidates, v)
						}
					}
				}
			}
		}
	}
	sort.SliceStable(candidates, func(i, j int) bool { return candidates[i].Compare(candidates[j]) < 0 })
	for _, v := range candidates {
		if !r.Specifier.Allows(v) {
			continue
		}
		if ms := db.Match(r.Key, v); len(ms) > 0 {
			return fmt.Sprintf("the range admits %s %s, affected by %s", r.Key, v, ms[0].Advisory.ID)
		}
	}
	return ""
}

// windowsContext is the evidence bearing on the Windows-only
// advisories: where the app calls safe_join or send_from_directory, and
// which deployment files show a Windows or a non-Windows host.
type windowsContext struct {
	helperAt string // "app.py:8"; "" when no call was found
	helper   string // the helper's name
	windows  string // "Dockerfile:1" of a Windows base image; ""
	linux    string // a deployment file showing a non-Windows host; ""
}

func newWindowsContext(p *project.Project) *windowsContext {
	w := &windowsContext{}
	w.helper, w.helperAt = findFileHelper(p)
	for _, f := range p.FilesOf(project.Deploy) {
		base := strings.ToLower(path.Base(f.Path))
		switch {
		case strings.HasPrefix(base, "dockerfile") || strings.HasSuffix(base, ".dockerfile"):
			for n := 1; n <= f.NumLines(); n++ {
				line := strings.ToLower(strings.TrimSpace(f.Line(n)))
				if !strings.HasPrefix(line, "from ") {
					continue
				}
				at := fmt.Sprintf("%s:%d", f.Path, n)
				if strings.Contains(line, "windows") || strings.Contains(line, "servercore") || strings.Contains(line, "nanoserver") {
					if w.windows == "" {
						w.windows = at
					}
				} else if w.linux == "" {
					w.linux = at
				}
			}
		case base == "procfile" || strings.HasSuffix(base, ".service"):
			if w.linux == "" {
				w.linux = f.Path
			}
		}
	}
	return w
}

// confidence rates a finding that rests only on Windows-only advisories.
func (w *windowsContext) confidence() rules.Confidence {
	switch {
	case w.windows != "" && w.helperAt != "":
		return rules.HighConfidence
	case w.windows != "":
		return rules.MediumConfidence
	case w.linux != "":
		return rules.LowConfidence
	case w.helperAt != "":
		return rules.MediumConfidence
	}
	return rules.LowConfidence
}

// describe states the evidence in words.
func (w *windowsContext) describe() string {
	var parts []string
	if w.helperAt != "" {
		parts = append(parts, fmt.Sprintf("%s is used at %s", w.helper, w.helperAt))
	} else {
		parts = append(parts, "no safe_join or send_from_directory call was found in this project")
	}
	switch {
	case w.windows != "":
		parts = append(parts, fmt.Sprintf("a Windows base image is used (%s)", w.windows))
	case w.linux != "":
		parts = append(parts, fmt.Sprintf("the deployment files point to a non-Windows host (%s)", w.linux))
	default:
		parts = append(parts, "no deployment file shows the host platform")
	}
	return strings.Join(parts, "; ")
}

// findFileHelper returns the first call of safe_join or
// send_from_directory in the project's Python code, or failing that the
// first other reference (an import, a name passed along), as the
// helper's name and "path:line".
func findFileHelper(p *project.Project) (name, at string) {
	var refName, refAt string
	for _, f := range p.FilesOf(project.Python) {
		if f.AST == nil {
			continue
		}
		ast.Inspect(f.AST, func(n ast.Node) bool {
			if at != "" {
				return false
			}
			if call, ok := n.(*ast.Call); ok {
				if id := helperName(call.Func); id != "" {
					name, at = id, fmt.Sprintf("%s:%d", f.Path, call.Pos().Line)
					return false
				}
			}
			if id := helperName(n); id != "" && refAt == "" {
				refName, refAt = id, fmt.Sprintf("%s:%d", f.Path, n.Pos().Line)
			}
			return true
		})
		if at != "" {
			return name, at
		}
	}
	return refName, refAt
}

// helperName returns "safe_join" or "send_from_directory" when n names
// one of them, and "" otherwise.
func helperName(n ast.Node) string {
	var id string
	switch n := n.(type) {
	case *ast.Name:
		id = n.ID
	case *ast.Attribute:
		id = n.Attr
	case *ast.Alias:
		id = n.Name
	}
	if id == "safe_join" || id == "send_from_directory" {
		return id
	}
	return ""
}
