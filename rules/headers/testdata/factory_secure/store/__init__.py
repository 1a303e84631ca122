import os

from flask import Flask, abort, request, url_for
from flask_login import current_user, login_required
from werkzeug.middleware.proxy_fix import ProxyFix

from .config import CONFIGS


def create_app():
    app = Flask(__name__)
    app.config.from_object(CONFIGS[os.environ.get("STORE_ENV", "production")])
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)

    @app.after_request
    def security_headers(resp):
        for name, value in SECURITY_HEADERS.items():
            resp.headers.setdefault(name, value)
        return resp

    @app.post("/avatar")
    def avatar():
        request.files["image"].save("/tmp/avatar")
        return "saved"

    @app.post("/forgot")
    def forgot_password():
        link = url_for("reset", token="t", _external=True)
        send_mail(request.form["email"], link)
        return "sent"

    @app.get("/reset/<token>")
    def reset(token):
        return token

    @app.get("/admin")
    @login_required
    def admin():
        if not current_user.is_admin:
            abort(403)
        app.logger.info("admin view from %s", request.remote_addr)
        return "admin"

    return app


SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
}


def send_mail(to, body):
    return (to, body)
