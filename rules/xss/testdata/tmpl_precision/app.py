import os
import secrets

import langdetect
from paging import make_pager

from flask_wtf import FlaskForm
from wtforms import StringField

from flask import Flask, current_app, g, render_template, request, url_for

app = Flask(__name__)
LANGS = ["en", "de", "fr"]


class Chart:
    def __init__(self, points):
        self.points = points

    def render(self):
        return render_template("chart.html", points=self.points)


@app.route("/widgets")
def widgets():
    q = request.args.get("q", "")
    sidebar = render_template("sidebar.html", q=q)
    return render_template(
        "widgets.html",
        q=q,
        sidebar=sidebar,
        chart=Chart([1, 2]),
        attrs={"class": "wide", "data-q": q},
        page_size=int(request.args.get("size", "20")),
        nonce=secrets.token_urlsafe(16),
        api_base=current_app.config["API_BASE"],
        tracker=os.environ.get("TRACKER_ID", ""),
        lang=request.accept_languages.best_match(LANGS),
        root=request.script_root,
        raw_lang=request.args.get("lang", ""),
        detected=langdetect.detect(request.args.get("q", "")),
    )


@app.route("/headers")
def headers():
    return render_template("headers.html", agent=request.headers.get("User-Agent", ""), ref=request.args.get("ref", ""))


@app.route("/tree")
def tree():
    return render_template("tree.html", nodes=[{"name": "a", "children": []}])


@app.route("/flags")
def flags():
    return render_template("flags.html", is_public=request.args.get("p") == "1", note=request.args.get("note", ""))


def send_welcome(user_name):
    subject = render_template("mail/welcome.txt.html", name=user_name)
    return subject


def login_url(next_path):
    if current_app.config.get("SSO"):
        return url_for("sso_login", next=next_path)
    return url_for("login", next=next_path)


def echo_url(next_path):
    if next_path:
        return next_path
    return url_for("login")


@app.route("/signin")
def signin():
    nxt = request.args.get("next", "")
    return render_template("signin.html", login=login_url(nxt), echo=echo_url(nxt))


FILTERS = {}


def register_filter(name):
    def deco(fn):
        FILTERS[name] = fn
        return fn
    return deco


@register_filter("sort_link")
def sort_link(column):
    args = request.args.copy()
    args["sort"] = column
    return url_for(request.endpoint, **args)


@register_filter("shout")
def shout(text):
    return text.upper() + "!"


class ListWidget:
    template = "widget_list.html"

    def __call__(self, **kwargs):
        return render_template(self.template, **kwargs)


@app.route("/table")
def table():
    return render_template("table.html", widgets=g.widgets, columns=["name", "age"],
                           title=request.args.get("title", ""))


def plugin_page(render_template, q):
    # render_template is handed in by the caller: still Flask's renderer.
    offscreen = render_template("sidebar.html", q=q)
    return render_template("plugin_page.html", offscreen=offscreen, q=q)


@app.route("/plugin")
def plugin():
    return plugin_page(render_template, request.args.get("q", ""))


@app.route("/js")
def js():
    return render_template("js.html", label=g.label, q=request.args.get("q", ""))


class SiteSettings:
    """Settings an administrator edits, stored in the database."""

    def get(self, key):
        return g.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()[0]


class Visitor:
    def get(self, key):
        return request.cookies.get(key, "")


@app.context_processor
def inject_objects():
    return dict(SETTINGS=SiteSettings(), VISITOR=Visitor())


@app.route("/dashboard")
def dashboard():
    return render_template("dashboard.html")


@app.route("/note")
def note():
    return render_template("note.html", md=g.markdown, chart=Chart([3]), body=request.args.get("body", ""))


class SignupForm(FlaskForm):
    email = StringField("Email")
    nickname = StringField("Nickname")


@app.route("/signup", methods=["GET", "POST"])
def signup():
    return render_template("signup.html", form=SignupForm())


@app.route("/profile/<int:uid>")
def profile_link(uid):
    return render_template("profile_link.html", homepage=lookup_homepage(uid))


@app.route("/runs/<int:rid>")
def runs(rid):
    run = load_run(rid)
    return render_template("runs.html", run=run, open_new=True, newest_timestamp=run.stamps[-1],
                           since_time=request.args.get("since", ""))


def shelf_link(shelf_id):
    return url_for("shelf", shelf_id=shelf_id)


app.jinja_env.globals["shelf_link"] = shelf_link


@app.route("/shelf/<int:shelf_id>")
def shelf(shelf_id):
    back = request.args.get("back", "/")
    pager = make_pager(shelf_id)
    return render_template("shelf.html", shelf_id=shelf_id, back=back, pager=pager, docs_root=app.config["DOCS_ROOT"])
