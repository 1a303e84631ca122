// Package config holds the user's flasksec settings: the [tool.flasksec]
// table of pyproject.toml or a .flasksec.toml file.
//
// Both files use the same keys (snake_case; a dash may stand for the
// underscore):
//
//	exclude       = ["migrations/**", "tests/"]   # globs, relative to the scanned root
//	enable        = ["FLASK-XSS-001"]             # only these rules (default: all)
//	disable       = ["FLASK-HEADERS-001"]         # never these rules
//	entrypoints   = ["wsgi.py", "bin/*.py"]       # production entrypoints beyond Dockerfile/Procfile
//	sources       = ["myapp.util.read_upload"]    # extra taint sources (dotted names)
//	sinks         = ["myapp.db.raw_query"]        # extra taint sinks
//	sanitizers    = ["myapp.util.clean_html"]     # extra sanitisers
//	nosec         = true                          # honour Bandit's "# nosec"
//	max_file_size = "2MB"                         # or a number of bytes
//	skip_dirs     = ["vendor"]                    # folders never entered, beside the defaults
//	gitignore     = true                          # honour .gitignore files (default true)
//
//	[tool.flasksec.severity]                      # or [severity] in .flasksec.toml
//	FLASK-HOST-001 = "medium"
//
// Unknown keys and values of the wrong type are errors naming the key and
// the file.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/flasksec/flasksec/safefile"
)

// Config is the resolved configuration of one scan. The zero value is the
// default configuration.
type Config struct {
	// Exclude lists extra glob patterns (slash-separated, relative to the
	// scanned root) of files and folders not to scan.
	Exclude []string
	// Enable, when not empty, restricts the scan to these rule IDs.
	Enable []string
	// Disable lists rule IDs not to run.
	Disable []string
	// Severity overrides a rule's severity: rule ID to "critical", "high",
	// "medium" or "low".
	Severity map[string]string
	// Entrypoints lists files (relative paths or globs) that start the app
	// in production, beyond those found in Dockerfiles, Procfiles and the
	// like.
	Entrypoints []string
	// Sources, Sinks and Sanitizers extend the taint engine's tables with
	// dotted names (e.g. "myapp.util.clean_html").
	Sources    []string
	Sinks      []string
	Sanitizers []string
	// Nosec makes Bandit's "# nosec" comments suppress findings too.
	Nosec bool
	// MaxFileSize is the largest file read, in bytes; 0 means the default.
	MaxFileSize int64
	// File is the configuration file this came from; "" for defaults.
	File string
	// Shadowed is the other configuration file of File's folder that
	// also holds flasksec settings (pyproject.toml's [tool.flasksec] when
	// .flasksec.toml is used), which are not used; "" when there is none.
	Shadowed string

	// SkipDirs lists folder names never entered, in addition to the
	// loader's defaults (virtual environments, caches, build output).
	SkipDirs []string
	// NoDefaultSkipDirs turns the loader's default skip list off, so that
	// only SkipDirs (and .gitignore) apply.
	NoDefaultSkipDirs bool
	// NoGitignore makes the loader ignore .gitignore files.
	NoGitignore bool
}

// MaxFileSize is the largest configuration file read. A configuration
// file is read only when it is a regular file (a link to one is followed
// only inside the scanned folder), so that a named pipe or a link to
// /dev/zero cannot hang or exhaust the scan.
const MaxFileSize = 4 << 20

// FileNames are the configuration files looked for in the scanned root,
// in order of preference.
var FileNames = []string{".flasksec.toml", "pyproject.toml"}

// Keys are the configuration keys, sorted ("sanitisers" is accepted for
// "sanitizers", and a dash for an underscore).
var Keys = []string{"default_skip_dirs", "disable", "enable", "entrypoints", "exclude", "gitignore",
	"max_file_size", "nosec", "sanitizers", "severity", "sinks", "skip_dirs", "sources"}

// ruleIDRE is the shape of a rule ID; familyRE also accepts a family
// ("FLASK-INJECT") where a list of rules is meant.
var (
	ruleIDRE = regexp.MustCompile(`^FLASK(?:SEC)?-[A-Z0-9]+-[0-9]{3}$`)
	familyRE = regexp.MustCompile(`^FLASK(?:SEC)?-[A-Z0-9]+(?:-[0-9]{3})?$`)
)

// Find loads the configuration of the project rooted at dir: the first of
// .flasksec.toml and pyproject.toml (with a [tool.flasksec] table) found
// there. It returns the default configuration when there is none. When dir
// is a file, its folder is searched. A configuration file that is not a
// regular file, is larger than MaxFileSize, or is a link leading out of
// dir is an error.
func Find(dir string) (*Config, error) {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		dir = filepath.Dir(dir)
	}
	for _, name := range FileNames {
		p := filepath.Join(dir, name)
		raw, err := safefile.ReadInTree(dir, name, MaxFileSize)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("reading config %s: %w", p, err)
		}
		cfg, found, err := Parse(p, raw)
		if err != nil {
			return nil, err
		}
		if found {
			cfg.Shadowed = shadowed(dir, name)
			return cfg, nil
		}
	}
	return &Config{}, nil
}

// shadowed returns the path of a configuration file of dir, after used in
// FileNames' order, that also holds flasksec settings, or "".
func shadowed(dir, used string) string {
	after := false
	for _, name := range FileNames {
		if name == used {
			after = true
			continue
		}
		if !after {
			continue
		}
		raw, err := safefile.ReadInTree(dir, name, MaxFileSize)
		if err != nil {
			continue
		}
		p := filepath.Join(dir, name)
		if _, found, err := Parse(p, raw); found || err != nil && hasFlasksecTable(raw) {
			return p
		}
	}
	return ""
}

// hasFlasksecTable reports whether a pyproject.toml that does not parse
// as a flasksec configuration still names a [tool.flasksec] table.
func hasFlasksecTable(raw []byte) bool {
	return strings.Contains(string(raw), "[tool.flasksec")
}

// LoadFile loads the configuration file at path: a pyproject.toml (its
// [tool.flasksec] table) or any other TOML file holding the keys at top
// level. A pyproject.toml without the table gives the defaults.
func LoadFile(path string) (*Config, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	raw, err := safefile.Read(real, MaxFileSize, nil)
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	cfg, _, err := Parse(path, raw)
	return cfg, err
}

// Parse parses the TOML text of the configuration file named name. For a
// file called pyproject.toml the settings are the [tool.flasksec] table,
// and found says whether there is one; for any other name they are the
// top-level keys and found is true.
func Parse(name string, raw []byte) (cfg *Config, found bool, err error) {
	var doc map[string]any
	if _, err := toml.Decode(string(raw), &doc); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, false, fmt.Errorf("%s:%d: TOML syntax error: %s", name, pe.Position.Line, hideValues(pe.Message))
		}
		return nil, false, fmt.Errorf("%s: TOML syntax error: %s", name, hideValues(err.Error()))
	}
	prefix := ""
	table := doc
	if filepath.Base(name) == "pyproject.toml" {
		prefix = "tool.flasksec."
		tool, _ := doc["tool"].(map[string]any)
		t, ok := tool["flasksec"]
		if !ok {
			return &Config{}, false, nil
		}
		if table, ok = t.(map[string]any); !ok {
			return nil, false, fmt.Errorf("%s: tool.flasksec must be a table", name)
		}
	}
	cfg = &Config{File: name}
	d := decoder{file: name, prefix: prefix}
	keys := make([]string, 0, len(table))
	for k := range table {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		d.set(cfg, k, table[k])
	}
	if len(d.errs) > 0 {
		return nil, false, errors.Join(d.errs...)
	}
	return cfg, true, nil
}

// quotedRE matches the double-quoted fragments of source text the TOML
// parser puts in its messages ("expected value but found \"hunter2\"").
var quotedRE = regexp.MustCompile(`"[^"]*"`)

// hideValues removes fragments of the file's text from a parser message:
// the broken line may hold a secret, and error messages must never show
// one. Key names, which the parser quotes with single quotes, stay.
func hideValues(msg string) string {
	return quotedRE.ReplaceAllString(msg, "(text hidden)")
}

// decoder collects the errors of one table.
type decoder struct {
	file, prefix string
	errs         []error
}

func (d *decoder) fail(key, format string, args ...any) {
	d.errs = append(d.errs, fmt.Errorf("%s: %s%s: %s", d.file, d.prefix, key, fmt.Sprintf(format, args...)))
}

func (d *decoder) set(cfg *Config, key string, v any) {
	switch strings.ReplaceAll(key, "-", "_") {
	case "exclude":
		cfg.Exclude = d.globs(key, v)
	case "enable":
		cfg.Enable = d.ruleIDs(key, v)
	case "disable":
		cfg.Disable = d.ruleIDs(key, v)
	case "entrypoints":
		cfg.Entrypoints = d.globs(key, v)
	case "sources":
		cfg.Sources = d.dotted(key, v)
	case "sinks":
		cfg.Sinks = d.dotted(key, v)
	case "sanitizers", "sanitisers":
		cfg.Sanitizers = d.dotted(key, v)
	case "skip_dirs":
		cfg.SkipDirs = d.strings(key, v)
	case "default_skip_dirs":
		if b, ok := d.bool(key, v); ok {
			cfg.NoDefaultSkipDirs = !b
		}
	case "gitignore":
		if b, ok := d.bool(key, v); ok {
			cfg.NoGitignore = !b
		}
	case "nosec":
		if b, ok := d.bool(key, v); ok {
			cfg.Nosec = b
		}
	case "max_file_size":
		cfg.MaxFileSize = d.size(key, v)
	case "severity":
		t, ok := v.(map[string]any)
		if !ok {
			d.fail(key, "want a table of rule ID = \"critical\"|\"high\"|\"medium\"|\"low\", got %s", typeName(v))
			return
		}
		cfg.Severity = make(map[string]string, len(t))
		ids := make([]string, 0, len(t))
		for id := range t {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			sub := key + "." + id
			if !ruleIDRE.MatchString(id) {
				d.fail(sub, "%q is not a rule ID (want FLASK-FAMILY-NNN or FLASKSEC-FAMILY-NNN)", id)
				continue
			}
			s, ok := t[id].(string)
			if !ok {
				d.fail(sub, "want a string, got %s", typeName(t[id]))
				continue
			}
			switch l := strings.ToLower(s); l {
			case "critical", "high", "medium", "low":
				cfg.Severity[id] = l
			default:
				d.fail(sub, "unknown severity %q (want critical, high, medium or low)", s)
			}
		}
	default:
		d.fail(key, "unknown key%s (known: %s)", didYouMean(strings.ReplaceAll(key, "-", "_"), Keys), strings.Join(Keys, ", "))
	}
}

func (d *decoder) strings(key string, v any) []string {
	list, ok := v.([]any)
	if !ok {
		d.fail(key, "want a list of strings, got %s", typeName(v))
		return nil
	}
	out := make([]string, 0, len(list))
	for i, e := range list {
		s, ok := e.(string)
		if !ok {
			d.fail(fmt.Sprintf("%s[%d]", key, i), "want a string, got %s", typeName(e))
			continue
		}
		out = append(out, s)
	}
	return out
}

func (d *decoder) globs(key string, v any) []string {
	out := d.strings(key, v)
	for i, g := range out {
		if err := CheckGlob(g); err != nil {
			d.fail(fmt.Sprintf("%s[%d]", key, i), "%v", err)
		}
	}
	return out
}

func (d *decoder) ruleIDs(key string, v any) []string {
	out := d.strings(key, v)
	for i, id := range out {
		if !familyRE.MatchString(id) {
			d.fail(fmt.Sprintf("%s[%d]", key, i), "%q is not a rule ID or family (want FLASK-FAMILY-NNN, FLASKSEC-FAMILY-NNN or FLASK-FAMILY)", id)
		}
	}
	return out
}

var dottedRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$`)

func (d *decoder) dotted(key string, v any) []string {
	out := d.strings(key, v)
	for i, s := range out {
		if !dottedRE.MatchString(s) {
			d.fail(fmt.Sprintf("%s[%d]", key, i), "%q is not a dotted Python name (want e.g. \"myapp.util.clean\")", s)
		}
	}
	return out
}

func (d *decoder) bool(key string, v any) (bool, bool) {
	b, ok := v.(bool)
	if !ok {
		d.fail(key, "want true or false, got %s", typeName(v))
	}
	return b, ok
}

// size accepts a number of bytes or a string such as "512KB", "2MB", "1GB"
// (powers of 1024).
func (d *decoder) size(key string, v any) int64 {
	switch v := v.(type) {
	case int64:
		if v <= 0 {
			d.fail(key, "invalid size (want a positive number of bytes)")
			return 0
		}
		return v
	case string:
		n, err := ParseSize(v)
		if err != nil {
			d.fail(key, "%v", err)
		}
		return n
	}
	d.fail(key, "want a number of bytes or a string such as \"2MB\", got %s", typeName(v))
	return 0
}

// ParseSize parses a size such as "2048", "512KB", "2MB" or "1GB" (units
// are powers of 1024, case-insensitive, the B optional).
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimSuffix(t, "B")
	mult := int64(1)
	switch {
	case strings.HasSuffix(t, "K"):
		mult, t = 1<<10, strings.TrimSuffix(t, "K")
	case strings.HasSuffix(t, "M"):
		mult, t = 1<<20, strings.TrimSuffix(t, "M")
	case strings.HasSuffix(t, "G"):
		mult, t = 1<<30, strings.TrimSuffix(t, "G")
	}
	n, err := strconv.ParseInt(strings.TrimSpace(t), 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		// The value is not echoed: a string pasted in the wrong place may
		// be a secret.
		return 0, errors.New("invalid size (want a positive number of bytes, or a number followed by KB, MB or GB such as \"512KB\" or \"2MB\")")
	}
	return n * mult, nil
}

// CheckGlob reports whether g is a well-formed glob pattern for Exclude
// and Entrypoints.
func CheckGlob(g string) error {
	if strings.TrimSpace(g) == "" {
		return errors.New("empty glob")
	}
	for _, part := range strings.Split(strings.Trim(g, "/"), "/") {
		if part == "**" {
			continue
		}
		if _, err := path.Match(part, ""); err != nil {
			return fmt.Errorf("bad glob %q: %v", g, err)
		}
	}
	return nil
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// Match reports whether the slash-separated relative path rel, or one of
// its parent folders, matches the glob pattern g. A pattern without a
// slash matches a name at any depth ("*.pyc", "migrations"); a pattern
// with one is anchored at the root ("app/legacy/*.py"); "**" matches any
// number of folders ("**/tests/**"); a trailing slash matches folders
// only, that is every path below them; a leading slash anchors a name
// at the root ("/build").
func Match(g, rel string) bool {
	dirOnly := strings.HasSuffix(g, "/")
	anchored := strings.HasPrefix(g, "/")
	g = strings.Trim(g, "/")
	if g == "" {
		return false
	}
	parts := strings.Split(rel, "/")
	pat := strings.Split(g, "/")
	if len(pat) == 1 && !anchored && g != "**" {
		// A name: any segment (a folder, or the file itself unless dirOnly).
		last := len(parts)
		if dirOnly {
			last--
		}
		for _, seg := range parts[:max(last, 0)] {
			if ok, _ := path.Match(g, seg); ok {
				return true
			}
		}
		return false
	}
	// Anchored: the pattern must match a prefix of the path (the path
	// itself, or a parent folder).
	for n := len(parts); n >= 1; n-- {
		if dirOnly && n == len(parts) {
			continue
		}
		if matchSegs(pat, parts[:n]) {
			return true
		}
	}
	return false
}

// matchSegs matches pattern segments against path segments, "**"
// standing for zero or more segments.
func matchSegs(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			rest := pat[1:]
			for i := 0; i <= len(segs); i++ {
				if matchSegs(rest, segs[i:]) {
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
