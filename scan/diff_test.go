package scan

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// hostileRepo builds a git repository whose configuration and attributes
// name programs at every place git may run one while diffing: an
// fsmonitor hook, textconv, external diff and clean/smudge filter
// drivers, a post-index-change hook and an untracked cache. Each program
// creates a marker file in the returned folder (outside the repository).
// The committed a.py has one line changed in the working tree and new.py
// is untracked.
func hostileRepo(t *testing.T) (repo, markers string) {
	t.Helper()
	repo, markers = t.TempDir(), t.TempDir()
	gitIn := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out.String())
		}
	}
	write(t, repo, map[string]string{"app/a.py": "x = DANGER\ny = 1\nz = DANGER\n"})
	gitIn("init", "-q")
	gitIn("add", ".")
	gitIn("commit", "-q", "-m", "init")
	script := func(name, body string) string {
		p := filepath.Join(markers, name+".sh")
		content := "#!/bin/sh\ntouch '" + filepath.Join(markers, name+".ran") + "'\n" + body + "\n"
		if err := os.WriteFile(p, []byte(content), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, kv := range [][2]string{
		{"core.fsmonitor", script("fsmonitor", "exit 1")},
		{"core.untrackedCache", "true"},
		{"diff.external", script("external", "exit 0")},
		{"diff.evil.textconv", script("textconv", `cat "$1"`)},
		{"diff.evil.command", script("command", "exit 0")},
		{"filter.evil.clean", script("clean", "cat")},
		{"filter.evil.smudge", script("smudge", "cat")},
		{"filter.evil.required", "true"},
		{"core.pager", script("pager", "cat")},
	} {
		gitIn("config", kv[0], kv[1])
	}
	hooks := filepath.Join(repo, ".git", "hooks")
	os.MkdirAll(hooks, 0o755)
	for _, h := range []string{"post-index-change", "pre-commit", "post-checkout"} {
		os.WriteFile(filepath.Join(hooks, h), []byte("#!/bin/sh\ntouch '"+filepath.Join(markers, h+".ran")+"'\n"), 0o755)
	}
	write(t, repo, map[string]string{
		".gitattributes": "*.py diff=evil filter=evil\n",
		"app/a.py":       "x = DANGER\ny = DANGER\nz = DANGER\n",
		"app/new.py":     "n = DANGER\n",
	})
	return repo, markers
}

// ran lists the marker files: the programs of the repository that ran.
func ran(t *testing.T, markers string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(markers, "*.ran"))
	for i := range m {
		m[i] = filepath.Base(m[i])
	}
	sort.Strings(m)
	return m
}

// TestDiffRunsNoCommandOfTheRepository checks that --diff reads the
// changed lines of a hostile repository without running any program its
// configuration names, and that the same repository does run them under
// a plain git diff (so that the test would notice a regression).
func TestDiffRunsNoCommandOfTheRepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	repo, markers := hostileRepo(t)
	for _, root := range []string{repo, filepath.Join(repo, "app")} {
		res := run(t, Options{Root: root, Diff: "HEAD"})
		want := "app/a.py:2 FLASKSEC-TEST-001\napp/new.py:1 FLASKSEC-TEST-001\n"
		if root != repo {
			want = strings.ReplaceAll(want, "app/", "")
		}
		if got := brief(res.Findings); got != want {
			t.Errorf("diff in %s:\n%s\nwant\n%s", root, got, want)
		}
	}
	if got := ran(t, markers); len(got) != 0 {
		t.Fatalf("--diff ran the repository's programs: %v", got)
	}
	// The control: git as a user runs it executes the repository's
	// fsmonitor, clean filter and textconv driver.
	cmd := exec.Command("git", "-C", repo, "diff", "HEAD")
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
	cmd.Run()
	got := strings.Join(ran(t, markers), " ")
	t.Logf("plain git diff ran: %s", got)
	for _, m := range []string{"fsmonitor.ran", "clean.ran", "command.ran"} {
		if !strings.Contains(got, m) {
			t.Errorf("control: plain git diff did not run %s (ran: %s); the hostile repository is not hostile", m, got)
		}
	}
}

func TestGitEnvDropsRepositorySettings(t *testing.T) {
	env := gitEnv([]string{
		"HOME=/home/u", "PATH=/usr/bin", "GIT_DIR=/elsewhere/.git", "GIT_WORK_TREE=/x",
		"GIT_CONFIG_PARAMETERS='core.fsmonitor'='/x/hook'", "GIT_CONFIG_COUNT=1",
		"GIT_CONFIG_KEY_0=diff.external", "GIT_CONFIG_VALUE_0=/x/prog", "GIT_EXTERNAL_DIFF=/x/prog",
		"GIT_EXEC_PATH=/x", "GIT_SSH_COMMAND=/x/ssh", "GIT_CONFIG_GLOBAL=/home/u/.gitconfig",
		"PAGER=/x/pager", "LC_ALL=xx",
	})
	got := strings.Join(env, " ")
	for _, bad := range []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_CONFIG_KEY_0", "GIT_EXTERNAL_DIFF", "GIT_EXEC_PATH", "GIT_SSH_COMMAND", "/x/pager", "LC_ALL=xx"} {
		if strings.Contains(got, bad) {
			t.Errorf("git's environment keeps %s: %s", bad, got)
		}
	}
	for _, good := range []string{"HOME=/home/u", "PATH=/usr/bin", "GIT_CONFIG_GLOBAL=/home/u/.gitconfig", "GIT_CONFIG_NOSYSTEM=1", "GIT_OPTIONAL_LOCKS=0", "LC_ALL=C"} {
		if !strings.Contains(got, good) {
			t.Errorf("git's environment lacks %s: %s", good, got)
		}
	}
}

func TestNeutraliseFiltersRefusesOddDriverNames(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	repo := t.TempDir()
	for _, args := range [][]string{{"init", "-q"}, {"config", "filter.a=b.clean", "cat"}} {
		if out, err := exec.Command("git", append([]string{"-C", repo}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	g := &gitRunner{dir: repo}
	if err := g.neutraliseFilters(context.Background()); err == nil || !strings.Contains(err.Error(), "cannot be turned off") {
		t.Errorf("a filter driver named a=b: %v", err)
	}
}
