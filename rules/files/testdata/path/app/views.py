import os
import uuid
import re
import shutil
import tarfile
import zipfile
from pathlib import Path

from flask import abort, request, send_file, send_from_directory
from werkzeug.security import safe_join
from werkzeug.utils import secure_filename
from flask_restx import abort as rest_abort
from app.storage import log_event as rest_log

from app import app
from app.storage import BASE, Archive, delete_file, read_report


@app.route("/download")
def download():
    name = request.args["name"]
    return send_file(os.path.join(BASE, name))  # want: FLASK-PATH-001


@app.route("/download/safe")
def download_safe():
    return send_from_directory(BASE, request.args["name"])


@app.route("/joined")
def joined():
    path = safe_join(BASE, request.args["name"])
    if path is None:
        abort(404)
    return send_file(path)


@app.route("/real")
def real():
    full = os.path.realpath(os.path.join(BASE, request.args["name"]))
    if not full.startswith(BASE + os.sep):
        abort(403)
    return send_file(full)


@app.route("/real/unchecked")
def real_unchecked():
    full = os.path.realpath(os.path.join(BASE, request.args["name"]))
    return send_file(full)  # want: FLASK-PATH-001


@app.route("/report/<path:name>")
def report(name):
    return read_report(name)


@app.route("/delete", methods=["POST"])
def delete():
    delete_file(request.form["name"])
    shutil.rmtree(os.path.join(BASE, secure_filename(request.form["dir"])))
    return "ok"


@app.route("/move", methods=["POST"])
def move():
    shutil.move(request.form["src"], "/tmp/x")  # want: FLASK-PATH-001
    return "ok"


@app.route("/archive/<name>")
def archive(name):
    return Archive(BASE).load(name)


@app.route("/pathlib")
def pathlib_read():
    p = Path(BASE) / request.args["f"]
    return p.read_bytes()  # want: FLASK-PATH-001


@app.route("/extract", methods=["POST"])
def extract():
    up = request.files["archive"]
    with tarfile.open(fileobj=up.stream) as tar:
        tar.extractall("/srv/extract")  # want: FLASK-PATH-001
    with tarfile.open(fileobj=up.stream) as tar:
        tar.extractall("/srv/extract", filter="data")
    zipfile.ZipFile(up.stream).extractall("/srv/zip")  # want: FLASK-PATH-001(medium)
    return "ok"


@app.route("/reassigned")
def reassigned():
    name = request.args["name"]
    name = "index.txt"
    return send_file(os.path.join(BASE, name))


@app.route("/files/<int:file_id>")
def by_id(file_id):
    return send_file(os.path.join(BASE, "%d.pdf" % file_id))


@app.route("/store", methods=["POST"])
def store():
    f = request.files["doc"]
    f.save(os.path.join(BASE, f.filename))  # want: FLASK-PATH-001
    f.save(os.path.join(BASE, secure_filename(f.filename)))
    return "ok"


@app.route("/logs/<name>")
def log_file(name):
    # A whole-value pattern with no separator and a fixed extension.
    if not re.match(r"^[a-z0-9-]+\.log$", name):
        abort(404)
    return send_file(os.path.join(BASE, "logs", name))


@app.route("/flags/<code>")
def flag(code):
    code = re.sub(r"[^a-z0-9_-]+", "", code.lower())
    return send_file(os.path.join(BASE, "flags", code + ".svg"))


@app.route("/logs/loose/<name>")
def log_loose(name):
    if not re.fullmatch(r"[\w.]+", name):  # ".." passes
        abort(404)
    return send_file(os.path.join(BASE, name, "index.txt"))  # want: FLASK-PATH-001


@app.route("/flags/loose")
def flag_loose():
    code = re.sub(r"[^\w./]+", "", request.args.get("code", ""))  # keeps / and .
    return send_file(os.path.join(BASE, "flags", code))  # want: FLASK-PATH-001


@app.route("/badges/<path:badge>")
def badge(badge):
    # flask-restx's abort() raises like Flask's: the check holds below it.
    size, _, name = badge.partition("/")
    if size not in ("small", "large"):
        rest_abort(404)
    if not re.fullmatch(r"[a-z]+\.png", name):
        rest_abort(404)
    return send_from_directory(os.path.join(BASE, "badges", size), name)


@app.route("/badges/loose/<path:badge>")
def badge_loose(badge):
    size = badge.split("/")[0]
    if size not in ("small", "large"):
        rest_log(404)
    return send_file(os.path.join(BASE, "badges", size, "badge.png"))  # want: FLASK-PATH-001


def folder_name(title):
    # Separators replaced: the title cannot leave the library folder.
    title = title.replace("/", "_")
    return re.sub(r"[:*?<>|]+", "_", title).strip()


def label_name(label):
    return re.sub(r"[\\/:]+", "-", label)


@app.route("/library", methods=["POST"])
def library_add():
    os.makedirs(os.path.join(BASE, "library", folder_name(request.form["title"])))
    os.makedirs(os.path.join(BASE, "labels", label_name(request.form["label"])))
    return "ok"


@app.route("/library/loose", methods=["POST"])
def library_loose():
    title = request.form["title"].replace("\\\\", "_")  # only backslashes
    os.makedirs(os.path.join(BASE, "library", title))  # want: FLASK-PATH-001
    label = re.sub(r"[:*]+", "/", request.form["label"])  # puts separators in
    os.makedirs(os.path.join(BASE, "labels", label))  # want: FLASK-PATH-001
    return "ok"


@app.route("/import", methods=["POST"])
def import_file():
    up = request.files["book"]
    root, ext = os.path.splitext(up.filename)
    # The extension holds no separator: a temporary name built from it stays in /tmp.
    with open(os.path.join("/tmp", "import-" + uuid.uuid4().hex + ext), "wb") as out:
        out.write(up.read())
    # The root still does.
    return send_file(os.path.join(BASE, "imports", root))  # want: FLASK-PATH-001
