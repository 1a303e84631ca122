package scan

import (
	"sort"
	"strings"

	"github.com/flasksec/flasksec/rules"
)

// Join merges findings of different rules that report one problem at one
// place: the same path, start line and column, and the same non-empty
// Problem. The finding kept is the most severe, then the most confident,
// then the first by rule ID; its message names the other rules and adds
// their Aspect, and it takes the highest confidence among them. Findings
// keep their order; fs is not modified.
func Join(fs []rules.Finding) []rules.Finding {
	type key struct {
		path, problem string
		line, col     int
	}
	groups := map[key][]int{}
	for i, f := range fs {
		if f.Problem == "" {
			continue
		}
		k := key{f.Location.Path, f.Problem, f.Location.StartLine, f.Location.StartCol}
		groups[k] = append(groups[k], i)
	}
	drop := map[int]bool{}
	merged := map[int]rules.Finding{}
	for _, idx := range groups {
		if len(idx) < 2 {
			continue
		}
		sort.SliceStable(idx, func(a, b int) bool {
			x, y := fs[idx[a]], fs[idx[b]]
			if x.Severity != y.Severity {
				return x.Severity > y.Severity
			}
			if x.Confidence != y.Confidence {
				return x.Confidence > y.Confidence
			}
			return x.RuleID < y.RuleID
		})
		keep := fs[idx[0]]
		var also []string
		for _, i := range idx[1:] {
			o := fs[i]
			if o.RuleID == keep.RuleID {
				continue // two findings of one rule are the rule's business
			}
			drop[i] = true
			if o.Confidence > keep.Confidence {
				keep.Confidence = o.Confidence
			}
			part := "also " + o.RuleID
			if o.Aspect != "" {
				part += ": " + o.Aspect
			}
			also = append(also, part)
		}
		if len(also) > 0 {
			keep.Message = strings.TrimSuffix(keep.Message, ".") + " (" + strings.Join(also, "; ") + ")"
			merged[idx[0]] = keep
		}
	}
	if len(drop) == 0 {
		return fs
	}
	out := make([]rules.Finding, 0, len(fs)-len(drop))
	for i, f := range fs {
		if drop[i] {
			continue
		}
		if m, ok := merged[i]; ok {
			f = m
		}
		out = append(out, f)
	}
	return out
}
