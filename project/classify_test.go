package project

import (
	"reflect"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		path string
		src  string
		kind Kind
		also []Kind
	}{
		{"app.py", "", Python, nil},
		{"pkg/views.py", "", Python, nil},
		{"setup.py", "", Python, []Kind{Deps}},
		{"gunicorn.conf.py", "", Python, []Kind{Deploy}},
		{"requirements.txt", "", Deps, nil},
		{"requirements-dev.txt", "", Deps, nil},
		{"requirements.in", "", Deps, nil},
		{"requirements/base.txt", "", Deps, nil}, // a top-level requirements/ folder
		{"svc/requirements/prod.txt", "", Deps, nil},
		{"docs/notes.txt", "", Other, nil},
		{"pyproject.toml", "", Deps, nil},
		{"poetry.lock", "", Deps, nil},
		{"Pipfile.lock", "", Deps, nil},
		{"Dockerfile", "", Deploy, nil},
		{"docker/Dockerfile.prod", "", Deploy, nil},
		{"Procfile", "", Deploy, nil},
		{"docker-compose.prod.yml", "", Deploy, nil},
		{"deploy/app.service", "", Deploy, nil},
		{"scripts/start.sh", "", Deploy, nil},
		{".env", "", Deploy, nil},
		{".env.production", "", Deploy, nil},
		{".flaskenv", "", Deploy, nil},
		{"deploy/nginx/site.conf", "", Deploy, nil},
		{"instance/settings.cfg", "", PyConfig, nil},
		{"setup.cfg", "", Deps, nil},
		{"templates/index.html", "<p>plain</p>", Template, nil},
		{"app/templates/mail/welcome.txt", "Hi {{ name }}", Template, nil},
		{"static/page.html", "<p>no jinja</p>", Other, nil},
		{"static/page.html", "<p>{{ x }}</p>", Template, nil},
		{"macros.j2", "", Template, nil},
		{"README.md", "", Other, nil},
	}
	for _, tt := range tests {
		kind, also := Classify(tt.path, []byte(tt.src))
		if kind != tt.kind || !reflect.DeepEqual(also, tt.also) {
			t.Errorf("Classify(%q) = %v %v, want %v %v", tt.path, kind, also, tt.kind, tt.also)
		}
	}
}
