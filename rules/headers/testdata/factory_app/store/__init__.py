import os

from flask import Flask, abort, request, url_for
from werkzeug.middleware.proxy_fix import ProxyFix

from .config import CONFIGS


def create_app():
    app = Flask(__name__)  # want: FLASK-HEADERS-001 FLASK-LIMITS-001 FLASK-HOST-001
    app.config.from_object(CONFIGS[os.environ.get("STORE_ENV", "production")])
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=3, x_proto=1)  # want: FLASK-PROXY-001

    @app.post("/avatar")
    def avatar():
        request.files["image"].save("/tmp/avatar")
        return "saved"

    @app.post("/forgot")
    def forgot_password():
        link = url_for("reset", token="t", _external=True)  # want: FLASK-HOST-001
        send_mail(request.form["email"], link)
        return "sent"

    @app.get("/reset/<token>")
    def reset(token):
        return token

    @app.get("/admin")
    def admin():
        if request.remote_addr not in ("10.0.0.5", "127.0.0.1"):  # want: FLASK-PROXY-001
            abort(403)
        return "admin"

    @app.get("/internal")
    def internal():
        client = request.headers.get("X-Forwarded-For", "").split(",")[0]
        if client != "10.1.1.1":  # want: FLASK-PROXY-001
            abort(403)
        return "internal"

    return app


def send_mail(to, body):
    return (to, body)
