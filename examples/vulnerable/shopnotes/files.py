"""Attachments: upload and download."""
import os

from flask import Blueprint, current_app, request, send_file

bp = Blueprint("files", __name__, url_prefix="/files")


@bp.route("/upload", methods=["POST"])
def upload():
    f = request.files["attachment"]
    # Insecure (FLASK-UPLOAD-001, FLASK-PATH-001): no type or size check, and
    # the client's file name ("../../app/wsgi.py", "page.html") is the storage
    # path.
    f.save(os.path.join(current_app.config["UPLOAD_FOLDER"], f.filename))
    return {"saved": f.filename}


@bp.route("/download")
def download():
    name = request.args["name"]
    # Insecure (FLASK-PATH-001): "../" in name escapes the upload folder, and
    # uploaded HTML is served inline (FLASK-XSS-001's upload case).
    return send_file(os.path.join(current_app.config["UPLOAD_FOLDER"], name))
