from flask import Flask, session
from flask_cors import cross_origin

tool = Flask(__name__)


@tool.route("/whoami")
@cross_origin(supports_credentials=True)  # want: FLASK-CORS-001(high)
def whoami():
    return {"user": session.get("user_id")}
