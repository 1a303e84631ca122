"""Notes: list, search, share, export, import and link previews."""
import pickle
import subprocess

import requests
from flask import Blueprint, abort, current_app, render_template, render_template_string, request, session

from . import db
from .text import render_bio

bp = Blueprint("notes", __name__, url_prefix="/notes")


@bp.route("/")
def index():
    rows = db.get_db().execute("SELECT id, title FROM notes WHERE owner_id = ?", (session["user_id"],)).fetchall()
    return render_template("notes/index.html", notes=rows)


@bp.route("/search")
def search():
    term = request.args.get("q", "")
    # The tainted term flows into db.find_notes, which builds SQL with it
    # (FLASK-INJECT-001, reported in db.py).
    rows = db.find_notes(session["user_id"], term)
    return render_template("notes/search.html", notes=rows, q=term)


@bp.route("/<int:note_id>")
def show(note_id):
    note = db.get_db().execute("SELECT * FROM notes WHERE id = ?", (note_id,)).fetchone()
    if note is None:
        abort(404)
    return render_template("notes/show.html", note=note)


@bp.route("/greeting")
def greeting():
    # Insecure (FLASK-SSTI-001): the page template comes from the query
    # string and is rendered by Jinja, so {{ ... }} in it runs on the server.
    template = request.args.get("template", "Hello {{ name }}!")
    return render_template_string(template, name=session.get("user_id"))


@bp.route("/profile", methods=["POST"])
def profile():
    bio_html = db.save_bio(session["user_id"], render_bio(request.form["bio"]))
    return render_template("notes/profile.html", bio=bio_html)


@bp.route("/export", methods=["POST"])
def export():
    fmt = request.form.get("format", "pdf")
    # Insecure (FLASK-INJECT-002): user input in a shell command line.
    subprocess.run(f"pandoc /srv/shopnotes/export.md -o /tmp/export.{fmt}", shell=True, check=True)
    return {"status": "queued"}


@bp.route("/import", methods=["POST"])
def import_notes():
    # Insecure (FLASKSEC-DESERIALIZE-001): unpickling the request body runs
    # any code the sender put in it.
    notes = pickle.loads(request.get_data())
    for note in notes:
        db.get_db().execute("INSERT INTO notes (owner_id, title, body) VALUES (?, ?, ?)",
                            (session["user_id"], note["title"], note["body"]))
    db.get_db().commit()
    return {"imported": len(notes)}


@bp.route("/preview")
def preview():
    url = request.args["url"]
    # Insecure (FLASK-SSRF-001): fetches any URL the user gives, including
    # internal services and the cloud metadata endpoint.
    resp = requests.get(url, timeout=current_app.config["PREVIEW_TIMEOUT"])
    return {"status": resp.status_code, "title": resp.text[:200]}


@bp.route("/calc")
def calc():
    # Insecure (FLASKSEC-EVAL-001): evaluates a user-supplied expression
    # ("price * 1.2") as Python.
    result = eval(request.args["expr"])
    return {"result": result}
