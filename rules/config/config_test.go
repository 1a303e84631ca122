package config_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/rules/config"
	"github.com/flasksec/flasksec/rules/rulestest"
)

func TestRules(t *testing.T) {
	for _, c := range []string{"hardcoded", "missing", "factory_app", "factory_secure", "tutorial", "orfallback", "imported_const", "extension_keys", "pyfile", "pyfile_env", "class_dict"} {
		t.Run(c, func(t *testing.T) {
			fs := rulestest.Run(t, "testdata/"+c, config.SecretKey)
			for _, f := range fs {
				// The key's value must never appear in a finding.
				for _, secret := range []string{"4b1f0c7e9a2d44f1b8e6a3c5d7f9e1a2", "changeme\"", "blog-secret", "0f3c9b2e7d1a4c8e", "9a8b7c6d5e4f", "abc123def456", "local-only-9f8e", "split-across", "0123456789abcdef", "pyfile-planted-7e1d3c", "7e1d3c"} {
					if strings.Contains(f.Message+f.Evidence, secret) {
						t.Errorf("%s:%d: finding shows the key: %q / %q", f.Location.Path, f.Location.StartLine, f.Message, f.Evidence)
					}
				}
			}
		})
	}
}

func TestMissingIsCritical(t *testing.T) {
	fs := rulestest.Run(t, "testdata/missing", config.SecretKey)
	if len(fs) != 1 || fs[0].Severity.String() != "Critical" {
		t.Fatalf("findings = %+v", fs)
	}
}

// TestNoPlantedValueLeaks marshals every finding of the fixtures that
// plant keys to JSON and checks that no planted value (nor a fragment of
// one) appears in any field.
func TestNoPlantedValueLeaks(t *testing.T) {
	planted := []string{"planted-salt-3c1e9d0b7a", "planted-fstring-5d2a7c", "5d2a7c", "planted-old-key-one-8e4f21",
		"planted-old-key-two-93bd07", "concat-4f8e2b6d1a", "planted-bytes-value-7b3e0f", "planted-multi-",
		"line-tail-6a1f0e93", "planted-encoded-value-2d9c6e11", "split-0c4d55ab", "planted-paren-", "planted"}
	for _, dir := range []string{"extension_keys", "hardcoded"} {
		t.Run(dir, func(t *testing.T) {
			fs := rulestest.Run(t, "testdata/"+dir, config.SecretKey)
			if len(fs) == 0 {
				t.Fatal("no findings")
			}
			out, err := json.Marshal(fs)
			if err != nil {
				t.Fatalf("marshal findings: %v", err)
			}
			for _, p := range planted {
				if strings.Contains(string(out), p) {
					t.Errorf("planted value %q appears in the findings", p)
				}
			}
		})
	}
}

// TestExtensionKeyStakes checks that a committed extension key is
// described by what it protects, and that WTF_CSRF_SECRET_KEY, whose
// leak alone forges nothing, is Low rather than SECRET_KEY's High.
func TestExtensionKeyStakes(t *testing.T) {
	fs := rulestest.Run(t, "testdata/extension_keys", config.SecretKey)
	seen := 0
	for _, f := range fs {
		if strings.Contains(f.Message, "as sensitive as SECRET_KEY") {
			t.Errorf("%s:%d: %q", f.Location.Path, f.Location.StartLine, f.Message)
		}
		if !strings.Contains(f.Message, "WTF_CSRF_SECRET_KEY") {
			continue
		}
		seen++
		if f.Severity.String() != "Low" || !strings.Contains(f.Message, "must also match the random value kept in the user's session") {
			t.Errorf("%s:%d: %s %q", f.Location.Path, f.Location.StartLine, f.Severity, f.Message)
		}
	}
	if seen == 0 {
		t.Fatal("no WTF_CSRF_SECRET_KEY finding")
	}
}

// TestHelperFolderKeyNotReported checks that a key hard-coded in an
// example app nothing in production imports is not reported, while the
// served app's stays High.
func TestHelperFolderKeyNotReported(t *testing.T) {
	sev := map[string]string{}
	for _, f := range rulestest.Run(t, "testdata/class_dict", config.SecretKey) {
		sev[f.Location.Path] = f.Severity.String()
	}
	if _, ok := sev["examples/minimal.py"]; ok || sev["vault/settings.py"] != "High" {
		t.Errorf("severities = %v", sev)
	}
}
