package deps

import (
	"fmt"
	"sort"

	"github.com/flasksec/flasksec/project"
)

// ParseFile parses one dependency file's text by its format (see
// FormatOf). For setup.py, whose text is not enough, use ParseSetupPy
// with the parsed module; ParseFile returns an empty result for it.
func ParseFile(relPath string, src []byte) *File {
	format, ok := FormatOf(relPath)
	if !ok {
		return &File{Path: relPath, Errors: []*ParseError{{Path: relPath, Msg: "not a dependency file flasksec reads"}}}
	}
	switch format {
	case Requirements:
		return ParseRequirementsTxt(relPath, src)
	case PyProject:
		return ParsePyProject(relPath, src)
	case Pipfile:
		return ParsePipfile(relPath, src)
	case PipfileLock:
		return ParsePipfileLock(relPath, src)
	case PoetryLock:
		return ParsePoetryLock(relPath, src)
	case UVLock:
		return ParseUVLock(relPath, src)
	case SetupCfg:
		return ParseSetupCfg(relPath, src)
	}
	return &File{Path: relPath, Format: format}
}

type projectFilesKey struct{}

// ProjectFiles parses every dependency file of the project (the files of
// kind project.Deps, setup.py included through its parsed module), once
// per scan; rules and other analyses share the result. Files are in path
// order. Requirements of a file that another requirements file includes
// with -c are marked as constraints; an -r or -c reference to a file the
// scan did not read is recorded as an error of the including file.
func ProjectFiles(p *project.Project) []*File {
	return project.Cached(p, projectFilesKey{}, func() []*File {
		var out []*File
		for _, pf := range p.FilesOf(project.Deps) {
			format, ok := FormatOf(pf.Path)
			if !ok {
				continue
			}
			if format == SetupPy {
				out = append(out, ParseSetupPy(pf.Path, pf.AST))
				continue
			}
			out = append(out, ParseFile(pf.Path, pf.Src))
		}
		constraint := map[string]bool{}
		for _, f := range out {
			for _, inc := range f.Includes {
				if inc.Constraint {
					constraint[inc.Path] = true
				}
				if p.File(inc.Path) == nil || !p.File(inc.Path).Is(project.Deps) {
					f.errorf(inc.Line, "the included file %s is not among the scanned dependency files; "+
						"its requirements are not checked", inc.Path)
				}
			}
		}
		for _, f := range out {
			if constraint[f.Path] {
				for i := range f.Requirements {
					f.Requirements[i].Constraint = true
				}
			}
		}
		return out
	})
}

type advisoriesKey struct{}

// UseAdvisories makes db the advisory database of this scan, in place of
// the embedded one; the driver calls it with the result of
// LoadAdvisories (--advisories PATH) after loading the project and
// before running rules. It fails if the scan's database was already
// chosen (a rule asked for it first, or UseAdvisories ran before).
func UseAdvisories(p *project.Project, db *Database) error {
	if db == nil {
		return fmt.Errorf("deps.UseAdvisories: nil database")
	}
	chosen := false
	got := project.Cached(p, advisoriesKey{}, func() *Database {
		chosen = true
		return db
	})
	if !chosen && got != db {
		return fmt.Errorf("deps.UseAdvisories: the scan already uses the %s advisories", got.Source)
	}
	return nil
}

// AdvisoriesFor returns the advisory database of this scan: the one given
// to UseAdvisories, or the embedded one.
func AdvisoriesFor(p *project.Project) *Database {
	return project.Cached(p, advisoriesKey{}, EmbeddedAdvisories)
}

// ProjectErrors returns the lines of the project's dependency files that
// could not be understood (and files that are not valid TOML or JSON), in
// path and line order, for the driver to show beside the findings.
func ProjectErrors(p *project.Project) []*ParseError {
	var out []*ParseError
	for _, f := range ProjectFiles(p) {
		out = append(out, f.Errors...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Line < out[j].Line
	})
	return out
}
