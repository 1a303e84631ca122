//go:build unix

package probe

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/flasksec/flasksec/generate"
)

// TestFlaskGeneratedProject probes the project `flasksec new` writes,
// running in production mode under gunicorn: the hardened app the
// generation mode promises must give no finding of any rule the probe
// checks, and every rule of the integration test must count as checked.
func TestFlaskGeneratedProject(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: starts a Flask app")
	}
	py := python(t, "gunicorn")
	dir := t.TempDir()
	if _, err := generate.Write(dir, generate.Options{Name: "probed", Auth: "session", DB: "sqlite", Uploads: true}, false); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	// SESSION_COOKIE_SECURE=0 only because the test speaks plain HTTP (the
	// generated config's documented override); the probe flags a missing
	// Secure only on https anyway.
	env := []string{"APP_ENV=production", "SECRET_KEY=probe-generated-project-test-key-0123456789abcdef",
		"TRUSTED_HOSTS=127.0.0.1", "SESSION_COOKIE_SECURE=0", "WEB_CONCURRENCY=1",
		"DATABASE=" + filepath.Join(data, "app.sqlite3"), "UPLOAD_FOLDER=" + filepath.Join(data, "uploads")}
	initDB := exec.Command(py, "-m", "flask", "--app", "wsgi", "init-db")
	initDB.Dir = dir
	initDB.Env = append(initDB.Environ(), env...)
	initDB.WaitDelay = 5 * time.Second
	if out, err := initDB.CombinedOutput(); err != nil {
		t.Fatalf("flask init-db: %v\n%s", err, out)
	}
	url := startApp(t, dir, env, py, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", "127.0.0.1:PORT", "wsgi:app")
	res, err := Run(context.Background(), Options{URL: url, Paths: []string{"/auth/login"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) > 0 {
		for _, f := range res.Findings {
			t.Errorf("%s: %s\n%s", f.RuleID, f.Message, f.Evidence)
		}
		t.Errorf("want no finding on the generated project; observations %q", res.Observations)
	}
	for _, id := range append(families, ruleHost) {
		if _, ok := res.Checked[id]; !ok {
			t.Errorf("%s: want the rule checked; observations %q", id, res.Observations)
		}
	}
}
