# URLs read back from the database or from another service's answer are the
# app's own configuration or a provider's data: not followed.
import sqlite3

import requests
from flask import Flask, request

app = Flask(__name__)


def notify_configured_hook(event):
    row = sqlite3.connect("app.db").execute("SELECT hook_url FROM settings").fetchone()
    requests.post(row[0], json={"event": event}, timeout=5)


def follow_discovery():
    meta = requests.get("https://idp.example.com/.well-known/openid-configuration", timeout=5).json()
    return requests.get(meta["jwks_uri"], timeout=5).json()


@app.post("/hooks/test")
def test_hook():
    # The same call with the URL from the request is still reported.
    requests.post(request.form["hook_url"], json={"event": "test"}, timeout=5)  # want: FLASK-SSRF-001
    return "sent"
