package session_test

import (
	"testing"

	"github.com/flasksec/flasksec/rules/rulestest"
	"github.com/flasksec/flasksec/rules/session"
)

func TestRules(t *testing.T) {
	for _, c := range []string{"insecure_app", "secure_app", "unset", "serverside", "jwt_api", "remember", "talisman", "star_import",
		"relogin_delete",  // login_user for the logged-in user again; set_cookie deleting a cookie
		"interface_class", // a Flask subclass installing a server-side session interface as a class attribute
		"interface_init",  // ... or in its __init__
		"signed_secret",   // the same app without it: the token in the signed cookie is reported
		"vendored_login",  // a vendored copy of Flask-Login; a MAC of the password in the session
		"helper_script",   // app-level findings go to the served app, not a script's helper Flask()
		"login_result",    // the verdict of login(u, pw) is not the password
	} {
		t.Run(c, func(t *testing.T) {
			rulestest.Run(t, "testdata/"+c, session.CookieAttributes, session.Lifecycle)
		})
	}
}

func TestRouteInLocation(t *testing.T) {
	fs := rulestest.Run(t, "testdata/insecure_app", session.CookieAttributes, session.Lifecycle)
	for _, f := range fs {
		if f.Location.Path == "portal/__init__.py" && f.Location.StartLine == 19 && f.Location.Route != "GET, POST /login" {
			t.Errorf("route = %q, want GET, POST /login", f.Location.Route)
		}
	}
}
