import os
import uuid

from flask import Flask, abort, request, send_from_directory

UPLOAD_FOLDER = "/srv/uploads"
ALLOWED_EXTENSIONS = {"png", "jpg", "jpeg", "gif"}

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 5 * 1024 * 1024


def extension(filename):
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


@app.route("/upload", methods=["POST"])
def upload():
    f = request.files["file"]
    ext = extension(f.filename)
    if ext not in ALLOWED_EXTENSIONS:
        abort(400)
    f.save(os.path.join(UPLOAD_FOLDER, f"{uuid.uuid4().hex}.{ext}"))
    return "ok"


@app.route("/uploads/<name>")
def uploaded(name):
    return send_from_directory(UPLOAD_FOLDER, name)


ALLOWED_SIGNATURES = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}


@app.route("/attach", methods=["POST"])
def attach():
    f = request.files["attachment"]
    ext = f.filename.rsplit(".", 1)[-1].lower() if "." in f.filename else ""
    magic = ALLOWED_SIGNATURES.get(ext)
    if magic is None or not f.stream.read(len(magic)).startswith(magic):
        abort(400)
    f.stream.seek(0)
    f.save(os.path.join(UPLOAD_FOLDER, f"{uuid.uuid4().hex}.{ext}"))
    return {"saved": True}
