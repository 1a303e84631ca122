//go:build unix

package probe

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// python returns a Python 3 interpreter that imports everything the
// example apps need (Debian: python3-flask, python3-flask-cors,
// python3-flaskext.wtf, python3-dotenv, python3-requests, gunicorn), or
// skips the test saying what is missing.
func python(t *testing.T, extra ...string) string {
	t.Helper()
	mods := append([]string{"flask", "flask_cors", "flask_wtf", "dotenv", "requests"}, extra...)
	var why []string
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		path, err := exec.LookPath(py)
		if err != nil {
			why = append(why, py+": not found")
			continue
		}
		out, err := exec.Command(path, "-c", "import "+strings.Join(mods, ", ")).CombinedOutput()
		if err == nil {
			return path
		}
		why = append(why, fmt.Sprintf("%s: %s", path, lastLine(string(out))))
	}
	t.Skipf("skipping: no python3 with %s (install python3-flask and the packages of .ci/run): %s", strings.Join(mods, ", "), strings.Join(why, "; "))
	return ""
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// freePort returns a port on 127.0.0.1 that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("finding a free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startApp runs an example app (a test fixture, never scanned code run by
// the product) on 127.0.0.1 and returns its URL once it answers.
func startApp(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	port := freePort(t)
	for i, a := range args {
		args[i] = strings.ReplaceAll(a, "PORT", fmt.Sprint(port))
	}
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var log strings.Builder
	cmd.Stdout, cmd.Stderr = &log, &log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", name, err)
	}
	t.Cleanup(func() {
		// The server's whole process group: gunicorn's workers too.
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		cmd.Wait()
	})
	url := fmt.Sprintf("http://127.0.0.1:%d/", port)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			return url
		}
		time.Sleep(150 * time.Millisecond)
	}
	t.Fatalf("%s did not answer on %s within 20s; its output:\n%s", dir, url, log.String())
	return ""
}

func examplesDir(t *testing.T, name string) string {
	d, err := filepath.Abs(filepath.Join("..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// families are the rule IDs of the integration test.
var families = []string{ruleDevSrv, ruleDebug, ruleHeaders, ruleSess, ruleCORS}

func TestFlaskVulnerableDevServer(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: starts a Flask app")
	}
	py := python(t)
	// As the example's Procfile starts it: the development server in debug
	// mode (--debug before run works on Flask 2.2 and later; --no-reload
	// keeps it one process, which the test can stop).
	url := startApp(t, examplesDir(t, "vulnerable"), nil, py, "-m", "flask", "--app", "shopnotes", "--debug", "run", "--no-reload", "--host", "127.0.0.1", "--port", "PORT")
	// /auth/logout clears the session: the only GET of the example that
	// sends a Set-Cookie.
	res, err := Run(context.Background(), Options{URL: url, Paths: []string{"/auth/login", "/auth/logout"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range families {
		if len(byRule(res, id)) == 0 {
			t.Errorf("%s: want a finding on the vulnerable example; findings %+v\nobservations %q", id, res.Findings, res.Observations)
		}
	}
	if res.Requests > DefaultMaxRequests {
		t.Errorf("%d requests sent; the default budget is %d", res.Requests, DefaultMaxRequests)
	}
}

func TestFlaskSecureGunicorn(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: starts a Flask app")
	}
	py := python(t, "gunicorn")
	// SESSION_COOKIE_SECURE=0 only because the test speaks plain HTTP, as
	// the example's README says; the probe flags a missing Secure only on
	// https.
	env := []string{"SECRET_KEY=probe-integration-test-key", "SHOPNOTES_HOSTS=127.0.0.1", "SESSION_COOKIE_SECURE=0"}
	url := startApp(t, examplesDir(t, "secure"), env, py, "-m", "gunicorn", "--bind", "127.0.0.1:PORT", "--workers", "1", "wsgi:app")
	// /auth/login renders a CSRF token, which sets the session cookie.
	res, err := Run(context.Background(), Options{URL: url, Paths: []string{"/auth/login"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range families {
		if got := byRule(res, id); len(got) > 0 {
			t.Errorf("%s: want no finding on the secure example, got %+v", id, got)
		}
		if _, ok := res.Checked[id]; !ok {
			t.Errorf("%s: want the rule checked (so scan --probe can resolve it); observations %q", id, res.Observations)
		}
	}
	if len(byRule(res, ruleCSRF)) > 0 {
		t.Errorf("want no CSRF observation: the login form carries csrf_token; got %+v", byRule(res, ruleCSRF))
	}
}
