from flask import Blueprint, abort, g, jsonify, request

from .auth import api_key_needed, client_for

api_bp = Blueprint("api", __name__, url_prefix="/api")


# Every API call carries a bearer token, checked before any view runs; the
# blueprint is exempt from CSRFProtect because no cookie authenticates it.
@api_bp.before_request
def authenticate():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    g.client = client_for(token)
    if g.client is None:
        abort(401)


@api_bp.post("/orders")
def create_order():
    return jsonify(client=g.client, order=request.get_json())


@api_bp.delete("/orders/<int:order_id>")
@api_key_needed
def delete_order(order_id):
    return "", 204
