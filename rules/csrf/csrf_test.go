package csrf_test

import (
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
	} {
		t.Run(dir, func(t *testing.T) { rulestest.Run(t, "testdata/"+dir, csrf.Rule) })
	}
}
