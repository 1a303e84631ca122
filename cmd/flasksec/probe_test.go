package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/rules/all"
)

// devServer answers like Werkzeug's development server with no security
// headers and a weak session cookie.
func devServer(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Server", "Werkzeug/3.0.1 Python/3.12.1")
	w.Header().Set("Content-Type", "text/html")
	w.Header().Add("Set-Cookie", "session=eyJ1c2VyIjoxfQ.cookie-value; Path=/")
	fmt.Fprint(w, "<html>hello</html>")
}

// hardenedServer sends the security headers and rejects foreign hosts.
func hardenedServer(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Server", "gunicorn")
	h.Set("Content-Type", "text/html")
	h.Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	if strings.HasSuffix(r.Host, ".invalid") {
		w.WriteHeader(http.StatusBadRequest)
	}
}

func TestProbeCommand(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(devServer))
	defer srv.Close()
	for _, format := range []string{"text", "json", "sarif", "markdown"} {
		t.Run(format, func(t *testing.T) {
			e, out, errb := testEnv(t.TempDir())
			e.rules = all.Rules
			code := run(context.Background(), []string{"probe", "--format", format, srv.URL + "/"}, e)
			if code != exitFindings {
				t.Fatalf("exit %d, want %d; stderr %s", code, exitFindings, errb)
			}
			s := out.String()
			for _, want := range []string{"FLASK-DEPLOY-001", "FLASK-HEADERS-001", "FLASK-SESS-001"} {
				if !strings.Contains(s, want) {
					t.Errorf("%s report lacks %s:\n%s", format, want, s)
				}
			}
			if strings.Contains(s, "cookie-value") || strings.Contains(s, "eyJ1c2VyIjoxfQ") {
				t.Errorf("%s report shows a cookie value:\n%s", format, s)
			}
			if format == "json" {
				var rep struct {
					Findings []struct {
						RuleID, Title string
					}
					Summary struct{ Observations []string }
				}
				if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
					t.Fatal(err)
				}
				if len(rep.Summary.Observations) == 0 || rep.Findings[0].Title == rep.Findings[0].RuleID {
					t.Errorf("want observations and titles from the rule registry, got %+v", rep)
				}
			}
		})
	}
}

func TestProbeCommandErrors(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"probe", "ftp://127.0.0.1/"}, exitError, "only http and https"},
		{[]string{"probe"}, exitError, "exactly one URL"},
		{[]string{"probe", "--help"}, exitOK, "ONLY at systems you own or are explicitly allowed to test"},
	}
	for _, tt := range tests {
		e, out, errb := testEnv(t.TempDir())
		if code := run(context.Background(), tt.args, e); code != tt.code {
			t.Errorf("%v: exit %d, want %d", tt.args, code, tt.code)
		}
		if s := out.String() + errb.String(); !strings.Contains(s, tt.want) {
			t.Errorf("%v: output lacks %q:\n%s", tt.args, tt.want, s)
		}
	}
}

func TestScanProbeMerge(t *testing.T) {
	app := map[string]string{"app.py": "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route(\"/\")\ndef index():\n    return \"hi\"\n"}
	for _, tt := range []struct {
		name    string
		handler http.HandlerFunc
		want    string // in the json report
		notWant string
	}{
		{"resolved", hardenedServer, "resolved by the probe: FLASK-HEADERS-001 at app.py", "Confirmed at runtime"},
		{"confirmed", devServer, "Confirmed at runtime by the probe", "resolved by the probe: FLASK-HEADERS-001"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			dir := t.TempDir()
			writeFiles(t, dir, app)
			// The static finding this test relies on.
			e0, out0, _ := testEnv(dir)
			e0.rules = all.Rules
			run(context.Background(), []string{"scan", "--format", "json", "--confidence", "low", "."}, e0)
			if !strings.Contains(out0.String(), "FLASK-HEADERS-001") || !strings.Contains(out0.String(), "verify at runtime") {
				t.Fatalf("fixture: want a static FLASK-HEADERS-001 that says verify at runtime:\n%s", out0)
			}
			e, out, errb := testEnv(dir)
			e.rules = all.Rules
			run(context.Background(), []string{"scan", "--format", "json", "--confidence", "low", "--probe", srv.URL + "/", "."}, e)
			s := out.String()
			if !strings.Contains(s, tt.want) || strings.Contains(s, tt.notWant) {
				t.Errorf("want %q and not %q in the report; stderr %s\n%s", tt.want, tt.notWant, errb, s)
			}
		})
	}
}
