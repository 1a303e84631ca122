package generate

import (
	"bytes"
	"context"
	"errors"
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

func TestDeterministic(t *testing.T) {
	for _, o := range AllOptions("demo") {
		a, err := Files(o)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Files(o)
		if err != nil {
			t.Fatal(err)
		}
		if len(a) != len(b) {
			t.Fatalf("%s: %d then %d files", optName(o), len(a), len(b))
		}
		for i := range a {
			if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
				t.Errorf("%s: %s differs between two runs", optName(o), a[i].Path)
			}
		}
	}
}

func TestOptionsShapeTheProject(t *testing.T) {
	tests := []struct {
		o            Options
		has, hasNot  []string
		text, noText map[string]string
	}{
		{
			o:      Options{Name: "shop", Auth: "session", DB: "sqlite"},
			has:    []string{".env.example", ".gitignore", "Dockerfile", "Procfile", "gunicorn.conf.py", "app/templates/login.html", "app/static/app.js"},
			hasNot: []string{"app/uploads.py"},
			text:   map[string]string{"app/security.py": "CSRFProtect", "requirements.txt": "Flask-WTF==", ".gitignore": ".env\n", "README.md": "# shop"},
			noText: map[string]string{"requirements.txt": "psycopg"},
		},
		{
			o:      Options{Name: "api", Auth: "token", DB: "postgres", Uploads: true},
			has:    []string{"app/uploads.py"},
			hasNot: []string{"app/templates/login.html", "app/static/app.js"},
			text:   map[string]string{"requirements.txt": "psycopg[binary]==", "app/db.py": `PLACEHOLDER = "%s"`, "app/auth.py": "Bearer"},
			noText: map[string]string{"app/security.py": "CSRFProtect", "requirements.txt": "Flask-WTF"},
		},
	}
	for _, tt := range tests {
		files, err := Files(tt.o)
		if err != nil {
			t.Fatal(err)
		}
		byPath := map[string]string{}
		for _, f := range files {
			byPath[f.Path] = string(f.Data)
		}
		for _, p := range tt.has {
			if _, ok := byPath[p]; !ok {
				t.Errorf("%s: missing %s", optName(tt.o), p)
			}
		}
		for _, p := range tt.hasNot {
			if _, ok := byPath[p]; ok {
				t.Errorf("%s: unexpected %s", optName(tt.o), p)
			}
		}
		for p, s := range tt.text {
			if !strings.Contains(byPath[p], s) {
				t.Errorf("%s: %s lacks %q", optName(tt.o), p, s)
			}
		}
		for p, s := range tt.noText {
			if strings.Contains(byPath[p], s) {
				t.Errorf("%s: %s holds %q", optName(tt.o), p, s)
			}
		}
		if strings.Contains(byPath["app/config.py"], "[[") {
			t.Errorf("%s: unrendered template delimiters", optName(tt.o))
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		o  Options
		ok bool
	}{
		{Options{Name: "app", Auth: "session", DB: "sqlite"}, true},
		{Options{Name: "my-app_2", Auth: "token", DB: "postgres"}, true},
		{Options{Name: "", Auth: "session", DB: "sqlite"}, false},
		{Options{Name: "a\"b", Auth: "session", DB: "sqlite"}, false},
		{Options{Name: "app", Auth: "basic", DB: "sqlite"}, false},
		{Options{Name: "app", Auth: "session", DB: "mysql"}, false},
	}
	for _, tt := range tests {
		if err := tt.o.Validate(); (err == nil) != tt.ok {
			t.Errorf("Validate(%+v) = %v, want ok=%v", tt.o, err, tt.ok)
		}
	}
}

func TestWriteNeverOverwritesSilently(t *testing.T) {
	o := Options{Name: "app", Auth: "session", DB: "sqlite"}
	dir := t.TempDir()
	other := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(other, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir, o, false); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("non-empty folder without force: err %v, want ErrNotEmpty", err)
	}
	if _, err := Write(dir, o, true); err != nil {
		t.Fatalf("with force: %v", err)
	}
	// Same content again: allowed. A changed file: refused, nothing written.
	if _, err := Write(dir, o, true); err != nil {
		t.Fatalf("rewrite of identical files: %v", err)
	}
	readme := filepath.Join(dir, "README.md")
	if err := os.WriteFile(readme, []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir, o, true); err == nil || !strings.Contains(err.Error(), "README.md") {
		t.Fatalf("changed README.md with force: err %v, want a refusal naming it", err)
	}
	if b, _ := os.ReadFile(readme); string(b) != "edited" {
		t.Error("README.md was overwritten")
	}
	if b, _ := os.ReadFile(other); string(b) != "mine" {
		t.Error("an unrelated file was changed")
	}
}
