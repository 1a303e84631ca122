from flask import Flask, session

from settings import SIGNING_KEY

app = Flask(__name__)
app.config.update(dict(SECRET_KEY=SIGNING_KEY, SESSION_COOKIE_SAMESITE="Lax"))  # want: FLASK-CONFIG-001


@app.post("/pref")
def pref():
    session["theme"] = "dark"
    return "ok"
