// Package deploy reads the deployment files of a project: Dockerfiles,
// Procfiles, docker-compose files, systemd units, shell scripts, .env and
// .flaskenv files, gunicorn and uwsgi configurations, platform files
// (app.yaml, fly.toml) and the web server configurations in front of the
// app (nginx, Apache, Caddy, Traefik). It extracts the commands that start
// processes, the environment variables they get, and the response
// headers, body-size limits and forwarded headers set at the edge, each
// with its line number. It never runs anything.
package deploy

import (
	"path"
	"strings"

	"github.com/flasksec/flasksec/project"
)

// Kind is the type of a deployment file.
type Kind uint8

// The kinds of deployment files.
const (
	Other      Kind = iota
	Dockerfile      // Dockerfile, *.dockerfile, Dockerfile.*
	Procfile        // Procfile (Heroku and alike)
	Compose         // docker-compose*.yml, compose*.yml
	Systemd         // *.service
	Shell           // *.sh, *.bash
	DotEnv          // .env, .env.*, .flaskenv
	UWSGI           // uwsgi.ini
	Gunicorn        // gunicorn.conf.py, gunicorn_conf.py
	Platform        // app.yaml (App Engine), fly.toml
	Nginx           // nginx.conf, *.conf under an nginx folder
	Apache          // .htaccess, httpd.conf, apache2.conf
	Caddy           // Caddyfile
	Traefik         // traefik.yml/.toml, YAML/TOML under a traefik folder
)

var kindNames = [...]string{"other", "Dockerfile", "Procfile", "compose", "systemd", "shell", "env", "uwsgi",
	"gunicorn", "platform", "nginx", "apache", "caddy", "traefik"}

// String returns the kind's name.
func (k Kind) String() string {
	if int(k) >= len(kindNames) {
		return "other"
	}
	return kindNames[k]
}

// Edge reports whether the kind is a web server configuration.
func (k Kind) Edge() bool { return k == Nginx || k == Apache || k == Caddy || k == Traefik }

// File is what package deploy read from one file.
type File struct {
	Path string // slash-separated, relative to the project root
	Kind Kind
	// Production is set for files that describe a deployment (an image, a
	// Procfile, a unit, a platform file, a start script) rather than
	// development or test set-ups (Dockerfile.dev, docker-compose.dev.yml,
	// Procfile.dev, dev.sh, .env.development, .flaskenv).
	Production bool
	Commands   []Command // commands that start processes
	Env        []EnvVar  // environment variables set, in file order
	Headers    []Header  // response headers set at the edge
	Limits     []Limit   // request body limits set at the edge or in the server
	Forwarded  []Header  // request headers set towards the app (proxy_set_header, RequestHeader)
	Settings   []EnvVar  // server settings (gunicorn/uwsgi keys: bind, reload, workers, module...)
	// DevHints are signs that a file marked Production is used for local
	// development: a compose service bind-mounting the source tree.
	DevHints []EnvVar
}

// Command is one command line that starts a process.
type Command struct {
	Line   int      // 1-based line where the command starts
	Source string   // "CMD", "ENTRYPOINT", "RUN", "web" (Procfile process), "command", "ExecStart", "script", "entrypoint", "uwsgi"
	Text   string   // the command as written (exec form joined with spaces)
	Args   []string // the words, quotes removed
	Env    []EnvVar // NAME=value words before the command (FLASK_DEBUG=1 flask run)
	Exec   bool     // written in exec form (a JSON array) in a Dockerfile or compose file
	// Service is the compose service the command belongs to; "" elsewhere.
	Service string
}

// EnvVar is one environment variable (or server setting) and its value.
type EnvVar struct {
	Line    int
	Name    string
	Value   string
	Service string // the compose service it belongs to; "" elsewhere
}

// DevService reports whether a compose service name marks a development
// or test service ("web-dev", "flask_local", "test").
func DevService(name string) bool { return name != "" && isDevName(name) }

// Header is one header set by a web server.
type Header struct {
	Line      int
	Name      string // as written ("Content-Security-Policy")
	Value     string
	Directive string // "add_header", "Header set", "header", "proxy_set_header", ...
}

// Limit is a request body size limit.
type Limit struct {
	Line      int
	Directive string // "client_max_body_size", "LimitRequestBody", "max_size", "limit-post"
	Value     string // as written ("10M")
	Bytes     int64  // parsed size; 0 means unlimited (nginx's 0), -1 unparsed
}

type filesKey struct{}

// FilesOf returns the deployment files of the project, parsed once per
// scan, in path order.
func FilesOf(p *project.Project) []*File {
	return project.Cached(p, filesKey{}, func() []*File {
		var out []*File
		for _, f := range p.Files {
			if !f.Is(project.Deploy) {
				continue
			}
			if df := Parse(f.Path, f.Src); df.Kind != Other {
				out = append(out, df)
			}
		}
		return out
	})
}

// KindOf returns the kind of a deployment file from its path.
func KindOf(relPath string) Kind {
	base := path.Base(relPath)
	lower := strings.ToLower(base)
	ext := path.Ext(lower)
	switch {
	case strings.HasPrefix(lower, "dockerfile"), strings.HasSuffix(lower, ".dockerfile"), strings.HasPrefix(lower, "containerfile"):
		return Dockerfile
	case lower == "procfile", strings.HasPrefix(lower, "procfile."):
		return Procfile
	case (strings.HasPrefix(lower, "docker-compose") || strings.HasPrefix(lower, "compose")) && (ext == ".yml" || ext == ".yaml"):
		return Compose
	case ext == ".service":
		return Systemd
	case ext == ".sh" || ext == ".bash":
		return Shell
	case lower == ".env", strings.HasPrefix(lower, ".env."), lower == ".flaskenv":
		return DotEnv
	case lower == "uwsgi.ini" || (ext == ".ini" && strings.Contains(lower, "uwsgi")):
		return UWSGI
	case lower == "gunicorn.conf.py" || lower == "gunicorn_conf.py" || lower == "gunicorn.py":
		return Gunicorn
	case lower == "app.yaml" || lower == "fly.toml":
		return Platform
	case lower == "nginx.conf" || ((ext == ".conf" || project.ConfTemplate(lower)) && strings.Contains(strings.ToLower(relPath), "nginx")):
		return Nginx
	case lower == ".htaccess" || lower == "httpd.conf" || lower == "apache2.conf" ||
		((ext == ".conf" || project.ConfTemplate(lower)) && (strings.Contains(strings.ToLower(relPath), "apache") || strings.Contains(strings.ToLower(relPath), "httpd"))):
		return Apache
	case lower == "caddyfile" || strings.HasPrefix(lower, "caddyfile."):
		return Caddy
	case project.TraefikConfig(relPath):
		return Traefik
	}
	return Other
}

// devWords mark file names of development or test set-ups.
var devWords = []string{"dev", "local", "test", "debug", "example", "sample"}

// isDevName reports whether a file name marks a development or test
// set-up (Dockerfile.dev, docker-compose.override.yml, run_dev.sh,
// .env.development, .env.example).
func isDevName(relPath string) bool {
	lower := strings.ToLower(path.Base(relPath))
	if strings.Contains(lower, "override") {
		return true
	}
	for _, part := range strings.Split(strings.ToLower(path.Dir(relPath)), "/") {
		if part == "dev" || part == "test" || part == "tests" || part == "local" || part == "examples" {
			return true
		}
	}
	words := strings.FieldsFunc(lower, func(r rune) bool { return r < 'a' || r > 'z' })
	for _, w := range words {
		for _, d := range devWords {
			if w == d || (len(w) > len(d) && strings.HasPrefix(w, d) && (d == "dev" || d == "test")) {
				return true
			}
		}
	}
	return false
}

// Parse reads one deployment file. It never fails: unreadable lines are
// skipped.
func Parse(relPath string, src []byte) *File {
	f := &File{Path: relPath, Kind: KindOf(relPath)}
	text := string(src)
	switch f.Kind {
	case Dockerfile:
		parseDockerfile(f, text)
	case Procfile:
		parseProcfile(f, text)
	case Compose, Platform:
		if strings.HasSuffix(strings.ToLower(relPath), ".toml") {
			parseFlyToml(f, text)
		} else {
			parseYAML(f, text)
		}
	case Systemd:
		parseSystemd(f, text)
	case Shell:
		parseShell(f, text)
	case DotEnv:
		parseDotEnv(f, text)
	case UWSGI:
		parseUWSGI(f, text)
	case Gunicorn:
		parseGunicorn(f, text)
	case Nginx:
		parseNginx(f, text)
	case Apache:
		parseApache(f, text)
	case Caddy:
		parseCaddy(f, text)
	case Traefik:
		parseTraefik(f, text)
	}
	switch f.Kind {
	case DotEnv:
		lower := strings.ToLower(path.Base(relPath))
		f.Production = strings.Contains(lower, "prod") || strings.Contains(lower, "staging")
	case Nginx, Apache, Caddy, Traefik:
		f.Production = !isDevName(relPath)
	default:
		f.Production = !isDevName(relPath)
	}
	return f
}

// Lookup returns the last value of an environment variable set in the
// file, and whether it is set.
func (f *File) Lookup(name string) (EnvVar, bool) {
	var out EnvVar
	found := false
	for _, e := range f.Env {
		if e.Name == name {
			out, found = e, true
		}
	}
	return out, found
}
