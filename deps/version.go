package deps

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Version is a PEP 440 version. The zero value is not a valid version;
// build one with ParseVersion.
type Version struct {
	Epoch   uint64
	Release []uint64 // at least one component
	// PreKind is "a", "b" or "rc" for a pre-release, "" otherwise;
	// PreNum is its number.
	PreKind string
	PreNum  uint64
	Post    int64 // post-release number, -1 when none
	Dev     int64 // development release number, -1 when none
	// Local is the local version label split on separators, lower case
	// ("ubuntu.1" is ["ubuntu", "1"]); nil when none.
	Local []string
}

// versionRE is the PEP 440 grammar with the normalisations the PEP
// allows (its "Normalization" section): optional leading "v", "-", "_" or
// "." separators before the pre, post and dev segments, alternative
// spellings of the pre and post markers, implicit numbers, and an
// implicit post-release written as "-N".
var versionRE = regexp.MustCompile(`(?i)^v?` +
	`(?:(\d+)!)?` + // epoch
	`(\d+(?:\.\d+)*)` + // release
	`(?:[-_.]?(alpha|beta|preview|pre|rc|a|b|c)[-_.]?(\d+)?)?` + // pre
	`(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?` + // post
	`(?:[-_.]?(dev)[-_.]?(\d+)?)?` + // dev
	`(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$`) // local

// ParseVersion parses a PEP 440 version, accepting the spellings the PEP
// says to normalise ("1.0-ALPHA.1", "v2", "1.0-1", "1.0.post").
// Surrounding white space is ignored.
func ParseVersion(s string) (Version, error) {
	m := versionRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return Version{}, fmt.Errorf("invalid PEP 440 version %q", s)
	}
	v := Version{Post: -1, Dev: -1}
	var err error
	num := func(text string) uint64 {
		if err != nil || text == "" {
			return 0
		}
		n, e := strconv.ParseUint(text, 10, 64)
		if e != nil {
			err = fmt.Errorf("version %q: number %s out of range", s, text)
		}
		return n
	}
	v.Epoch = num(m[1])
	for _, part := range strings.Split(m[2], ".") {
		v.Release = append(v.Release, num(part))
	}
	if m[3] != "" {
		switch strings.ToLower(m[3]) {
		case "a", "alpha":
			v.PreKind = "a"
		case "b", "beta":
			v.PreKind = "b"
		default: // c, rc, pre, preview
			v.PreKind = "rc"
		}
		v.PreNum = num(m[4])
	}
	switch {
	case m[5] != "":
		v.Post = int64(num(m[5]))
	case m[6] != "":
		v.Post = int64(num(m[7]))
	}
	if m[8] != "" {
		v.Dev = int64(num(m[9]))
	}
	if v.Post < 0 && m[5]+m[6] != "" || v.Dev < 0 && m[8] != "" {
		err = fmt.Errorf("version %q: number out of range", s)
	}
	if m[10] != "" {
		v.Local = strings.FieldsFunc(strings.ToLower(m[10]), func(r rune) bool { return r == '.' || r == '-' || r == '_' })
	}
	if err != nil {
		return Version{}, err
	}
	return v, nil
}

// MustParseVersion is ParseVersion for constants known to be valid; it
// panics on an invalid version.
func MustParseVersion(s string) Version {
	v, err := ParseVersion(s)
	if err != nil {
		panic(err)
	}
	return v
}

// IsPrerelease reports whether v is a pre-release or a development
// release.
func (v Version) IsPrerelease() bool { return v.PreKind != "" || v.Dev >= 0 }

// IsPostrelease reports whether v is a post-release.
func (v Version) IsPostrelease() bool { return v.Post >= 0 }

// Public returns v without its local version label.
func (v Version) Public() Version {
	v.Local = nil
	return v
}

// BaseVersion returns the epoch and release of v only.
func (v Version) BaseVersion() Version {
	return Version{Epoch: v.Epoch, Release: v.Release, Post: -1, Dev: -1}
}

// String returns the normalised form of v ("1!2.0rc1.post3.dev4+abc.5").
func (v Version) String() string {
	var b strings.Builder
	if v.Epoch != 0 {
		fmt.Fprintf(&b, "%d!", v.Epoch)
	}
	for i, r := range v.Release {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(strconv.FormatUint(r, 10))
	}
	if v.PreKind != "" {
		fmt.Fprintf(&b, "%s%d", v.PreKind, v.PreNum)
	}
	if v.Post >= 0 {
		fmt.Fprintf(&b, ".post%d", v.Post)
	}
	if v.Dev >= 0 {
		fmt.Fprintf(&b, ".dev%d", v.Dev)
	}
	if len(v.Local) > 0 {
		b.WriteByte('+')
		b.WriteString(strings.Join(v.Local, "."))
	}
	return b.String()
}

// Compare returns -1, 0 or +1 as v sorts before, equal to or after w in
// PEP 440 order: epoch, release (trailing zeros do not count), then
// development releases of a release before its pre-releases, pre-releases
// before the release, post-releases after it, and a local label after the
// same public version without one.
func (v Version) Compare(w Version) int {
	if c := cmpUint(v.Epoch, w.Epoch); c != 0 {
		return c
	}
	n := max(len(v.Release), len(w.Release))
	for i := 0; i < n; i++ {
		var a, b uint64
		if i < len(v.Release) {
			a = v.Release[i]
		}
		if i < len(w.Release) {
			b = w.Release[i]
		}
		if c := cmpUint(a, b); c != 0 {
			return c
		}
	}
	if c := cmpPre(v, w); c != 0 {
		return c
	}
	// A missing post-release sorts before any post-release.
	if c := cmpInt(v.Post, w.Post); c != 0 {
		return c
	}
	// A missing dev release sorts after any dev release.
	if c := cmpInt(devKey(v.Dev), devKey(w.Dev)); c != 0 {
		return c
	}
	return cmpLocal(v.Local, w.Local)
}

// preRank orders the pre-release phase of a version: a development
// release of a final release (1.0.dev1) sorts before its alphas; a final
// or post release sorts after its release candidates.
func preRank(v Version) (rank int, n uint64) {
	switch v.PreKind {
	case "a":
		return 1, v.PreNum
	case "b":
		return 2, v.PreNum
	case "rc":
		return 3, v.PreNum
	}
	if v.Post < 0 && v.Dev >= 0 {
		return 0, 0
	}
	return 4, 0
}

func cmpPre(v, w Version) int {
	ra, na := preRank(v)
	rb, nb := preRank(w)
	if ra != rb {
		return cmpInt(int64(ra), int64(rb))
	}
	return cmpUint(na, nb)
}

func devKey(d int64) int64 {
	if d < 0 {
		return 1<<63 - 1
	}
	return d
}

// cmpLocal compares local labels: none sorts first; numeric segments sort
// after alphanumeric ones and compare as numbers; a shorter label that is
// a prefix of a longer one sorts first.
func cmpLocal(a, b []string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		na, ea := strconv.ParseUint(a[i], 10, 64)
		nb, eb := strconv.ParseUint(b[i], 10, 64)
		switch {
		case ea == nil && eb == nil:
			if c := cmpUint(na, nb); c != 0 {
				return c
			}
		case ea == nil:
			return 1
		case eb == nil:
			return -1
		default:
			if c := strings.Compare(a[i], b[i]); c != 0 {
				return c
			}
		}
	}
	return cmpInt(int64(len(a)), int64(len(b)))
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Equal reports whether v and w are the same version in PEP 440 terms
// ("1.0" equals "1.0.0").
func (v Version) Equal(w Version) bool { return v.Compare(w) == 0 }
