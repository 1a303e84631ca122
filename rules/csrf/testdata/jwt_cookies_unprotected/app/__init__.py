from flask import Flask, jsonify
from flask_jwt_extended import JWTManager, get_jwt_identity, jwt_required

app = Flask(__name__)  # want: FLASK-CSRF-001
app.config["JWT_TOKEN_LOCATION"] = ["cookies"]
app.config["JWT_COOKIE_CSRF_PROTECT"] = False
jwt = JWTManager(app)


@app.post("/api/transfer")  # want: FLASK-CSRF-001
@jwt_required()
def transfer():
    return jsonify(user=get_jwt_identity())
