package session_test

import (
	"testing"

	"github.com/flasksec/flasksec/rules/rulestest"
	"github.com/flasksec/flasksec/rules/session"
)

func TestRules(t *testing.T) {
	for _, c := range []string{"insecure_app", "secure_app", "unset", "serverside", "jwt_api", "remember", "talisman", "star_import", "login_result"} {
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
