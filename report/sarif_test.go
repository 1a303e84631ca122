package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/flasksec/flasksec/fixes"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

// sarifSchemaFile is the SARIF 2.1.0 schema excerpt (see testdata/README.md).
const sarifSchemaFile = "testdata/sarif-2.1.0-subset.schema.json"

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	raw, err := os.ReadFile(sarifSchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	url := "file:///" + filepath.ToSlash(sarifSchemaFile)
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validateSARIF(t *testing.T, sch *jsonschema.Schema, out []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("sarif output is not JSON: %v", err)
	}
	return sch.Validate(inst)
}

// TestSARIFSchema validates the SARIF output against the SARIF 2.1.0
// schema: the sample result (traces, routes, errors), an empty result,
// and a finding about a whole file (no region).
func TestSARIFSchema(t *testing.T) {
	sch := compileSARIFSchema(t)
	whole := sampleResult()
	whole.Findings = whole.Findings[:1]
	whole.Findings[0].Location = rules.Location{Path: "dir with space/ünïcode.py"}
	whole.Errors = append(whole.Errors, scan.Problem{Kind: "rule", Message: "rule X failed"},
		scan.Problem{Kind: "suppression", Path: "a.py", Line: 3, Col: 1, Message: "unused suppression"})
	withFix := sampleResult()
	withFix.Findings = withFix.Findings[:1]
	withFix.Findings[0].Fixes = []fixes.Fix{{Message: "Load with yaml.safe_load.", Applicability: fixes.Safe, Edits: []fixes.Edit{
		{Path: "app.py", Start: 0, End: 4, Text: "safe_load"}, {Path: "app.py", Start: 10, End: 20}, {Path: "b.py", Start: 3, End: 3, Text: "x"}}}}
	for name, res := range map[string]*scan.Result{
		"fixes":  withFix,
		"sample": sampleResult(),
		"empty":  {Counts: map[rules.Severity]int{}},
		"whole":  whole,
	} {
		t.Run(name, func(t *testing.T) {
			out := render(t, "sarif", res, Options{Version: "0.1.0"})
			if err := validateSARIF(t, sch, out); err != nil {
				t.Errorf("invalid SARIF: %v\n%s", err, out)
			}
		})
	}
}

// TestSARIFSchemaRejects makes sure the schema check can fail: broken
// variants of valid output must be rejected.
func TestSARIFSchemaRejects(t *testing.T) {
	sch := compileSARIFSchema(t)
	good := render(t, "sarif", sampleResult(), Options{Version: "0.1.0"})
	for _, tt := range []struct{ name, old, new string }{
		{"bad level", `"level": "error"`, `"level": "critical"`},
		{"region line 0", `"startLine": 3`, `"startLine": 0`},
		{"unknown property", `"ruleIndex": 0`, `"ruleIndex": 0, "severity": "High"`},
		{"wrong version", `"version": "2.1.0"`, `"version": "2.0.0"`},
		{"message without text", `"text": "SECRET_KEY is hard-coded"`, `"txt": "SECRET_KEY is hard-coded"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !bytes.Contains(good, []byte(tt.old)) {
				t.Fatalf("output lacks %q", tt.old)
			}
			bad := bytes.Replace(good, []byte(tt.old), []byte(tt.new), 1)
			if err := validateSARIF(t, sch, bad); err == nil {
				t.Error("broken SARIF accepted")
			}
		})
	}
}

// TestSARIFContent checks what GitHub code scanning reads beyond the
// schema: rule help from the registry, security-severity, fingerprints,
// code flows.
func TestSARIFContent(t *testing.T) {
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID   string `json:"id"`
						Help struct {
							Text, Markdown string
						} `json:"help"`
						Properties map[string]any `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID              string            `json:"ruleId"`
				RuleIndex           int               `json:"ruleIndex"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
				CodeFlows           []any             `json:"codeFlows"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(render(t, "sarif", sampleResult(), Options{}), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != 2 {
		t.Fatalf("rules: %+v", run.Tool.Driver.Rules)
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.Properties["security-severity"] != "8.0" || !strings.Contains(r.Help.Markdown, "### Insecure example") || !strings.Contains(r.Help.Text, "Why it matters") {
			t.Errorf("rule %s: %+v", r.ID, r)
		}
	}
	for _, res := range run.Results {
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("ruleIndex %d does not point at %s", res.RuleIndex, res.RuleID)
		}
		if len(res.PartialFingerprints["flasksecFingerprint/v1"]) != 32 {
			t.Errorf("%s: partialFingerprints %v", res.RuleID, res.PartialFingerprints)
		}
	}
	if len(run.Results[0].CodeFlows) != 0 || len(run.Results[1].CodeFlows) != 1 {
		t.Error("code flows only for findings with a trace")
	}
}

// TestSARIFFixes checks the shape of a fix: one artifactChange per file,
// byte regions, no insertedContent for a deletion, and a result without
// fixes has no fixes property.
func TestSARIFFixes(t *testing.T) {
	res := sampleResult()
	res.Findings = res.Findings[:2]
	res.Findings[0].Fixes = []fixes.Fix{{Message: "m", Applicability: fixes.Safe, Edits: []fixes.Edit{
		{Path: "app.py", Start: 5, End: 9, Text: "safe_load"}, {Path: "app.py", Start: 12, End: 30}, {Path: "b.py", Start: 0, End: 0, Text: "x"}}}}
	res.Findings[1].Fixes = nil
	var doc struct {
		Runs []struct {
			Results []map[string]json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(render(t, "sarif", res, Options{Version: "0.1.0"}), &doc); err != nil {
		t.Fatal(err)
	}
	rs := doc.Runs[0].Results
	want := `[{"description":{"text":"m"},"artifactChanges":[` +
		`{"artifactLocation":{"uri":"app.py","uriBaseId":"%SRCROOT%"},"replacements":[` +
		`{"deletedRegion":{"byteOffset":5,"byteLength":4},"insertedContent":{"text":"safe_load"}},` +
		`{"deletedRegion":{"byteOffset":12,"byteLength":18}}]},` +
		`{"artifactLocation":{"uri":"b.py","uriBaseId":"%SRCROOT%"},"replacements":[` +
		`{"deletedRegion":{"byteOffset":0,"byteLength":0},"insertedContent":{"text":"x"}}]}],` +
		`"properties":{"applicability":"safe"}}]`
	var compact bytes.Buffer
	if err := json.Compact(&compact, rs[0]["fixes"]); err != nil {
		t.Fatal(err)
	}
	if got := compact.String(); got != want {
		t.Errorf("fixes:\n%s\nwant\n%s", got, want)
	}
	if _, ok := rs[1]["fixes"]; ok {
		t.Error("a result without fixes has a fixes property")
	}
}
