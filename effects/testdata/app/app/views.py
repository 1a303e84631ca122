import os

import requests
from flask import abort, request, session
from flask_login import logout_user

from . import app
from .mail import notify
from .models import User, db, find_user, get_db, remove_account, rename


@app.route("/account/delete")
def delete_account():
    remove_account(session["user_id"])
    return "deleted"


@app.route("/user")
def show_user():
    return str(find_user(request.args.get("name")))


@app.route("/rename", methods=["GET", "POST"])
def rename_view():
    if request.method == "POST":
        rename(session["user_id"], request.form["name"])
        return "ok"
    return "form"


@app.route("/rename2", methods=["GET", "POST"])
def rename_view2():
    if request.method == "GET":
        return "form"
    rename(session["user_id"], request.form["name"])
    return "ok"


@app.route("/purge")
def purge():
    get_db().execute("DELETE FROM notes WHERE owner = ?", (session["user_id"],))
    os.remove("/srv/app/cache.db")
    return "ok"


@app.route("/ping")
def ping():
    requests.post("https://hooks.example.com/x", json={})
    notify("admin@example.com")
    return "ok"


@app.route("/bye")
def bye():
    logout_user()
    return "bye"


@app.route("/query-delete")
def query_delete():
    User.query.filter_by(id=1).delete()
    abort(404)


@app.route("/thumb")
def thumb():
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (1, 1)).save(buf, "PNG")
    return buf.getvalue()


@app.route("/upload", methods=["GET", "POST"])
def upload():
    form = UploadForm()
    if form.is_submitted():
        request.files["doc"].save("/srv/uploads/doc.pdf")
    return "form"


@app.route("/upload-get")
def upload_get():
    doc = request.files["doc"]
    doc.save("/srv/uploads/doc.pdf")
    return "saved"


class UploadForm:
    def is_submitted(self):
        return False


@app.route("/report.csv")
def report_csv():
    import tempfile

    path = tempfile.mktemp(suffix=".csv")
    with open(path, "w") as out:
        out.write("a,b\n")
    with open(path) as src:
        body = src.read()
    os.remove(path)
    return body


@app.route("/notify-all")
def notify_all():
    from .tasks import send_digest

    send_digest.delay("all")
    client = requests.Session()
    client.put("https://hooks.example.com/state", json={})
    return "queued"


@app.route("/core-delete")
def core_delete():
    from sqlalchemy import select, update

    conn = db.engine.connect()
    conn.execute(select(User).where(User.id == 1))
    conn.execute(update(User).where(User.id == 1).values(name="x"))
    return "ok"


@app.route("/orders/<int:order_id>/cancel")
def cancel_order(order_id):
    from .models import Order

    order = db.session.get(Order, order_id)
    order.describe()
    order.cancel()
    return "cancelled"


@app.route("/remember")
def remember():
    with open("/srv/app/state.json", "w") as out:
        out.write(request.args.get("state", ""))
    return "ok"
