package flask_test

import (
	"fmt"
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
	if rc.Exempt == nil || len(rc.HeaderChecks) != 2 || rc.HeaderChecks[0].Header != "X-Requested-With" ||
		rc.HeaderChecks[1].Header != "X-CSRF-Check" {
		t.Errorf("hook csrf = %+v", rc)
	}
	// The blueprint's before_request hook does not cover the api blueprint.
	if rc := m.CSRF.Of(m.RouteAt("myapp/views/api.py", 10)); len(rc.HeaderChecks) != 0 {
		t.Errorf("api route header checks = %+v", rc.HeaderChecks)
	}
	if ok, why := m.CookieAuthenticated(m.RouteAt("myapp/views/admin.py", 18)); !ok || why != "@login_required" {
		t.Errorf("CookieAuthenticated(delete) = %v, %q", ok, why)
	}
	if ok, _ := m.CookieAuthenticated(m.RouteAt("myapp/views/api.py", 10)); ok {
		t.Error("CookieAuthenticated(item) = true, want false")
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
	if len(m.Hooks) != 2 || m.Hooks[0].Kind != "after_request" || m.Hooks[1].Blueprint == nil {
		t.Errorf("hooks = %+v", m.Hooks)
	}
	if len(m.Entrypoints) != 1 {
		t.Fatalf("entrypoints = %+v", m.Entrypoints)
	}
	for path, want := range map[string]bool{"wsgi.py": true, "myapp/__init__.py": true, "myapp/config.py": true,
		"myapp/views/admin.py": true, "myapp/extensions.py": true, "tests/conftest.py": false} {
		if got, known := m.ReachableInProduction(m.Project().File(path)); got != want || !known {
			t.Errorf("ReachableInProduction(%s) = %v, %v; want %v", path, got, known, want)
		}
	}
	ep := m.Entrypoints[0]
	if ep.Kind != flask.WSGIServer || !ep.Production || ep.Target != "wsgi:app" || len(ep.Targets) != 1 || ep.Targets[0].Path != "wsgi.py" || ep.Line != 4 {
		t.Errorf("entrypoint = %+v", ep)
	}
}

func TestRouteForms(t *testing.T) {
	m := flask.ModelOf(load(t, "testdata/forms"))
	var got []string
	for _, r := range m.Routes {
		bp := ""
		if r.Blueprint != nil {
			bp = " bp=" + r.Blueprint.Name
		}
		got = append(got, r.File.Path+" "+r.FuncName+" ["+r.String()+"] "+r.Endpoint+bp)
	}
	want := []string{
		"pkg/__init__.py ping [GET /ping] ping",
		"pkg/__init__.py Report.dispatch_request [GET, POST /report] report",
		"pkg/__init__.py Items.get [GET /items] items",
		"pkg/__init__.py Items.post [POST /items] items",
		"pkg/__init__.py multi [GET /a] alpha",
		"pkg/__init__.py multi [GET, PUT /b] multi",
		"pkg/__init__.py debug_only [GET /debug-only] debug_only",
		"pkg/handlers.py hello [GET /hello] hello",
		"pkg/sub.py remove [DELETE /p/child/<uuid:item_id>] child.remove bp=child",
		"pkg/sub.py patch [PATCH /p/<string(length=2):code>/<rest>] parent.patch bp=parent",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("routes:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	// Class-based views carry the class's decorators.
	for _, r := range m.Routes {
		if r.FuncName == "Report.dispatch_request" && !r.HasDecorator("audit") {
			t.Errorf("Report.dispatch_request decorators = %v", r.Decorators)
		}
	}
	params := m.RouteOfFunc(m.Routes[9].Func).Params
	if len(params) != 2 || params[0] != (flask.Param{Name: "code", Converter: "string"}) || params[1] != (flask.Param{Name: "rest", Converter: "string"}) {
		t.Errorf("params = %v", params)
	}
	if env, cond := m.EnvAt(m.Routes[6].File, int(m.Routes[6].Func.Pos().Line)); env != flask.Development || cond {
		t.Errorf("EnvAt(debug_only) = %s, %v", env, cond)
	}
}

func TestEnvOfName(t *testing.T) {
	cases := map[string]flask.Env{
		"ProductionConfig": flask.Production, "ProdConfig": flask.Production, "StagingSettings": flask.Production,
		"DevelopmentConfig": flask.Development, "DevConfig": flask.Development, "LocalSettings": flask.Development,
		"TestingConfig": flask.Testing, "TestConfig": flask.Testing, "Config": flask.Unknown, "BaseConfig": flask.Unknown,
		"DevicesConfig": flask.Unknown, "IS_PRODUCTION": flask.Production, "FLASK_DEBUG": flask.Development,
		"FLASK_ENV": flask.Unknown, "production": flask.Production, "test_config": flask.Testing,
	}
	for name, want := range cases {
		if got := flask.EnvOfName(name); got != want {
			t.Errorf("EnvOfName(%q) = %s, want %s", name, got, want)
		}
	}
}

func TestEntrypoints(t *testing.T) {
	m := flask.ModelOf(load(t, "testdata/entry"))
	var got []string
	for _, ep := range m.Entrypoints {
		var targets []string
		for _, f := range ep.Targets {
			targets = append(targets, f.Path)
		}
		s := fmt.Sprintf("%s:%d %s prod=%v target=%s -> %s", ep.File.Path, ep.Line, ep.Kind, ep.Production, ep.Target, strings.Join(targets, ","))
		if ep.Debug {
			s += " debug(" + ep.DebugWhy + ")"
		}
		got = append(got, s)
	}
	want := []string{
		"Dockerfile:3 WSGI server prod=true target=web:create_app() -> web/__init__.py",
		"Dockerfile.dev:2 flask run prod=false target=app.py or wsgi.py (FLASK_APP unset) -> web/__init__.py debug(--debug flag)",
		"Procfile:1 python script prod=true target=web -> web/__init__.py,web/__main__.py",
		"deploy/web.service:2 WSGI server prod=true target=web:create_app -> web/__init__.py",
		"docker-compose.yml:3 flask run prod=true target=manage -> manage.py debug(FLASK_DEBUG=true)",
		"scripts/run_dev.sh:2 python script prod=false target=manage.py -> manage.py",
		"uwsgi.ini:2 WSGI server prod=true target=manage:app -> manage.py",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("entrypoints:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	manage := m.Project().File("manage.py")
	if eps := m.StartedInProduction(manage); len(eps) != 2 {
		t.Errorf("StartedInProduction(manage.py) = %d entrypoints, want 2 (compose, uwsgi)", len(eps))
	}
	if len(m.MainBlocks) != 2 {
		t.Errorf("main blocks = %d, want 2 (manage.py __main__, web/__main__.py module level)", len(m.MainBlocks))
	}
}

func TestFlaskyLayout(t *testing.T) {
	m := flask.ModelOf(load(t, "testdata/flasky"))
	var got []string
	for _, r := range m.Routes {
		got = append(got, r.String()+" "+r.Endpoint)
		if r.App == nil || r.App.Factory != "create_app" {
			t.Errorf("%s: app = %v", r, r.App)
		}
	}
	want := "GET, POST /auth/login auth.login|GET /auth/logout auth.logout|GET, POST / main.index"
	if strings.Join(got, "|") != want {
		t.Errorf("routes = %s, want %s", strings.Join(got, "|"), want)
	}
	// config[config_name] picks one class per environment; the base
	// class's hard-coded fallback reaches every one of them.
	for _, env := range []flask.Env{flask.Production, flask.Development, flask.Testing} {
		s := m.Config.Lookup("SECRET_KEY", env)
		if len(s.Values) != 1 || s.Values[0].Origin != flask.FromEnvironment || s.Values[0].Default == nil {
			t.Errorf("SECRET_KEY for %s = %+v", env, s.Values)
		}
	}
	if s := m.Config.Lookup("DEBUG", flask.Production); !s.Unset() {
		t.Errorf("DEBUG for production = %+v, want unset", s.Values)
	}
	if s := m.Config.Lookup("WTF_CSRF_ENABLED", flask.Testing); s.Only() == nil {
		t.Errorf("WTF_CSRF_ENABLED for testing = %+v", s.Values)
	}
	if s := m.Config.Lookup("WTF_CSRF_ENABLED", flask.Production); !s.Unset() {
		t.Errorf("WTF_CSRF_ENABLED for production = %+v, want unset", s.Values)
	}
}

func TestConfigModules(t *testing.T) {
	m := flask.ModelOf(load(t, "testdata/modconfig"))
	cases := []struct {
		key, want string
	}{
		{"SECRET_KEY", "app.py:5"},
		{"DEBUG", "settings.py:1"}, // settings is loaded after __name__ and overrides it
		{"SESSION_COOKIE_SECURE", "settings.py:2"},
		{"_private", ""},
	}
	for _, c := range cases {
		s := m.Config.Lookup(c.key, flask.Production)
		got := ""
		for _, v := range s.Values {
			got += v.Where()
		}
		if got != c.want {
			t.Errorf("Lookup(%s) = %q, want %q", c.key, got, c.want)
		}
	}
}

func TestRestful(t *testing.T) {
	m := flask.ModelOf(load(t, "testdata/restful"))
	var got []string
	for _, r := range m.Routes {
		got = append(got, r.FuncName+" "+r.String()+" "+r.Endpoint)
		if r.App != m.Apps[0] {
			t.Errorf("%s: app %v", r, r.App)
		}
	}
	want := "Todo.get GET /t/<int:todo_id> todo|Todo.get GET /todos/<int:todo_id> todo|Todo.delete DELETE /t/<int:todo_id> todo|" +
		"Todo.delete DELETE /todos/<int:todo_id> todo|Health.get GET /health health|alias POST /alias alias|write POST, PUT /write write"
	if strings.Join(got, "|") != want {
		t.Errorf("routes = %s\nwant %s", strings.Join(got, "|"), want)
	}
}

func TestBranchEnvs(t *testing.T) {
	m := flask.ModelOf(load(t, "testdata/envs"))
	cases := []struct {
		key  string
		envs flask.Env
		cond bool
	}{
		{"A", flask.Production, false},
		{"B", flask.Development, false},
		{"C", flask.Production, false},
		{"D", flask.Development | flask.Production, false},
		{"E", flask.Testing, false},
		{"F", flask.AnyEnv, true},
	}
	for _, c := range cases {
		vs := m.Config.All(c.key)
		if len(vs) == 0 {
			t.Errorf("%s: no value", c.key)
			continue
		}
		if vs[0].Envs != c.envs || vs[0].Conditional != c.cond {
			t.Errorf("%s: envs %s conditional %v, want %s %v", c.key, vs[0].Envs, vs[0].Conditional, c.envs, c.cond)
		}
	}
	if a := m.Config.All("A"); len(a) != 2 || a[1].Envs != flask.Development|flask.Testing {
		t.Errorf("A's else branch: %+v", a)
	}
}

func TestSessionSameSite(t *testing.T) {
	cases := []struct {
		src, want string
	}{
		{"app.config['SESSION_COOKIE_SAMESITE'] = 'lax'", "Lax"},
		{"app.config.update(SESSION_COOKIE_SAMESITE='Strict')", "Strict"},
		{"app.config['SESSION_COOKIE_SAMESITE'] = 'None'", "None"},
		{"app.config['SESSION_COOKIE_SAMESITE'] = None", ""},
		{"app.config['SESSION_COOKIE_SAMESITE'] = os.environ.get('SAMESITE', 'Lax')", ""},
		{"pass", ""},
	}
	for _, c := range cases {
		src := []byte("import os\nfrom flask import Flask\napp = Flask(__name__)\n" + c.src + "\n")
		mod, err := parser.ParseFile("app.py", src)
		if err != nil {
			t.Fatal(err)
		}
		m := flask.ModelOf(project.New("/x", []*project.File{{Path: "app.py", Kind: project.Python, Src: src, AST: mod}}, nil))
		if got, _ := m.SessionSameSite(flask.Production); got != c.want {
			t.Errorf("%s: SessionSameSite = %q, want %q", c.src, got, c.want)
		}
	}
}

func TestEntrypointCommandMasked(t *testing.T) {
	src := []byte("from flask import Flask\napp = Flask(__name__)\nif __name__ == '__main__':\n    app.run()\n")
	mod, _ := parser.ParseFile("app.py", src)
	dock := []byte("FROM python\nCMD SECRET_KEY=abc123 python app.py --api-key xyz789 --token=qqq111\n")
	p := project.New("/x", []*project.File{
		{Path: "app.py", Kind: project.Python, Src: src, AST: mod},
		{Path: "Dockerfile", Kind: project.Deploy, Src: dock},
	}, nil)
	m := flask.ModelOf(p)
	if len(m.Entrypoints) != 1 {
		t.Fatalf("entrypoints = %+v", m.Entrypoints)
	}
	got := m.Entrypoints[0].Where()
	for _, secret := range []string{"abc123", "xyz789", "qqq111"} {
		if strings.Contains(got, secret) {
			t.Errorf("Where() = %q shows a secret", got)
		}
	}
	if got != "Dockerfile:2 (`python app.py --api-key *** --token=***`)" {
		t.Errorf("Where() = %q", got)
	}
}

// TestNameResolution checks that the model finds apps, blueprints and
// Flask's globals however they are imported (star imports, aliases,
// re-exports through a package's __init__.py, imports inside a factory)
// and that local names shadowing them are not mistaken for them.
func TestNameResolution(t *testing.T) {
	for _, tc := range []struct {
		dir           string
		apps          int
		routes        []string
		sessionWrites []string // file:line of each session write
		headerReads   int
	}{
		{dir: "star", apps: 1, routes: []string{"POST /cart", "GET /cart"}, sessionWrites: []string{"legacy.py:10"}},
		{dir: "reexport", apps: 1, routes: []string{"POST /shop/basket"}, sessionWrites: []string{"shop/views.py:8"}},
		{dir: "shadow", apps: 1, routes: []string{"POST /prefs"}, sessionWrites: []string{"app.py:18"}},
		// Two factories import different blueprints under one name inside
		// their bodies: each must register its own.
		{dir: "twofactories", apps: 2, routes: []string{"GET /hello", "POST /staff/ban"}},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			m := flask.ModelOf(load(t, "testdata/resolution/"+tc.dir))
			if len(m.Apps) != tc.apps {
				t.Errorf("apps = %d, want %d", len(m.Apps), tc.apps)
			}
			var routes []string
			for _, r := range m.Routes {
				if r.App == nil {
					t.Errorf("route %s has no app", r)
				}
				routes = append(routes, r.String())
			}
			if !reflect.DeepEqual(routes, tc.routes) {
				t.Errorf("routes = %q, want %q", routes, tc.routes)
			}
			var writes []string
			for _, w := range m.Auth.SessionWrites {
				writes = append(writes, fmt.Sprintf("%s:%d", w.File.Path, w.Node.Pos().Line))
			}
			if !reflect.DeepEqual(writes, tc.sessionWrites) {
				t.Errorf("session writes = %q, want %q", writes, tc.sessionWrites)
			}
			if len(m.Auth.Header) != tc.headerReads {
				t.Errorf("Authorization reads = %d, want %d", len(m.Auth.Header), tc.headerReads)
			}
		})
	}
}

func TestRestxSmorest(t *testing.T) {
	m := flask.ModelOf(load(t, "testdata/restx"))
	var got []string
	for _, r := range m.Routes {
		app := "nil"
		if r.App != nil {
			app = r.App.Name
		}
		got = append(got, r.File.Path+" "+r.FuncName+" ["+r.String()+"] "+r.Endpoint+" app="+app)
	}
	want := []string{
		// Api(bp, prefix="/v2") on a blueprint with url_prefix="/api".
		"svc/api/__init__.py Person.get [GET /api/v2/people/<int:pid>] api.people_person app=app",
		"svc/api/__init__.py Person.delete [DELETE /api/v2/people/<int:pid>] api.people_person app=app",
		"svc/api/__init__.py Stats.get [GET /api/v2/adm/statistics] api.admin_stats app=app",
		"svc/api/__init__.py Stats.get [GET /api/v2/adm/stats] api.admin_stats app=app",
		"svc/api/__init__.py Ping.get [GET /api/v2/ping] api.ping app=app",
		// add_namespace(ns, path="/memo") overrides the namespace's own path.
		"svc/api/notes.py NoteList.get [GET /api/v2/memo/] api.notes_note_list app=app",
		"svc/api/notes.py NoteList.post [POST /api/v2/memo/] api.notes_note_list app=app",
		"svc/api/tags.py Tag.put [PUT /api/v2/tags/<name>] api.tags_tag app=app",
		// A rule built by a helper: the variant with the most parameters.
		"svc/embed/__init__.py shared [GET /<org>/shared/<token>] embed.shared app=app",
		// flask-smorest blueprints registered on an Api bound by init_app.
		"svc/shop/__init__.py Orders.get [GET /orders/] orders.Orders app=app",
		"svc/shop/__init__.py Orders.post [POST /orders/] orders.Orders app=app",
		"svc/shop/__init__.py item [GET /shop/items/<int:item_id>] items.item app=app",
		// MethodViews registered by a helper, by a loop over a table and
		// by a helper looping over its parameter.
		"svc/views.py ThingAPI.get [GET /things/<int:thing_id>] thing app=app",
		"svc/views.py ThingAPI.patch [PATCH /things/<int:thing_id>] thing app=app",
		"svc/views.py ReportAPI.get [GET /report]  app=app",
		"svc/views.py AuditAPI.post [POST /audit]  app=app",
		"svc/views.py listing [GET <dynamic>] listing app=app",
		"svc/views.py ProfileView.get [GET /profile/<name>] profile app=app",
		"svc/views.py ProfileView.get [GET /u/<name>] profile app=app",
		"svc/views.py ProfileView.post [POST /profile/<name>] profile app=app",
		"svc/views.py ProfileView.post [POST /u/<name>] profile app=app",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("routes:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	// Findings about a resource method go to its def line(s), not its
	// whole body; those of a function view to its route decorator.
	var headers []string
	for _, r := range m.Routes {
		h := r.Header()
		headers = append(headers, fmt.Sprintf("%s %d-%d", r.FuncName, h.Pos().Line, h.End().Line))
	}
	wantHeaders := "Person.get 17-17|Person.delete 20-20|Stats.get 26-26|Stats.get 26-26|Ping.get 32-32|" +
		"NoteList.get 8-8|NoteList.post 11-13|Tag.put 8-8|shared 8-8|Orders.get 12-12|Orders.post 16-16|item 20-20|" +
		"ThingAPI.get 5-5|ThingAPI.patch 8-8|ReportAPI.get 13-13|AuditAPI.post 18-18|" +
		"listing 43-43|ProfileView.get 47-47|ProfileView.get 47-47|ProfileView.post 50-50|ProfileView.post 50-50"
	if strings.Join(headers, "|") != wantHeaders {
		t.Errorf("headers = %s\nwant %s", strings.Join(headers, "|"), wantHeaders)
	}
}

func TestHelperApps(t *testing.T) {
	m := flask.ModelOf(load(t, "testdata/helpers"))
	var got []string
	for _, a := range m.Apps {
		got = append(got, a.File.Path+": "+m.Helper(a))
	}
	want := []string{
		"scripts/seed.py: it is created in the scripts/ folder and no production entrypoint reaches it",
		"site/app.py: ",
		"site/manage.py: it serves no routes, while site/app.py does",
		"tests/conftest.py: it is created in test code",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("helpers:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	if s := m.ServedApps(); len(s) != 1 || s[0].File.Path != "site/app.py" {
		t.Errorf("ServedApps() = %v", s)
	}
}
