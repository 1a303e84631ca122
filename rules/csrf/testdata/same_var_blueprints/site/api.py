from flask import Blueprint, abort, request

bp = Blueprint("api", __name__)


@bp.before_request
def bearer_only():
    # Same variable name as the staff blueprint, different blueprint: this
    # one is authenticated by a header token, so its exemption is fine.
    if not request.headers.get("Authorization", "").startswith("Bearer "):
        abort(401)


@bp.post("/notes")
def add_note():
    return {"saved": True}, 201
