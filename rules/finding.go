package rules

import "github.com/flasksec/flasksec/fixes"

// Finding is one reported problem, with the fields of the spec's section
// 2.3. Its JSON field names are a public contract (docs/json.md): CI
// pipelines parse them. Change them only with a version bump.
type Finding struct {
	RuleID     string     `json:"rule_id"`
	Title      string     `json:"title"`
	Severity   Severity   `json:"severity"`
	Confidence Confidence `json:"confidence"`
	CWE        int        `json:"cwe"`
	Location   Location   `json:"location"`
	// Message says what is wrong in this instance, in one sentence.
	Message string `json:"message"`
	// Evidence is the exact source text of the finding's lines, secrets
	// redacted. Filled from the file by Pass.Report when the rule leaves it
	// empty.
	Evidence           string `json:"evidence"`
	Impact             string `json:"impact"`
	Fix                string `json:"fix"`
	Mitigation         string `json:"mitigation"`
	FalsePositiveNotes string `json:"false_positive_notes"`
	// Trace is the path of a data-flow finding, source first, sink last.
	Trace []TraceStep `json:"trace,omitempty"`
	// Related are other places of the same problem (the same dependency
	// declared in other manifests), each with a note; absent when none.
	Related []RelatedLocation `json:"related,omitempty"`
	// Fingerprint is stable across unrelated edits; set by the driver.
	Fingerprint string `json:"fingerprint"`
	// Fixes are edits that remove the finding, attached by the driver
	// after analysis (package fix); absent when there is none.
	Fixes []fixes.Fix `json:"fixes,omitempty"`
	// Problem names the problem a finding reports when another rule may
	// report the same one at the same place ("upload-destination"): the
	// driver joins findings of different rules with the same Problem at the
	// same location into one (scan.Join). Empty for most findings.
	Problem string `json:"-"`
	// Aspect is what the finding adds when it is joined into another
	// rule's finding of the same problem ("no extension allowlist is
	// checked"); empty when it adds nothing but its rule ID.
	Aspect string `json:"-"`
}

// ProblemUploadDestination is the Problem of a finding about where an
// uploaded file is written: FLASK-PATH-001 (the client chooses the path)
// and FLASK-UPLOAD-001 (the client's name becomes the stored name) report
// it on the same save() call.
const ProblemUploadDestination = "upload-destination"

// Location is where a finding is. Lines are 1-based; columns are 1-based
// character columns as editors show them (0 when unknown).
type Location struct {
	Path string `json:"path"` // slash-separated, relative to the scanned root
	// PathEscaped is set by the JSON report only, when Path is not valid
	// UTF-8 and is written in the escaped form of docs/json.md.
	PathEscaped bool   `json:"path_escaped,omitempty"`
	StartLine   int    `json:"start_line"`
	StartCol    int    `json:"start_col"`
	EndLine     int    `json:"end_line"`
	EndCol      int    `json:"end_col"`
	Function    string `json:"function,omitempty"` // enclosing function ("create_app", "Admin.post")
	Route       string `json:"route,omitempty"`    // enclosing route ("POST /upload")
}

// RelatedLocation is another place of a finding's problem.
type RelatedLocation struct {
	Path        string `json:"path"`
	PathEscaped bool   `json:"path_escaped,omitempty"` // as Location's
	Line        int    `json:"line"`                   // 1-based; 0 for a whole file
	Note        string `json:"note"`                   // "flask 2.3.3 pinned in requirements-dev.txt"
}

// TraceStep is one step of a data-flow trace.
type TraceStep struct {
	Path        string `json:"path"`
	PathEscaped bool   `json:"path_escaped,omitempty"` // as Location's
	Line        int    `json:"line"`
	Col         int    `json:"col"`
	Note        string `json:"note"` // "request.args['next'] read here", "passed to helper build_query()"
}
