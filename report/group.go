package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

// GroupBys are the values of Options.GroupBy: "area" (the spec's audit
// order, the default), "severity" (Critical first), "rule" (by rule ID)
// and "file" (by path).
var GroupBys = []string{"area", "severity", "rule", "file"}

// CheckGroupBy returns an error when g is not one of GroupBys (or "").
func CheckGroupBy(g string) error {
	if g == "" {
		return nil
	}
	for _, x := range GroupBys {
		if g == x {
			return nil
		}
	}
	return fmt.Errorf("unknown grouping %q (want %s)", g, strings.Join(GroupBys, ", "))
}

// findingGroup is the findings of one heading of a human report.
type findingGroup struct {
	title    string
	findings []rules.Finding
}

// groupFindings splits the result's findings into headed groups, keeping
// their order (the result's: path, line, rule) within a group.
func groupFindings(res *scan.Result, by string) ([]findingGroup, error) {
	if err := CheckGroupBy(by); err != nil {
		return nil, err
	}
	byID := ruleIndex(res)
	type keyed struct {
		order int
		title string
	}
	var key func(f rules.Finding) keyed
	switch by {
	case "", "area":
		key = func(f rules.Finding) keyed {
			if r := byID[f.RuleID]; r != nil && r.Category != 0 {
				return keyed{int(r.Category), r.Category.String()}
			}
			return keyed{int(rules.CatSupply) + 1, "Other findings"} // rules the result does not know, last
		}
	case "severity":
		key = func(f rules.Finding) keyed {
			return keyed{int(rules.Critical - f.Severity), f.Severity.String()}
		}
	case "rule":
		key = func(f rules.Finding) keyed {
			return keyed{0, fmt.Sprintf("%s: %s (CWE-%d)", f.RuleID, Printable(f.Title), f.CWE)}
		}
	case "file":
		key = func(f rules.Finding) keyed { return keyed{0, Printable(f.Location.Path)} }
	}
	idx := map[keyed]int{}
	var keys []keyed
	var groups []findingGroup
	for _, f := range res.Findings {
		k := key(f)
		i, ok := idx[k]
		if !ok {
			i = len(groups)
			idx[k] = i
			keys = append(keys, k)
			groups = append(groups, findingGroup{title: k.title})
		}
		groups[i].findings = append(groups[i].findings, f)
	}
	perm := make([]int, len(groups))
	for i := range perm {
		perm[i] = i
	}
	sort.SliceStable(perm, func(a, b int) bool {
		ka, kb := keys[perm[a]], keys[perm[b]]
		if ka.order != kb.order {
			return ka.order < kb.order
		}
		return ka.title < kb.title
	})
	out := make([]findingGroup, len(groups))
	for i, p := range perm {
		out[i] = groups[p]
	}
	return out, nil
}
