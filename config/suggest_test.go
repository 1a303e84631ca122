package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSuggest checks the "did you mean" candidates for typos of keys and
// rule IDs, and that unrelated words get none.
func TestSuggest(t *testing.T) {
	ids := []string{"FLASK-XSS-001", "FLASK-SSTI-001", "FLASK-INJECT-001", "FLASK-INJECT-002"}
	for _, tc := range []struct {
		word string
		cand []string
		want string
	}{
		{"exlcude", Keys, "exclude"},
		{"sanitiser", Keys, "sanitizers"},
		{"max_filesize", Keys, "max_file_size"},
		{"skipdirs", Keys, "skip_dirs"},
		{"colour", Keys, ""},
		{"FLASK-XSS-01", ids, "FLASK-XSS-001"},
		{"flask-inject-003", ids, "FLASK-INJECT-001"},
		{"FLASK-SSIT-001", ids, "FLASK-SSTI-001"},
		{"FLASK-CSRF-001", ids, ""},
	} {
		if got := Suggest(tc.word, tc.cand); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

// TestUnknownKeyHint checks that a mistyped key's error names the key
// meant.
func TestUnknownKeyHint(t *testing.T) {
	_, _, err := Parse("pyproject.toml", []byte("[tool.flasksec]\nexlcude = [\"tests/\"]\n"))
	if err == nil || !strings.Contains(err.Error(), `tool.flasksec.exlcude: unknown key (did you mean "exclude"?)`) {
		t.Errorf("error %v, want a did-you-mean hint", err)
	}
}

// TestShadowedConfig checks that when .flasksec.toml and pyproject.toml's
// [tool.flasksec] both exist, the configuration says which one is not
// used.
func TestShadowedConfig(t *testing.T) {
	for _, tc := range []struct {
		name      string
		pyproject string
		want      bool
	}{
		{"both", "[tool.flasksec]\nnosec = true\n", true},
		{"pyproject without table", "[project]\nname = \"x\"\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, ".flasksec.toml"), []byte("exclude = [\"x/\"]\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "pyproject.toml"), []byte(tc.pyproject), 0o644); err != nil {
				t.Fatal(err)
			}
			cfg, err := Find(dir)
			if err != nil {
				t.Fatal(err)
			}
			if filepath.Base(cfg.File) != ".flasksec.toml" || cfg.Nosec {
				t.Errorf("used %s (nosec %v), want .flasksec.toml", cfg.File, cfg.Nosec)
			}
			if got := cfg.Shadowed != ""; got != tc.want || tc.want && filepath.Base(cfg.Shadowed) != "pyproject.toml" {
				t.Errorf("Shadowed = %q, want pyproject.toml: %v", cfg.Shadowed, tc.want)
			}
		})
	}
}
