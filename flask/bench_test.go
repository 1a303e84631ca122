package flask_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/parser"
)

// synthetic builds an in-memory project: an app factory registering n
// blueprint modules of 20 routes each, and config classes.
func synthetic(tb testing.TB, n int) []*project.File {
	tb.Helper()
	var files []*project.File
	add := func(path, src string) {
		mod, err := parser.ParseFile(path, []byte(src))
		if err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		files = append(files, &project.File{Path: path, Kind: project.Python, Src: []byte(src), AST: mod})
	}
	var factory strings.Builder
	factory.WriteString("import os\nfrom flask import Flask\nfrom .config import CONFIGS\n\n\ndef create_app():\n" +
		"    app = Flask(__name__)\n    app.config.from_object(CONFIGS[os.environ.get(\"ENV\", \"production\")])\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&factory, "    from .views%d import bp as bp%d\n    app.register_blueprint(bp%d, url_prefix=\"/m%d\")\n", i, i, i, i)
		var v strings.Builder
		fmt.Fprintf(&v, "from flask import Blueprint, request, session\n\nbp = Blueprint(\"m%d\", __name__)\n", i)
		for j := 0; j < 20; j++ {
			fmt.Fprintf(&v, "\n\n@bp.route(\"/item%d/<int:id>\", methods=[\"GET\", \"POST\"])\ndef view%d(id):\n"+
				"    if request.method == \"POST\":\n        session[\"last\"] = id\n    return str(id)\n", j, j)
		}
		add(fmt.Sprintf("app/views%d.py", i), v.String())
	}
	factory.WriteString("    return app\n")
	add("app/__init__.py", factory.String())
	add("app/config.py", "import os\n\n\nclass Config:\n    SECRET_KEY = os.environ[\"SECRET_KEY\"]\n\n\n"+
		"class ProductionConfig(Config):\n    SESSION_COOKIE_SECURE = True\n\n\nclass DevelopmentConfig(Config):\n    DEBUG = True\n\n\n"+
		"CONFIGS = {\"production\": ProductionConfig, \"development\": DevelopmentConfig}\n")
	return files
}

func TestSynthetic(t *testing.T) {
	m := flask.ModelOf(project.New("/synthetic", synthetic(t, 3), nil))
	if len(m.Routes) != 60 {
		t.Fatalf("routes = %d, want 60", len(m.Routes))
	}
	if got := m.Routes[0].String(); got != "GET, POST /m0/item0/<int:id>" {
		t.Errorf("first route = %q", got)
	}
	if s := m.Config.Lookup("SESSION_COOKIE_SECURE", flask.Production); s.Only() == nil {
		t.Errorf("SESSION_COOKIE_SECURE for production = %+v", s.Values)
	}
}

// BenchmarkModelOf measures building the model of a 100-module app
// (2,000 routes); parsing is outside the timed loop.
func BenchmarkModelOf(b *testing.B) {
	files := synthetic(b, 100)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := project.New("/synthetic", files, nil)
		m := flask.ModelOf(p)
		if len(m.Routes) != 2000 {
			b.Fatalf("routes = %d", len(m.Routes))
		}
	}
}
