from flask import Flask, request, session

from .auth.utils import login_user
from .signing import mac

app = Flask(__name__)
app.config.update(SESSION_COOKIE_SECURE=True, PERMANENT_SESSION_LIFETIME=3600)


class Visitor:
    def __init__(self, ident, pass_digest):
        self.id = ident
        self.password = pass_digest


@app.post("/enter")
def enter():
    visitor = Visitor(request.form["ident"], "")
    login_user(visitor)
    # A MAC of the password hash lets a password change end old sessions.
    session["pass_mac"] = mac(visitor.password)
    return "ok"


@app.post("/quick-enter")
def quick_enter():
    session["user_id"] = request.form["ident"]  # want: FLASK-SESS-002(medium)
    session["pass_copy"] = request.form["password"]  # want: FLASK-SESS-002
    return "ok"
