package deps

import (
	"archive/zip"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
	"time"
)

// Severity is an advisory's severity in the GitHub Advisory Database's
// terms. Records without one get a rating computed from their CVSS v3
// vector when they have one.
type Severity uint8

// The advisory severities, in increasing order. SeverityUnknown is a
// record that gives neither a rating nor a CVSS v3 vector.
const (
	SeverityUnknown Severity = iota
	SeverityLow
	SeverityModerate
	SeverityHigh
	SeverityCritical
)

var severityNames = [...]string{"unknown", "low", "moderate", "high", "critical"}

// String returns "low", "moderate", "high", "critical" or "unknown".
func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("Severity(%d)", uint8(s))
}

// Event is one event of an OSV range; exactly one field is set.
type Event struct {
	Introduced   string `json:"introduced,omitempty"`
	Fixed        string `json:"fixed,omitempty"`
	LastAffected string `json:"last_affected,omitempty"`
	Limit        string `json:"limit,omitempty"`
}

// Range is an OSV affected range of type ECOSYSTEM (PEP 440 versions).
type Range struct {
	Events []Event
	// parsed holds the events' versions; "0" (introduced at the start)
	// is the zero Version with an empty Release.
	parsed []Version
}

// Affected is the part of an advisory about one PyPI package.
type Affected struct {
	Package  string   // PEP 503 normalised name
	Ranges   []Range  // ECOSYSTEM ranges
	Versions []string // explicitly listed affected versions
}

// Advisory is one OSV record about PyPI packages.
type Advisory struct {
	ID        string
	Aliases   []string // CVE, GHSA and PYSEC identifiers of the same issue
	Summary   string
	Modified  time.Time
	Published time.Time // zero when the record does not say
	Severity  Severity
	// Platforms lists the operating systems the issue is limited to
	// ("windows"); empty means every platform. Embedded records say so in
	// database_specific.flasksec.platforms; for loaded records the
	// summary or details mentioning "on Windows" set it.
	Platforms []string
	URL       string // the advisory's web page, if the record gives one
	Affected  []Affected
}

// WindowsOnly reports whether the advisory only matters on Windows.
func (a *Advisory) WindowsOnly() bool {
	return len(a.Platforms) == 1 && a.Platforms[0] == "windows"
}

// CVE returns the advisory's CVE identifier (its ID or first CVE alias),
// or "".
func (a *Advisory) CVE() string {
	for _, id := range append([]string{a.ID}, a.Aliases...) {
		if strings.HasPrefix(id, "CVE-") {
			return id
		}
	}
	return ""
}

// osvRecord is the JSON form of an OSV record, the fields the package
// reads.
type osvRecord struct {
	ID        string   `json:"id"`
	Modified  string   `json:"modified"`
	Published string   `json:"published"`
	Withdrawn string   `json:"withdrawn"`
	Aliases   []string `json:"aliases"`
	Summary   string   `json:"summary"`
	Details   string   `json:"details"`
	Severity  []struct {
		Type  string `json:"type"`
		Score string `json:"score"`
	} `json:"severity"`
	Affected []struct {
		Package struct {
			Ecosystem string `json:"ecosystem"`
			Name      string `json:"name"`
		} `json:"package"`
		Ranges []struct {
			Type   string  `json:"type"`
			Events []Event `json:"events"`
		} `json:"ranges"`
		Versions []string `json:"versions"`
	} `json:"affected"`
	References []struct {
		Type string `json:"type"`
		URL  string `json:"url"`
	} `json:"references"`
	DatabaseSpecific struct {
		Severity string `json:"severity"`
		Flasksec struct {
			Platforms []string `json:"platforms"`
		} `json:"flasksec"`
	} `json:"database_specific"`
}

// errNotPyPI marks a well-formed record about other ecosystems only.
var errNotPyPI = errors.New("no PyPI package affected")

// ParseAdvisory decodes one OSV JSON record. Records that affect no PyPI
// package, and withdrawn records, yield a nil advisory and no error.
func ParseAdvisory(data []byte) (*Advisory, error) {
	a, err := parseAdvisory(data)
	if errors.Is(err, errNotPyPI) {
		return nil, nil
	}
	return a, err
}

func parseAdvisory(data []byte) (*Advisory, error) {
	var rec osvRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		return nil, fmt.Errorf("invalid OSV JSON: %w", err)
	}
	if rec.ID == "" {
		return nil, errors.New("OSV record without an id")
	}
	if rec.Withdrawn != "" {
		return nil, errNotPyPI
	}
	a := &Advisory{ID: rec.ID, Aliases: rec.Aliases, Summary: strings.TrimSpace(rec.Summary)}
	var err error
	if a.Modified, err = time.Parse(time.RFC3339, rec.Modified); err != nil {
		return nil, fmt.Errorf("%s: invalid modified time %q", rec.ID, rec.Modified)
	}
	if rec.Published != "" {
		if a.Published, err = time.Parse(time.RFC3339, rec.Published); err != nil {
			return nil, fmt.Errorf("%s: invalid published time %q", rec.ID, rec.Published)
		}
	}
	for _, af := range rec.Affected {
		if af.Package.Ecosystem != "PyPI" {
			continue
		}
		if !validName(af.Package.Name) {
			return nil, fmt.Errorf("%s: invalid PyPI package name %q", rec.ID, af.Package.Name)
		}
		out := Affected{Package: NormalizeName(af.Package.Name)}
		for _, r := range af.Ranges {
			if r.Type != "ECOSYSTEM" {
				continue // GIT ranges name commits, not releases
			}
			rg := Range{Events: r.Events}
			for _, e := range r.Events {
				var text string
				switch {
				case e.Introduced != "":
					text = e.Introduced
				case e.Fixed != "":
					text = e.Fixed
				case e.LastAffected != "":
					text = e.LastAffected
				case e.Limit != "":
					text = e.Limit
				default:
					return nil, fmt.Errorf("%s: empty range event", rec.ID)
				}
				if text == "0" {
					rg.parsed = append(rg.parsed, Version{})
					continue
				}
				v, err := ParseVersion(text)
				if err != nil {
					return nil, fmt.Errorf("%s: range event: %w", rec.ID, err)
				}
				rg.parsed = append(rg.parsed, v)
			}
			if len(rg.Events) == 0 {
				return nil, fmt.Errorf("%s: range without events", rec.ID)
			}
			out.Ranges = append(out.Ranges, rg)
		}
		out.Versions = af.Versions
		if len(out.Ranges) == 0 && len(out.Versions) == 0 {
			return nil, fmt.Errorf("%s: PyPI package %s has no ECOSYSTEM range or version list", rec.ID, af.Package.Name)
		}
		a.Affected = append(a.Affected, out)
	}
	if len(a.Affected) == 0 {
		return nil, errNotPyPI
	}
	a.Severity = parseSeverityName(rec.DatabaseSpecific.Severity)
	if a.Severity == SeverityUnknown {
		for _, s := range rec.Severity {
			if s.Type == "CVSS_V3" {
				if score, err := CVSS3BaseScore(s.Score); err == nil {
					a.Severity = severityOfScore(score)
				}
			}
		}
	}
	a.Platforms = rec.DatabaseSpecific.Flasksec.Platforms
	if len(a.Platforms) == 0 && mentionsWindowsOnly(rec.Summary+" "+rec.Details) {
		a.Platforms = []string{"windows"}
	}
	for _, ref := range rec.References {
		if ref.Type == "ADVISORY" && a.URL == "" {
			a.URL = ref.URL
		}
	}
	if a.URL == "" && strings.HasPrefix(a.ID, "GHSA-") {
		a.URL = "https://github.com/advisories/" + a.ID
	}
	return a, nil
}

func parseSeverityName(s string) Severity {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "LOW":
		return SeverityLow
	case "MODERATE", "MEDIUM":
		return SeverityModerate
	case "HIGH":
		return SeverityHigh
	case "CRITICAL":
		return SeverityCritical
	}
	return SeverityUnknown
}

// mentionsWindowsOnly is the heuristic for records the user supplies:
// a summary or details saying the issue occurs "on Windows".
func mentionsWindowsOnly(text string) bool {
	t := strings.ToLower(text)
	return strings.Contains(t, "on windows") || strings.Contains(t, "windows device name") ||
		strings.Contains(t, "windows special device")
}

// Affects reports whether version v of the package lies in one of the
// affected ranges or version lists, and returns the fix to recommend:
// the lowest "fixed" version above v in the matching range ("" when the
// range has none, for example a range closed by last_affected).
func (af *Affected) Affects(v Version) (bool, string) {
	for _, s := range af.Versions {
		if w, err := ParseVersion(s); err == nil && w.Equal(v) {
			return true, af.fixAbove(v)
		}
	}
	for _, r := range af.Ranges {
		if r.contains(v) {
			return true, r.fixAbove(v)
		}
	}
	return false, ""
}

// contains evaluates a range the way the OSV schema describes: walk the
// events in version order; an introduced event at or below v opens the
// range, a fixed event at or below v closes it, a last_affected event
// below v closes it. A "0" introduced event is below every version.
func (r Range) contains(v Version) bool {
	idx := make([]int, len(r.Events))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return cmpEvent(r.parsed[idx[a]], r.parsed[idx[b]]) < 0 })
	affected := false
	for _, i := range idx {
		e, ev := r.Events[i], r.parsed[i]
		switch {
		case e.Introduced != "":
			if cmpEvent(ev, v) <= 0 {
				affected = true
			}
		case e.Fixed != "":
			if cmpEvent(ev, v) <= 0 {
				affected = false
			}
		case e.LastAffected != "":
			if cmpEvent(ev, v) < 0 {
				affected = false
			}
		}
	}
	return affected
}

// cmpEvent compares versions where the zero Version (from "0") sorts
// before everything.
func cmpEvent(a, b Version) int {
	switch {
	case len(a.Release) == 0 && len(b.Release) == 0:
		return 0
	case len(a.Release) == 0:
		return -1
	case len(b.Release) == 0:
		return 1
	}
	return a.Compare(b)
}

func (r Range) fixAbove(v Version) string {
	best := -1
	for i, e := range r.Events {
		if e.Fixed == "" || cmpEvent(r.parsed[i], v) <= 0 {
			continue
		}
		if best < 0 || r.parsed[i].Compare(r.parsed[best]) < 0 {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return r.Events[best].Fixed
}

func (af *Affected) fixAbove(v Version) string {
	best := ""
	var bestV Version
	for _, r := range af.Ranges {
		if f := r.fixAbove(v); f != "" {
			fv := MustParseVersion(f)
			if best == "" || fv.Compare(bestV) < 0 {
				best, bestV = f, fv
			}
		}
	}
	return best
}

// Match is an advisory that affects a version.
type Match struct {
	Advisory *Advisory
	// Fixed is the first fixed release above the matched version, ""
	// when the record names none.
	Fixed string
}

// Database is a set of advisories indexed by package. It is read-only
// once built and safe for concurrent use.
type Database struct {
	// Source says where the advisories came from: "embedded" or the
	// path given to LoadAdvisories.
	Source   string
	byPkg    map[string][]*Advisory
	count    int
	dataDate time.Time
}

func newDatabase(source string, advs []*Advisory) *Database {
	sort.Slice(advs, func(i, j int) bool { return advs[i].ID < advs[j].ID })
	db := &Database{Source: source, byPkg: map[string][]*Advisory{}, count: len(advs)}
	for _, a := range advs {
		seen := map[string]bool{}
		for _, af := range a.Affected {
			if !seen[af.Package] {
				seen[af.Package] = true
				db.byPkg[af.Package] = append(db.byPkg[af.Package], a)
			}
		}
		if a.Modified.After(db.dataDate) {
			db.dataDate = a.Modified
		}
	}
	return db
}

// Len returns the number of advisories.
func (db *Database) Len() int { return db.count }

// DataDate returns the newest modification time among the advisories:
// the data is current up to this date.
func (db *Database) DataDate() time.Time { return db.dataDate }

// Packages returns the normalised names of the packages with advisories,
// sorted.
func (db *Database) Packages() []string { return sortedKeys(db.byPkg) }

// Advisories returns the advisories about a package (any spelling of its
// name), sorted by ID.
func (db *Database) Advisories(pkg string) []*Advisory { return db.byPkg[NormalizeName(pkg)] }

// Match returns the advisories affecting version v of the package, sorted
// by ID. Records that describe the same issue (one lists the other's ID
// among its aliases, as a GHSA and a PYSEC record of an osv.dev export
// do) are reported once: the one with the higher severity, a GHSA record
// on a tie.
func (db *Database) Match(pkg string, v Version) []Match {
	key := NormalizeName(pkg)
	var out []Match
	for _, a := range db.byPkg[key] {
		for i := range a.Affected {
			af := &a.Affected[i]
			if af.Package != key {
				continue
			}
			if ok, fixed := af.Affects(v); ok {
				out = append(out, Match{Advisory: a, Fixed: fixed})
				break
			}
		}
	}
	return dedupeAliases(out)
}

// dedupeAliases keeps one match per issue.
func dedupeAliases(ms []Match) []Match {
	if len(ms) < 2 {
		return ms
	}
	pref := make([]Match, len(ms))
	copy(pref, ms)
	sort.SliceStable(pref, func(i, j int) bool {
		a, b := pref[i].Advisory, pref[j].Advisory
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		ga, gb := strings.HasPrefix(a.ID, "GHSA-"), strings.HasPrefix(b.ID, "GHSA-")
		if ga != gb {
			return ga
		}
		return a.ID < b.ID
	})
	var keep []Match
	for _, m := range pref {
		dup := false
		for _, k := range keep {
			if sameIssue(k.Advisory, m.Advisory) {
				dup = true
				break
			}
		}
		if !dup {
			keep = append(keep, m)
		}
	}
	sort.Slice(keep, func(i, j int) bool { return keep[i].Advisory.ID < keep[j].Advisory.ID })
	return keep
}

// sameIssue reports whether two records share an identifier.
func sameIssue(a, b *Advisory) bool {
	for _, x := range append([]string{a.ID}, a.Aliases...) {
		for _, y := range append([]string{b.ID}, b.Aliases...) {
			if x == y {
				return true
			}
		}
	}
	return false
}

//go:embed advisories/*.json
var embeddedFS embed.FS

var embedded = sync.OnceValue(func() *Database {
	advs, errs := loadFS(embeddedFS, "advisories")
	if len(errs) > 0 {
		// The embedded data is checked by the package's tests; a bad
		// record here is a build defect.
		panic(fmt.Sprintf("deps: embedded advisory data is malformed: %v", errors.Join(errs...)))
	}
	return newDatabase("embedded", advs)
})

// EmbeddedAdvisories returns the advisory database built into the
// binary. It is parsed once, on first use.
func EmbeddedAdvisories() *Database { return embedded() }

// AdvisoryDataDate returns the date of the embedded advisory data: the
// newest modification time of its records. `flasksec version` and the
// JSON report print it.
func AdvisoryDataDate() time.Time { return embedded().DataDate() }

// maxRecordSize bounds one OSV record read from a user's folder or zip.
const maxRecordSize = 4 << 20

// LoadAdvisories reads a user-supplied OSV export: a folder (searched
// recursively) or a .zip file of OSV JSON records, such as the PyPI
// all.zip of osv.dev. Records about other ecosystems are skipped
// silently; a malformed record is skipped and reported in the returned
// error list, each error naming the record. The error result is set only
// when path cannot be read at all or holds no PyPI advisory.
func LoadAdvisories(path string) (*Database, []error, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, fmt.Errorf("advisories: %w", err)
	}
	var advs []*Advisory
	var errs []error
	if st.IsDir() {
		advs, errs = loadFS(os.DirFS(path), ".")
	} else {
		zr, err := zip.OpenReader(path)
		if err != nil {
			return nil, nil, fmt.Errorf("advisories %s: not a folder or a readable zip file: %w", path, err)
		}
		defer zr.Close()
		advs, errs = loadFS(zr, ".")
	}
	for i, e := range errs {
		errs[i] = fmt.Errorf("advisories %s: %w", path, e)
	}
	if len(advs) == 0 {
		return nil, errs, fmt.Errorf("advisories %s: no OSV record about a PyPI package found", path)
	}
	return newDatabase(path, advs), errs, nil
}

// loadFS reads every *.json file under root of fsys as one OSV record.
func loadFS(fsys fs.FS, root string) ([]*Advisory, []error) {
	var advs []*Advisory
	var errs []error
	seen := map[string]string{}
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
			return nil
		}
		if d.IsDir() || !strings.EqualFold(path.Ext(p), ".json") {
			return nil
		}
		f, err := fsys.Open(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
			return nil
		}
		data, err := io.ReadAll(io.LimitReader(f, maxRecordSize+1))
		f.Close()
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
			return nil
		}
		if len(data) > maxRecordSize {
			errs = append(errs, fmt.Errorf("%s: record larger than %d bytes, skipped", p, maxRecordSize))
			return nil
		}
		a, err := ParseAdvisory(data)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("%s: %w, skipped", p, err))
		case a == nil:
		case seen[a.ID] != "":
			errs = append(errs, fmt.Errorf("%s: duplicate of record %s in %s, skipped", p, a.ID, seen[a.ID]))
		default:
			seen[a.ID] = p
			advs = append(advs, a)
		}
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	return advs, errs
}
