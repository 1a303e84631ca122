package deps

import (
	"testing"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/parser"
)

func TestProjectFiles(t *testing.T) {
	p, err := project.Load("testdata/formats", project.Options{ParsePython: parser.ParseFile})
	if err != nil {
		t.Fatal(err)
	}
	files := ProjectFiles(p)
	formats := map[Format]int{}
	for _, f := range files {
		formats[f.Format] += len(f.Requirements)
	}
	for _, fm := range []Format{Requirements, PyProject, Pipfile, PipfileLock, PoetryLock, UVLock, SetupCfg, SetupPy} {
		if formats[fm] == 0 {
			t.Errorf("no requirements read from the %s fixture", fm)
		}
	}
	errs := ProjectErrors(p)
	// base.txt and constraints/pins.txt are referenced but are not
	// dependency files the loader reads; line 19 does not parse.
	var lines []int
	for _, e := range errs {
		if e.Path != "requirements.txt" {
			t.Errorf("unexpected error %v", e)
		}
		lines = append(lines, e.Line)
	}
	if len(lines) != 3 || lines[0] != 2 || lines[1] != 3 || lines[2] != 19 {
		t.Errorf("ProjectErrors = %v, want requirements.txt lines 2, 3 and 19", errs)
	}
	if AdvisoriesFor(p) != EmbeddedAdvisories() {
		t.Error("AdvisoriesFor does not default to the embedded database")
	}
	if err := UseAdvisories(p, EmbeddedAdvisories()); err != nil {
		t.Errorf("UseAdvisories with the database already in use: %v", err)
	}
	if err := UseAdvisories(p, nil); err == nil {
		t.Error("UseAdvisories(nil) succeeded")
	}
}
