// Package rules is the rule framework: what a rule is (Rule), what it
// reports (Finding), the only contract between a rule and the driver
// (Pass), and Run, which runs rules over a project.
//
// A rule is one Go value defined in one file of a rules/<family> package,
// with its documentation beside its code; `flasksec rules`, `explain`,
// SARIF rules[] and the language server's hover text are all generated
// from it. The registry of every rule is package rules/all.
package rules

import (
	"fmt"
	"sort"
	"strings"
)

// Severity is how bad a finding is, per the spec.
type Severity int8

// The severities, in increasing order.
const (
	Low Severity = iota + 1
	Medium
	High
	Critical
)

var severityNames = [...]string{Low: "Low", Medium: "Medium", High: "High", Critical: "Critical"}

// String returns "Low", "Medium", "High" or "Critical".
func (s Severity) String() string {
	if s < Low || s > Critical {
		return fmt.Sprintf("Severity(%d)", int8(s))
	}
	return severityNames[s]
}

// MarshalText encodes the severity as its name.
func (s Severity) MarshalText() ([]byte, error) {
	if s < Low || s > Critical {
		return nil, fmt.Errorf("invalid severity %d", int8(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText decodes a severity name, case-insensitively.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity parses "critical", "High", ... case-insensitively.
func ParseSeverity(name string) (Severity, error) {
	for s := Low; s <= Critical; s++ {
		if strings.EqualFold(name, severityNames[s]) {
			return s, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want critical, high, medium or low)", name)
}

// Confidence is how sure the evidence is: a proven flow from the request
// is High, a heuristic or an unproven origin is Low. Low-confidence
// findings are hidden unless the user asks for them.
type Confidence int8

// The confidences, in increasing order.
const (
	LowConfidence Confidence = iota + 1
	MediumConfidence
	HighConfidence
)

var confidenceNames = [...]string{LowConfidence: "Low", MediumConfidence: "Medium", HighConfidence: "High"}

// String returns "Low", "Medium" or "High".
func (c Confidence) String() string {
	if c < LowConfidence || c > HighConfidence {
		return fmt.Sprintf("Confidence(%d)", int8(c))
	}
	return confidenceNames[c]
}

// MarshalText encodes the confidence as its name.
func (c Confidence) MarshalText() ([]byte, error) {
	if c < LowConfidence || c > HighConfidence {
		return nil, fmt.Errorf("invalid confidence %d", int8(c))
	}
	return []byte(c.String()), nil
}

// UnmarshalText decodes a confidence name, case-insensitively.
func (c *Confidence) UnmarshalText(b []byte) error {
	v, err := ParseConfidence(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// ParseConfidence parses "high", "Medium", ... case-insensitively.
func ParseConfidence(name string) (Confidence, error) {
	for c := LowConfidence; c <= HighConfidence; c++ {
		if strings.EqualFold(name, confidenceNames[c]) {
			return c, nil
		}
	}
	return 0, fmt.Errorf("unknown confidence %q (want high, medium or low)", name)
}

// Category places a rule in the spec's recommended audit order (section
// 1.3); the text report groups findings by it, in this order.
type Category int8

// The categories, in the spec's audit order.
const (
	CatDeploy    Category = iota + 1 // entrypoints, deployment scripts, Dockerfiles, Procfiles
	CatConfig                        // Flask configuration and environment handling
	CatSession                       // auth, sessions, cookies
	CatCSRF                          // CSRF protections and state-changing routes
	CatTemplate                      // template rendering, XSS, SSTI
	CatFiles                         // uploads, downloads, path traversal
	CatInjection                     // SQL, commands, deserialisation, eval
	CatSSRF                          // outbound requests
	CatRedirect                      // open redirects
	CatHeaders                       // CORS, security headers, hosts, proxies, limits
	CatSupply                        // dependencies
)

var categoryNames = [...]string{
	CatDeploy: "Entrypoints and deployment", CatConfig: "Configuration", CatSession: "Authentication, sessions and cookies",
	CatCSRF: "CSRF and state-changing routes", CatTemplate: "Templates, XSS and SSTI", CatFiles: "File handling",
	CatInjection: "Injection", CatSSRF: "Outbound requests (SSRF)", CatRedirect: "Redirects",
	CatHeaders: "CORS, headers, hosts and limits", CatSupply: "Dependencies",
}

// String returns the category's heading.
func (c Category) String() string {
	if c < CatDeploy || c > CatSupply {
		return fmt.Sprintf("Category(%d)", int8(c))
	}
	return categoryNames[c]
}

// Doc is a rule's documentation, written in our words. It feeds
// `flasksec explain`, SARIF help text, the language server's hover and
// the default Impact/Fix/Mitigation/False-positive text of findings.
type Doc struct {
	What           string // what it finds (one paragraph)
	Why            string // why it matters
	Insecure       string // an insecure example (code)
	Secure         string // the secure version of the example (code)
	Impact         string // what could go wrong, who can exploit it
	Fix            string // the safe change, preferring a minimal diff
	Mitigation     string // defence in depth if the fix is hard right now
	FalsePositives string // what to verify if uncertain
}

// Rule is one check. It is a plain value: ID, metadata, documentation and
// the function that runs it.
type Rule struct {
	ID       string   // "FLASK-XSS-001" (spec) or "FLASKSEC-EVAL-001" (our extension)
	Title    string   // one line
	Severity Severity // the spec's default severity
	CWE      int      // the main CWE number
	Spec     string   // the spec section it implements ("4 FLASK-XSS-001"), or "extension"
	Category Category // where it sits in the audit order
	Doc      Doc      // documentation
	// Run inspects pass.Project and reports findings through pass.Report.
	// It must not read files itself, keep state between runs, or panic on
	// partial trees.
	Run func(pass *Pass) error
}

// Extension reports whether the rule goes beyond the spec (FLASKSEC-*).
func (r *Rule) Extension() bool { return strings.HasPrefix(r.ID, "FLASKSEC-") }

// Validate checks the rule's definition: ID form, title, severity, CWE,
// category, documentation sections and Run.
func (r *Rule) Validate() error {
	var problems []string
	if !(strings.HasPrefix(r.ID, "FLASK-") || strings.HasPrefix(r.ID, "FLASKSEC-")) || strings.Count(r.ID, "-") < 2 {
		problems = append(problems, "ID must look like FLASK-FAMILY-NNN or FLASKSEC-FAMILY-NNN")
	}
	if r.Title == "" {
		problems = append(problems, "no title")
	}
	if r.Severity < Low || r.Severity > Critical {
		problems = append(problems, "no severity")
	}
	if r.CWE <= 0 {
		problems = append(problems, "no CWE")
	}
	if r.Category < CatDeploy || r.Category > CatSupply {
		problems = append(problems, "no category")
	}
	if r.Spec == "" {
		problems = append(problems, "no spec section")
	}
	d := r.Doc
	for name, text := range map[string]string{"What": d.What, "Why": d.Why, "Insecure": d.Insecure,
		"Secure": d.Secure, "Impact": d.Impact, "Fix": d.Fix, "Mitigation": d.Mitigation, "FalsePositives": d.FalsePositives} {
		if strings.TrimSpace(text) == "" {
			problems = append(problems, "Doc."+name+" is empty")
		}
	}
	if r.Run == nil {
		problems = append(problems, "no Run function")
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return fmt.Errorf("rule %q: %s", r.ID, strings.Join(problems, "; "))
	}
	return nil
}

// SortByID sorts rules by ID.
func SortByID(rs []*Rule) {
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
}
