from flask import Blueprint

bp = Blueprint("public", __name__)


@bp.get("/hello")
def hello():
    return "hello"
