import os
import re

from flask import Flask, request, session
from flask_cors import CORS, cross_origin

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]

ALLOWED_ORIGINS = {"https://app.example.com", "https://admin.example.com"}

CORS(
    app,
    resources={r"/api/*": {"origins": ["https://app.example.com", re.compile(r"^https://[a-z0-9-]+\.example\.com$")]}},
    supports_credentials=True,
    methods=["GET", "POST"],
)


@app.route("/widget")
@cross_origin(origins=["https://partner.example.org"])
def widget():
    return {"user": session.get("user_id")}


@app.after_request
def legacy_cors(response):
    origin = request.headers.get("Origin")
    if origin in ALLOWED_ORIGINS:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Credentials"] = "true"
        response.headers["Vary"] = "Origin"
    return response


api = Flask("api")
api.config["CORS_ALLOWED"] = ["https://app.example.com"]
CORS(api, origins=api.config["CORS_ALLOWED"], supports_credentials=True)

admin = Flask("admin")
ADMIN_RESOURCES = {r"/admin/api/*": {"origins": ["https://admin.example.com"]}}
CORS(admin, resources=ADMIN_RESOURCES)
