package flask_test

import (
	"fmt"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/parser"
)

// Rules ask the configuration what production gets: the Development
// class's value does not apply, the production class's does, and a value
// read from the environment says so.
func ExampleConfig_Lookup() {
	src := []byte(`import os
from flask import Flask


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SESSION_COOKIE_SECURE = False


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True


CONFIGS = {"development": Config, "production": ProductionConfig}

app = Flask(__name__)
app.config.from_object(CONFIGS[os.environ.get("APP_ENV", "production")])


@app.post("/login")
def login():
    return "ok"
`)
	mod, _ := parser.ParseFile("app.py", src)
	p := project.New("/example", []*project.File{{Path: "app.py", Kind: project.Python, Src: src, AST: mod}}, nil)
	m := flask.ModelOf(p)

	for _, key := range []string{"SESSION_COOKIE_SECURE", "SECRET_KEY", "MAX_CONTENT_LENGTH"} {
		s := m.Config.Lookup(key, flask.Production)
		if s.Unset() {
			fmt.Println(key, "unset")
			continue
		}
		v := s.Values[0]
		fmt.Println(key, v.Origin, v.EnvVar, v.Where())
	}
	fmt.Println(m.Routes[0], m.Routes[0].StateChanging())
	// Output:
	// SESSION_COOKIE_SECURE literal  app.py:11 (ProductionConfig)
	// SECRET_KEY environment SECRET_KEY app.py:6 (Config)
	// MAX_CONTENT_LENGTH unset
	// POST /login true
}
