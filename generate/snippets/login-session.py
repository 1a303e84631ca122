"""Login with session renewal: hashed passwords, session cleared on login
and logout, logout as POST. CSRFProtect guards the POSTs."""
from flask import Blueprint, abort, request, session
from flask_wtf.csrf import CSRFProtect
from werkzeug.security import check_password_hash

bp = Blueprint("login_session", __name__)
csrf = CSRFProtect()


def init_app(app):
    """Call from the app factory (cookie settings: see config-fail-closed)."""
    csrf.init_app(app)
    app.register_blueprint(bp)


def find_user(username):
    """Return (id, password_hash) for username, or None (your database here)."""
    return None


@bp.route("/login", methods=["POST"])
def login():
    user = find_user(request.form.get("username", ""))
    if user is None or not check_password_hash(user[1], request.form.get("password", "")):
        abort(401)
    session.clear()
    session["user_id"] = user[0]
    return "", 204


@bp.route("/logout", methods=["POST"])
def logout():
    session.clear()
    return "", 204
