from flask import Flask, jsonify
from flask_jwt_extended import JWTManager, get_jwt_identity, jwt_required

app = Flask(__name__)
app.config["JWT_TOKEN_LOCATION"] = ["cookies"]
jwt = JWTManager(app)


# JWTs in cookies are cookie authentication, but flask_jwt_extended checks
# its double-submit CSRF token (JWT_COOKIE_CSRF_PROTECT defaults to True) on
# POST/PUT/PATCH/DELETE for @jwt_required views. No finding.
@app.post("/api/transfer")
@jwt_required()
def transfer():
    return jsonify(user=get_jwt_identity())
