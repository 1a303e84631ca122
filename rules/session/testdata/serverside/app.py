import os

from flask import Flask, session
from flask_session import Session

app = Flask(__name__)
app.config.update(
    SESSION_TYPE="redis",
    SESSION_COOKIE_SECURE=os.environ.get("HTTPS") == "on",
)
Session(app)


@app.post("/login")
def login():
    session.regenerate()
    session["user_id"] = 7
    session["access_token"] = "server-side only"
    return "ok"
