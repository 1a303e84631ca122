package probe

import (
	"fmt"
	"strings"

	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

// runtimeNote is what static findings say when only a running app can
// answer them.
const runtimeNote = "verify at runtime"

// ToResult wraps a probe's findings as a scan.Result, so that every report
// format prints them.
func ToResult(pr *Result, ruleSet []*rules.Rule) *scan.Result {
	res := &scan.Result{Root: "", Findings: append([]rules.Finding(nil), pr.Findings...), Counts: map[rules.Severity]int{}}
	ids := map[string]bool{}
	for _, f := range pr.Findings {
		ids[f.RuleID] = true
	}
	for id := range pr.Checked {
		ids[id] = true
	}
	for _, r := range ruleSet {
		if ids[r.ID] {
			res.Rules = append(res.Rules, r)
		}
	}
	rules.SortByID(res.Rules)
	res.Observations = summaryLines(pr)
	recount(res)
	return res
}

// summaryLines are the probe's observations for the report's summary.
func summaryLines(pr *Result) []string {
	out := []string{fmt.Sprintf("probe %s: %d %s sent", pr.Target, pr.Requests, plural(pr.Requests, "request", "requests"))}
	if pr.Budget {
		out = append(out, "probe: the request budget (--max-requests) ran out; some checks were skipped")
	}
	return append(out, pr.Observations...)
}

// Merge folds a probe's result into a static scan's result. A static
// finding that says "verify at runtime" is confirmed when the probe
// reported the same rule (the probe's evidence is appended and the
// confidence raised to High) or resolved when the probe checked the rule
// and saw nothing wrong (the finding is dropped and the observation goes
// into the summary). Probe findings no static finding confirmed are added.
func Merge(res *scan.Result, pr *Result, ruleSet []*rules.Rule) {
	byRule := map[string][]rules.Finding{}
	for _, f := range pr.Findings {
		byRule[f.RuleID] = append(byRule[f.RuleID], f)
	}
	used := map[string]bool{}
	var kept []rules.Finding
	var notes []string
	for _, f := range res.Findings {
		if !strings.Contains(f.Message, runtimeNote) {
			kept = append(kept, f)
			continue
		}
		if obs := byRule[f.RuleID]; len(obs) > 0 {
			used[f.RuleID] = true
			f.Confidence = rules.HighConfidence
			var ev []string
			for _, o := range obs {
				ev = append(ev, strings.TrimSuffix(o.Message, " (observed at runtime)")+":\n"+o.Evidence)
			}
			f.Evidence = strings.TrimRight(f.Evidence, "\n") + "\n--- confirmed at runtime by flasksec probe " + pr.Target + " ---\n" + strings.Join(ev, "\n")
			f.Message += " Confirmed at runtime by the probe."
			kept = append(kept, f)
			continue
		}
		if what, ok := pr.Checked[f.RuleID]; ok {
			notes = append(notes, fmt.Sprintf("resolved by the probe: %s at %s:%d (%s)", f.RuleID, f.Location.Path, f.Location.StartLine, what))
			continue
		}
		kept = append(kept, f)
	}
	for _, f := range pr.Findings {
		if !used[f.RuleID] {
			kept = append(kept, f)
		}
	}
	rules.SortFindings(kept)
	res.Findings = kept
	have := map[string]bool{}
	for _, r := range res.Rules {
		have[r.ID] = true
	}
	for _, r := range ToResult(pr, ruleSet).Rules {
		if !have[r.ID] {
			res.Rules = append(res.Rules, r)
		}
	}
	rules.SortByID(res.Rules)
	res.Observations = append(res.Observations, summaryLines(pr)...)
	res.Observations = append(res.Observations, notes...)
	recount(res)
}

// recount sets the per-severity counts from the findings.
func recount(res *scan.Result) {
	res.Counts = map[rules.Severity]int{}
	for _, f := range res.Findings {
		res.Counts[f.Severity]++
	}
}
