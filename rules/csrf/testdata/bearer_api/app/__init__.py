from functools import wraps

from flask import Flask, abort, g, jsonify, request

from .tokens import user_for_token

app = Flask(__name__)


def token_auth(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            abort(401)
        g.user = user_for_token(header[len("Bearer "):])
        if g.user is None:
            abort(401)
        return view(*args, **kwargs)
    return wrapper


# A pure bearer-token API: browsers never attach the Authorization header to
# cross-site requests, so there is no CSRF risk and no finding.
@app.post("/api/items")
@token_auth
def create_item():
    return jsonify(owner=g.user, name=request.get_json()["name"]), 201


@app.delete("/api/items/<int:item_id>")
@token_auth
def delete_item(item_id):
    return "", 204
