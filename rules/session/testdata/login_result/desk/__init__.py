from flask import Flask, request, session

from .auth import check_credentials, issue_ticket

app = Flask(__name__)
app.config.update(
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)


@app.post("/signin")
def signin():
    login = request.form["login"]
    password = request.form["password"]
    session.clear()
    # The result of a check that takes the password is a user id, not the
    # password.
    session["uid"] = check_credentials(login, password)
    session["ticket"] = issue_ticket(login, secret=password)
    return "ok"


@app.post("/signin/leaky")
def signin_leaky():
    password = request.form["password"]
    session.clear()
    # str() and strip() pass the password through.
    session["echo"] = str(password.strip())  # want: FLASK-SESS-002
    session["pair"] = ":".join([request.form["login"], password])  # want: FLASK-SESS-002
    return "ok"
