package deploy

import "testing"

// FuzzParse feeds arbitrary text to every file kind's reader: no input
// may panic, and every reported line must be inside the text.
func FuzzParse(f *testing.F) {
	f.Add("Dockerfile", "FROM x\nENV A=1 \\\n  B=2\nCMD [\"gunicorn\", \"app:app\"]\n")
	f.Add("docker-compose.yml", "services:\n  web:\n    command: [\"flask\", \"run\"]\n    environment:\n      - A=1\n    volumes:\n      - .:/app\n")
	f.Add("nginx.conf", "server { add_header X \"a;b\" always; client_max_body_size 1m; }\n")
	f.Add("Caddyfile", "x {\n header {\n  A b\n }\n request_body {\n  max_size 1MB\n }\n}\n")
	f.Add(".htaccess", "Header always set A \"b\"\nLimitRequestBody 10\n")
	f.Add("Procfile", "web: gunicorn app:app\n")
	f.Add("app.service", "[Service]\nExecStart=-/bin/x \\\n a\nEnvironment=\"A=b c\"\n")
	f.Add("start.sh", "export A=1; exec gunicorn 'a:b' && echo \"x;y\"\n")
	f.Add("uwsgi.ini", "[uwsgi]\nmodule = a:b\nlimit-post = 1k\n")
	f.Add("gunicorn.conf.py", "wsgi_app = 'a:b'\nraw_env = ['A=1']\n")
	f.Add("fly.toml", "[env]\nA = \"1\"\n[processes]\napp = \"gunicorn a:b\"\n")
	f.Add(".env", "A='b c' # x\nexport B=2\n")
	f.Fuzz(func(t *testing.T, path, src string) {
		df := Parse(path, []byte(src))
		lines := 1
		for i := 0; i < len(src); i++ {
			if src[i] == '\n' {
				lines++
			}
		}
		check := func(what string, line int) {
			if line < 1 || line > lines {
				t.Fatalf("%s line %d outside 1..%d", what, line, lines)
			}
		}
		for _, c := range df.Commands {
			check("command", c.Line)
		}
		for _, e := range df.Env {
			check("env", e.Line)
		}
		for _, h := range df.Headers {
			check("header", h.Line)
		}
		for _, l := range df.Limits {
			check("limit", l.Line)
		}
	})
}
