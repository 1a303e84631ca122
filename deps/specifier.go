package deps

import (
	"fmt"
	"strings"
)

// Specifier is one PEP 440 version clause, such as ">=2.2.5", "~=3.1",
// "==1.2.*" or "===1.0-custom".
type Specifier struct {
	Op       string  // "==", "!=", "<=", ">=", "<", ">", "~=" or "==="
	Text     string  // the version as written (for "===", the whole string compared)
	Version  Version // the parsed version; zero for "==="
	Wildcard bool    // "==V.*" or "!=V.*"
}

// SpecifierSet is a comma-separated list of clauses; a version matches
// when it matches every clause. The empty set matches every version.
type SpecifierSet []Specifier

var specOps = []string{"===", "~=", "==", "!=", "<=", ">=", "<", ">"}

// ParseSpecifierSet parses a comma-separated list of PEP 440 clauses
// (">=2.0, <3", "~= 1.4.5", "==1.2.*"). White space around operators and
// versions is ignored. The empty string gives the empty set.
func ParseSpecifierSet(s string) (SpecifierSet, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	var set SpecifierSet
	for _, clause := range strings.Split(s, ",") {
		sp, err := ParseSpecifier(clause)
		if err != nil {
			return nil, err
		}
		set = append(set, sp)
	}
	return set, nil
}

// ParseSpecifier parses one clause.
func ParseSpecifier(clause string) (Specifier, error) {
	c := strings.TrimSpace(clause)
	var sp Specifier
	for _, op := range specOps {
		if strings.HasPrefix(c, op) {
			sp.Op = op
			break
		}
	}
	if sp.Op == "" {
		return sp, fmt.Errorf("version clause %q has no comparison operator", c)
	}
	text := strings.TrimSpace(c[len(sp.Op):])
	if text == "" {
		return sp, fmt.Errorf("version clause %q has no version", c)
	}
	sp.Text = text
	if sp.Op == "===" {
		if strings.ContainsAny(text, " \t,;") {
			return sp, fmt.Errorf("arbitrary-equality clause %q contains white space or separators", c)
		}
		return sp, nil
	}
	if strings.HasSuffix(text, ".*") {
		if sp.Op != "==" && sp.Op != "!=" {
			return sp, fmt.Errorf("version clause %q: a .* suffix is only allowed with == and !=", c)
		}
		sp.Wildcard = true
		text = strings.TrimSuffix(text, ".*")
	}
	v, err := ParseVersion(text)
	if err != nil {
		return sp, fmt.Errorf("version clause %q: %w", c, err)
	}
	switch {
	case sp.Wildcard && (v.PreKind != "" || v.Post >= 0 || v.Dev >= 0 || v.Local != nil):
		return sp, fmt.Errorf("version clause %q: prefix matching is supported on release numbers only", c)
	case v.Local != nil && sp.Op != "==" && sp.Op != "!=":
		return sp, fmt.Errorf("version clause %q: a local version label is only allowed with == and !=", c)
	case sp.Op == "~=" && len(v.Release) < 2:
		return sp, fmt.Errorf("version clause %q: ~= needs at least two release numbers", c)
	}
	sp.Version = v
	return sp, nil
}

// String returns the clause in normalised form ("~=3.1", "==1.2.*").
func (sp Specifier) String() string {
	if sp.Op == "===" {
		return sp.Op + sp.Text
	}
	s := sp.Op + sp.Version.String()
	if sp.Wildcard {
		s += ".*"
	}
	return s
}

// String joins the clauses with commas.
func (set SpecifierSet) String() string {
	parts := make([]string, len(set))
	for i, sp := range set {
		parts[i] = sp.String()
	}
	return strings.Join(parts, ",")
}

// Allows reports whether v matches the clause, following PEP 440's
// "Version specifiers" rules. Pre-releases are not excluded by default
// here: the question the package asks is "could this version be
// installed under this clause", not "would pip choose it".
func (sp Specifier) Allows(v Version) bool {
	switch sp.Op {
	case "===":
		return strings.EqualFold(strings.TrimSpace(sp.Text), v.String())
	case "==":
		return sp.equal(v)
	case "!=":
		return !sp.equal(v)
	case "~=":
		// ~=V.N means >=V.N, ==V.*
		if v.Public().Compare(sp.Version) < 0 {
			return false
		}
		prefix := Specifier{Op: "==", Wildcard: true, Version: Version{Epoch: sp.Version.Epoch,
			Release: sp.Version.Release[:len(sp.Version.Release)-1], Post: -1, Dev: -1}}
		return prefix.equal(v)
	case "<=":
		return v.Public().Compare(sp.Version) <= 0
	case ">=":
		return v.Public().Compare(sp.Version) >= 0
	case "<":
		if v.Public().Compare(sp.Version) >= 0 {
			return false
		}
		// <V excludes pre-releases of V itself unless V is a pre-release.
		if !sp.Version.IsPrerelease() && v.IsPrerelease() && v.BaseVersion().Equal(sp.Version.BaseVersion()) {
			return false
		}
		return true
	case ">":
		if v.Public().Compare(sp.Version) <= 0 {
			return false
		}
		// >V excludes post-releases of V itself unless V is a post-release.
		if !sp.Version.IsPostrelease() && v.IsPostrelease() && v.BaseVersion().Equal(sp.Version.BaseVersion()) {
			return false
		}
		return true
	}
	return false
}

// equal implements == (with or without a wildcard). Without a local label
// in the clause, the candidate's local label is ignored.
func (sp Specifier) equal(v Version) bool {
	if sp.Wildcard {
		if v.Epoch != sp.Version.Epoch {
			return false
		}
		for i, r := range sp.Version.Release {
			var c uint64
			if i < len(v.Release) {
				c = v.Release[i]
			}
			if c != r {
				return false
			}
		}
		return true
	}
	if sp.Version.Local == nil {
		v = v.Public()
	}
	return v.Compare(sp.Version) == 0
}

// Allows reports whether v matches every clause of the set.
func (set SpecifierSet) Allows(v Version) bool {
	for _, sp := range set {
		if !sp.Allows(v) {
			return false
		}
	}
	return true
}

// Pinned returns the single version the set allows when it is an exact
// pin ("==2.3.2", "===2.3.2" or several clauses one of which is such a
// pin), and false for ranges, wildcards and the empty set.
func (set SpecifierSet) Pinned() (Version, bool) {
	for _, sp := range set {
		switch {
		case sp.Op == "==" && !sp.Wildcard:
			return sp.Version, true
		case sp.Op == "===":
			if v, err := ParseVersion(sp.Text); err == nil {
				return v, true
			}
		}
	}
	return Version{}, false
}
