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
	top, err := git(ctx, absDir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("--diff: %s is not inside a git repository", dir)
	}
	top = strings.TrimSpace(top)
	if _, err := git(ctx, absDir, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("--diff: unknown git revision %q", rev)
	}
	out, err := git(ctx, absDir, "diff", "-U0", "--no-color", "--no-ext-diff", "--no-renames", rev, "--", ".")
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
	untracked, err := git(ctx, absDir, "ls-files", "--others", "--exclude-standard", "--full-name", "--", ".")
	if err != nil {
		return nil, fmt.Errorf("--diff: git ls-files: %v", err)
	}
	for _, p := range strings.Split(untracked, "\n") {
		if p = strings.TrimSpace(p); p != "" && strings.HasPrefix(p, prefix) {
			c.New[strings.TrimPrefix(p, prefix)] = true
		}
	}
	return c, nil
}

// git runs a git command in dir and returns its standard output.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "LC_ALL=C")
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
