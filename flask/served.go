package flask

import (
	"fmt"
	"path"
	"strings"
)

// helperDirs are folders whose Flask apps are throw-away helpers rather
// than the application the project serves: one-off scripts, tooling,
// documentation, database migrations and example programs.
var helperDirs = map[string]bool{
	"bin": true, "scripts": true, "script": true, "tools": true, "tool": true,
	"docs": true, "doc": true, "migrations": true, "alembic": true, "examples": true, "example": true,
	"samples": true, "sample": true, "benchmarks": true, "bench": true, "contrib": true, "hack": true,
}

// HelperDir returns the folder of throw-away helpers (scripts, tooling,
// docs, migrations, examples; see helperDirs) that the slash-separated
// path p lies in, or "".
func HelperDir(p string) string { return helperDir(p) }

func helperDir(p string) string {
	for _, part := range strings.Split(path.Dir(p), "/") {
		if helperDirs[strings.ToLower(part)] {
			return part
		}
	}
	return ""
}

// Helper returns why app a is a throw-away helper rather than an
// application the project serves, or "" when it may be served. Helpers
// are apps created in test code; apps in a script, tooling, docs,
// migrations or examples folder that no production entrypoint reaches;
// and, when another app of the project serves routes, an app that serves
// none, registers no blueprint, is no app factory's and no entrypoint
// starts (a script building an app only for its configuration or
// database). App-level findings (headers, cookie flags, TRUSTED_HOSTS,
// limits) belong to the served app, not to these.
func (m *Model) Helper(a *App) string {
	if a.Test {
		return "it is created in test code"
	}
	if reach, known := m.ReachableInProduction(a.File); known && reach {
		return ""
	}
	if dir := helperDir(a.File.Path); dir != "" {
		return fmt.Sprintf("it is created in the %s/ folder and no production entrypoint reaches it", dir)
	}
	if m.serves(a) || a.Factory != "" || len(m.StartedInProduction(a.File)) > 0 {
		return ""
	}
	for _, other := range m.Apps {
		if other != a && !other.Test && m.serves(other) {
			return "it serves no routes, while " + other.File.Path + " does"
		}
	}
	return ""
}

// serves reports whether routes or blueprints are bound to app a, or a
// server is started with it.
func (m *Model) serves(a *App) bool {
	for _, r := range m.Routes {
		if r.App == a {
			return true
		}
	}
	for _, bp := range m.Blueprints {
		for _, r := range bp.Registrations {
			if r.App == a {
				return true
			}
		}
	}
	for _, mb := range m.MainBlocks {
		if mb.App == a {
			return true
		}
	}
	return false
}

// ServedApps returns the apps the project serves, for app-level
// findings: the non-test apps that are not helpers (see Helper), those a
// production entrypoint reaches first, then in file/line order.
func (m *Model) ServedApps() []*App {
	var reached, rest []*App
	for _, a := range m.Apps {
		if a.Test || m.Helper(a) != "" {
			continue
		}
		if reach, known := m.ReachableInProduction(a.File); known && reach {
			reached = append(reached, a)
		} else {
			rest = append(rest, a)
		}
	}
	return append(reached, rest...)
}
