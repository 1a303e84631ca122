package headers_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/rules/headers"
	"github.com/flasksec/flasksec/rules/rulestest"
)

func TestRules(t *testing.T) {
	for _, c := range []string{"factory_app", "factory_secure", "edge", "partial", "middleware", "jsonapi", "limiter", "bp_hook", "two_hops", "helper_apps", "proxy_parsing", "host_links", "edge_forwards", "edge_dev", "edge_traefik", "edge_template", "view_header", "edge_rank", "host_runtime_name"} {
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

// TestHostMessages checks that HOST-001 does not say both that the Host
// header builds a link and that SERVER_NAME fixes it.
func TestHostMessages(t *testing.T) {
	fs := rulestest.Run(t, "testdata/host_links", headers.SecurityHeaders, headers.RequestLimits, headers.TrustedHosts, headers.ProxyTrust)
	for _, f := range fs {
		if f.RuleID != "FLASK-HOST-001" {
			continue
		}
		switch f.Location.StartLine {
		case 47:
			want := "request.url_root builds a link from the request's Host header in forgot(), which sends or resets credentials, " +
				"and TRUSTED_HOSTS is not set for production. SERVER_NAME (app.py:6) fixes the host of url_for links only, not of request.url_root."
			if f.Message != want || f.Severity.String() != "Medium" {
				t.Errorf("site: %s %q\nwant Medium %q", f.Severity, f.Message, want)
			}
		case 5:
			if want := "SERVER_NAME (app.py:6) is not a host restriction"; !strings.Contains(f.Message, want) {
				t.Errorf("app: %q lacks %q", f.Message, want)
			}
		}
	}
}

// TestEdgeMessages checks that the messages say what the repository's
// web server configurations show.
func TestEdgeMessages(t *testing.T) {
	cases := []struct{ dir, rule, want string }{
		{"edge_forwards", "FLASK-PROXY-001", "behind a proxy (nginx/site.conf, which sets X-Forwarded-For, X-Real-IP towards the app (nginx/site.conf:5)) without ProxyFix"},
		{"edge_dev", "FLASK-HEADERS-001", "no production proxy configuration in the repository (deploy/nginx.dev.conf is named for development, tests or examples)"},
		{"view_header", "FLASK-HEADERS-001", "is set for the app's responses (no Flask-Talisman, no after_request hook, no proxy configuration in the repository; the view export() at app.py:12 sets X-Content-Type-Options on its own responses only)"},
		{"edge_rank", "FLASK-LIMITS-001", "the proxy configuration in the repository (proxy/Caddyfile) sets no body size limit"},
		{"edge_dev", "FLASK-LIMITS-001", "no production proxy configuration in the repository (deploy/nginx.dev.conf is named for development, tests or examples) limits request bodies"},
	}
	for _, c := range cases {
		fs := rulestest.Run(t, "testdata/"+c.dir, headers.SecurityHeaders, headers.RequestLimits, headers.TrustedHosts, headers.ProxyTrust)
		found := false
		for _, f := range fs {
			if f.RuleID == c.rule {
				found = true
				if !strings.Contains(f.Message, c.want) {
					t.Errorf("%s %s: %q lacks %q", c.dir, c.rule, f.Message, c.want)
				}
			}
		}
		if !found {
			t.Errorf("%s: no %s finding", c.dir, c.rule)
		}
	}
}
