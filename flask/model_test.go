package flask_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/parser"
)

func load(t *testing.T, dir string) *project.Project {
	t.Helper()
	p, err := project.Load(dir, project.Options{ParsePython: parser.ParseFile})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range p.Errors {
		t.Fatalf("fixture %s:%d does not parse: %s", e.Path, e.Line, e.Message)
	}
	return p
}

func TestRoutes(t *testing.T) {
	m := flask.ModelOf(load(t, "testdata/factory"))
	var got []string
	for _, r := range m.Routes {
		got = append(got, r.File.Path+" "+r.FuncName+" "+r.String()+" "+strings.Join(r.Methods, ",")+" "+r.Endpoint)
	}
	want := []string{
		"myapp/__init__.py create_app.index GET, POST / GET,HEAD,OPTIONS,POST index",
		"myapp/views/admin.py show GET /admin/users/<int:uid> GET,HEAD,OPTIONS admin.show",
		"myapp/views/admin.py delete POST /admin/users/<int:uid>/delete OPTIONS,POST admin.delete",
		"myapp/views/admin.py hook POST /admin/hook OPTIONS,POST admin.hook",
		"myapp/views/api.py item GET /api/v1/items/<path:name> GET,HEAD,OPTIONS api.item",
		"myapp/views/api.py UserAPI.get GET /users/<int:user_id> GET,HEAD,OPTIONS user",
		"myapp/views/api.py UserAPI.delete DELETE /users/<int:user_id> DELETE,OPTIONS user",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("routes:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	del := m.RouteAt("myapp/views/admin.py", 18)
	if del == nil || del.FuncName != "delete" || !del.StateChanging() || !del.HasDecorator("login_required") {
		t.Errorf("RouteAt(admin.py:18) = %v", del)
	}
	if r := m.RouteAt("myapp/views/admin.py", 1); r != nil {
		t.Errorf("RouteAt(admin.py:1) = %v, want nil", r)
	}
	if len(m.Apps) != 1 || m.Apps[0].Factory != "create_app" {
		t.Fatalf("apps = %+v", m.Apps)
	}
	for _, r := range m.Routes {
		if r.App != m.Apps[0] {
			t.Errorf("route %s: app %v", r, r.App)
		}
	}
	if p := m.Routes[4].Params; len(p) != 1 || p[0] != (flask.Param{Name: "name", Converter: "path"}) {
		t.Errorf("params = %v", p)
	}
}

func TestConfig(t *testing.T) {
	m := flask.ModelOf(load(t, "testdata/factory"))
	cases := []struct {
		key     string
		env     flask.Env
		want    []string // "origin class" of each value
		extMore bool
	}{
		{"SESSION_COOKIE_SECURE", flask.Production, []string{"literal ProductionConfig"}, true},
		{"SESSION_COOKIE_SECURE", flask.Development, []string{"literal Config"}, true},
		{"SECRET_KEY", flask.Production, []string{"environment Config"}, true},
		{"SECRET_KEY", flask.Testing, []string{"literal TestingConfig"}, true},
		{"DEBUG", flask.Production, nil, true},
		{"DEBUG", flask.Development, []string{"literal DevelopmentConfig"}, true},
		{"EXPLAIN_TEMPLATE_LOADING", flask.Production, nil, true},
		{"EXPLAIN_TEMPLATE_LOADING", flask.Development, []string{"literal "}, true},
		{"PREFERRED_URL_SCHEME", flask.Production, []string{"literal "}, true},
		{"WTF_CSRF_ENABLED", flask.Production, nil, true},
	}
	for _, c := range cases {
		s := m.Config.Lookup(c.key, c.env)
		var got []string
		for _, v := range s.Values {
			got = append(got, v.Origin.String()+" "+v.Class)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Lookup(%s, %s) = %v, want %v", c.key, c.env, got, c.want)
		}
		if (len(s.External) > 0) != c.extMore {
			t.Errorf("Lookup(%s, %s): external = %v", c.key, c.env, s.External)
		}
	}
	if !m.Config.Explicit(flask.Production) {
		t.Error("Explicit(Production) = false")
	}
}

func TestFacts(t *testing.T) {
	m := flask.ModelOf(load(t, "testdata/factory"))
	if !m.CSRF.Enabled() {
		t.Error("CSRF not enabled")
	}
	hook := m.RouteAt("myapp/views/admin.py", 26)
	rc := m.CSRF.Of(hook)
	if rc.Exempt == nil || len(rc.HeaderChecks) != 1 || rc.HeaderChecks[0].Header != "X-Requested-With" {
		t.Errorf("hook csrf = %+v", rc)
	}
	if !m.Auth.CookieBased() || len(m.Auth.Header) != 1 {
		t.Errorf("auth = %+v", m.Auth)
	}
	var exts []string
	for _, e := range m.Extensions {
		exts = append(exts, e.Name)
	}
	if got := strings.Join(exts, ","); got != "CSRFProtect,LoginManager" {
		t.Errorf("extensions = %s", got)
	}
	if len(m.ProxyFixes) != 1 || m.ProxyFixes[0].Hops["x_for"] != 1 {
		t.Errorf("proxyfix = %+v", m.ProxyFixes)
	}
	if len(m.Hooks) != 1 || m.Hooks[0].Kind != "after_request" {
		t.Errorf("hooks = %+v", m.Hooks)
	}
	if len(m.Entrypoints) != 1 {
		t.Fatalf("entrypoints = %+v", m.Entrypoints)
	}
	ep := m.Entrypoints[0]
	if ep.Kind != flask.WSGIServer || !ep.Production || ep.Target != "wsgi:app" || len(ep.Targets) != 1 || ep.Targets[0].Path != "wsgi.py" || ep.Line != 4 {
		t.Errorf("entrypoint = %+v", ep)
	}
}
