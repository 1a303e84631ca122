package fix

import (
	"strings"
	"testing"

	"github.com/flasksec/flasksec/fixes"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/rules"
)

func TestYAML(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		want      string // the fixed file; "" when there must be no fix
	}{
		{"load with Loader", "import yaml\nx = yaml.load(d, Loader=yaml.Loader)\n", 2,
			"import yaml\nx = yaml.safe_load(d)\n"},
		{"alias, no Loader", "import yaml as y\nx = y.full_load(d)\n", 2, "import yaml as y\nx = y.safe_load(d)\n"},
		{"trailing comma kept", "import yaml\nx = yaml.unsafe_load_all(d, Loader=L,)\n", 2, "import yaml\nx = yaml.safe_load_all(d,)\n"},
		{"other line", "import yaml\nx = yaml.load(d, Loader=yaml.Loader)\n", 1, ""},
		{"name rebound", "import yaml\nyaml = Other()\nx = yaml.load(d, Loader=L)\n", 3, ""},
		{"function argument shadows", "import yaml\ndef f(yaml):\n    return yaml.load(d, Loader=L)\n", 3, ""},
		{"positional Loader", "import yaml\nx = yaml.load(d, yaml.Loader)\n", 2, ""},
		{"other keyword", "import yaml\nx = yaml.load(d, Loader=L, extra=1)\n", 2, ""},
		{"star args", "import yaml\nx = yaml.load(*a)\n", 2, ""},
		{"comment between", "import yaml\nx = yaml.load(d  # c\n, Loader=L)\n", 2, ""},
		{"not yaml", "import json as yaml2\nx = yaml2.load(d)\n", 2, ""},
		{"from import", "from yaml import load\nx = load(d, Loader=L)\n", 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := project.FromSource("app.py", []byte(tt.src), project.Options{ParsePython: parser.ParseFile})
			p := project.New("/x", []*project.File{f}, nil)
			fd := rules.Finding{RuleID: "FLASKSEC-DESERIALIZE-001", Location: rules.Location{Path: "app.py", StartLine: tt.line, EndLine: tt.line}}
			fs := For(p, fd, parser.ParseFile)
			if tt.want == "" {
				if len(fs) != 0 {
					t.Fatalf("got fixes %+v, want none", fs)
				}
				return
			}
			if len(fs) != 1 || fs[0].Applicability != fixes.Safe {
				t.Fatalf("got %+v, want one safe fix", fs)
			}
			out, err := fixes.Apply(f.Src, fs[0].Edits)
			if err != nil || string(out) != tt.want {
				t.Fatalf("fixed = %q, %v; want %q", out, err, tt.want)
			}
		})
	}
}

func TestNoFixForOtherRules(t *testing.T) {
	f, _, _ := project.FromSource("app.py", []byte("import yaml\nx = yaml.load(d)\n"), project.Options{ParsePython: parser.ParseFile})
	p := project.New("/x", []*project.File{f}, nil)
	fd := rules.Finding{RuleID: "FLASK-XSS-001", Location: rules.Location{Path: "app.py", StartLine: 2}}
	if fs := For(p, fd, parser.ParseFile); len(fs) != 0 {
		t.Fatalf("fixes for a rule without fixes: %+v", fs)
	}
}

func TestDebug(t *testing.T) {
	const toggle = `debug=os.environ.get("FLASK_DEBUG") == "1"`
	tests := []struct {
		name, src string
		line      int
		want      string // the fixed file; "" when there must be no fix
	}{
		{"import added before the first import", "from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\n", 3,
			"import os\nfrom flask import Flask\napp = Flask(__name__)\napp.run(" + toggle + ")\n"},
		{"os already imported", "import os\nimport flask\napp.run(port=1, debug=True, host='x')\n", 3,
			"import os\nimport flask\napp.run(port=1, " + toggle + ", host='x')\n"},
		{"after docstring and __future__", "\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\nimport flask\napp.run(debug=True)\n", 4,
			"\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\nimport os\nimport flask\napp.run(" + toggle + ")\n"},
		{"debug=False", "import os\napp.run(debug=False)\n", 2, ""},
		{"debug=1 is not the literal True", "import os\napp.run(debug=1)\n", 2, ""},
		{"other line", "import os\napp.run(debug=True)\n", 1, ""},
		{"os rebound", "import flask\nos = None\napp.run(debug=True)\n", 3, ""},
		{"os imported as something else", "import flask\nfrom x import y as os\napp.run(debug=True)\n", 3, ""},
		{"no import to put it before", "app = make()\napp.run(debug=True)\n", 2, ""},
		{"not run", "import os\napp.start(debug=True)\n", 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := project.FromSource("app.py", []byte(tt.src), project.Options{ParsePython: parser.ParseFile})
			p := project.New("/x", []*project.File{f}, nil)
			fd := rules.Finding{RuleID: "FLASK-DEPLOY-002", Location: rules.Location{Path: "app.py", StartLine: tt.line, EndLine: tt.line}}
			fs := For(p, fd, parser.ParseFile)
			if tt.want == "" {
				if len(fs) != 0 {
					t.Fatalf("got fixes %+v, want none", fs)
				}
				return
			}
			if len(fs) != 1 || fs[0].Applicability != fixes.Safe {
				t.Fatalf("got %+v, want one safe fix", fs)
			}
			out, err := fixes.Apply(f.Src, fs[0].Edits)
			if err != nil || string(out) != tt.want {
				t.Fatalf("fixed = %q, %v; want %q", out, err, tt.want)
			}
		})
	}
}

func TestSecretKey(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		want      string // the fixed file; "" when there must be no fix
	}{
		{"config class", "import os\nclass Prod:\n    SECRET_KEY = 'k-1'\n", 3, "import os\nclass Prod:\n    SECRET_KEY = os.environ[\"SECRET_KEY\"]\n"},
		{"attribute", "import flask\napp.secret_key = \"k-2\"\n", 2, "import os\nimport flask\napp.secret_key = os.environ[\"SECRET_KEY\"]\n"},
		{"config key of an extension", "import os\napp.config['WTF_CSRF_SECRET_KEY'] = 'k-3'\n", 2,
			"import os\napp.config['WTF_CSRF_SECRET_KEY'] = os.environ[\"WTF_CSRF_SECRET_KEY\"]\n"},
		{"joined literal", "import os\nSECRET_KEY = 'a' + 'b'\n", 2, ""},
		{"environment default", "import os\nSECRET_KEY = os.environ.get('SECRET_KEY', 'dev')\n", 2, ""},
		{"bytes", "import os\nSECRET_KEY = b'k'\n", 2, ""},
		{"not a secret key", "import os\nSECRET_KEYS_FILE = 'k'\n", 2, ""},
		{"two targets", "import os\nSECRET_KEY = OTHER = 'k'\n", 2, ""},
		{"not config", "import os\nsettings['SECRET_KEY'] = 'k'\n", 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := project.FromSource("app.py", []byte(tt.src), project.Options{ParsePython: parser.ParseFile})
			p := project.New("/x", []*project.File{f}, nil)
			fd := rules.Finding{RuleID: "FLASK-CONFIG-001", Location: rules.Location{Path: "app.py", StartLine: tt.line, EndLine: tt.line}}
			fs := For(p, fd, parser.ParseFile)
			if tt.want == "" {
				if len(fs) != 0 {
					t.Fatalf("got fixes %+v, want none", fs)
				}
				return
			}
			if len(fs) != 1 || fs[0].Applicability != fixes.Safe || !strings.Contains(fs[0].Message, "rotate") {
				t.Fatalf("got %+v, want one safe fix that says to rotate the key", fs)
			}
			out, err := fixes.Apply(f.Src, fs[0].Edits)
			if err != nil || string(out) != tt.want {
				t.Fatalf("fixed = %q, %v; want %q", out, err, tt.want)
			}
		})
	}
}
