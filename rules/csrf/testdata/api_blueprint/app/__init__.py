from flask import Flask
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from .api import api_bp
from .web import web_bp

csrf = CSRFProtect()
login_manager = LoginManager()


def create_app():
    app = Flask(__name__)
    csrf.init_app(app)
    login_manager.init_app(app)
    csrf.exempt(api_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(web_bp)
    return app
