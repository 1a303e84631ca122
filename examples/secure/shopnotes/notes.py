"""Notes: list, search, share, export, import and link previews."""
import json
import subprocess
from urllib.parse import urlsplit

import requests
from flask import Blueprint, abort, current_app, render_template, request, session

from . import db

bp = Blueprint("notes", __name__, url_prefix="/notes")

EXPORT_FORMATS = {"pdf", "docx", "html"}
PRICE_FACTORS = {"net": 1.0, "gross": 1.2}


@bp.route("/")
def index():
    rows = db.get_db().execute("SELECT id, title FROM notes WHERE owner_id = ?", (session["user_id"],)).fetchall()
    return render_template("notes/index.html", notes=rows)


@bp.route("/search")
def search():
    term = request.args.get("q", "")
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
    return render_template("notes/greeting.html", name=session.get("user_id"))


@bp.route("/profile", methods=["POST"])
def profile():
    return render_template("notes/profile.html", bio=request.form["bio"])


@bp.route("/export", methods=["POST"])
def export():
    fmt = request.form.get("format", "pdf")
    if fmt not in EXPORT_FORMATS:
        abort(400)
    subprocess.run(["pandoc", "/srv/shopnotes/export.md", "-o", "/tmp/export." + fmt], check=True)
    return {"status": "queued"}


@bp.route("/import", methods=["POST"])
def import_notes():
    notes = json.loads(request.get_data())
    for note in notes:
        db.get_db().execute("INSERT INTO notes (owner_id, title, body) VALUES (?, ?, ?)",
                            (session["user_id"], str(note["title"]), str(note["body"])))
    db.get_db().commit()
    return {"imported": len(notes)}


@bp.route("/preview")
def preview():
    url = request.args["url"]
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname not in current_app.config["PREVIEW_HOSTS"]:
        abort(400)
    resp = requests.get(url, timeout=current_app.config["PREVIEW_TIMEOUT"], allow_redirects=False)
    return {"status": resp.status_code, "title": resp.text[:200]}


@bp.route("/calc")
def calc():
    price = float(request.args["price"])
    factor = PRICE_FACTORS.get(request.args.get("kind", "net"))
    if factor is None:
        abort(400)
    return {"result": round(price * factor, 2)}
