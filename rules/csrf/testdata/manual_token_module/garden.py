import os
import secrets

from flask import Flask, abort, request, session

app = Flask(__name__)
app.secret_key = os.environ["GARDEN_KEY"]


# A module-level hook: the stored and the submitted token are plain
# locals, compared with == before the request goes on. No finding.
@app.before_request
def guard_posts():
    if request.method == "POST":
        stored = session.get("csrf")
        submitted = request.headers.get("X-CSRF-Token", "")
        if not stored or submitted != stored:
            return "bad token", 400
    return None


@app.route("/plots", methods=["POST"])
def new_plot():
    session["uid"] = request.form["owner"]
    return "planted", 201


@app.route("/token")
def token():
    session.setdefault("csrf", secrets.token_urlsafe(32))
    return {"csrf": session["csrf"]}
