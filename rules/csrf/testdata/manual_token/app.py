import hmac
import secrets

from flask import Flask, abort, request, session

app = Flask(__name__)


def csrf_token():
    if "_csrf_token" not in session:
        session["_csrf_token"] = secrets.token_urlsafe(32)
    return session["_csrf_token"]


app.jinja_env.globals["csrf_token"] = csrf_token


# A hand-written synchronizer token, checked for every state-changing request.
# No finding.
@app.before_request
def check_token():
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token", "")
        if not hmac.compare_digest(sent, session.get("_csrf_token", "")):
            abort(400)


@app.post("/login")
def login():
    session.clear()
    session["user_id"] = request.form["user"]
    return "ok"


@app.post("/notes")
def add_note():
    return {"owner": session["user_id"], "text": request.form["text"]}
