package deps

import (
	"testing"

	"github.com/flasksec/flasksec/python/parser"
)

func TestParseSetupPy(t *testing.T) {
	mod, err := parser.ParseFile("setup.py", readFixture(t, "setup.py"))
	if err != nil {
		t.Fatal(err)
	}
	f := ParseSetupPy("setup.py", mod)
	if len(f.Errors) > 0 {
		t.Errorf("errors: %v", f.Errors)
	}
	compareReqs(t, "setup.py", f.Requirements, []reqSummary{
		{Key: "flask-talisman", Line: 4, Spec: "==1.0.0", Version: "1.0.0", Group: "security"},
		{Key: "flask-wtf", Line: 5, Spec: ">=1.1", Group: "security"},
		{Key: "flask", Line: 12, Spec: ">=2.2"},
		{Key: "werkzeug", Line: 13, Spec: "==2.2.2", Version: "2.2.2"},
	})
	if got := ParseSetupPy("setup.py", nil); len(got.Requirements) != 0 {
		t.Errorf("nil module gave %d requirements", len(got.Requirements))
	}
}
