package deps

import (
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// pyprojectDoc is the part of pyproject.toml the package reads.
type pyprojectDoc struct {
	Project struct {
		Dependencies         []string            `toml:"dependencies"`
		OptionalDependencies map[string][]string `toml:"optional-dependencies"`
	} `toml:"project"`
	// DependencyGroups is PEP 735's [dependency-groups]: lists of PEP 508
	// strings and {include-group = "..."} tables.
	DependencyGroups map[string][]any `toml:"dependency-groups"`
	Tool             struct {
		Poetry struct {
			Dependencies    map[string]any `toml:"dependencies"`
			DevDependencies map[string]any `toml:"dev-dependencies"`
			Group           map[string]struct {
				Dependencies map[string]any `toml:"dependencies"`
			} `toml:"group"`
		} `toml:"poetry"`
		UV struct {
			DevDependencies []string `toml:"dev-dependencies"`
		} `toml:"uv"`
	} `toml:"tool"`
}

// ParsePyProject parses the dependencies of a pyproject.toml: PEP 621
// [project] dependencies and optional-dependencies, PEP 735
// [dependency-groups], uv's tool.uv.dev-dependencies, and Poetry's
// [tool.poetry.dependencies], dev-dependencies and groups (Poetry's ^ and
// ~ constraints are translated to PEP 440 ranges). A file that is not
// valid TOML yields one error and no requirements.
func ParsePyProject(relPath string, src []byte) *File {
	f := &File{Path: relPath, Format: PyProject}
	var doc pyprojectDoc
	if _, err := toml.Decode(string(src), &doc); err != nil {
		f.Errors = append(f.Errors, tomlError(relPath, err))
		return f
	}
	ix := newTOMLIndex(src)
	projectLine := ix.headerLine("project")
	f.addPEP508List(ix, doc.Project.Dependencies, "", projectLine, "project")
	for _, group := range sortedKeys(doc.Project.OptionalDependencies) {
		from := projectLine
		for _, t := range ix.table("project.optional-dependencies") {
			if l := ix.keyLine(t, group); l > 0 {
				from = l
			}
		}
		f.addPEP508List(ix, doc.Project.OptionalDependencies[group], group, from,
			"project.optional-dependencies", "project")
	}
	for _, group := range sortedKeys(doc.DependencyGroups) {
		from := ix.headerLine("dependency-groups")
		for _, t := range ix.table("dependency-groups") {
			if l := ix.keyLine(t, group); l > 0 {
				from = l
			}
		}
		var list []string
		for _, item := range doc.DependencyGroups[group] {
			if s, ok := item.(string); ok {
				list = append(list, s)
			}
		}
		f.addPEP508List(ix, list, group, from, "dependency-groups")
	}
	f.addPEP508List(ix, doc.Tool.UV.DevDependencies, "dev", ix.headerLine("tool.uv"), "tool.uv")

	poetry := doc.Tool.Poetry
	f.addPoetryTable(ix, poetry.Dependencies, "", "tool.poetry.dependencies")
	f.addPoetryTable(ix, poetry.DevDependencies, "dev", "tool.poetry.dev-dependencies")
	groups := make([]string, 0, len(poetry.Group))
	for g := range poetry.Group {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	for _, g := range groups {
		f.addPoetryTable(ix, poetry.Group[g].Dependencies, g, "tool.poetry.group."+g+".dependencies")
	}
	return f
}

func tomlError(relPath string, err error) *ParseError {
	var pe toml.ParseError
	if e, ok := err.(toml.ParseError); ok {
		pe = e
		return &ParseError{Path: relPath, Line: pe.Position.Line, Msg: "invalid TOML: " + pe.Message}
	}
	return &ParseError{Path: relPath, Msg: "invalid TOML: " + err.Error()}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// addPEP508List adds a list of PEP 508 strings, locating each at the
// next line (from the 1-based line from on) of the named tables that
// holds it as a string literal.
func (f *File) addPEP508List(ix *tomlIndex, list []string, group string, from int, tables ...string) {
	cursor := from
	for _, s := range list {
		line := ix.stringLine(s, cursor, tables...)
		if line == 0 {
			line = max(from, 1)
		} else {
			cursor = line + 1
		}
		r, err := ParsePEP508(s)
		if err != nil {
			f.errorf(line, "%v", err)
			continue
		}
		r.Group = group
		f.add(r, line)
	}
}

// addPoetryTable adds the entries of a Poetry dependency table, each at
// the line of its key. The "python" entry (the interpreter constraint)
// is not a dependency.
func (f *File) addPoetryTable(ix *tomlIndex, deps map[string]any, group, table string) {
	names := sortedKeys(deps)
	type located struct {
		name string
		line int
	}
	var items []located
	for _, name := range names {
		if strings.EqualFold(name, "python") {
			continue
		}
		line := 0
		for _, t := range ix.table(table) {
			if l := ix.keyLine(t, name); l > 0 {
				line = l
				break
			}
		}
		if line == 0 {
			// A sub-table: [tool.poetry.dependencies.flask].
			line = ix.headerLine(table + "." + name)
		}
		if line == 0 {
			line = max(ix.headerLine(table), 1)
		}
		items = append(items, located{name, line})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].line < items[j].line })
	for _, it := range items {
		r, err := poetryRequirement(it.name, deps[it.name])
		if err != nil {
			f.errorf(it.line, "%v", err)
			continue
		}
		r.Group = group
		f.add(r, it.line)
	}
}

// poetryRequirement turns one Poetry dependency entry (a constraint
// string, a table, or a list of tables for several environments) into a
// requirement.
func poetryRequirement(name string, value any) (Requirement, error) {
	if !validName(name) {
		return Requirement{}, fmt.Errorf("invalid project name %q", name)
	}
	r := Requirement{Name: name, Key: NormalizeName(name)}
	switch v := value.(type) {
	case string:
		return r, r.setPoetryConstraint(v)
	case map[string]any:
		return r, r.setPoetryTable(v)
	case []map[string]any:
		// Several constraints, one per environment: keep the entry
		// unpinned unless every one pins the same version.
		var pinned string
		for i, m := range v {
			var one Requirement
			if err := one.setPoetryTable(m); err != nil {
				return r, err
			}
			if one.Version == "" || (i > 0 && one.Version != pinned) {
				pinned = ""
				break
			}
			pinned = one.Version
		}
		if pinned != "" {
			return r, r.setPoetryConstraint(pinned)
		}
		r.SpecText = "(several constraints)"
		return r, nil
	case []any:
		tables := make([]map[string]any, 0, len(v))
		for _, x := range v {
			m, ok := x.(map[string]any)
			if !ok {
				return r, fmt.Errorf("dependency %s: unexpected list item %v", name, x)
			}
			tables = append(tables, m)
		}
		return poetryRequirement(name, tables)
	}
	return r, fmt.Errorf("dependency %s: unexpected value %v", name, value)
}

func (r *Requirement) setPoetryTable(m map[string]any) error {
	for _, k := range []string{"git", "url", "path", "file"} {
		if s, ok := m[k].(string); ok {
			r.URL = s
		}
	}
	if b, ok := m["develop"].(bool); ok && b {
		r.Editable = true
	}
	if b, ok := m["editable"].(bool); ok && b {
		r.Editable = true
	}
	if list, ok := m["extras"].([]any); ok {
		for _, e := range list {
			if s, ok := e.(string); ok {
				r.Extras = append(r.Extras, s)
			}
		}
	}
	if s, ok := m["markers"].(string); ok {
		r.Marker = s
	}
	if s, ok := m["version"].(string); ok && r.URL == "" {
		return r.setPoetryConstraint(s)
	}
	return nil
}

// setPoetryConstraint translates a Poetry version constraint into a PEP
// 440 specifier set: "^1.2.3" is ">=1.2.3,<2.0.0", "^0.2.3" is
// ">=0.2.3,<0.3.0", "~1.2.3" is ">=1.2.3,<1.3.0", "1.2.*" is "==1.2.*",
// "*" is any version and a bare "1.2.3" is "==1.2.3". Clauses may be
// separated by commas or spaces. An "||" alternative is kept as an
// unparsed range (never pinned).
func (r *Requirement) setPoetryConstraint(s string) error {
	s = strings.TrimSpace(s)
	r.SpecText = s
	if s == "" || s == "*" {
		return nil
	}
	if strings.Contains(s, "||") {
		return nil
	}
	var clauses []string
	for _, part := range strings.FieldsFunc(s, func(c rune) bool { return c == ',' }) {
		part = strings.TrimSpace(part)
		// "  >= 1.2  < 2" (space separated): split before each operator.
		for _, p := range splitBeforeOperators(part) {
			c, err := poetryClause(p)
			if err != nil {
				return fmt.Errorf("dependency %s: %w", r.Name, err)
			}
			clauses = append(clauses, c...)
		}
	}
	set, err := ParseSpecifierSet(strings.Join(clauses, ","))
	if err != nil {
		return fmt.Errorf("dependency %s: %w", r.Name, err)
	}
	r.Specifier = set
	if v, ok := set.Pinned(); ok {
		r.Version = v.String()
	}
	return nil
}

func splitBeforeOperators(s string) []string {
	fields := strings.Fields(s)
	var out []string
	for _, f := range fields {
		if len(out) > 0 && !strings.ContainsAny(f[:1], "<>=!~^") {
			// A version after an operator written with a space: ">= 1.2".
			last := out[len(out)-1]
			if strings.Trim(last, "<>=!~^") == "" {
				out[len(out)-1] = last + f
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

func poetryClause(c string) ([]string, error) {
	switch {
	case strings.HasPrefix(c, "^"):
		v, err := ParseVersion(c[1:])
		if err != nil {
			return nil, err
		}
		// The upper bound bumps the first non-zero release number among
		// those written (or the last one written when all are zero).
		rel := v.Release
		i := 0
		for i < len(rel)-1 && rel[i] == 0 {
			i++
		}
		return []string{">=" + v.String(), "<" + bump(rel, i)}, nil
	case strings.HasPrefix(c, "~") && !strings.HasPrefix(c, "~="):
		v, err := ParseVersion(c[1:])
		if err != nil {
			return nil, err
		}
		i := 1
		if len(v.Release) == 1 {
			i = 0
		}
		return []string{">=" + v.String(), "<" + bump(v.Release, i)}, nil
	case strings.ContainsAny(c[:1], "<>=!~"):
		return []string{c}, nil
	case c == "*":
		return nil, nil
	}
	// A bare version or wildcard.
	return []string{"==" + c}, nil
}

// bump returns the release with component i incremented and the ones
// after it dropped ("1.2.3" bumped at 1 is "1.3").
func bump(rel []uint64, i int) string {
	parts := make([]string, i+1)
	for k := 0; k <= i; k++ {
		n := rel[k]
		if k == i {
			n++
		}
		parts[k] = fmt.Sprint(n)
	}
	return strings.Join(parts, ".")
}
