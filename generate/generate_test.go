package generate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/rules/all"
	"github.com/flasksec/flasksec/scan"
)

// scanClean scans dir with every rule at low confidence and fails the
// test on any finding or scan error.
func scanClean(t *testing.T, dir string) {
	t.Helper()
	res, err := scan.Run(context.Background(), scan.Options{
		Root:          dir,
		ParsePython:   parser.ParseFile,
		Rules:         all.Rules(),
		MinConfidence: rules.LowConfidence,
	})
	if err != nil {
		t.Fatalf("scan %s: %v", dir, err)
	}
	for _, f := range res.Findings {
		t.Errorf("finding %s at %s:%d: %s", f.RuleID, f.Location.Path, f.Location.StartLine, f.Message)
	}
	for _, p := range res.Errors {
		t.Errorf("scan problem %s %s:%d: %s", p.Kind, p.Path, p.Line, p.Message)
	}
	if res.Files == 0 {
		t.Errorf("scan of %s analysed no file", dir)
	}
}

func optName(o Options) string {
	up := "noupload"
	if o.Uploads {
		up = "uploads"
	}
	return fmt.Sprintf("%s-%s-%s", o.Auth, o.DB, up)
}

func TestEveryCombinationScansClean(t *testing.T) {
	for _, o := range AllOptions("demo") {
		t.Run(optName(o), func(t *testing.T) {
			dir := t.TempDir()
			files, err := Write(dir, o, false)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				low := strings.ToLower(string(f.Data))
				if strings.Contains(low, "flasksec: ignore") || strings.Contains(low, "nosec") {
					t.Errorf("%s holds a suppression comment", f.Path)
				}
				if strings.HasSuffix(f.Path, ".py") {
					if _, err := parser.ParseFile(f.Path, f.Data); err != nil {
						t.Errorf("%s does not parse: %v", f.Path, err)
					}
				}
			}
			scanClean(t, dir)
		})
	}
}

func TestSnippetsScanCleanAndParse(t *testing.T) {
	topics := Topics()
	if len(topics) < 10 {
		t.Fatalf("want at least 10 topics, have %v", topics)
	}
	for _, topic := range topics {
		t.Run(topic, func(t *testing.T) {
			src, err := Snippet(topic)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := parser.ParseFile(topic+".py", src); err != nil {
				t.Fatalf("does not parse: %v", err)
			}
			low := strings.ToLower(string(src))
			if strings.Contains(low, "flasksec: ignore") || strings.Contains(low, "nosec") {
				t.Error("holds a suppression comment")
			}
			if Summary(topic) == "" {
				t.Error("no docstring summary")
			}
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "app.py"), src, 0o644); err != nil {
				t.Fatal(err)
			}
			scanClean(t, dir)
		})
	}
	if _, err := Snippet("no-such-topic"); err == nil {
		t.Error("unknown topic: want an error")
	}
}
