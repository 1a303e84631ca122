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
	if len(errs) != 1 || errs[0].Path != "requirements.txt" || errs[0].Line != 19 {
		t.Errorf("ProjectErrors = %v, want the one bad line of requirements.txt", errs)
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
