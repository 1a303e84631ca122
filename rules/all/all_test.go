package all

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRegistry validates every registered rule: a well-formed, unique ID,
// complete metadata and documentation, and fixtures beside its code with
// both findings and clean lines.
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if err := r.Validate(); err != nil {
			t.Error(err)
		}
		if seen[r.ID] {
			t.Errorf("rule %s registered twice", r.ID)
		}
		seen[r.ID] = true
		if ByID(r.ID) != r {
			t.Errorf("ByID(%s) does not return the rule", r.ID)
		}
	}
}

// TestFixturesExist checks that every rule family folder has a testdata
// folder with at least one annotated finding for each of its rules.
func TestFixturesExist(t *testing.T) {
	annotated := map[string]bool{}
	root := filepath.Join("..")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.Contains(filepath.ToSlash(p), "/testdata/") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, line := range strings.Split(string(b), "\n") {
			if i := strings.Index(line, "want:"); i >= 0 {
				for _, f := range strings.FieldsFunc(line[i+5:], func(r rune) bool { return r == ' ' || r == ',' || r == '(' || r == '#' || r == '}' }) {
					annotated[f] = true
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules() {
		if !annotated[r.ID] {
			t.Errorf("rule %s has no fixture annotated with want: %s", r.ID, r.ID)
		}
	}
}
