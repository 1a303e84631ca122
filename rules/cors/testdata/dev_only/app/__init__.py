import os

from flask import Flask, session
from flask_cors import CORS

app = Flask(__name__)
app.config["FRONTEND_ORIGINS"] = "*"

if os.environ.get("FLASK_ENV") == "development":
    # The local front end runs on another port; only in development.
    CORS(app, supports_credentials=True)  # want: FLASK-CORS-001(low)

partner = Flask("partner")
partner.config["FRONTEND_ORIGINS"] = "*"
CORS(partner, origins=partner.config["FRONTEND_ORIGINS"])  # want: FLASK-CORS-001(medium)


@app.route("/me")
def me():
    return {"user": session.get("user_id")}


@app.post("/login")
def login():
    session["user_id"] = 1
    return "ok"
