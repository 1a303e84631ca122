from flask import Blueprint, request, session
from flask_login import login_required

from ..extensions import csrf

admin_bp = Blueprint("admin", __name__, url_prefix="/ignored")


@admin_bp.get("/users/<int:uid>")
@login_required
def show(uid):
    return str(uid)


@login_required
@admin_bp.route("/users/<int:uid>/delete", methods=("post",))
def delete(uid):
    session["flash"] = "deleted"
    return "ok"


@csrf.exempt
@admin_bp.post("/hook")
def hook():
    if request.headers.get("X-Requested-With") != "XMLHttpRequest":
        return "no", 400
    return "ok"


@admin_bp.before_request
def require_ajax():
    if request.headers.get("X-CSRF-Check") != "1":
        return "no", 400
