from flask import Blueprint, abort, session

bp = Blueprint("staff", __name__)


@bp.before_request
def staff_only():
    # This blueprint's routes use the cookie session.
    if not session.get("user_id"):
        abort(401)


@bp.post("/notes")
def add_note():
    return "saved"


@bp.post("/login")
def login():
    session.clear()
    session["user_id"] = 7
    return "welcome"
