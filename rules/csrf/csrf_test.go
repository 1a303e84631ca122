package csrf_test

import (
	"strings"
	"testing"

	"github.com/flasksec/flasksec/rules/csrf"
	"github.com/flasksec/flasksec/rules/rulestest"
)

func TestValidate(t *testing.T) {
	if err := csrf.Rule.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestFixtures(t *testing.T) {
	for _, dir := range []string{
		"factory_secure",          // app factory, config classes, CSRFProtect, signed webhook, Dockerfile: no finding
		"cookie_nocsrf",           // cookie sessions, no protection: the app and every state-changing route
		"bearer_api",              // Authorization bearer tokens only: no CSRF risk
		"exempt",                  // csrf.exempt on a cookie route vs. an HMAC webhook vs. a token call
		"disabled",                // WTF_CSRF_ENABLED=False in production, development and testing
		"header_minimum",          // custom header + SameSite=Lax: the spec's minimum
		"header_no_samesite",      // custom header without SameSite
		"mixed_api",               // cookie UI with CSRFProtect and a header-JWT API exempted
		"jwt_cookies",             // JWTs in cookies with flask_jwt_extended's own CSRF check
		"jwt_cookies_unprotected", // JWT_COOKIE_CSRF_PROTECT=False
		"session_prefs",           // a session holding preferences and a cart only: not authentication
		"selective_protect",       // WTF_CSRF_CHECK_DEFAULT=False with csrf.protect() in a hook
		"api_blueprint",           // an exempted API blueprint authenticated by a hook and a repo decorator
		"manual_token",            // a hand-written synchronizer token checked in a before_request hook
		"star_import",             // from flask import *: the app and its routes are still found
		"manual_token_locals",     // a hand-written token check through neutral locals and a verdict variable
		"manual_token_module",     // the same in a module-level hook, compared with ==
		"manual_token_weak",       // hooks that read a token but never stop the request: reported
		"password_identity",       // a session key of any name set by the code that checks a password is a login
		"prefs_no_password",       // session values without a password check (a coupon comparison is not one)
		"same_var_blueprints",     // an exempted bearer-token API blueprint named bp beside a cookie blueprint also named bp
		"precision",               // login CSRF, re-authentication gates, read-only POST, API keys, public JSON, an unregistered blueprint
		"precision_exempt",        // exempted routes: read-only, HTTP-authenticated, authenticated by a path token
		"helper_app",              // the app-level finding goes to the served app, not a script's Flask()
	} {
		t.Run(dir, func(t *testing.T) { rulestest.Run(t, "testdata/"+dir, csrf.Rule) })
	}
}

// TestFixesNeverDisable checks the spec's section 0: no fix text turns a
// protection off, and every finding says what it is about.
func TestFixesNeverDisable(t *testing.T) {
	for _, dir := range []string{"cookie_nocsrf", "exempt", "disabled", "header_no_samesite", "api_blueprint"} {
		for _, f := range rulestest.Run(t, "testdata/"+dir, csrf.Rule) {
			fix := strings.ToLower(f.Fix)
			for _, bad := range []string{"= false", "=false", "disable", "turn off", "csrf.exempt("} {
				if strings.Contains(fix, bad) {
					t.Errorf("%s:%d: fix suggests %q: %s", f.Location.Path, f.Location.StartLine, bad, f.Fix)
				}
			}
			if f.Message == "" || f.Message == csrf.Rule.Title {
				t.Errorf("%s:%d: no specific message", f.Location.Path, f.Location.StartLine)
			}
		}
	}
}

// TestMessagesNotRedacted checks that messages survive the redaction
// every finding goes through.
func TestMessagesNotRedacted(t *testing.T) {
	for _, dir := range []string{"cookie_nocsrf", "exempt", "disabled", "header_no_samesite", "jwt_cookies_unprotected"} {
		for _, f := range rulestest.Run(t, "testdata/"+dir, csrf.Rule) {
			if strings.Contains(f.Message, "***") {
				t.Errorf("%s:%d: redacted message: %s", f.Location.Path, f.Location.StartLine, f.Message)
			}
		}
	}
}

// TestPrecisionSeverities checks the severities and notes of the
// precision fixture: login CSRF and re-authenticated changes are Low
// severity and say why; a view under two rules names both.
func TestPrecisionSeverities(t *testing.T) {
	want := map[string]struct {
		sev  string
		text string
	}{
		"sign_in":       {"Low", "login CSRF"},
		"join":          {"Low", "login CSRF"},
		"change_email":  {"Low", "the current password"},
		"change_handle": {"Low", "a one-time code"},
		"add_note":      {"High", "also serves POST /notes/new"},
		"member_search": {"High", "No state change was found on POST"},
	}
	seen := map[string]bool{}
	for _, f := range rulestest.Run(t, "testdata/precision", csrf.Rule) {
		w, ok := want[f.Location.Function]
		if !ok {
			continue
		}
		seen[f.Location.Function] = true
		if f.Severity.String() != w.sev || !strings.Contains(f.Message, w.text) {
			t.Errorf("%s: %s %q, want %s and %q", f.Location.Function, f.Severity, f.Message, w.sev, w.text)
		}
	}
	for fn := range want {
		if !seen[fn] {
			t.Errorf("no finding for %s", fn)
		}
	}
}

// TestAppSummary checks that the app-level finding is Low severity when
// every unprotected route is reported on its own at default settings,
// and keeps the rule's severity when one of them is not (a Low
// confidence read-only view), so the problem is counted once.
func TestAppSummary(t *testing.T) {
	for _, tt := range []struct {
		dir, path string
		line      int
		sev       string
	}{
		{"cookie_nocsrf", "app/__init__.py", 5, "Low"},
		{"precision", "club/__init__.py", 9, "High"},
	} {
		found := false
		for _, f := range rulestest.Run(t, "testdata/"+tt.dir, csrf.Rule) {
			if f.Location.Path == tt.path && f.Location.StartLine == tt.line {
				found = true
				if f.Severity.String() != tt.sev {
					t.Errorf("%s: app finding severity %s, want %s: %s", tt.dir, f.Severity, tt.sev, f.Message)
				}
			}
		}
		if !found {
			t.Errorf("%s: no app finding at %s:%d", tt.dir, tt.path, tt.line)
		}
	}
}
