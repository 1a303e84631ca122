import os

from flask import Flask
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()


def create_app():
    from . import api, staff

    app = Flask(__name__)
    app.secret_key = os.environ["SITE_SECRET"]
    csrf.init_app(app)
    app.register_blueprint(staff.bp, url_prefix="/staff")
    app.register_blueprint(api.bp, url_prefix="/api")
    csrf.exempt(api.bp)
    return app
