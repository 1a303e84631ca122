package deploy

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func cmds(f *File) []string {
	var out []string
	for _, c := range f.Commands {
		out = append(out, fmt.Sprintf("%d %s %q", c.Line, c.Source, c.Args))
	}
	return out
}

func envs(vs []EnvVar) []string {
	var out []string
	for _, e := range vs {
		out = append(out, fmt.Sprintf("%d %s=%s", e.Line, e.Name, e.Value))
	}
	return out
}

func TestParseCommands(t *testing.T) {
	cases := []struct {
		path, src  string
		kind       Kind
		production bool
		cmds, env  []string
	}{
		{"Dockerfile", "FROM python\nENV FLASK_DEBUG=1 \\\n    OTHER=\"a b\"\nENV LEGACY value here\nCMD [\"gunicorn\", \"-b\", \":8000\", \"app:app\"]\n",
			Dockerfile, true, []string{`5 CMD ["gunicorn" "-b" ":8000" "app:app"]`},
			[]string{"2 FLASK_DEBUG=1", "2 OTHER=a b", "4 LEGACY=value here"}},
		{"docker/Dockerfile.dev", "CMD flask run --debug --host 0.0.0.0\n", Dockerfile, false,
			[]string{`1 CMD ["flask" "run" "--debug" "--host" "0.0.0.0"]`}, nil},
		{"Procfile", "web: gunicorn wsgi:app\nrelease: FLASK_APP=app flask db upgrade\n", Procfile, true,
			[]string{`1 web ["gunicorn" "wsgi:app"]`, `2 release ["flask" "db" "upgrade"]`}, nil},
		{"docker-compose.yml", "services:\n  web:\n    command: python app.py  # start\n    environment:\n      - FLASK_DEBUG=1\n      SECRET: x\n  worker:\n    entrypoint: [\"celery\", \"-A\", \"tasks\"]\n    command:\n      - gunicorn\n      - app:app\n",
			Compose, true, []string{`3 command ["python" "app.py"]`, `8 entrypoint ["celery" "-A" "tasks"]`, `9 command ["gunicorn" "app:app"]`},
			[]string{"5 FLASK_DEBUG=1", "6 SECRET=x"}},
		{"deploy/app.service", "[Service]\nEnvironment=FLASK_ENV=production \"A=b c\"\nExecStart=/srv/venv/bin/gunicorn \\\n  app:app\n",
			Systemd, true, []string{`3 ExecStart ["/srv/venv/bin/gunicorn" "app:app"]`}, []string{"2 FLASK_ENV=production", "2 A=b c"}},
		{"scripts/start.sh", "#!/bin/sh\nset -e\nexport FLASK_APP=app.py\nflask db upgrade && exec gunicorn app:app\n",
			Shell, true, []string{`2 script ["set" "-e"]`, `4 script ["flask" "db" "upgrade"]`, `4 script ["exec" "gunicorn" "app:app"]`},
			[]string{"3 FLASK_APP=app.py"}},
		{"run_dev.sh", "FLASK_DEBUG=1 flask run\n", Shell, false, []string{`1 script ["flask" "run"]`}, nil},
		{".env", "# comment\nSECRET_KEY='abc def'\nexport DEBUG=1 # on\n", DotEnv, false, nil,
			[]string{"2 SECRET_KEY=abc def", "3 DEBUG=1"}},
		{"uwsgi.ini", "[uwsgi]\nmodule = app:app\nlimit-post = 1048576\n", UWSGI, true,
			[]string{`2 uwsgi ["uwsgi" "--module" "app:app"]`}, nil},
		{"gunicorn.conf.py", "wsgi_app = \"myapp:create_app()\"\nraw_env = [\"FLASK_DEBUG=1\"]\nreload = True\n", Gunicorn, true,
			[]string{`1 wsgi_app ["gunicorn" "myapp:create_app()"]`}, []string{"2 FLASK_DEBUG=1"}},
	}
	for _, c := range cases {
		f := Parse(c.path, []byte(c.src))
		if f.Kind != c.kind || f.Production != c.production {
			t.Errorf("%s: kind %s production %v, want %s %v", c.path, f.Kind, f.Production, c.kind, c.production)
		}
		if got := cmds(f); !reflect.DeepEqual(got, c.cmds) {
			t.Errorf("%s: commands\n got %v\nwant %v", c.path, got, c.cmds)
		}
		if got := envs(f.Env); !reflect.DeepEqual(got, c.env) {
			t.Errorf("%s: env\n got %v\nwant %v", c.path, got, c.env)
		}
	}
	if f := Parse("run_dev.sh", []byte("FLASK_DEBUG=1 flask run\n")); len(f.Commands) != 1 || envs(f.Commands[0].Env)[0] != "1 FLASK_DEBUG=1" {
		t.Errorf("inline env not split off: %+v", f.Commands)
	}
}

func TestParseEdge(t *testing.T) {
	cases := []struct {
		path, src            string
		headers, limits, fwd []string
	}{
		{"deploy/nginx.conf", "server {\n  client_max_body_size 10M;\n  add_header X-Frame-Options \"DENY\" always;\n  add_header Content-Security-Policy \"default-src 'self'\";  # csp\n  location / { proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; }\n}\n",
			[]string{"3 X-Frame-Options=DENY", "4 Content-Security-Policy=default-src 'self'"}, []string{"2 client_max_body_size=10485760"},
			[]string{"5 X-Forwarded-For=$proxy_add_x_forwarded_for"}},
		{".htaccess", "Header always set X-Content-Type-Options \"nosniff\"\nLimitRequestBody 1048576\nRequestHeader set X-Forwarded-Proto https\n",
			[]string{"1 X-Content-Type-Options=nosniff"}, []string{"2 LimitRequestBody=1048576"}, []string{"3 X-Forwarded-Proto=https"}},
		{"Caddyfile", "example.com {\n  header {\n    Content-Security-Policy \"default-src 'self'\"\n    -Server\n  }\n  header X-Frame-Options DENY\n  request_body {\n    max_size 5MB\n  }\n}\n",
			[]string{"3 Content-Security-Policy=default-src 'self'", "6 X-Frame-Options=DENY"}, []string{"8 max_size=5242880"}, nil},
		{"deploy/traefik/dynamic.yml", "http:\n  middlewares:\n    secure:\n      headers:\n        frameDeny: true\n        contentTypeNosniff: false\n" +
			"        customResponseHeaders:\n          Content-Security-Policy: \"default-src 'self'\"\n    limit:\n      buffering:\n        maxRequestBodyBytes: 2000000\n" +
			"  services:\n    web:\n      loadBalancer:\n        servers:\n          - url: \"http://web:8000\"\n",
			[]string{"5 X-Frame-Options=DENY", "8 Content-Security-Policy=default-src 'self'"}, []string{"11 maxRequestBodyBytes=2000000"},
			[]string{"1 X-Forwarded-For=(set by Traefik)", "1 X-Forwarded-Proto=(set by Traefik)", "1 X-Forwarded-Host=(set by Traefik)", "1 X-Real-Ip=(set by Traefik)"}},
		{"traefik.toml", "[http.middlewares.sec.headers]\n  contentSecurityPolicy = \"default-src 'none'\"\n",
			[]string{"2 Content-Security-Policy=default-src 'none'"}, nil, nil},
	}
	for _, c := range cases {
		f := Parse(c.path, []byte(c.src))
		var hs, ls, fw []string
		for _, h := range f.Headers {
			hs = append(hs, fmt.Sprintf("%d %s=%s", h.Line, h.Name, h.Value))
		}
		for _, l := range f.Limits {
			ls = append(ls, fmt.Sprintf("%d %s=%d", l.Line, l.Directive, l.Bytes))
		}
		for _, h := range f.Forwarded {
			fw = append(fw, fmt.Sprintf("%d %s=%s", h.Line, h.Name, h.Value))
		}
		if !reflect.DeepEqual(hs, c.headers) || !reflect.DeepEqual(ls, c.limits) || !reflect.DeepEqual(fw, c.fwd) {
			t.Errorf("%s:\n headers %v want %v\n limits %v want %v\n forwarded %v want %v", c.path, hs, c.headers, ls, c.limits, fw, c.fwd)
		}
		if !f.Kind.Edge() {
			t.Errorf("%s: kind %s is not an edge kind", c.path, f.Kind)
		}
	}
}

func TestWords(t *testing.T) {
	cases := map[string][]string{
		`gunicorn "app:create_app()" -b ':8000'`:       {"gunicorn", "app:create_app()", "-b", ":8000"},
		`sh -c "flask db upgrade && gunicorn app:app"`: {"sh", "-c", "flask db upgrade && gunicorn app:app"},
		`a\ b c`: {"a b", "c"},
		``:       nil,
	}
	for in, want := range cases {
		if got := Words(in); !reflect.DeepEqual(got, want) {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
	if got := strings.Join(splitShell(`a; b && c || "d;e"`), "|"); got != `a| b | c | "d;e"` {
		t.Errorf("splitShell = %q", got)
	}
}

func TestDevHints(t *testing.T) {
	f := Parse("docker-compose.yml", []byte("services:\n  web:\n    command: flask run --debug\n    volumes:\n      - .:/app\n      - data:/var/lib/data\n"))
	if len(f.DevHints) != 1 || f.DevHints[0].Line != 5 || f.DevHints[0].Value != "." {
		t.Errorf("dev hints = %+v", f.DevHints)
	}
	if f := Parse("docker-compose.yml", []byte("services:\n  web:\n    image: shop:1.2\n")); len(f.DevHints) != 0 {
		t.Errorf("dev hints = %+v", f.DevHints)
	}
}

func TestComposeServices(t *testing.T) {
	f := Parse("compose.yaml", []byte("version: '3'\nservices:\n  api:\n    command: gunicorn app:app\n    environment:\n      A: 1\n  api-dev:\n    command: flask run\n    volumes:\n      - ./:/app\nvolumes:\n  data: {}\n"))
	var got []string
	for _, c := range f.Commands {
		got = append(got, fmt.Sprintf("%d:%s", c.Line, c.Service))
	}
	for _, e := range f.Env {
		got = append(got, fmt.Sprintf("env %d:%s", e.Line, e.Service))
	}
	for _, h := range f.DevHints {
		got = append(got, fmt.Sprintf("hint %d:%s", h.Line, h.Service))
	}
	want := []string{"4:api", "8:api-dev", "env 6:api", "hint 10:api-dev"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("services = %v, want %v", got, want)
	}
	if !DevService("api-dev") || DevService("api") || DevService("") {
		t.Error("DevService")
	}
}

func TestKindsAndProduction(t *testing.T) {
	cases := []struct {
		path string
		kind Kind
		prod bool
	}{
		{"Dockerfile", Dockerfile, true},
		{"docker/Dockerfile.prod", Dockerfile, true},
		{"Dockerfile.dev", Dockerfile, false},
		{"dev/Dockerfile", Dockerfile, false},
		{"api.dockerfile", Dockerfile, true},
		{"Procfile", Procfile, true},
		{"docker-compose.yml", Compose, true},
		{"docker-compose.override.yml", Compose, false},
		{"compose.dev.yaml", Compose, false},
		{"deploy/shop.service", Systemd, true},
		{"scripts/start.sh", Shell, true},
		{"scripts/run_tests.sh", Shell, false},
		{"bin/devserver.sh", Shell, false},
		{".env", DotEnv, false},
		{".env.production", DotEnv, true},
		{".flaskenv", DotEnv, false},
		{"uwsgi.ini", UWSGI, true},
		{"gunicorn.conf.py", Gunicorn, true},
		{"app.yaml", Platform, true},
		{"fly.toml", Platform, true},
		{"deploy/nginx/site.conf", Nginx, true},
		{"nginx.conf", Nginx, true},
		{".htaccess", Apache, true},
		{"Caddyfile", Caddy, true},
		{"docker/nginx/templates/default.conf.template", Nginx, true},
		{"deploy/nginx.conf.example", Nginx, false},
		{"contrib/apache/httpd-app.conf", Apache, true},
		{"traefik.yml", Traefik, true},
		{"ops/traefik/dynamic.toml", Traefik, true},
		{"config/settings.yml", Other, true},
		{"README.md", Other, true},
	}
	for _, c := range cases {
		f := Parse(c.path, nil)
		if f.Kind != c.kind || (c.kind != Other && f.Production != c.prod) {
			t.Errorf("%s: kind %s production %v, want %s %v", c.path, f.Kind, f.Production, c.kind, c.prod)
		}
	}
}
