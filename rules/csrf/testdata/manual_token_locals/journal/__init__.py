import hmac
import os
import secrets

from flask import Flask, abort, redirect, request, session


def create_app():
    app = Flask(__name__)
    app.config["SECRET_KEY"] = os.environ["JOURNAL_KEY"]
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"

    # The token is read into locals with neutral names, then compared in
    # constant time; a mismatch ends the request. No finding.
    @app.before_request
    def require_form_token():
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            expected = session.get("xsrf_value")
            given = request.form.get("xsrf_value") or request.headers.get("X-XSRF-Token")
            ok = bool(expected) and bool(given) and hmac.compare_digest(expected, given)
            if not ok:
                abort(403)

    @app.context_processor
    def inject_token():
        if "xsrf_value" not in session:
            session["xsrf_value"] = secrets.token_hex(32)
        return {"xsrf_value": session["xsrf_value"]}

    @app.post("/sign-in")
    def sign_in():
        session.clear()
        session["user_id"] = request.form["member"]
        return redirect("/")

    @app.post("/entries")
    def add_entry():
        if "user_id" not in session:
            abort(401)
        return "saved", 201

    return app
