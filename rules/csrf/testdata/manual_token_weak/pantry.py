import logging
import os

from flask import Flask, request, session

app = Flask(__name__)  # want: FLASK-CSRF-001
app.secret_key = os.environ["PANTRY_KEY"]
log = logging.getLogger(__name__)


# These hooks look at a token but never stop a request: still reported.
@app.before_request
def note_mismatch():
    expected = session.get("csrf")
    sent = request.form.get("csrf")
    if sent != expected:
        log.warning("token mismatch on %s", request.path)


@app.before_request
def seed_token():
    if "csrf" not in session:
        session["csrf"] = os.urandom(16).hex()


@app.route("/shelves", methods=["POST"])  # want: FLASK-CSRF-001
def add_shelf():
    session["user_id"] = request.form["user"]
    return "ok"
