from flask import Blueprint, request
from flask_login import current_user, login_required

from . import csrf

web_bp = Blueprint("web", __name__)


@web_bp.post("/profile")
@login_required
def profile():
    current_user.name = request.form["name"]
    return "ok"


@web_bp.post("/avatar")  # want: FLASK-CSRF-001(high)
@csrf.exempt
def avatar():
    current_user.avatar = request.files["avatar"].read()
    return "ok"
