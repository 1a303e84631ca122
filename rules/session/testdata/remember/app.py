from flask import Flask, request, session
from flask_login import LoginManager, login_user

app = Flask(__name__)
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_SAMESITE="Lax")
LoginManager(app)


@app.post("/login")
def login():
    session.clear()
    login_user(request.form["user"], remember=request.form.get("remember") == "on")  # want: FLASK-SESS-002(low)
    return "ok"


@app.post("/login-once")
def login_once():
    session.clear()
    login_user(request.form["user"], remember=False)
    return "ok"
