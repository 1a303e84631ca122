import os

from flask import Flask, jsonify, request
from flask_jwt_extended import JWTManager, create_access_token, jwt_required

app = Flask(__name__)
app.config["JWT_SECRET_KEY"] = os.environ["JWT_SECRET_KEY"]
app.config["JWT_TOKEN_LOCATION"] = ["headers"]
jwt = JWTManager(app)


@app.post("/token")
def token():
    body = request.get_json()
    return jsonify(access_token=create_access_token(identity=body["user"]))


@app.delete("/items/<int:item_id>")
@jwt_required()
def delete_item(item_id):
    return "", 204
