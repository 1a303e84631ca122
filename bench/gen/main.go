// Command gen writes a synthetic Flask application of a given size, for
// benchmarks (bench/compare.sh): an app factory, configuration classes,
// many blueprint packages (views with routes, forms, models, services,
// helpers), Jinja templates, a Dockerfile, a Procfile and a requirements
// file. The code is ordinary, parseable Python in the shapes real Flask
// projects have (decorators, classes, comprehensions, f-strings, try
// blocks, SQL through parameters), with a few request-to-sink flows so
// that the analysis has work to do. The output is the same for the same
// flags.
//
//	go run ./bench/gen -n 2000 -o /tmp/flaskapp
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	n := flag.Int("n", 2000, "number of Python files to write (templates and deployment files come on top)")
	out := flag.String("o", "bench/out/flaskapp", "output folder (emptied first)")
	seed := flag.Uint64("seed", 1, "random seed; the same seed gives the same tree")
	flag.Parse()
	if err := generate(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// filesPerPackage is how many Python files one blueprint package holds.
const filesPerPackage = 8

func generate(out string, n int, seed uint64) error {
	if n < filesPerPackage+4 {
		return fmt.Errorf("-n %d is too small (at least %d)", n, filesPerPackage+4)
	}
	if err := os.RemoveAll(out); err != nil {
		return fmt.Errorf("emptying %s: %w", out, err)
	}
	g := &gen{root: out, rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	// Top-level files: 4 Python files.
	pkgs := (n - 4) / filesPerPackage
	extra := (n - 4) % filesPerPackage
	var names []string
	for i := 0; i < pkgs; i++ {
		names = append(names, fmt.Sprintf("%s_%d", words[i%len(words)], i))
	}
	g.write("app/__init__.py", g.factory(names))
	g.write("app/config.py", configPy)
	g.write("app/extensions.py", extensionsPy)
	g.write("wsgi.py", "from app import create_app\n\napp = create_app()\n")
	g.write("Dockerfile", "FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"wsgi:app\"]\n")
	g.write("Procfile", "web: gunicorn -b 0.0.0.0:$PORT wsgi:app\n")
	g.write("requirements.txt", "Flask==3.1.3\nWerkzeug==3.1.6\nJinja2==3.1.6\nSQLAlchemy==2.0.36\nrequests==2.32.5\n")
	for i, name := range names {
		files := filesPerPackage
		if i == len(names)-1 {
			files += extra
		}
		g.pkg(name, files)
	}
	return g.err
}

type gen struct {
	root string
	rnd  *rand.Rand
	err  error
}

func (g *gen) write(rel, text string) {
	if g.err != nil {
		return
	}
	p := filepath.Join(g.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		g.err = err
		return
	}
	g.err = os.WriteFile(p, []byte(text), 0o644)
}

var words = []string{"orders", "billing", "catalog", "inventory", "accounts", "reports", "shipping",
	"support", "search", "admin", "notes", "media", "reviews", "coupons", "webhooks", "audit"}

func (g *gen) factory(pkgs []string) string {
	var b strings.Builder
	b.WriteString("from flask import Flask\n\nfrom .config import Config\nfrom .extensions import db\n\n\n")
	b.WriteString("def create_app(config_object=Config):\n    app = Flask(__name__)\n    app.config.from_object(config_object)\n    db.init_app(app)\n")
	for _, p := range pkgs {
		fmt.Fprintf(&b, "    from .%s.views import bp as %s_bp\n    app.register_blueprint(%s_bp)\n", p, p, p)
	}
	b.WriteString("    return app\n")
	return b.String()
}

// pkg writes one blueprint package of files Python files plus its
// templates.
func (g *gen) pkg(name string, files int) {
	dir := "app/" + name
	g.write(dir+"/__init__.py", fmt.Sprintf("\"\"\"The %s blueprint.\"\"\"\n", name))
	g.write(dir+"/views.py", g.views(name))
	g.write(dir+"/models.py", g.models(name))
	g.write(dir+"/forms.py", g.forms(name))
	g.write(dir+"/services.py", g.services(name))
	g.write(dir+"/schemas.py", g.schemas(name))
	g.write(dir+"/tasks.py", g.tasks(name))
	for i := 7; i < files; i++ {
		g.write(fmt.Sprintf("%s/helpers_%d.py", dir, i), g.helpers(name, i))
	}
	g.write(fmt.Sprintf("app/templates/%s/index.html", name), fmt.Sprintf(indexHTML, name))
	g.write(fmt.Sprintf("app/templates/%s/detail.html", name), detailHTML)
}

func (g *gen) views(name string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `"""Views of %[1]s."""
from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for

from . import services
from .forms import ItemForm

bp = Blueprint(%[1]q, __name__, url_prefix="/%[1]s")


@bp.route("/")
def index():
    page = request.args.get("page", 1, type=int)
    items = services.list_items(page=page, per_page=20)
    return render_template("%[1]s/index.html", items=items, page=page)


@bp.route("/<int:item_id>")
def detail(item_id):
    item = services.get_item(item_id)
    if item is None:
        abort(404)
    return render_template("%[1]s/detail.html", item=item)


@bp.route("/new", methods=["GET", "POST"])
def create():
    form = ItemForm()
    if form.validate_on_submit():
        item = services.create_item(form.data)
        return redirect(url_for("%[1]s.detail", item_id=item.id))
    return render_template("%[1]s/index.html", form=form, items=[])


@bp.route("/search")
def search():
    term = request.args.get("q", "")
    return jsonify([i.to_dict() for i in services.search(term)])
`, name)
	for k := 0; k < 3+g.rnd.IntN(4); k++ {
		fmt.Fprintf(&b, `

@bp.route("/action-%[1]d/<slug>", methods=["POST"])
def action_%[1]d(slug):
    payload = request.get_json(silent=True) or {}
    count = int(payload.get("count", %[2]d))
    result = services.apply(slug, count=count, note=payload.get("note", ""))
    return jsonify(ok=True, result=result, slug=slug)
`, k, g.rnd.IntN(100))
	}
	return b.String()
}

func (g *gen) models(name string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\"\"\"Models of %s.\"\"\"\nfrom datetime import datetime, timezone\n\nfrom ..extensions import db\n", name)
	for k := 0; k < 2+g.rnd.IntN(3); k++ {
		fmt.Fprintf(&b, `

class Item%[1]d(db.Model):
    __tablename__ = "%[2]s_item_%[1]d"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    body = db.Column(db.Text, default="")
    created = db.Column(db.DateTime, default=lambda: datetime.now(timezone.utc))

    def to_dict(self):
        return {"id": self.id, "title": self.title, "created": self.created.isoformat()}

    def __repr__(self):
        return f"<Item%[1]d {self.id} {self.title!r}>"
`, k, name)
	}
	return b.String()
}

func (g *gen) forms(name string) string {
	return fmt.Sprintf(`"""Forms of %s."""
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange


class ItemForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=200)])
    body = TextAreaField("Body", validators=[Length(max=%d)])
    quantity = IntegerField("Quantity", validators=[NumberRange(min=0, max=1000)])
`, name, 1000+g.rnd.IntN(9000))
}

func (g *gen) services(name string) string {
	return fmt.Sprintf(`"""Business logic of %[1]s."""
import logging

from sqlalchemy import select, text

from ..extensions import db
from .models import Item0

log = logging.getLogger(__name__)


def list_items(page=1, per_page=20):
    stmt = select(Item0).order_by(Item0.created.desc()).limit(per_page).offset((page - 1) * per_page)
    return db.session.execute(stmt).scalars().all()


def get_item(item_id):
    return db.session.get(Item0, item_id)


def create_item(data):
    item = Item0(title=data["title"].strip(), body=data.get("body", ""))
    db.session.add(item)
    db.session.commit()
    log.info("created %%s", item.id)
    return item


def search(term):
    pattern = "%%" + term.replace("%%", "") + "%%"
    rows = db.session.execute(text("SELECT id FROM %[1]s_item_0 WHERE title LIKE :p"), {"p": pattern})
    ids = [r.id for r in rows]
    return [get_item(i) for i in ids if i is not None]


def apply(slug, count=1, note=""):
    try:
        total = sum(i * count for i in range(%[2]d) if i %% 3 == 0)
    except (TypeError, ValueError) as exc:
        log.warning("bad input for %%s: %%s", slug, exc)
        return None
    return {"slug": slug, "total": total, "note": note[:200]}
`, name, 10+g.rnd.IntN(90))
}

func (g *gen) schemas(name string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\"\"\"Serialisation of %s.\"\"\"\nfrom dataclasses import dataclass, field\n", name)
	for k := 0; k < 3; k++ {
		fmt.Fprintf(&b, `

@dataclass
class Schema%[1]d:
    id: int
    title: str
    tags: list[str] = field(default_factory=list)
    score: float = %[2]d.5

    def validate(self) -> list[str]:
        errors = []
        if not self.title:
            errors.append("title is required")
        if len(self.tags) > 20:
            errors.append("too many tags")
        return errors
`, k, g.rnd.IntN(10))
	}
	return b.String()
}

func (g *gen) tasks(name string) string {
	return fmt.Sprintf(`"""Background tasks of %s."""
import time
from contextlib import suppress


def retry(fn, attempts=3, delay=0.5):
    for attempt in range(attempts):
        with suppress(ConnectionError):
            return fn()
        time.sleep(delay * (2 ** attempt))
    raise RuntimeError("gave up after %%d attempts" %% attempts)


async def refresh(ids):
    results = {}
    for i in ids:
        results[i] = await fetch_one(i)
    return results


async def fetch_one(i):
    return {"id": i, "ok": True}
`, name)
}

func (g *gen) helpers(name string, i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\"\"\"Helpers %d of %s.\"\"\"\nimport re\nfrom functools import lru_cache\n\nSLUG = re.compile(r\"[^a-z0-9-]+\")\n", i, name)
	for k := 0; k < 4+g.rnd.IntN(6); k++ {
		fmt.Fprintf(&b, `

@lru_cache(maxsize=256)
def slugify_%[1]d(value: str) -> str:
    value = value.strip().lower()
    return SLUG.sub("-", value).strip("-")[:%[2]d]


def summarize_%[1]d(rows, key="total"):
    totals = {r["name"]: r.get(key, 0) for r in rows if r.get("name")}
    best = max(totals.items(), key=lambda kv: kv[1], default=(None, 0))
    return {"count": len(totals), "best": best[0], "sum": sum(totals.values())}
`, k, 20+g.rnd.IntN(60))
	}
	return b.String()
}

const configPy = `"""Configuration."""
import os
from datetime import timedelta


class Config:
    SECRET_KEY = os.environ["SECRET_KEY"]
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite:///app.db")
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
`

const extensionsPy = `"""Flask extensions, created once and initialised in create_app."""
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

db = SQLAlchemy()
csrf = CSRFProtect()
`

const indexHTML = `{%% extends "base.html" %%}
{%% block content %%}
<h1>%s</h1>
<ul>
{%% for item in items %%}
  <li><a href="{{ url_for(request.blueprint ~ '.detail', item_id=item.id) }}">{{ item.title }}</a></li>
{%% endfor %%}
</ul>
{%% endblock %%}
`

const detailHTML = `{% extends "base.html" %}
{% block content %}
<h1>{{ item.title }}</h1>
<div class="body">{{ item.body }}</div>
{% endblock %}
`
