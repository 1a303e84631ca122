from flask import Flask
from flask_cors import CORS
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from .config import ProductionConfig

db = SQLAlchemy()
csrf = CSRFProtect()
login_manager = LoginManager()


def create_app(config_object=ProductionConfig):
    app = Flask(__name__)
    app.config.from_object(config_object)
    db.init_app(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    CORS(app, resources={r"/api/*": {"origins": ["https://shop.example.com"]}}, supports_credentials=True)

    from . import api, auth, views

    app.register_blueprint(auth.bp)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    return app
