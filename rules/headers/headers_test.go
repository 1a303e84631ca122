package headers_test

import (
	"strconv"
	"testing"

	"github.com/flasksec/flasksec/rules/headers"
	"github.com/flasksec/flasksec/rules/rulestest"
)

func TestRules(t *testing.T) {
	for _, c := range []string{"factory_app", "factory_secure", "edge", "partial", "middleware", "jsonapi", "limiter", "bp_hook", "two_hops", "helper_apps", "proxy_parsing"} {
		t.Run(c, func(t *testing.T) {
			rulestest.Run(t, "testdata/"+c, headers.SecurityHeaders, headers.RequestLimits, headers.TrustedHosts, headers.ProxyTrust)
		})
	}
}

func TestSeverityDependsOnUse(t *testing.T) {
	fs := rulestest.Run(t, "testdata/factory_app", headers.SecurityHeaders, headers.RequestLimits, headers.TrustedHosts, headers.ProxyTrust)
	want := map[string]string{
		"FLASK-LIMITS-001 store/__init__.py:10": "Medium", // the app reads request.files
		"FLASK-LIMITS-001 store/config.py:10":   "Low",
		"FLASK-HOST-001 store/__init__.py:21":   "Medium", // a password-reset link
		"FLASK-HOST-001 store/__init__.py:10":   "Low",
		"FLASK-PROXY-001 store/__init__.py:31":  "High", // IP-based access control behind an over-trusting ProxyFix
	}
	for _, f := range fs {
		key := f.RuleID + " " + f.Location.Path + ":" + strconv.Itoa(f.Location.StartLine)
		if w, ok := want[key]; ok && f.Severity.String() != w {
			t.Errorf("%s: severity %s, want %s", key, f.Severity, w)
		}
	}
}
