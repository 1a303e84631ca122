"""Login, logout, password reset and account deletion."""
import secrets
from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash

from . import db
from .mail import send_mail

bp = Blueprint("auth", __name__, url_prefix="/auth")

RESET_TOKENS = {}


def safe_next(target):
    """Return target if it is a path on this site, else the notes index."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//"):
            return target
    return url_for("notes.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        user = db.find_user(request.form["username"])
        if user and check_password_hash(user["pw_hash"], request.form["password"]):
            session.clear()
            session["user_id"] = user["id"]
            return redirect(safe_next(request.args.get("next")))
    return render_template("auth/login.html")


@bp.route("/logout", methods=["POST"])
def logout():
    session.clear()
    return redirect(url_for("auth.login"))


@bp.route("/reset", methods=["POST"])
def request_reset():
    user = db.find_user(request.form["username"])
    if user:
        token = secrets.token_urlsafe(32)
        RESET_TOKENS[token] = user["id"]
        # TRUSTED_HOSTS (config.py) rejects requests for any other host.
        link = url_for("auth.reset_form", _external=True)
        send_mail(user["username"], "Reset your password", f"{link}\nCode: {token}")
    return render_template("auth/reset_sent.html")


@bp.route("/reset/confirm", methods=["GET"])
def reset_form():
    return render_template("auth/reset_form.html")


@bp.route("/reset/confirm", methods=["POST"])
def reset():
    user_id = RESET_TOKENS.pop(request.form["code"], None)
    if user_id is None:
        return "invalid code", 400
    session.clear()
    session["user_id"] = user_id
    return redirect(url_for("notes.index"))


@bp.route("/account/delete", methods=["POST"])
def delete_account():
    db.get_db().execute("DELETE FROM users WHERE id = ?", (session["user_id"],))
    db.get_db().commit()
    session.clear()
    return redirect(url_for("auth.login"))


@bp.route("/admin/stats")
def admin_stats():
    user = db.get_db().execute("SELECT is_admin FROM users WHERE id = ?", (session.get("user_id"),)).fetchone()
    if user is None or not user["is_admin"]:
        return "forbidden", 403
    count = db.get_db().execute("SELECT COUNT(*) FROM notes").fetchone()[0]
    return {"notes": count}
