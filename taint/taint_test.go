package taint

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/parser"
)

// load builds an in-memory project from path -> source.
func load(t testing.TB, files map[string]string) *project.Project {
	t.Helper()
	var fs []*project.File
	for path, src := range files {
		mod, err := parser.ParseFile(path, []byte(src))
		if err != nil {
			t.Fatalf("%s does not parse: %v", path, err)
		}
		fs = append(fs, &project.File{Path: path, Kind: project.Python, Src: []byte(src), AST: mod})
	}
	return project.New("", fs, nil)
}

// describe renders flows as "kind path:line conf origin" lines.
func describe(r *Result) []string {
	var out []string
	for _, fl := range r.All() {
		out = append(out, fmt.Sprintf("%s%s %s:%d %s %s", fl.Kind, variant(fl), fl.File.Path, fl.Node.Pos().Line, fl.Confidence, fl.Origin))
	}
	sort.Strings(out)
	return out
}

func variant(fl *Flow) string {
	if fl.Variant == "" {
		return ""
	}
	return "/" + fl.Variant
}

func TestFlows(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name: "direct",
			files: map[string]string{"app.py": `
from flask import Flask, request
import sqlite3
app = Flask(__name__)

@app.route("/s")
def search():
    q = request.args.get("q", "")
    conn = sqlite3.connect("db")
    conn.execute("SELECT * FROM t WHERE name = '%s'" % q)
    conn.execute("SELECT * FROM t WHERE name = ?", (q,))
    q = "constant"
    conn.execute("SELECT * FROM t WHERE name = '" + q + "'")
    return "ok"
`},
			want: []string{"sql app.py:10 High request"},
		},
		{
			name: "propagation",
			files: map[string]string{"app.py": `
from flask import Flask, request
import os
app = Flask(__name__)

@app.route("/p")
def p():
    a, b = request.args["a"], "const"
    os.system(a)
    os.system(b)
    parts = [request.form["x"]]
    os.system(" ".join(parts))
    d = {"k": request.args["k"], "c": "safe"}
    os.system(d["c"])
    os.system(d["k"])
    s = "echo "
    s += request.args["z"]
    os.system(s)
    cmds = [c.strip() for c in request.args.getlist("c")]
    os.system(cmds[0])
    if (w := request.args.get("w")):
        os.system(w)
    with open("f") as fh:
        os.system(fh.read())
    for i in range(3):
        q = request.args["q"]
    os.system(q)
    t = request.args["t"]
    t = t[1:].replace("a", "b").encode().decode()
    os.system(t)
    os.system(str(len(request.args["n"])))
    return "ok"
`},
			want: []string{
				"command/shell app.py:12 High request",
				"command/shell app.py:15 High request",
				"command/shell app.py:18 High request",
				"command/shell app.py:20 High request",
				"command/shell app.py:22 High request",
				"command/shell app.py:27 High request",
				"command/shell app.py:30 High request",
				"command/shell app.py:9 High request",
			},
		},
		{
			name: "branches and guards",
			files: map[string]string{"app.py": `
from flask import Flask, request, abort
import os
app = Flask(__name__)
OK = {"a", "b"}

@app.route("/g")
def g():
    x = request.args["x"]
    if x in OK:
        os.system(x)
    else:
        os.system(x)
    if x not in OK:
        abort(400)
    os.system(x)
    y = request.args["y"]
    if y.isdigit():
        os.system(y)
    z = request.args["z"] if request.args.get("f") else "const"
    os.system(z)
    try:
        u = request.args["u"]
    except KeyError:
        u = "default"
    os.system(u)
    while True:
        v = request.args["v"]
        if v == "stop":
            os.system(v)
            break
        os.system(v)
    return "ok"
`},
			want: []string{
				"command/shell app.py:13 High request",
				"command/shell app.py:21 High request",
				"command/shell app.py:26 High request",
				"command/shell app.py:32 High request",
			},
		},
		{
			name: "partial and file objects",
			files: map[string]string{"app.py": `
import functools
import io
import subprocess
from flask import Flask, request, send_file
app = Flask(__name__)

def run(prefix, arg):
    subprocess.run(prefix + arg, shell=True)

@app.route("/p")
def p():
    runner = functools.partial(run, request.args["a"])
    runner("x")
    quiet = functools.partial(run, "ls ")
    quiet("-l")
    data = io.BytesIO(request.args["b"].encode())
    send_file(data, mimetype="text/plain")
    send_file(request.args["c"])
    return "ok"
`},
			want: []string{
				"command/shell app.py:9 High request",
				"path app.py:19 High request",
			},
		},
		{
			name: "decorator passes request data to the view",
			files: map[string]string{"app.py": `
import functools
import os
from flask import Flask, request
app = Flask(__name__)

def with_target(f):
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        return f(request.args["target"], *args, **kwargs)
    return wrapper

def logged(f):
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs)
    return wrapper

@app.route("/d")
@with_target
def d(target):
    os.system("ping " + target)
    return "ok"

@app.route("/e")
@logged
def e():
    os.system("uptime")
    return "ok"
`},
			want: []string{"command/shell app.py:22 High request"},
		},
		{
			name: "safe library patterns",
			files: map[string]string{"app.py": `
from flask import Flask, jsonify, redirect, render_template, request, url_for
from sqlalchemy import select
from models import Item, db
app = Flask(__name__)

@app.route("/s")
def s():
    q = request.args.get("q", "")
    Item.query.filter(Item.name.ilike(f"%{q}%")).all()
    db.session.execute(select(Item).where(Item.name.contains(q))).scalars()
    Item.query.order_by(Item.name.desc()).all()
    db.session.execute("SELECT 1 WHERE x = '" + q + "'")
    return render_template("s.html", q=q)

@app.route("/api", methods=["POST"])
def api():
    data = request.get_json()
    return jsonify(name=data.get("name"))

@app.route("/again")
def again():
    if request.args.get("retry"):
        return redirect(request.url)
    return redirect(url_for("s", q=request.args.get("q")))
`, "models.py": `
class Item:
    query = None
db = None
`},
			want: []string{"sql app.py:13 High request", "template-context app.py:14 High request"},
		},
		{
			name: "arguments mutated by a helper",
			files: map[string]string{"app.py": `
import sqlite3
from flask import Flask, request
app = Flask(__name__)

def add_clause(clauses, column, value):
    clauses.append(column + " = '" + value + "'")

def add_const(clauses):
    clauses.append("1 = 1")

@app.route("/m")
def m():
    clauses = []
    add_const(clauses)
    conn = sqlite3.connect("x")
    conn.execute("SELECT * FROM t WHERE " + " AND ".join(clauses))
    add_clause(clauses, "name", request.args["n"])
    conn.execute("SELECT * FROM t WHERE " + " AND ".join(clauses))
    return "ok"
`},
			want: []string{"sql app.py:19 High request"},
		},
		{
			name: "psycopg composition",
			files: map[string]string{"app.py": `
import psycopg2
from psycopg2 import sql
from flask import Flask, request
app = Flask(__name__)

@app.route("/c")
def c():
    conn = psycopg2.connect("dbname=x")
    cur = conn.cursor()
    col = request.args["col"]
    cur.execute(sql.SQL("SELECT {} FROM t WHERE a = {}").format(sql.Identifier(col), sql.Literal(col)))
    cur.execute(sql.SQL("SELECT " + col))
    return "ok"
`},
			want: []string{"sql app.py:13 High request"},
		},
		{
			name: "nested functions and closures",
			files: map[string]string{"app.py": `
import sqlite3
from flask import Flask, request
app = Flask(__name__)

@app.route("/n")
def n():
    conn = sqlite3.connect("x")
    q = request.args["q"]
    def run():
        return conn.execute("SELECT * FROM t WHERE a = '" + q + "'")
    def safe(v):
        return conn.execute("SELECT * FROM t WHERE a = ?", (v,))
    def build(v):
        return "SELECT * FROM t WHERE b = '" + v + "'"
    run()
    safe(q)
    conn.execute(build(q))
    return "ok"
`},
			want: []string{"sql app.py:11 High request", "sql app.py:18 High request"},
		},
		{
			name: "flask.g across functions",
			files: map[string]string{"app.py": `
import os
from flask import Flask, g, request
app = Flask(__name__)

@app.route("/v")
def v():
    os.system("grep " + g.term)
    os.system("ls " + g.mode)
    return "ok"

@app.before_request
def load():
    g.term = request.args.get("term", "")
    g.mode = "-l"
`},
			want: []string{"command/shell app.py:8 High request"},
		},
		{
			name: "super and properties",
			files: map[string]string{"app.py": `
import os
from flask import Flask, request
app = Flask(__name__)

class Base:
    def run(self, cmd):
        os.system(cmd)

class Job(Base):
    def __init__(self, name):
        self.name = name

    @property
    def command(self):
        return "process " + self.name

    @property
    def label(self):
        return "job"

    def run(self, cmd):
        super().run(cmd)

@app.route("/j")
def j():
    job = Job(request.args["name"])
    os.system(job.command)
    os.system(job.label)
    Job("x").run(request.args["cmd"])
    return "ok"
`},
			want: []string{"command/shell app.py:28 High request", "command/shell app.py:8 High request"},
		},
		{
			name: "regex and attribute allowlists",
			files: map[string]string{"app.py": `
import os
import re
from flask import Flask, abort, request
app = Flask(__name__)
NAME = r"^[a-z0-9_]+$"
PREFIX = r"^[a-z]+"
NAME_RE = re.compile(r"[a-z]+\Z")

class Tool:
    ALLOWED = ("ls", "df")

    def run(self, cmd):
        if cmd not in self.ALLOWED:
            abort(400)
        os.system(cmd)

@app.route("/r")
def r():
    a = request.args["a"]
    if not re.match(NAME, a):
        abort(400)
    os.system(a)
    b = request.args["b"]
    if re.match(PREFIX, b):
        os.system(b)
    c = request.args["c"]
    if NAME_RE.match(c):
        os.system(c)
    Tool().run(request.args["d"])
    return "ok"
`},
			want: []string{"command/shell app.py:26 High request"},
		},
		{
			name: "validating helpers",
			files: map[string]string{"app.py": `
from urllib.parse import urlparse
from flask import Flask, abort, redirect, request
app = Flask(__name__)

def ensure_local(url):
    if urlparse(url).netloc:
        abort(400)

def warn_external(url):
    if urlparse(url).netloc:
        print("external")

@app.route("/a")
def a():
    t = request.args["next"]
    ensure_local(t)
    return redirect(t)

@app.route("/b")
def b():
    t = request.args["next"]
    warn_external(t)
    return redirect(t)
`},
			want: []string{"redirect app.py:24 High request"},
		},
		{
			name: "views inside an app factory",
			files: map[string]string{"app.py": `
import sqlite3
from flask import Flask, request

def create_app():
    app = Flask(__name__)
    conn = sqlite3.connect("x")

    @app.route("/f")
    def find():
        name = request.args["name"]
        conn.execute("SELECT * FROM t WHERE n = ?", (name,))
        return str(conn.execute("SELECT * FROM t WHERE n = '%s'" % name).fetchall())

    @app.route("/u/<user>")
    def user(user):
        return conn.execute(f"SELECT * FROM t WHERE u = '{user}'").fetchone()[0]

    return app
`},
			want: []string{"html/return app.py:13 Low database", "html/return app.py:17 Low database", "sql app.py:13 High request", "sql app.py:17 High request"},
		},
		{
			name: "the request object passed around",
			files: map[string]string{"app.py": `
import os
from flask import Flask, request
app = Flask(__name__)

def param_of(req, name):
    return req.args.get(name)

def run_from(req):
    os.system(req.form["cmd"])

@app.route("/q")
def q():
    r = request
    os.system(r.values["a"])
    os.system(param_of(request, "b"))
    run_from(request)
    os.system(request.method)
    return "ok"
`},
			want: []string{"command/shell app.py:10 High request", "command/shell app.py:15 High request", "command/shell app.py:16 High request"},
		},
		{
			name: "WTForms",
			files: map[string]string{
				"forms.py": `
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField

class SearchForm(FlaskForm):
    term = StringField("term")
    page = IntegerField("page")
    sort = SelectField("sort", choices=[("a", "A"), ("b", "B")])

class AdvancedSearch(SearchForm):
    owner = StringField("owner")
`,
				"app.py": `
import sqlite3
from flask import Flask
from forms import AdvancedSearch, SearchForm
app = Flask(__name__)

@app.route("/s", methods=["GET", "POST"])
def s():
    form = SearchForm()
    db = sqlite3.connect("x")
    if form.validate_on_submit():
        db.execute("SELECT * FROM t LIMIT 10 OFFSET %d" % form.page.data)
        db.execute("SELECT * FROM t ORDER BY " + form.sort.data)
        db.execute("SELECT * FROM t WHERE a = '" + form.term.data + "'")
    adv = AdvancedSearch()
    db.execute(f"SELECT * FROM t WHERE o = '{adv.owner.data}' AND p = {adv.page.data}")
    return "ok"
`},
			want: []string{"sql app.py:14 High request", "sql app.py:16 High request"},
		},
		{
			name: "checked access paths",
			files: map[string]string{"app.py": `
import sqlite3
from flask import Flask, abort, request
app = Flask(__name__)
COLUMNS = {"name", "email"}

@app.route("/p")
def p():
    db = sqlite3.connect("x")
    if request.args["sort"] not in COLUMNS:
        abort(400)
    db.execute("SELECT * FROM t ORDER BY " + request.args["sort"])
    db.execute("SELECT * FROM t ORDER BY " + request.args.get("sort"))
    db.execute("SELECT * FROM t WHERE a = '" + request.args["other"] + "'")
    data = request.get_json()
    if data["kind"] in ("a", "b"):
        db.execute("SELECT * FROM " + data["kind"])
    data = request.get_json()
    db.execute("SELECT * FROM " + data["kind"])
    return "ok"
`},
			want: []string{"sql app.py:14 High request", "sql app.py:19 High request"},
		},
		{
			name: "recursion terminates",
			files: map[string]string{"app.py": `
from flask import Flask, request
import os
app = Flask(__name__)

def rec(x, n):
    if n == 0:
        return x
    return rec(x + "!", n - 1)

def even(x, n):
    if n == 0:
        os.system(x)
        return x
    return odd(x, n - 1)

def odd(x, n):
    return even(x + "?", n - 1)

@app.route("/r")
def r():
    os.system(rec(request.args["a"], 3))
    odd(request.args["b"], 5)
    return "ok"
`},
			want: []string{
				"command/shell app.py:13 High request",
				"command/shell app.py:22 High request",
			},
		},
		{
			name: "module attributes and instances",
			files: map[string]string{
				"pkg/__init__.py": "from .db import Database\n",
				"pkg/db.py": `
import sqlite3
class Database:
    def __init__(self):
        self.conn = sqlite3.connect("x")
    def query(self, sql):
        return self.conn.execute(sql)
db = Database()
`,
				"pkg/views.py": `
from flask import Blueprint, request
from . import db as dbmod
from .db import db
bp = Blueprint("v", __name__)

@bp.route("/a")
def a():
    db.query("SELECT " + request.args["c"])
    dbmod.db.query("SELECT 1")
    return "ok"
`},
			want: []string{"sql pkg/db.py:7 High request"},
		},
		{
			name: "unresolved calls",
			files: map[string]string{"app.py": `
import os
from flask import Flask, request
from vendorlib import client, normalise_name
app = Flask(__name__)

@app.route("/u")
def u():
    name = request.args["name"]
    # A transformation the scan cannot see: medium confidence.
    os.system("echo " + normalise_name(name))
    # A verdict or a looked-up record: low confidence.
    os.system("echo " + str(client.is_allowed(name)))
    os.system("echo " + client.find_user(name))
    # An attribute of an object a library returned is that object's data.
    record = client.fetch_record(name)
    record.seen = True
    os.system("echo " + record.title)
    # A str method of the argument still carries it.
    os.system("echo " + name.strip())
    # Also when the record is read two calls further down.
    show(record)
    return "ok"

def show(rec):
    echo_title(rec)

def echo_title(item):
    os.system("echo " + item.title)
`},
			want: []string{
				"command/shell app.py:11 Medium request",
				"command/shell app.py:13 Low request",
				"command/shell app.py:14 Low request",
				"command/shell app.py:18 Low request",
				"command/shell app.py:20 High request",
				"command/shell app.py:29 Low request",
			},
		},
		{
			name: "namedtuples and returned objects",
			files: map[string]string{"app.py": `
import hashlib
import os
from collections import namedtuple
from flask import Flask, request
app = Flask(__name__)
Meta = namedtuple("Meta", "file_path, title, extension")

def describe(upload):
    tmp = os.path.join("/tmp", hashlib.md5(upload.filename.encode()).hexdigest())
    meta = Meta(file_path=tmp, title=upload.filename, extension="")
    if not meta.title.strip():
        meta = meta._replace(title="untitled")
    return meta

@app.route("/up", methods=["POST"])
def up():
    meta = describe(request.files["f"])
    os.remove(meta.file_path)
    os.remove(os.path.join("/books", meta.title))
    other = meta._replace(file_path=request.args["p"])
    os.remove(other.file_path)
    wrapped, error = checked(request.files["g"])
    os.remove(wrapped.file_path)
    os.remove(wrapped.title)
    return "ok"

def checked(upload):
    if not upload:
        return None, "missing"
    return describe(upload), None
`},
			want: []string{
				"path app.py:20 High file name",
				"path app.py:22 High request",
				"path app.py:25 High file name",
			},
		},
		{
			name: "tuples returned by repo functions",
			files: map[string]string{"app.py": `
import os
import shlex
from flask import Flask, request
app = Flask(__name__)

def split_name(raw):
    if not raw:
        return None
    return shlex.quote(raw), raw

def either(raw, pair):
    if pair:
        return "x", "y"
    return raw

@app.route("/t")
def t():
    safe, unsafe = split_name(request.args["n"])
    os.system("echo " + safe)
    os.system("echo " + unsafe)
    both = split_name(request.args["m"])
    os.system("echo " + both[0])
    os.system("echo " + both[1])
    a, b = either(request.args["e"], False)
    os.system("echo " + a)
    return "ok"
`},
			want: []string{
				"command/shell app.py:21 High request",
				"command/shell app.py:24 High request",
				"command/shell app.py:26 High request",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Of(load(t, tt.files))
			got := describe(r)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("flows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			_ = knowledge.SQL
		})
	}
}
