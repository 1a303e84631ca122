package probe

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/flasksec/flasksec/rules"
)

// goodHeaders sets the headers a hardened app sends.
func goodHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Strict-Transport-Security", "max-age=63072000")
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Server", "gunicorn")
}

// hardened is a handler with none of the probed problems.
func hardened(w http.ResponseWriter, r *http.Request) {
	goodHeaders(w)
	if r.Method == "TRACE" || r.Method == http.MethodOptions {
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	if r.Host != "" && strings.HasPrefix(r.Host, foreignHost) {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: "session", Value: "s3cr3t-session-value", Path: "/", HttpOnly: true, Secure: true, SameSite: http.SameSiteLaxMode})
	fmt.Fprint(w, `<html><form method="post" action="/save"><input type="hidden" name="csrf_token" value="x"><input name="title"></form>
<form action="/search"><input name="q"></form></html>`)
}

// probeOf runs the probe against a server's URL with small limits.
func probeOf(t *testing.T, url string, mod func(*Options)) *Result {
	t.Helper()
	opts := Options{URL: url, MaxRequests: 40, Timeout: 3 * time.Second, MaxBody: 1 << 16}
	if mod != nil {
		mod(&opts)
	}
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("Run(%s): %v", url, err)
	}
	return res
}

// byRule returns the findings of one rule.
func byRule(res *Result, id string) []rules.Finding {
	var out []rules.Finding
	for _, f := range res.Findings {
		if f.RuleID == id {
			out = append(out, f)
		}
	}
	return out
}

func TestBehaviours(t *testing.T) {
	tests := []struct {
		name     string
		rule     string
		handler  http.HandlerFunc
		post     []string
		want     string // substring of a finding's message; "" wants none of rule
		wantEv   string // substring of its evidence
		resolved bool   // with want "": the rule is marked checked
	}{
		{name: "headers missing", rule: ruleHeaders, want: "No Content-Security-Policy", wantEv: "X-Content-Type-Options: (absent)",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				fmt.Fprint(w, "<html>hi</html>")
			}},
		{name: "weak csp", rule: ruleHeaders, want: "script-src 'unsafe-inline'", wantEv: "Content-Security-Policy: default-src 'self'; script-src 'self' 'unsafe-inline'",
			handler: func(w http.ResponseWriter, r *http.Request) {
				goodHeaders(w)
				w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
			}},
		{name: "headers good", rule: ruleHeaders, handler: hardened, resolved: true},
		{name: "werkzeug server", rule: ruleDevSrv, want: "development server", wantEv: "Server: Werkzeug/3.0.1 Python/3.12",
			handler: func(w http.ResponseWriter, r *http.Request) {
				goodHeaders(w)
				w.Header().Set("Server", "Werkzeug/3.0.1 Python/3.12")
			}},
		{name: "production server", rule: ruleDevSrv, handler: hardened, resolved: true},
		{name: "debugger resource", rule: ruleDebug, want: "serves its own script", wantEv: "text/javascript",
			handler: func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Query().Get("__debugger__") == "yes" {
					w.Header().Set("Content-Type", "text/javascript")
					fmt.Fprint(w, "docReady(() => { /* console */ });")
					return
				}
				hardened(w, r)
			}},
		{name: "debugger error page", rule: ruleDebug, want: "interactive debugger",
			handler: func(w http.ResponseWriter, r *http.Request) {
				goodHeaders(w)
				w.WriteHeader(500)
				fmt.Fprint(w, `<html><title>KeyError // Werkzeug Debugger</title><div class="debugger"></div></html>`)
			}},
		{name: "traceback page", rule: ruleDebug, want: "Python traceback",
			handler: func(w http.ResponseWriter, r *http.Request) {
				goodHeaders(w)
				w.WriteHeader(500)
				fmt.Fprint(w, "<pre>Traceback (most recent call last):\n  File \"app.py\"</pre>")
			}},
		{name: "console exposed", rule: ruleDebug, want: "/console",
			handler: func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/console" {
					goodHeaders(w)
					fmt.Fprint(w, "<h1>Interactive Console</h1>")
					return
				}
				hardened(w, r)
			}},
		{name: "no debugger", rule: ruleDebug, handler: hardened, resolved: true},
		{name: "host reflected", rule: ruleHost, want: "reflected in the Location", wantEv: "Location: http://" + foreignHost + "/login",
			handler: func(w http.ResponseWriter, r *http.Request) {
				goodHeaders(w)
				http.Redirect(w, r, "http://"+r.Host+"/login", http.StatusFound)
			}},
		{name: "host in link", rule: ruleHost, want: "absolute link",
			handler: func(w http.ResponseWriter, r *http.Request) {
				goodHeaders(w)
				fmt.Fprintf(w, `<a href="http://%s/reset">reset</a>`, r.Host)
			}},
		{name: "host rejected", rule: ruleHost, handler: hardened, resolved: true},
		{name: "cors reflected", rule: ruleCORS, want: "Allow-Credentials: true (simple request)", wantEv: "Access-Control-Allow-Origin: https://" + foreignHost,
			handler: func(w http.ResponseWriter, r *http.Request) {
				goodHeaders(w)
				if o := r.Header.Get("Origin"); o != "" {
					w.Header().Set("Access-Control-Allow-Origin", o)
					w.Header().Set("Access-Control-Allow-Credentials", "true")
				}
			}},
		{name: "cors preflight only", rule: ruleCORS, want: "(preflight request)",
			handler: func(w http.ResponseWriter, r *http.Request) {
				goodHeaders(w)
				if r.Method == http.MethodOptions {
					w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
				}
			}},
		{name: "cors closed", rule: ruleCORS, handler: hardened, resolved: true},
		{name: "trace echo", rule: ruleHTTP, want: "TRACE is enabled",
			handler: func(w http.ResponseWriter, r *http.Request) {
				goodHeaders(w)
				if r.Method == "TRACE" {
					w.Header().Set("Content-Type", "message/http")
					fmt.Fprintf(w, "TRACE %s HTTP/1.1\r\nHost: %s\r\n", r.URL.Path, r.Host)
				}
			}},
		{name: "state-changing GET form", rule: ruleHTTP, want: `looks state-changing ("delete")`, wantEv: `action="/notes/7/delete"`,
			handler: func(w http.ResponseWriter, r *http.Request) {
				goodHeaders(w)
				fmt.Fprint(w, `<form action="/notes/7/delete"><button>Delete</button></form>`)
			}},
		{name: "search GET form and no TRACE", rule: ruleHTTP, handler: hardened},
		{name: "cookie weak", rule: ruleSess, want: `cookie "session" without HttpOnly, SameSite`, wantEv: "Set-Cookie: session=<redacted>; Path=/",
			handler: func(w http.ResponseWriter, r *http.Request) {
				goodHeaders(w)
				w.Header().Add("Set-Cookie", "session=s3cr3t-session-value; Path=/")
			}},
		{name: "cookie samesite none", rule: ruleSess, want: "SameSite other than None",
			handler: func(w http.ResponseWriter, r *http.Request) {
				goodHeaders(w)
				w.Header().Add("Set-Cookie", "prefs=s3cr3t-session-value; Path=/; SameSite=None")
			}},
		{name: "cookie good", rule: ruleSess, handler: hardened, resolved: true},
		{name: "csrf form without token", rule: ruleCSRF, want: "no token field", wantEv: "fields: title",
			handler: func(w http.ResponseWriter, r *http.Request) {
				goodHeaders(w)
				w.Header().Add("Set-Cookie", "session=s3cr3t-session-value; Path=/; HttpOnly")
				fmt.Fprint(w, `<form method="POST" action="/save"><input name="title"></form>`)
			}},
		{name: "csrf token present", rule: ruleCSRF, handler: hardened},
		{name: "body accepted", rule: ruleLimits, post: []string{"/upload"}, want: "read without 413",
			handler: func(w http.ResponseWriter, r *http.Request) {
				goodHeaders(w)
				io.Copy(io.Discard, r.Body)
			}},
		{name: "body refused", rule: ruleLimits, post: []string{"/upload"}, resolved: true,
			handler: func(w http.ResponseWriter, r *http.Request) {
				goodHeaders(w)
				if r.ContentLength > 1000 {
					w.WriteHeader(http.StatusRequestEntityTooLarge)
					return
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			res := probeOf(t, srv.URL+"/", func(o *Options) { o.PostPaths = tt.post })
			got := byRule(res, tt.rule)
			all := fmt.Sprint(res.Findings, res.Observations)
			if strings.Contains(all, "s3cr3t-session-value") {
				t.Errorf("a cookie value leaked into the output: %s", all)
			}
			if tt.want == "" {
				if len(got) > 0 {
					t.Fatalf("%s: want no finding, got %+v", tt.rule, got)
				}
				if _, ok := res.Checked[tt.rule]; tt.resolved && !ok {
					t.Errorf("%s: want the rule marked checked; observations: %q", tt.rule, res.Observations)
				}
				return
			}
			for _, f := range got {
				if strings.Contains(f.Message, tt.want) && strings.Contains(f.Evidence, tt.wantEv) {
					if !strings.HasPrefix(f.Location.Path, srv.URL) {
						t.Errorf("location %q is not the probed URL", f.Location.Path)
					}
					return
				}
			}
			t.Fatalf("%s: want a finding with %q and evidence %q, got %+v\nobservations: %q", tt.rule, tt.want, tt.wantEv, got, res.Observations)
		})
	}
}

func TestHTTPS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		goodHeaders(w)
		w.Header().Del("Strict-Transport-Security")
		w.Header().Add("Set-Cookie", "session=v; Path=/; HttpOnly; SameSite=Lax")
	}))
	defer srv.Close()
	res := probeOf(t, srv.URL+"/", func(o *Options) { o.Transport = srv.Client().Transport })
	if !strings.Contains(fmt.Sprint(byRule(res, ruleHeaders)), "Strict-Transport-Security") {
		t.Errorf("want missing HSTS reported over https, got %+v", byRule(res, ruleHeaders))
	}
	if !strings.Contains(fmt.Sprint(byRule(res, ruleSess)), "without Secure") {
		t.Errorf("want a cookie without Secure reported over https, got %+v", byRule(res, ruleSess))
	}
}

func TestSafety(t *testing.T) {
	t.Run("budget", func(t *testing.T) {
		var n atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			hardened(w, r)
		}))
		defer srv.Close()
		res := probeOf(t, srv.URL+"/", func(o *Options) { o.MaxRequests = 3 })
		if n.Load() > 3 || res.Requests > 3 || !res.Budget {
			t.Errorf("server saw %d requests, probe counted %d, budget flag %v; want at most 3 and the flag", n.Load(), res.Requests, res.Budget)
		}
	})
	t.Run("no other origin", func(t *testing.T) {
		var foreign atomic.Int32
		other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { foreign.Add(1) }))
		defer other.Close()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			goodHeaders(w)
			if r.URL.Path == "/go" {
				http.Redirect(w, r, other.URL+"/landing", http.StatusFound)
				return
			}
			fmt.Fprintf(w, `<a href="%s/x">x</a><a href="/go">go</a>`, other.URL)
		}))
		defer srv.Close()
		probeOf(t, srv.URL+"/", func(o *Options) { o.Paths = []string{"/go", other.URL + "/direct"} })
		if foreign.Load() != 0 {
			t.Errorf("the other origin got %d requests; want none", foreign.Load())
		}
	})
	t.Run("user agent", func(t *testing.T) {
		var bad atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !strings.Contains(r.UserAgent(), "flasksec") {
				bad.Add(1)
			}
			hardened(w, r)
		}))
		defer srv.Close()
		probeOf(t, srv.URL+"/", nil)
		if bad.Load() > 0 {
			t.Errorf("%d requests without a User-Agent naming flasksec", bad.Load())
		}
	})
	t.Run("schemes", func(t *testing.T) {
		for _, u := range []string{"file:///etc/passwd", "ftp://127.0.0.1/", "127.0.0.1:5000", "http://user:pw@127.0.0.1/", "gopher://x/"} {
			if _, err := Run(context.Background(), Options{URL: u}); err == nil {
				t.Errorf("Run(%q): want an error", u)
			}
		}
	})
	t.Run("forms never submitted", func(t *testing.T) {
		var posts atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost || r.URL.Path == "/notes/7/delete" {
				posts.Add(1)
			}
			goodHeaders(w)
			fmt.Fprint(w, `<form method="post" action="/save"><input name="t"></form><form action="/notes/7/delete"></form>`)
		}))
		defer srv.Close()
		probeOf(t, srv.URL+"/", nil)
		if posts.Load() != 0 {
			t.Errorf("%d form submissions; want none", posts.Load())
		}
	})
}
