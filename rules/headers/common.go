// Package headers implements the rules about what surrounds the app's
// responses and requests: FLASK-HEADERS-001 (security headers),
// FLASK-LIMITS-001 (request size limits), FLASK-HOST-001 (Host header
// validation) and FLASK-PROXY-001 (reverse proxy trust). Each looks at
// the app code and at the web server configurations the repository holds,
// and says "not visible in app code; verify at runtime/config" where the
// protection may live outside both.
package headers

import (
	"fmt"
	"path"
	"sort"
	"strings"

	dep "github.com/flasksec/flasksec/deploy"
	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/rules"
)

// anchor returns where app-wide findings go: the creation of the app
// the project serves (the one a production entrypoint reaches, else the
// first that is no helper script's, test's or example's), or nil when the
// project serves no app.
func anchor(m *flask.Model) *flask.App {
	apps := m.ServedApps()
	if len(apps) == 0 {
		return nil
	}
	return apps[0]
}

// edgeFiles returns the production web server configurations of the
// project, the likeliest proxy in front of the app first (see edgeRank).
func edgeFiles(p *project.Project) []*dep.File {
	var out []*dep.File
	for _, f := range dep.FilesOf(p) {
		if f.Kind.Edge() && f.Production {
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return edgeRank(out[i]) < edgeRank(out[j]) })
	return out
}

// edgeRank orders web server configurations for messages: those that
// forward client headers to an app first, then reverse proxies (nginx,
// Caddy, Traefik), then Apache configurations, .htaccess files last
// (often a directory's access rules, not the proxy in front of the app).
func edgeRank(f *dep.File) int {
	r := 0
	if len(f.Forwarded) == 0 {
		r += 4
	}
	switch {
	case path.Base(f.Path) == ".htaccess":
		r += 2
	case f.Kind == dep.Apache:
		r++
	}
	return r
}

// otherEdgeFiles returns the web server configurations of the project
// that are not for production (named for development, tests or examples).
func otherEdgeFiles(p *project.Project) []*dep.File {
	var out []*dep.File
	for _, f := range dep.FilesOf(p) {
		if f.Kind.Edge() && !f.Production {
			out = append(out, f)
		}
	}
	return out
}

// noEdge says, for messages, that the repository holds no production
// web server configuration, naming one it holds for other uses:
// "no proxy configuration in the repository", "no production proxy
// configuration in the repository (deploy/nginx.dev.conf is for
// development or examples)".
func noEdge(p *project.Project) string {
	if others := otherEdgeFiles(p); len(others) > 0 {
		return fmt.Sprintf("no production proxy configuration in the repository (%s is named for development, tests or examples)", others[0].Path)
	}
	return "no proxy configuration in the repository"
}

// forwards describes the client-identity headers a web server
// configuration sets towards the app: "sets X-Forwarded-For,
// X-Forwarded-Proto towards the app (deploy/nginx.conf:14)"; "" when
// it sets none.
func forwards(df *dep.File) string {
	var names []string
	line := 0
	seen := map[string]bool{}
	for _, h := range df.Forwarded {
		l := strings.ToLower(h.Name)
		if !strings.HasPrefix(l, "x-forwarded-") && l != "x-real-ip" && l != "forwarded" && l != "x-scheme" {
			continue
		}
		if !seen[l] {
			seen[l] = true
			names = append(names, h.Name)
		}
		if line == 0 {
			line = h.Line
		}
	}
	if len(names) == 0 {
		return ""
	}
	return fmt.Sprintf("sets %s towards the app (%s)", strings.Join(names, ", "), edgeWhere(df, line))
}

// edgeSummary names the first production web server configuration and
// what it forwards: "deploy/nginx.conf, which sets X-Forwarded-For
// towards the app (deploy/nginx.conf:14)".
func edgeSummary(edges []*dep.File) string {
	if len(edges) == 0 {
		return ""
	}
	s := edges[0].Path
	if fw := forwards(edges[0]); fw != "" {
		s += ", which " + fw
	}
	return s
}

// isRequest reports whether e is flask.request (imported under any name)
// or a plain `request` name.
func isRequest(mi map[string]string, e ast.Expr) bool {
	n, ok := e.(*ast.Name)
	if !ok {
		return false
	}
	if q, ok := mi[n.ID]; ok {
		return q == "flask.request" || q == "flask.globals.request"
	}
	return n.ID == "request"
}

// imports returns the local-name -> qualified-name imports of a module
// (top level only), enough to recognise flask.request.
func imports(f *project.File) map[string]string {
	out := map[string]string{}
	if f.AST == nil {
		return out
	}
	for _, s := range f.AST.Body {
		switch s := s.(type) {
		case *ast.ImportFrom:
			for _, a := range s.Names {
				local := a.Name
				if a.Asname != "" {
					local = a.Asname
				}
				out[local] = s.Module + "." + a.Name
			}
		case *ast.Import:
			for _, a := range s.Names {
				if a.Asname != "" {
					out[a.Asname] = a.Name
				}
			}
		}
	}
	return out
}

// pyFiles returns the non-test Python files with a tree.
func pyFiles(p *project.Project) []*project.File {
	var out []*project.File
	for _, f := range p.FilesOf(project.Python) {
		if f.AST != nil && !flask.IsTestFile(f) {
			out = append(out, f)
		}
	}
	return out
}

// at returns the location of n, with the route of the view holding it.
func at(m *flask.Model, f *project.File, n ast.Node) rules.Location {
	loc := rules.NodeLocation(f, n)
	if r := m.RouteAt(f.Path, int(n.Pos().Line)); r != nil {
		loc.Route = r.String()
	}
	return loc
}

// edgeWhere names an edge directive: "deploy/nginx.conf:12".
func edgeWhere(f *dep.File, line int) string { return fmt.Sprintf("%s:%d", f.Path, line) }

// lowerAll lower-cases a list of names.
func lowerAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToLower(s)
	}
	return out
}
