from flask import Flask, session
from flask_cors import CORS

from .settings import ALLOWED, EVERYONE

app = Flask(__name__)
CORS(app, origins=ALLOWED, supports_credentials=True)

public = Flask("public")
CORS(public, origins=EVERYONE, supports_credentials=True)  # want: FLASK-CORS-001(high)


@app.route("/me")
def me():
    return {"user": session.get("user_id")}
