import os
import uuid

from flask import Flask, abort, request, send_from_directory
from werkzeug.utils import secure_filename

from storage import Store, store_avatar

UPLOAD_FOLDER = "/srv/uploads"
STATIC_UPLOADS = "static/uploads"
ALLOWED_EXTENSIONS = {"png", "jpg", "pdf", "html"}

app = Flask(__name__)


def allowed_file(filename):
    return "." in filename and filename.rsplit(".", 1)[1].lower() in ALLOWED_EXTENSIONS


@app.route("/avatar", methods=["POST"])
def avatar():
    f = request.files["avatar"]  # want: FLASK-UPLOAD-001
    if not allowed_file(f.filename):
        abort(400)
    name = secure_filename(f.filename)
    f.save(os.path.join(STATIC_UPLOADS, name))  # want: FLASK-UPLOAD-001
    return "ok"


@app.route("/document", methods=["POST"])
def document():
    f = request.files["doc"]
    f.save(os.path.join(UPLOAD_FOLDER, f.filename))  # want: FLASK-UPLOAD-001
    return "ok"


@app.route("/photo", methods=["POST"])
def photo():
    f = request.files["photo"]
    ext = os.path.splitext(f.filename)[1].lower()
    if ext not in {".png", ".jpg"}:
        abort(400)
    f.save(os.path.join(UPLOAD_FOLDER, uuid.uuid4().hex + ext))
    return "ok"


@app.route("/profile", methods=["POST"])
def profile():
    store_avatar(request.files["pic"])
    return "ok"


@app.route("/uploads/<name>")
def uploaded(name):
    return send_from_directory(UPLOAD_FOLDER, name)  # want: FLASK-UPLOAD-001


@app.route("/uploads/download/<name>")
def download(name):
    return send_from_directory(UPLOAD_FOLDER, name, as_attachment=True)


@app.route("/store", methods=["POST"])
def store():
    Store(UPLOAD_FOLDER).put(request.files["a"])
    Store(UPLOAD_FOLDER).put_raw(request.files["b"])
    return "ok"
