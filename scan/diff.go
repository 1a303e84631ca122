package scan

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/flasksec/flasksec/rules"
)

// ChangedLines is the set of lines changed since a git revision, per file
// (paths relative to the scanned root). A file in New is new or untracked:
// all its lines count as changed.
type ChangedLines struct {
	Lines map[string]map[int]bool
	New   map[string]bool
}

// Touches reports whether a finding's lines were changed. A finding
// without a line (about a whole file) is kept when its file changed.
func (c *ChangedLines) Touches(loc rules.Location) bool {
	if c.New[loc.Path] {
		return true
	}
	lines, ok := c.Lines[loc.Path]
	if !ok {
		return false
	}
	if loc.StartLine <= 0 {
		return true
	}
	end := max(loc.EndLine, loc.StartLine)
	for n := loc.StartLine; n <= end; n++ {
		if lines[n] {
			return true
		}
	}
	return false
}

// GitChangedLines runs git (from PATH) to find the lines changed between
// rev and the working tree under root, plus untracked files.
//
// The scanned repository is not trusted: its .git/config and
// .gitattributes can name commands that git runs while diffing (an
// fsmonitor hook, textconv and external diff drivers, clean filters,
// hooks, lazy fetches through a configured transport). Every git command
// runs with those features turned off (see gitArgs and gitEnv), and the
// clean filters the repository's configuration defines are neutralised
// one by one, so that no command configured by the repository runs.
func GitChangedLines(ctx context.Context, root, rev string) (*ChangedLines, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("--diff %s: a revision cannot start with '-'", rev)
	}
	if _, err := exec.LookPath("git"); err != nil {
		return nil, errors.New("--diff needs git, which is not in PATH")
	}
	dir := root
	if st, err := os.Stat(root); err == nil && !st.IsDir() {
		dir = filepath.Dir(root)
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("--diff: %w", err)
	}
	if real, err := filepath.EvalSymlinks(absDir); err == nil {
		absDir = real
	}
	g := &gitRunner{dir: absDir}
	top, err := g.run(ctx, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("--diff: %s is not inside a git repository", dir)
	}
	top = strings.TrimSpace(top)
	if err := g.neutraliseFilters(ctx); err != nil {
		return nil, fmt.Errorf("--diff: %w", err)
	}
	if _, err := g.run(ctx, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("--diff: unknown git revision %q", rev)
	}
	out, err := g.run(ctx, "diff", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", "--ignore-submodules=all", rev, "--", ".")
	if err != nil {
		return nil, fmt.Errorf("--diff: git diff %s: %v", rev, err)
	}
	// Paths from git are relative to the repository's top folder; the
	// findings' are relative to the scanned folder.
	prefix, err := filepath.Rel(top, absDir)
	if err != nil {
		return nil, fmt.Errorf("--diff: %w", err)
	}
	prefix = filepath.ToSlash(prefix)
	if prefix == "." {
		prefix = ""
	} else {
		prefix += "/"
	}
	c, err := parseUnifiedDiff([]byte(out), prefix)
	if err != nil {
		return nil, fmt.Errorf("--diff: %w", err)
	}
	untracked, err := g.run(ctx, "ls-files", "-z", "--others", "--exclude-standard", "--full-name", "--", ".")
	if err != nil {
		return nil, fmt.Errorf("--diff: git ls-files: %v", err)
	}
	for _, p := range strings.Split(untracked, "\x00") {
		if p != "" && strings.HasPrefix(p, prefix) {
			c.New[strings.TrimPrefix(p, prefix)] = true
		}
	}
	return c, nil
}

// safeGitConfig is the configuration given on git's command line, which
// overrides the repository's: every setting that makes git run a
// command, write to the repository or reach the network while it reads
// a diff is turned off.
var safeGitConfig = []string{
	"core.fsmonitor=false",         // a hook program run at every index read
	"core.untrackedCache=false",    // no index rewrite (and fsmonitor's companion)
	"core.hooksPath=/dev/null",     // no hooks (post-index-change, ...)
	"core.pager=cat",               // never a pager
	"core.sshCommand=",             // no transport at all ...
	"protocol.allow=never",         // ... not even a partial clone's lazy fetch
	"diff.external=",               // no external diff program
	"gc.auto=0",                    // no background maintenance
	"maintenance.auto=false",       //
	"safe.bareRepository=explicit", // no bare repository planted in the tree
}

// gitRunner runs git commands in one folder with the safe settings and,
// once known, the neutralised filter drivers.
type gitRunner struct {
	dir     string
	filters []string // extra "key=value" settings for the repository's filter drivers
}

// maxFilterDrivers bounds the number of filter drivers a repository may
// configure before --diff refuses it (each becomes command-line settings).
const maxFilterDrivers = 100

// neutraliseFilters lists the filter drivers of the repository's
// configuration (filter.<name>.clean/smudge/process, which git runs on
// working-tree files while diffing) and overrides each with an empty
// command that is not required, so that git compares the raw content.
// Reading the configuration runs nothing.
func (g *gitRunner) neutraliseFilters(ctx context.Context) error {
	out, err := g.run(ctx, "config", "-z", "--get-regexp", `^filter\.`)
	if err != nil {
		// Exit status 1 means no such key; anything else is no worse than
		// no filter (the commands below still refuse to run one).
		return nil
	}
	seen := map[string]bool{}
	for _, entry := range strings.Split(out, "\x00") {
		key, _, _ := strings.Cut(entry, "\n")
		rest, ok := strings.CutPrefix(key, "filter.")
		if !ok {
			continue
		}
		i := strings.LastIndexByte(rest, '.')
		if i <= 0 {
			continue
		}
		name := rest[:i]
		if seen[name] {
			continue
		}
		if strings.ContainsAny(name, "=\n") {
			return errors.New("the repository's configuration names a filter driver that cannot be turned off on git's command line; not running git diff there")
		}
		seen[name] = true
		if len(seen) > maxFilterDrivers {
			return fmt.Errorf("the repository's configuration defines more than %d filter drivers; not running git diff there", maxFilterDrivers)
		}
		for _, v := range []string{"clean=", "smudge=", "process=", "required=false"} {
			g.filters = append(g.filters, "filter."+name+"."+v)
		}
	}
	return nil
}

// gitArgs returns the full argument list of a git command: the safe
// settings, the neutralised filters, no pager, and the folder.
func (g *gitRunner) gitArgs(args []string) []string {
	full := make([]string, 0, 2*(len(safeGitConfig)+len(g.filters))+4+len(args))
	for _, kv := range safeGitConfig {
		full = append(full, "-c", kv)
	}
	for _, kv := range g.filters {
		full = append(full, "-c", kv)
	}
	full = append(full, "--no-pager", "-C", g.dir)
	return append(full, args...)
}

// keptGitEnv are the GIT_* variables of the user's environment passed on:
// where the user's own (trusted) configuration lives, which carries
// safe.directory, and the ceiling that stops the repository search. Every
// other GIT_* variable (GIT_DIR, GIT_CONFIG_PARAMETERS, GIT_EXTERNAL_DIFF,
// GIT_EXEC_PATH, ...) is dropped: each could change the repository read
// or the commands git runs.
var keptGitEnv = map[string]bool{"GIT_CONFIG_GLOBAL": true, "GIT_CEILING_DIRECTORIES": true}

// gitEnv returns git's environment: the user's minus the GIT_* variables
// that change the repository, configuration or programs, plus settings
// that keep git from writing, prompting, fetching or paging. The system
// configuration is not read; the user's global one is (safe.directory
// lives there, and git refuses a repository owned by someone else unless
// the user trusts it).
func gitEnv(environ []string) []string {
	out := make([]string, 0, len(environ)+8)
	for _, kv := range environ {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GIT_") && !keptGitEnv[k] {
			continue
		}
		switch k {
		case "LC_ALL", "PAGER", "LESS", "EDITOR", "VISUAL":
			continue
		}
		out = append(out, kv)
	}
	return append(out,
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_ATTR_NOSYSTEM=1",
		"GIT_OPTIONAL_LOCKS=0",
		"GIT_TERMINAL_PROMPT=0",
		"GIT_NO_LAZY_FETCH=1",
		"GIT_PAGER=cat",
		"PAGER=cat",
		"LC_ALL=C",
	)
}

// run runs a git command and returns its standard output.
func (g *gitRunner) run(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", g.gitArgs(args)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Stdin = nil
	cmd.Env = gitEnv(os.Environ())
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return "", errors.New(msg)
	}
	return stdout.String(), nil
}

// parseUnifiedDiff reads the output of git diff -U0 and returns the
// changed lines of the new side, for paths under prefix (with the prefix
// removed).
func parseUnifiedDiff(out []byte, prefix string) (*ChangedLines, error) {
	c := &ChangedLines{Lines: map[string]map[int]bool{}, New: map[string]bool{}}
	var cur string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "+++ "):
			name := strings.TrimPrefix(line, "+++ ")
			cur = ""
			if name == "/dev/null" {
				continue
			}
			name = unquoteGitPath(strings.TrimPrefix(name, "b/"))
			if strings.HasPrefix(name, prefix) {
				cur = strings.TrimPrefix(name, prefix)
				if c.Lines[cur] == nil {
					c.Lines[cur] = map[int]bool{}
				}
			}
		case strings.HasPrefix(line, "@@ ") && cur != "":
			start, count, err := hunkNew(line)
			if err != nil {
				return nil, err
			}
			for n := start; n < start+count; n++ {
				c.Lines[cur][n] = true
			}
		}
	}
	return c, sc.Err()
}

// hunkNew parses the new-side range of a hunk header "@@ -a,b +c,d @@".
func hunkNew(h string) (start, count int, err error) {
	fields := strings.Fields(h)
	if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
		return 0, 0, fmt.Errorf("bad hunk header %q", h)
	}
	r := strings.TrimPrefix(fields[2], "+")
	count = 1
	if s, cnt, ok := strings.Cut(r, ","); ok {
		r = s
		if count, err = strconv.Atoi(cnt); err != nil {
			return 0, 0, fmt.Errorf("bad hunk header %q", h)
		}
	}
	if start, err = strconv.Atoi(r); err != nil {
		return 0, 0, fmt.Errorf("bad hunk header %q", h)
	}
	return start, count, nil
}

// unquoteGitPath undoes git's C-style quoting of unusual path names.
func unquoteGitPath(p string) string {
	if strings.HasPrefix(p, `"`) {
		if u, err := strconv.Unquote(p); err == nil {
			return strings.TrimPrefix(u, "b/")
		}
	}
	return p
}
