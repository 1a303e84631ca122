package lsp

import (
	"strings"
	"testing"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/parser"
)

const rid = "FLASK-INJECT-001"

func TestSuppressionFix(t *testing.T) {
	tests := []struct {
		name string
		rel  string
		text string
		line int    // 1-based
		want string // the text after the edit; "" when no fix is expected
	}{
		{
			name: "python: comment at the end of the line",
			rel:  "app.py",
			text: "def f(cur, q):\n    cur.execute(q)   \n",
			line: 2,
			want: "def f(cur, q):\n    cur.execute(q)  # flasksec: ignore[FLASK-INJECT-001] reason: TODO\n",
		},
		{
			name: "python: the line has a comment, so one above it",
			rel:  "app.py",
			text: "def f(cur, q):\n    cur.execute(q)  # run it\n",
			line: 2,
			want: "def f(cur, q):\n    # flasksec: ignore[FLASK-INJECT-001] reason: TODO\n    cur.execute(q)  # run it\n",
		},
		{
			name: "python: a suppression on the line takes the rule",
			rel:  "app.py",
			text: "cur.execute(q)  # flasksec: ignore[FLASK-SSRF-001] q is a constant\n",
			line: 1,
			want: "cur.execute(q)  # flasksec: ignore[FLASK-SSRF-001, FLASK-INJECT-001] q is a constant\n",
		},
		{
			name: "python: a suppression alone above takes the rule",
			rel:  "app.py",
			text: "if x:\n    # flasksec: ignore[FLASK-SSRF-001] reviewed\n    cur.execute(q)  # note\n",
			line: 3,
			want: "if x:\n    # flasksec: ignore[FLASK-SSRF-001, FLASK-INJECT-001] reviewed\n    cur.execute(q)  # note\n",
		},
		{
			name: "python: the line ends inside a string",
			rel:  "app.py",
			text: "cur.execute(\"\"\"SELECT *\n    FROM t WHERE id = %s\"\"\" % q)\n",
			line: 1,
			want: "# flasksec: ignore[FLASK-INJECT-001] reason: TODO\ncur.execute(\"\"\"SELECT *\n    FROM t WHERE id = %s\"\"\" % q)\n",
		},
		{
			name: "python: the line continues with a backslash",
			rel:  "app.py",
			text: "x = cur.execute(q) + \\\n    1\n",
			line: 1,
			want: "# flasksec: ignore[FLASK-INJECT-001] reason: TODO\nx = cur.execute(q) + \\\n    1\n",
		},
		{
			name: "python: nowhere to put it",
			rel:  "app.py",
			text: "y = 1 + \\\n    cur.execute(q)  # note\n",
			line: 2,
			want: "",
		},
		{
			name: "python: windows line endings",
			rel:  "app.py",
			text: "def f(cur, q):\r\n    cur.execute(q)  # note\r\n",
			line: 2,
			want: "def f(cur, q):\r\n    # flasksec: ignore[FLASK-INJECT-001] reason: TODO\r\n    cur.execute(q)  # note\r\n",
		},
		{
			name: "python: non-ASCII text before the end of the line",
			rel:  "app.py",
			text: "données = cur.execute(\"😀\" + q)\n",
			line: 1,
			want: "données = cur.execute(\"😀\" + q)  # flasksec: ignore[FLASK-INJECT-001] reason: TODO\n",
		},
		{
			name: "template: a Jinja comment at the end of the line",
			rel:  "templates/page.html",
			text: "<div>\n  <p>{{ bio|safe }}</p>\n</div>\n",
			line: 2,
			want: "<div>\n  <p>{{ bio|safe }}</p>  {# flasksec: ignore[FLASK-INJECT-001] reason: TODO #}\n</div>\n",
		},
		{
			name: "template: inside a raw block a comment is text",
			rel:  "templates/page.html",
			text: "{% raw %}\n{{ bio|safe }}\n{% endraw %}\n",
			line: 2,
			want: "",
		},
		{
			name: "Dockerfile: a comment line above",
			rel:  "Dockerfile",
			text: "FROM python:3.12\n  ENV FLASK_DEBUG=1\n",
			line: 2,
			want: "FROM python:3.12\n  # flasksec: ignore[FLASK-INJECT-001] reason: TODO\n  ENV FLASK_DEBUG=1\n",
		},
		{
			name: "shell: not between continued lines",
			rel:  "run.sh",
			text: "#!/bin/sh\nexec flask run \\\n  --debug\n",
			line: 3,
			want: "",
		},
		{
			name: "a Python settings file: a comment line of its own",
			rel:  "instance/settings.cfg",
			text: "DEBUG = True\nSECRET_KEY = 'x'  # dev only\n",
			line: 2,
			want: "DEBUG = True\n# flasksec: ignore[FLASK-INJECT-001] reason: TODO\nSECRET_KEY = 'x'  # dev only\n",
		},
		{
			name: "an INI-and-Python .cfg file: a comment line of its own",
			rel:  "deploy/uwsgi.cfg",
			text: "[uwsgi]\nmodule = app\n",
			line: 2,
			want: "[uwsgi]\n# flasksec: ignore[FLASK-INJECT-001] reason: TODO\nmodule = app\n",
		},
		{
			name: "Pipfile.lock is JSON",
			rel:  "Pipfile.lock",
			text: "{\n  \"default\": {}\n}\n",
			line: 2,
			want: "",
		},
		{
			name: "line out of range",
			rel:  "app.py",
			text: "x = 1\n",
			line: 7,
			want: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fc := fixContext{rel: tt.rel, text: tt.text, id: rid, line: tt.line, enc: encUTF16,
				load: project.Options{ParsePython: parser.ParseFile}}
			fix, ok := suppressionFixFor(fc)
			if tt.want == "" {
				if ok {
					t.Fatalf("got fix %+v, want none", fix)
				}
				return
			}
			if !ok {
				t.Fatal("no fix")
			}
			got := encUTF16.applyChange(tt.text, &fix.Edit.Range, fix.Edit.NewText)
			if got != tt.want {
				t.Errorf("edited text:\n%s\nwant:\n%s", got, tt.want)
			}
			if !strings.Contains(fix.Title, rid) {
				t.Errorf("title %q does not name the rule", fix.Title)
			}
		})
	}
}

// TestSuppressionFixNeverChangesCode checks, over every line of a file,
// that the quick fix only ever adds a comment: removing the inserted text
// gives the original back.
func TestSuppressionFixNeverChangesCode(t *testing.T) {
	text := "import os\nfrom flask import Flask, request\n\napp = Flask(__name__)\napp.config['WTF_CSRF_ENABLED'] = True  # keep\n\n\n@app.post('/x')\ndef x():\n    return os.system(request.form['c'])\n"
	for line := 1; line <= 10; line++ {
		fc := fixContext{rel: "app.py", text: text, id: rid, line: line, enc: encUTF16, load: project.Options{ParsePython: parser.ParseFile}}
		fix, ok := suppressionFixFor(fc)
		if !ok {
			continue
		}
		if fix.Edit.Range.Start != fix.Edit.Range.End {
			// Only trailing blank space may be replaced.
			starts := lineStarts(text)
			l := lineAt(text, starts, fix.Edit.Range.Start.Line)
			from := encUTF16.toBytes(l, fix.Edit.Range.Start.Character)
			if strings.TrimSpace(l[from:]) != "" {
				t.Errorf("line %d: the fix replaces code %q", line, l[from:])
			}
		}
		if !strings.Contains(fix.Edit.NewText, "flasksec: ignore["+rid+"] "+reasonPlaceholder) {
			t.Errorf("line %d: inserted %q", line, fix.Edit.NewText)
		}
	}
}
