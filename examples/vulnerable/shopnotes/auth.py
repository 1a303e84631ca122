"""Login, logout, password reset and account deletion."""
import secrets

from flask import Blueprint, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash

from . import db
from .mail import send_mail

bp = Blueprint("auth", __name__, url_prefix="/auth")

RESET_TOKENS = {}


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        user = db.find_user(request.form["username"])
        if user and check_password_hash(user["pw_hash"], request.form["password"]):
            # Insecure (FLASK-SESS-002): the session is not cleared before the
            # user is logged in (fixation), and the password itself goes into
            # the signed-but-readable cookie session.
            session["user_id"] = user["id"]
            session["password"] = request.form["password"]
            session.permanent = True
            # Insecure (FLASK-REDIRECT-001): "next" is used without checking
            # that it points back to this site.
            return redirect(request.args.get("next"))
    return render_template("auth/login.html")


@bp.route("/logout")
def logout():
    session.clear()
    return redirect(url_for("auth.login"))


@bp.route("/reset", methods=["POST"])
def request_reset():
    user = db.find_user(request.form["username"])
    if user:
        token = secrets.token_urlsafe(32)
        RESET_TOKENS[token] = user["id"]
        # Insecure (FLASK-HOST-001): the reset link's host comes from the
        # request's Host header and TRUSTED_HOSTS is not set, so an attacker
        # can have the link point at their own server.
        link = url_for("auth.reset", token=token, _external=True)
        send_mail(user["username"], "Reset your password", link)
    return render_template("auth/reset_sent.html")


# Insecure (FLASK-HTTP-001): the reset token travels in the query string,
# where proxies and browser history keep it.
@bp.route("/reset/confirm")
def reset():
    user_id = RESET_TOKENS.pop(request.args["token"], None)
    if user_id is None:
        return "invalid token", 400
    session["user_id"] = user_id
    return redirect(url_for("notes.index"))


# Insecure (FLASK-HTTP-001): deleting an account is a GET request, so a link
# or an <img> tag on another site can do it.
@bp.route("/account/delete")
def delete_account():
    db.get_db().execute("DELETE FROM users WHERE id = ?", (session["user_id"],))
    db.get_db().commit()
    session.clear()
    return redirect(url_for("auth.login"))


@bp.route("/admin/stats")
def admin_stats():
    # Insecure (FLASK-PROXY-001): access control by client IP, which the
    # over-trusting ProxyFix lets the client choose via X-Forwarded-For.
    if request.remote_addr != "10.0.0.5":
        return "forbidden", 403
    count = db.get_db().execute("SELECT COUNT(*) FROM notes").fetchone()[0]
    return {"notes": count}
