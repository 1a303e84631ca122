package scan

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/rules/all"
)

// TestPreparedMatchesRun checks that Prepare + Load + Analyze give what
// Run gives, on the bundled vulnerable app with every rule.
func TestPreparedMatchesRun(t *testing.T) {
	root := filepath.Join("..", "examples", "vulnerable")
	for _, tt := range []struct {
		name string
		opts Options
	}{
		{"defaults", Options{}},
		{"low confidence, strict", Options{MinConfidence: rules.LowConfidence, Strict: true}},
		{"high severity, one family", Options{MinSeverity: rules.High, Only: []string{"FLASK-DEPLOY"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			opts.Root, opts.ParsePython, opts.Rules = root, parser.ParseFile, all.Rules()
			want, err := Run(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			prep, err := Prepare(opts)
			if err != nil {
				t.Fatal(err)
			}
			proj, err := prep.Load(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			got, err := prep.Analyze(context.Background(), proj)
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Findings) == 0 {
				t.Fatal("Run found nothing in the vulnerable example")
			}
			if !reflect.DeepEqual(got.Findings, want.Findings) {
				t.Errorf("findings differ: Analyze %d, Run %d", len(got.Findings), len(want.Findings))
			}
			if !reflect.DeepEqual(got.Errors, want.Errors) {
				t.Errorf("errors differ:\nAnalyze %+v\nRun     %+v", got.Errors, want.Errors)
			}
			if got.Hidden != want.Hidden || !reflect.DeepEqual(got.Counts, want.Counts) || got.Files != want.Files {
				t.Errorf("counts differ: Analyze %+v %v %d, Run %+v %v %d", got.Hidden, got.Counts, got.Files, want.Hidden, want.Counts, want.Files)
			}
			if !reflect.DeepEqual(prep.Rules, want.Rules) {
				t.Errorf("rules differ")
			}
		})
	}
}

// TestAnalyzeInMemory analyses a project whose file content comes from
// memory instead of the disk.
func TestAnalyzeInMemory(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"app.py":   "x = 1  # DANGER\ny = 2\n",
		"other.py": "z = 3\n",
	})
	prep, err := Prepare(Options{Root: dir, ParsePython: fakeParse, Rules: testRules})
	if err != nil {
		t.Fatal(err)
	}
	disk, err := prep.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	mem, _, _ := project.FromSource("app.py", []byte("x = 1\ny = DANGER  # flasksec: ignore[FLASKSEC-TEST-002] wrong rule\nDANGER  # flasksec: ignore[FLASKSEC-TEST-001] reviewed\n"), prep.LoadOptions())
	files := []*project.File{mem, disk.File("other.py")}
	got, err := prep.Analyze(context.Background(), project.New(disk.Root, files, prep.Config))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Findings) != 1 || got.Findings[0].Location.Path != "app.py" || got.Findings[0].Location.StartLine != 2 {
		t.Fatalf("findings = %+v, want one on app.py:2", got.Findings)
	}
	if got.Hidden.Suppressed != 1 {
		t.Errorf("suppressed = %d, want 1", got.Hidden.Suppressed)
	}
}

func TestPrepareErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		opts Options
	}{
		{"no parser", Options{Root: dir}},
		{"diff", Options{Root: dir, ParsePython: fakeParse, Diff: "HEAD"}},
		{"missing root", Options{Root: filepath.Join(dir, "nope"), ParsePython: fakeParse}},
		{"unknown rule", Options{Root: dir, ParsePython: fakeParse, Rules: testRules, Only: []string{"FLASK-NOPE-001"}}},
	} {
		if _, err := Prepare(tt.opts); err == nil {
			t.Errorf("%s: Prepare succeeded, want an error", tt.name)
		}
	}
}

func TestAnalyzeCancelled(t *testing.T) {
	dir := t.TempDir()
	prep, err := Prepare(Options{Root: dir, ParsePython: fakeParse, Rules: testRules})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := prep.Analyze(ctx, project.New(dir, nil, prep.Config)); err == nil {
		t.Error("Analyze with a cancelled context succeeded")
	}
}

func TestConfigFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{".flasksec.toml": "exclude = [\"tests/**\"]\n"})
	prep, err := Prepare(Options{Root: dir, ParsePython: fakeParse, Rules: testRules})
	if err != nil {
		t.Fatal(err)
	}
	got := prep.ConfigFiles()
	want := filepath.Join(dir, ".flasksec.toml")
	if len(got) == 0 || got[0] != want {
		t.Errorf("ConfigFiles() = %v, want %s first", got, want)
	}
	if !reflect.DeepEqual(prep.Config.Exclude, []string{"tests/**"}) {
		t.Errorf("Exclude = %v", prep.Config.Exclude)
	}
}
