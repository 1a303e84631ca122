"""Attachments: upload and download."""
import os
import uuid

from flask import Blueprint, abort, current_app, request, send_from_directory

bp = Blueprint("files", __name__, url_prefix="/files")

ALLOWED = {"png": b"\x89PNG\r\n\x1a\n", "jpg": b"\xff\xd8\xff", "pdf": b"%PDF-"}


@bp.route("/upload", methods=["POST"])
def upload():
    f = request.files["attachment"]
    ext = f.filename.rsplit(".", 1)[-1].lower() if "." in f.filename else ""
    magic = ALLOWED.get(ext)
    if magic is None or not f.stream.read(len(magic)).startswith(magic):
        abort(400)
    f.stream.seek(0)
    name = f"{uuid.uuid4().hex}.{ext}"
    f.save(os.path.join(current_app.config["UPLOAD_FOLDER"], name))
    return {"saved": name}


@bp.route("/download/<name>")
def download(name):
    return send_from_directory(current_app.config["UPLOAD_FOLDER"], name, as_attachment=True)
