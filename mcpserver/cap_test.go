package mcpserver

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/rules/all"
	"github.com/flasksec/flasksec/scan"
)

// result returns a scan result with n findings.
func result(n int) *scan.Result {
	res := &scan.Result{Counts: map[rules.Severity]int{}}
	for i := range n {
		f := rules.Finding{RuleID: "FLASK-XSS-001", Title: "t", Severity: rules.High, Confidence: rules.HighConfidence, CWE: 79,
			Location: rules.Location{Path: fmt.Sprintf("v%03d.py", i), StartLine: 1}, Message: strings.Repeat("m", 200)}
		res.Findings = append(res.Findings, f)
		res.Counts[f.Severity]++
	}
	return res
}

func TestCappedReport(t *testing.T) {
	for _, tc := range []struct {
		name                string
		n, maxF, maxB       int
		wantShown, wantOmit int // wantShown -1: fewer than maxF, by the byte cap
	}{
		{name: "under both caps", n: 5, maxF: 100, maxB: 1 << 20, wantShown: 5},
		{name: "none", n: 0, maxF: 100, maxB: 1 << 20, wantShown: 0},
		{name: "count cap", n: 30, maxF: 10, maxB: 1 << 20, wantShown: 10, wantOmit: 20},
		{name: "byte cap", n: 30, maxF: 100, maxB: 4 << 10, wantShown: -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			compact, indented, err := cappedReport(result(tc.n), "test", tc.maxF, tc.maxB)
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Findings  []json.RawMessage      `json:"findings"`
				Summary   struct{ Findings int } `json:"summary"`
				Truncated *Truncated             `json:"truncated"`
			}
			if err := json.Unmarshal(compact, &doc); err != nil {
				t.Fatalf("compact answer is not JSON: %v", err)
			}
			if !json.Valid(indented) {
				t.Fatalf("text answer is not JSON: %s", indented)
			}
			if doc.Findings == nil {
				t.Errorf("findings is null, want a list")
			}
			if doc.Summary.Findings != tc.n {
				t.Errorf("summary.findings = %d, want %d (every finding counted)", doc.Summary.Findings, tc.n)
			}
			omitted := 0
			if doc.Truncated != nil {
				omitted = doc.Truncated.FindingsOmitted
			}
			if len(doc.Findings)+omitted != tc.n {
				t.Errorf("shown %d + omitted %d != %d", len(doc.Findings), omitted, tc.n)
			}
			switch {
			case tc.wantShown >= 0:
				if len(doc.Findings) != tc.wantShown || omitted != tc.wantOmit {
					t.Errorf("shown %d, omitted %d; want %d, %d", len(doc.Findings), omitted, tc.wantShown, tc.wantOmit)
				}
			default:
				if len(compact) > tc.maxB || omitted == 0 {
					t.Errorf("%d bytes with %d omitted; want at most %d bytes and some omitted", len(compact), omitted, tc.maxB)
				}
			}
		})
	}
}

// TestStructuredOutput checks that scan and check_code answer with
// structured content in the report's shape, declared by an output schema.
func TestStructuredOutput(t *testing.T) {
	root := t.TempDir()
	app := "from flask import Flask, request\napp = Flask(__name__)\n\n@app.route(\"/\")\ndef index():\n    return \"<p>\" + request.args[\"q\"] + \"</p>\"\n"
	if err := os.WriteFile(filepath.Join(root, "app.py"), []byte(app), 0o600); err != nil {
		t.Fatal(err)
	}
	srv, err := New(Options{Root: root, Version: "test", Scan: scan.Options{ParsePython: parser.ParseFile, Rules: all.Rules()}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, ct := mcp.NewInMemoryTransports()
	if _, err := srv.Connect(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "t", Version: "1"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	tl, err := cs.ListTools(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tool := range tl.Tools {
		if (tool.Name == "scan" || tool.Name == "check_code") && tool.OutputSchema == nil {
			t.Errorf("%s declares no output schema", tool.Name)
		}
	}
	for _, tc := range []struct {
		tool string
		args map[string]any
	}{
		{"scan", map[string]any{}},
		{"check_code", map[string]any{"filename": "app.py", "code": app}},
	} {
		res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: tc.tool, Arguments: tc.args})
		if err != nil || res.IsError {
			t.Fatalf("%s: %v %+v", tc.tool, err, res)
		}
		b, _ := json.Marshal(res.StructuredContent)
		var doc struct {
			Version  int `json:"version"`
			Findings []struct {
				RuleID string `json:"rule_id"`
			} `json:"findings"`
		}
		if err := json.Unmarshal(b, &doc); err != nil || doc.Version != 1 {
			t.Fatalf("%s: structured content %s (%v)", tc.tool, b, err)
		}
		if len(doc.Findings) == 0 || doc.Findings[0].RuleID != "FLASK-XSS-001" {
			t.Errorf("%s: structured findings %+v, want FLASK-XSS-001", tc.tool, doc.Findings)
		}
	}
}

// TestScanPathRootRelative checks that a scan of a subfolder reports
// paths relative to the root (as check_code and fix take them) and only
// findings under it, and that a missing path is an error.
func TestScanPathRootRelative(t *testing.T) {
	root := t.TempDir()
	app := "from flask import Flask, request\napp = Flask(__name__)\n\n@app.route(\"/\")\ndef index():\n    return \"<p>\" + request.args[\"q\"] + \"</p>\"\n"
	for _, p := range []string{"app.py", "shop/views.py", "shopping/other.py"} {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(app), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := New(Options{Root: root, Version: "test", Scan: scan.Options{ParsePython: parser.ParseFile, Rules: all.Rules()}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, ct := mcp.NewInMemoryTransports()
	if _, err := srv.Connect(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "t", Version: "1"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "scan", Arguments: map[string]any{"path": "shop", "rules": []string{"FLASK-XSS-001"}}})
	if err != nil || res.IsError {
		t.Fatalf("scan: %v %+v", err, res)
	}
	b, _ := json.Marshal(res.StructuredContent)
	var doc struct {
		Findings []struct {
			Location struct{ Path string } `json:"location"`
		} `json:"findings"`
		Summary struct {
			Findings   int            `json:"findings"`
			BySeverity map[string]int `json:"by_severity"`
		} `json:"summary"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Findings) != 1 || doc.Findings[0].Location.Path != "shop/views.py" {
		t.Errorf("scan of shop: %+v, want one finding at shop/views.py", doc.Findings)
	}
	if doc.Summary.Findings != 1 || doc.Summary.BySeverity["high"] != 1 {
		t.Errorf("summary %+v, want 1 finding, 1 high", doc.Summary)
	}
	res, err = cs.CallTool(ctx, &mcp.CallToolParams{Name: "scan", Arguments: map[string]any{"path": "nope"}})
	if err != nil || !res.IsError {
		t.Errorf("scan of a missing path: %v %+v, want an error", err, res)
	}
}
