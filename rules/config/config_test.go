package config_test

import (
	"strings"
	"testing"

	"github.com/flasksec/flasksec/rules/config"
	"github.com/flasksec/flasksec/rules/rulestest"
)

func TestRules(t *testing.T) {
	for _, c := range []string{"hardcoded", "missing", "factory_app", "factory_secure", "tutorial", "orfallback", "imported_const"} {
		t.Run(c, func(t *testing.T) {
			fs := rulestest.Run(t, "testdata/"+c, config.SecretKey)
			for _, f := range fs {
				// The key's value must never appear in a finding.
				for _, secret := range []string{"4b1f0c7e9a2d44f1b8e6a3c5d7f9e1a2", "changeme\"", "blog-secret", "0f3c9b2e7d1a4c8e", "9a8b7c6d5e4f", "abc123def456", "local-only-9f8e", "split-across", "0123456789abcdef"} {
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
