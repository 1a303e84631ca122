package project

import (
	"bufio"
	"bytes"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// ignorePattern is one line of a .gitignore file.
type ignorePattern struct {
	negate   bool     // "!pattern": re-include
	dirOnly  bool     // "pattern/": folders only
	anchored bool     // a slash at the start or in the middle: relative to the file's folder
	segs     []string // the pattern split at slashes ("**" kept as a segment)
}

// ignoreFile is the patterns of one .gitignore, and the folder (relative
// to the scanned root, "" for the root) they apply under. For a file of a
// folder above the scanned root (the scan of a sub-folder of a git
// repository), base is "" and outer is the scanned root's path relative to
// that folder, which is put in front of the paths matched.
type ignoreFile struct {
	base     string
	outer    string
	patterns []ignorePattern
}

// parseGitignore parses the text of a .gitignore found in folder base,
// with git's rules: blank lines and "#" comments are ignored, trailing
// unescaped spaces dropped, "\" escapes a leading "#" or "!", "!" negates,
// a trailing "/" matches folders only, a slash elsewhere anchors the
// pattern to base, and "**" matches any number of folders.
func parseGitignore(base string, text []byte) *ignoreFile {
	f := &ignoreFile{base: base}
	sc := bufio.NewScanner(bytes.NewReader(text))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		for strings.HasSuffix(line, " ") && !strings.HasSuffix(line, `\ `) {
			line = line[:len(line)-1]
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var p ignorePattern
		if strings.HasPrefix(line, "!") {
			p.negate, line = true, line[1:]
		} else if strings.HasPrefix(line, `\!`) || strings.HasPrefix(line, `\#`) {
			line = line[1:]
		}
		if strings.HasSuffix(line, "/") {
			p.dirOnly, line = true, strings.TrimRight(line, "/")
		}
		if line == "" {
			continue
		}
		p.anchored = strings.Contains(line, "/")
		line = strings.TrimPrefix(line, "/")
		for _, s := range strings.Split(line, "/") {
			// git's "[!a]" is path.Match's "[^a]"; "\ " is a literal space.
			s = strings.ReplaceAll(s, "[!", "[^")
			s = strings.ReplaceAll(s, `\ `, " ")
			p.segs = append(p.segs, s)
		}
		if !p.anchored && p.segs[0] == "**" {
			p.anchored = true
		}
		f.patterns = append(f.patterns, p)
	}
	return f
}

// match reports whether the pattern matches rel, a path relative to the
// .gitignore's folder.
func (p *ignorePattern) match(rel string, isDir bool) bool {
	if p.dirOnly && !isDir {
		return false
	}
	if !p.anchored {
		ok, _ := path.Match(p.segs[0], path.Base(rel))
		return ok
	}
	return globSegs(p.segs, strings.Split(rel, "/"))
}

// globSegs matches pattern segments against path segments; "**" stands
// for zero or more segments.
func globSegs(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(segs); i++ {
				if globSegs(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], segs[0]); !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}

// ignorer is the stack of .gitignore files that apply at a point of the
// walk, outermost first.
type ignorer []*ignoreFile

// ignored reports whether rel (relative to the scanned root) is ignored:
// the last matching pattern wins, deeper files overriding shallower ones.
// A path inside an ignored folder never gets here, as git would have it,
// since the walk does not enter ignored folders.
func (ig ignorer) ignored(rel string, isDir bool) bool {
	ignored := false
	for _, f := range ig {
		sub := rel
		if f.base != "" {
			if !strings.HasPrefix(rel, f.base+"/") {
				continue
			}
			sub = rel[len(f.base)+1:]
		}
		if f.outer != "" {
			sub = f.outer + "/" + sub
		}
		for i := range f.patterns {
			p := &f.patterns[i]
			if p.negate == ignored && p.match(sub, isDir) {
				ignored = !p.negate
			}
		}
	}
	return ignored
}

// outerIgnores returns the ignore files that apply to a scanned root from
// above it, when the root is inside a git work tree: the repository's
// .git/info/exclude, then the .gitignore of each folder from the top of
// the work tree down to the root's parent. The root's own .gitignore and
// those below it are read by the walk. Outside a git work tree there are
// none. Folders above the root are never tested against the patterns:
// scanning an ignored folder explicitly scans it.
func outerIgnores(root string) ignorer {
	var chain []string // root's ancestors, nearest first, up to the work tree's top
	top := ""
	for d := root; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			top = d
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			return nil
		}
		d = parent
		chain = append(chain, d)
	}
	outer := func(dir string) string {
		r, err := filepath.Rel(dir, root)
		if err != nil || r == "." {
			return ""
		}
		return filepath.ToSlash(r)
	}
	var ig ignorer
	if raw, _ := readIgnoreFile(top, ".git/info/exclude"); raw != nil {
		f := parseGitignore("", raw)
		f.outer = outer(top)
		ig = append(ig, f)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		rel, err := filepath.Rel(top, filepath.Join(chain[i], ".gitignore"))
		if err != nil {
			continue
		}
		if raw, _ := readIgnoreFile(top, filepath.ToSlash(rel)); raw != nil {
			f := parseGitignore("", raw)
			f.outer = outer(chain[i])
			ig = append(ig, f)
		}
	}
	return ig
}
