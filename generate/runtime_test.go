package generate

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// findPython returns a python3 that can import everything the generated
// project needs to run and test itself, or skips the test saying what is
// missing. Debian's packages live in /usr/bin/python3, which may not be
// the first python3 on PATH.
func findPython(t *testing.T) string {
	t.Helper()
	var tried []string
	candidates := []string{os.Getenv("FLASKSEC_TEST_PYTHON"), "python3", "/usr/bin/python3"}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		p, err := exec.LookPath(c)
		if err != nil {
			tried = append(tried, c+": not found")
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		out, err := exec.CommandContext(ctx, p, "-c", "import flask, flask_wtf, gunicorn, pytest").CombinedOutput()
		cancel()
		if err == nil {
			return p
		}
		tried = append(tried, fmt.Sprintf("%s: %s", p, lastLine(out)))
	}
	t.Skipf("skipping: no python3 with flask, flask_wtf, gunicorn and pytest (install python3-flask python3-flaskext.wtf gunicorn python3-pytest): %s", strings.Join(tried, "; "))
	return ""
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}

// flaskVersion returns the installed Flask's version.
func flaskVersion(t *testing.T, py string) string {
	t.Helper()
	out, err := exec.Command(py, "-c", "import importlib.metadata as m; print(m.version('flask'))").Output()
	if err != nil {
		t.Fatalf("reading the Flask version: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// pythonEnv is the environment for the generated project's processes: the
// test's own, without settings that would change the app, plus extra.
func pythonEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "SECRET_KEY", "SECRET_KEY_FALLBACKS", "APP_ENV", "TRUSTED_HOSTS", "DATABASE", "DATABASE_URL",
			"UPLOAD_FOLDER", "BIND", "WEB_CONCURRENCY", "SESSION_COOKIE_SECURE", "PROXY_FIX_HOPS", "FLASK_APP", "PYTHONPATH":
			continue
		}
		env = append(env, kv)
	}
	return append(env, append([]string{"PYTHONDONTWRITEBYTECODE=1"}, extra...)...)
}

func randomHex(t *testing.T, n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// runCmd runs a command in dir with a timeout and returns its output.
func runCmd(t *testing.T, dir string, env []string, timeout time.Duration, name string, args ...string) ([]byte, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir, cmd.Env = dir, env
	cmd.WaitDelay = 5 * time.Second
	return cmd.CombinedOutput()
}

// server is a generated app running under gunicorn.
type server struct {
	base   string
	host   string
	client *http.Client
}

// startServer starts gunicorn in dir and stops it when the test ends,
// whatever the outcome.
func startServer(t *testing.T, py, dir string, env []string) *server {
	t.Helper()
	port := freePort(t)
	env = append(env, fmt.Sprintf("BIND=127.0.0.1:%d", port), "WEB_CONCURRENCY=1")
	var logs bytes.Buffer
	cmd := exec.Command(py, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app")
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, env, &logs, &logs
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting gunicorn: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		// gunicorn stops its workers on SIGTERM; the process group is
		// killed if it has not ended within 10 s.
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
		if t.Failed() {
			t.Logf("gunicorn output:\n%s", logs.String())
		}
	})
	s := &server{
		base: fmt.Sprintf("http://127.0.0.1:%d", port),
		host: fmt.Sprintf("127.0.0.1:%d", port),
		client: &http.Client{
			Timeout:       10 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		select {
		case err := <-done:
			done <- err
			t.Fatalf("gunicorn exited early (%v):\n%s", err, logs.String())
		default:
		}
		resp, err := s.client.Get(s.base + "/")
		if err == nil {
			resp.Body.Close()
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("gunicorn did not answer within 20 s: %v\n%s", err, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// do sends one request; header pairs are name, value.
func (s *server) do(t *testing.T, method, path, contentType string, body []byte, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, s.base+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
			continue
		}
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := s.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp, string(data)
}

func expectStatus(t *testing.T, what string, resp *http.Response, want int) {
	t.Helper()
	if resp.StatusCode != want {
		t.Errorf("%s: status %d, want %d", what, resp.StatusCode, want)
	}
}

func checkHeaders(t *testing.T, s *server) {
	resp, _ := s.do(t, "GET", "/", "", nil)
	expectStatus(t, "GET /", resp, 200)
	h := resp.Header
	csp := h.Get("Content-Security-Policy")
	if !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	for name, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY"} {
		if got := h.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if h.Get("Referrer-Policy") == "" || !strings.HasPrefix(h.Get("Strict-Transport-Security"), "max-age=") {
		t.Errorf("Referrer-Policy %q, Strict-Transport-Security %q", h.Get("Referrer-Policy"), h.Get("Strict-Transport-Security"))
	}
}

func checkLimitsAndHost(t *testing.T, s *server, post string, limit int, flask string) {
	resp, _ := s.do(t, "POST", post, "application/x-www-form-urlencoded", bytes.Repeat([]byte("x"), limit+1))
	expectStatus(t, "oversized body", resp, http.StatusRequestEntityTooLarge)
	// The app enforces TRUSTED_HOSTS itself on every Flask version (Flask
	// >= 3.1 natively, older ones through its request class).
	t.Logf("Flask %s: checking that a bad Host is rejected", flask)
	resp, _ = s.do(t, "GET", "/", "", nil, "Host", "evil.example")
	expectStatus(t, "bad Host", resp, 400)
}

var csrfRE = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// sessionCookie returns the session cookie a response sets, or nil.
func sessionCookie(resp *http.Response) *http.Cookie {
	for _, c := range resp.Cookies() {
		if c.Name == "session" {
			return c
		}
	}
	return nil
}

func checkSessionApp(t *testing.T, s *server) {
	resp, page := s.do(t, "GET", "/auth/register", "", nil)
	c := sessionCookie(resp)
	m := csrfRE.FindStringSubmatch(page)
	if c == nil || m == nil {
		t.Fatalf("GET /auth/register: no session cookie or no CSRF token (Set-Cookie %q)", resp.Header.Values("Set-Cookie"))
	}
	raw := resp.Header.Get("Set-Cookie")
	for _, attr := range []string{"HttpOnly", "SameSite=Lax", "Secure"} {
		if !strings.Contains(raw, attr) {
			t.Errorf("session cookie %q lacks %s", raw, attr)
		}
	}
	cookie := "session=" + c.Value
	form := func(v url.Values) []byte { return []byte(v.Encode()) }
	creds := url.Values{"username": {"alice"}, "password": {"correct horse battery staple"}}

	resp, _ = s.do(t, "POST", "/auth/login", "application/x-www-form-urlencoded", form(creds), "Cookie", cookie)
	expectStatus(t, "POST without CSRF token", resp, 400)

	withToken := url.Values{"csrf_token": {m[1]}}
	for k, v := range creds {
		withToken[k] = v
	}
	resp, _ = s.do(t, "POST", "/auth/register", "application/x-www-form-urlencoded", form(withToken), "Cookie", cookie)
	expectStatus(t, "register", resp, 302)
	if nc := sessionCookie(resp); nc != nil {
		cookie = "session=" + nc.Value
	}
	resp, _ = s.do(t, "POST", "/auth/login?next=//evil.example/", "application/x-www-form-urlencoded", form(withToken), "Cookie", cookie)
	expectStatus(t, "login", resp, 302)
	if loc := resp.Header.Get("Location"); strings.Contains(loc, "evil.example") {
		t.Errorf("open redirect: login with next=//evil.example/ went to %q", loc)
	}
	if nc := sessionCookie(resp); nc == nil || "session="+nc.Value == cookie {
		t.Error("login did not renew the session cookie")
	}
	resp, _ = s.do(t, "GET", "/auth/logout", "", nil, "Cookie", cookie)
	expectStatus(t, "GET /auth/logout", resp, 405)
}

func checkTokenApp(t *testing.T, s *server) {
	creds := []byte(`{"username": "alice", "password": "correct horse battery staple"}`)
	resp, _ := s.do(t, "POST", "/api/register", "application/json", creds)
	expectStatus(t, "register", resp, 201)
	resp, body := s.do(t, "POST", "/api/tokens", "application/json", creds)
	expectStatus(t, "create token", resp, 201)
	if sc := resp.Header.Values("Set-Cookie"); len(sc) > 0 {
		t.Errorf("the token API set a cookie: %q", sc)
	}
	var tok struct{ Token string }
	if err := json.Unmarshal([]byte(body), &tok); err != nil || tok.Token == "" {
		t.Fatalf("token response %q: %v", body, err)
	}
	resp, _ = s.do(t, "POST", "/api/notes", "application/json", []byte(`{"body": "hi"}`))
	expectStatus(t, "POST without a bearer token", resp, 401)
	resp, _ = s.do(t, "POST", "/api/notes", "application/json", []byte(`{"body": "hi"}`), "Authorization", "Bearer "+tok.Token)
	expectStatus(t, "POST with a bearer token", resp, 201)
}

func TestGeneratedAppRuns(t *testing.T) {
	py := findPython(t)
	flask := flaskVersion(t, py)
	combos := []Options{
		{Name: "demo", Auth: "session", DB: "sqlite", Uploads: true},
		{Name: "demo", Auth: "token", DB: "sqlite", Uploads: false},
	}
	t.Logf("PostgreSQL combinations are covered by the scan test only (they need a database server)")
	for _, o := range combos {
		t.Run(optName(o), func(t *testing.T) {
			dir := t.TempDir()
			if _, err := Write(dir, o, false); err != nil {
				t.Fatal(err)
			}
			if out, err := runCmd(t, dir, pythonEnv(), 60*time.Second, py, "-m", "pytest", "-q", "-p", "no:cacheprovider"); err != nil {
				t.Fatalf("generated pytest suite failed: %v\n%s", err, out)
			}

			// Production without SECRET_KEY: a non-zero exit and one clear line.
			out, err := runCmd(t, dir, pythonEnv("APP_ENV=production"), 30*time.Second, py, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app")
			if err == nil {
				t.Errorf("production start without SECRET_KEY succeeded")
			}
			if lines := strings.Split(strings.TrimSpace(string(out)), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "SECRET_KEY") {
				t.Errorf("production start without SECRET_KEY: want one line naming SECRET_KEY, got %q", out)
			}

			data := t.TempDir()
			env := pythonEnv("APP_ENV=production", "SECRET_KEY="+randomHex(t, 32), "TRUSTED_HOSTS=127.0.0.1",
				"DATABASE="+filepath.Join(data, "app.sqlite3"), "UPLOAD_FOLDER="+filepath.Join(data, "uploads"))
			if out, err := runCmd(t, dir, env, 30*time.Second, py, "-m", "flask", "--app", "wsgi", "init-db"); err != nil {
				t.Fatalf("flask init-db: %v\n%s", err, out)
			}
			s := startServer(t, py, dir, env)
			checkHeaders(t, s)
			limit := 1 << 20
			if o.Uploads {
				limit = 5 << 20
			}
			if o.Auth == "session" {
				checkLimitsAndHost(t, s, "/auth/login", limit, flask)
				checkSessionApp(t, s)
			} else {
				checkLimitsAndHost(t, s, "/api/register", limit, flask)
				checkTokenApp(t, s)
			}
		})
	}
}
