from flask import Flask, session
from flask_cors import CORS

app = Flask(__name__)
CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)  # want: FLASK-CORS-001(high)


@app.route("/api/me")
def me():
    return {"user": session.get("user_id")}


legacy = Flask("legacy")
CORS(legacy, supports_credentials=True, send_wildcard=True)  # want: FLASK-CORS-001(medium)
