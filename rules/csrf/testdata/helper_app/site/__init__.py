from flask import Flask
from flask_login import LoginManager

from . import views

BLUEPRINTS = [views.bp]
login_manager = LoginManager()


def create_app():
    app = Flask(__name__)  # want: FLASK-CSRF-001
    login_manager.init_app(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    return app
