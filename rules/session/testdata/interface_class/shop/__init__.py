from flask import Flask, request, session

from .store import RedisSessionInterface


class ShopApp(Flask):
    session_interface = RedisSessionInterface()


app = ShopApp(__name__)
app.config.update(SESSION_COOKIE_SECURE=True, PERMANENT_SESSION_LIFETIME=3600)


@app.post("/login")
def login():
    session.clear()
    session["user_id"] = request.form["user_id"]
    session["access_token"] = request.form["access_token"]
    return "ok"


@app.post("/reauth")
def reauth():
    session["user_id"] = request.form["user_id"]  # want: FLASK-SESS-002
    return "ok"
