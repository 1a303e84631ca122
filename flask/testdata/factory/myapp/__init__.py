import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from .extensions import csrf, login_manager
from .views.admin import admin_bp
from .views.api import api_bp, UserAPI


def create_app(config_name=None):
    app = Flask(__name__)
    config_name = config_name or os.environ.get("APP_ENV", "production")
    app.config.from_object(config_by_name[config_name])
    app.config.from_prefixed_env()
    csrf.init_app(app)
    login_manager.init_app(app)
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(api_bp)
    app.add_url_rule("/users/<int:user_id>", view_func=UserAPI.as_view("user"))
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)
    if app.debug:
        app.config["EXPLAIN_TEMPLATE_LOADING"] = True
    if os.environ.get("FLASK_ENV") == "production":
        app.config["PREFERRED_URL_SCHEME"] = "https"

    @app.route("/", methods=["GET", "POST"])
    def index():
        return "hi"

    @app.after_request
    def headers(resp):
        resp.headers["X-Content-Type-Options"] = "nosniff"
        return resp

    return app


from .config import config_by_name  # noqa: E402
