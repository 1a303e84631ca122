import os

from flask import Flask
from flask_login import LoginManager

from .settings import CONFIG

login_manager = LoginManager()


def create_app():
    app = Flask(__name__)
    app.config.from_object(CONFIG[os.environ.get("BLOG_ENV", "production")])
    login_manager.init_app(app)
    if app.config["DEBUG"]:
        print("config keys loaded:", len(app.config))
    return app
