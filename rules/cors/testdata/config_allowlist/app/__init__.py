import os

from flask import Flask, session
from flask_cors import CORS

app = Flask(__name__)
app.config["CORS_ORIGINS"] = ["https://app.example.com"]
app.config["CORS_SUPPORTS_CREDENTIALS"] = True
CORS(app)

other = Flask("other")
other.config["CORS_ORIGINS"] = os.environ["ALLOWED_ORIGINS"].split(",")
CORS(other)


@app.route("/me")
def me():
    return {"user": session.get("user_id")}
