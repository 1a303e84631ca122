from flask import Blueprint

bp = Blueprint("staff", __name__)


@bp.post("/ban")
def ban():
    return "banned"
