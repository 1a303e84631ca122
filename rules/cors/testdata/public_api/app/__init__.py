from flask import Flask, abort, jsonify, request
from flask_cors import CORS

app = Flask(__name__)
# A public, read-only API authenticated by bearer tokens: browsers send no
# cookies with it, so the wildcard exposes only public data (Low confidence).
CORS(app, origins="*")  # want: FLASK-CORS-001(low)


@app.get("/v1/prices")
def prices():
    if not request.headers.get("Authorization", "").startswith("Bearer "):
        abort(401)
    return jsonify([])
