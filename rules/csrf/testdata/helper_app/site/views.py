from flask import Blueprint, redirect, request
from flask_login import current_user, login_required

bp = Blueprint("pages", __name__)
PAGES = {}


@bp.post("/pages")  # want: FLASK-CSRF-001(high)
@login_required
def add_page():
    PAGES[request.form["slug"]] = (current_user.get_id(), request.form["body"])
    return redirect("/")
