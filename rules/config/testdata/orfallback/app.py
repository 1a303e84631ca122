import os
import secrets

from flask import Flask, session

app = Flask(__name__)
app.config["SECRET_KEY"] = os.getenv("SECRET_KEY") or "insecure-fallback"  # want: FLASK-CONFIG-001
app.config["CSRF_KEY"] = os.environ.get("CSRF_KEY", secrets.token_hex(32))


@app.post("/visit")
def visit():
    session["visits"] = session.get("visits", 0) + 1
    return "ok"
