package scan

import (
	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/rules"
)

// AddRoutes fills the Route of each Python finding that sits inside a
// view function ("POST /upload"), from the Flask model (built once per
// project and shared with the rules). A rule that set the route itself
// keeps it.
func AddRoutes(p *project.Project, fs []rules.Finding) {
	var m *flask.Model
	for i := range fs {
		loc := &fs[i].Location
		if loc.Route != "" || loc.StartLine <= 0 {
			continue
		}
		f := p.File(loc.Path)
		if f == nil || f.Kind != project.Python || f.AST == nil {
			continue
		}
		if m == nil {
			m = flask.ModelOf(p)
		}
		if r := m.RouteAt(loc.Path, loc.StartLine); r != nil {
			loc.Route = r.String()
		}
	}
}
