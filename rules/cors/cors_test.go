package cors_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/rules/cors"
	"github.com/flasksec/flasksec/rules/rulestest"
)

func TestValidate(t *testing.T) {
	if err := cors.Rule.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestFixtures(t *testing.T) {
	for _, dir := range []string{
		"testdata/allowlist",              // explicit origins, an anchored regex, a checked Origin echo: no finding
		"testdata/checked_echo",           // the echoed Origin checked by a helper or fnmatch against a configured list
		"testdata/decorator_config",       // @cross_origin without origins takes the app's CORS_ORIGINS allowlist
		"testdata/settings_module",        // ... also from a settings module loaded through a helper
		"testdata/configured_regex",       // a bad CORS_ORIGINS used by many decorators: one finding per credentials choice
		"testdata/configured_ext",         // ... and none for those CORS(app) with the same setting already covers
		"testdata/header_tokens",          // an app authenticated by header tokens only: Low confidence, Medium severity
		"testdata/wildcard_creds",         // a wildcard resource with credentials
		"testdata/default_cookie",         // CORS() defaults in a cookie app, @cross_origin() defaults with credentials
		"testdata/public_api",             // a wildcard on a bearer-token public API
		"testdata/manual",                 // hand-written headers: reflected, suffix check, wildcard
		"testdata/regex",                  // origin patterns that match other hosts
		"testdata/dev_only",               // CORS only in development; origins from a config key
		"testdata/config_keys",            // CORS_ORIGINS="*" and CORS_SUPPORTS_CREDENTIALS in a config class
		"testdata/config_allowlist",       // CORS_ORIGINS as a list or from the environment
		"testdata/imported_const",         // origins held in constants of another module
		"../csrf/testdata/factory_secure", // the full secure app: no finding
	} {
		t.Run(dir, func(t *testing.T) { rulestest.Run(t, dir, cors.Rule) })
	}
}

// TestSeverity checks that credentials raise the severity to High and that
// wildcards without credentials stay Medium.
func TestSeverity(t *testing.T) {
	want := map[string]rules.Severity{
		"testdata/wildcard_creds:5":  rules.High,
		"testdata/manual:8":          rules.High,
		"testdata/manual:24":         rules.Medium,
		"testdata/public_api:7":      rules.Medium,
		"testdata/default_cookie:12": rules.Medium,
		"testdata/default_cookie:15": rules.High,
	}
	seen := map[string]bool{}
	for _, dir := range []string{"testdata/wildcard_creds", "testdata/manual", "testdata/public_api", "testdata/default_cookie"} {
		for _, f := range rulestest.Run(t, dir, cors.Rule) {
			key := fmt.Sprintf("%s:%d", dir, f.Location.StartLine)
			if sev, ok := want[key]; ok {
				seen[key] = true
				if f.Severity != sev {
					t.Errorf("%s: severity %s, want %s (%s)", key, f.Severity, sev, f.Message)
				}
			}
		}
	}
	for key := range want {
		if !seen[key] {
			t.Errorf("%s: no finding", key)
		}
	}
}

// TestMessagesNotRedacted checks that messages survive the secret
// redaction every finding goes through (words like "credentials" next to
// "=" would otherwise mask the text that follows).
func TestMessagesNotRedacted(t *testing.T) {
	for _, dir := range []string{"testdata/wildcard_creds", "testdata/manual", "testdata/regex", "testdata/default_cookie"} {
		for _, f := range rulestest.Run(t, dir, cors.Rule) {
			if strings.Contains(f.Message, "***") {
				t.Errorf("%s:%d: redacted message: %s", f.Location.Path, f.Location.StartLine, f.Message)
			}
		}
	}
}

// TestHeaderTokensSeverity checks that credentials allowed to broad
// origins in an app authenticated only by header tokens are Medium, not
// High, and that the message says why.
func TestHeaderTokensSeverity(t *testing.T) {
	for _, f := range rulestest.Run(t, "testdata/header_tokens", cors.Rule) {
		if f.Severity.String() != "Medium" || !strings.Contains(f.Message, "header tokens") {
			t.Errorf("%s:%d: %s %q", f.Location.Path, f.Location.StartLine, f.Severity, f.Message)
		}
	}
}
