import os

from flask import Flask, abort, redirect, request, session
from werkzeug.security import check_password_hash

app = Flask(__name__)  # want: FLASK-CSRF-001
app.secret_key = os.environ["CONSOLE_SECRET"]

OPERATORS = {"ana": "scrypt:32768:8:1$placeholder$hash"}


@app.post("/login")  # want: FLASK-CSRF-001
def login():
    name = request.form["name"]
    stored = OPERATORS.get(name)
    if stored is None or not check_password_hash(stored, request.form["password"]):
        abort(401)
    session.clear()
    # No name list knows "operator"; the password check says it is a login.
    session["operator"] = name
    return redirect("/")


@app.post("/restart")  # want: FLASK-CSRF-001
def restart():
    if "operator" not in session:
        abort(401)
    return "restarting"


@app.post("/theme")  # want: FLASK-CSRF-001
def theme():
    # A preference written outside the login view adds nothing either way.
    session["colour"] = request.form["colour"]
    return "ok"
