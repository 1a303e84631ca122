"""Upload route: size limit, extension and content-type allowlist, random
server-side name, storage outside static/."""
import os
import secrets

from flask import Blueprint, abort, jsonify, request

bp = Blueprint("upload_route", __name__)
UPLOAD_FOLDER = os.path.abspath(os.environ.get("UPLOAD_FOLDER", "instance/uploads"))
ALLOWED = {"png": "image/png", "jpg": "image/jpeg", "pdf": "application/pdf", "txt": "text/plain"}



def init_app(app):
    """Call from the app factory: caps every request body at 5 MiB."""
    app.config["MAX_CONTENT_LENGTH"] = 5 * 1024 * 1024
    app.register_blueprint(bp)


@bp.route("/files", methods=["POST"])
def upload():
    file = request.files.get("file")
    if file is None or "." not in (file.filename or ""):
        abort(400)
    ext = file.filename.rsplit(".", 1)[1].lower()
    if ext not in ALLOWED or ALLOWED[ext] != (file.mimetype or "").lower():
        abort(415)
    stored = secrets.token_hex(16) + "." + ext
    os.makedirs(UPLOAD_FOLDER, exist_ok=True)
    file.save(os.path.join(UPLOAD_FOLDER, stored))
    return jsonify(id=stored), 201
