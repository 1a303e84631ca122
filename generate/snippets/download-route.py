"""Download route: only names the app created, served as an attachment
with nosniff, from a folder outside static/."""
import os
import re

from flask import Blueprint, abort, send_from_directory

bp = Blueprint("download_route", __name__)
UPLOAD_FOLDER = os.path.abspath(os.environ.get("UPLOAD_FOLDER", "instance/uploads"))
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(png|jpg|pdf|txt)$")


@bp.route("/files/<name>", methods=["GET"])
def download(name):
    if not STORED_NAME.fullmatch(name):
        abort(404)
    response = send_from_directory(UPLOAD_FOLDER, name, as_attachment=True)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
