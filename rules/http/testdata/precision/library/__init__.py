from flask import Flask
from flask_login import LoginManager

from .extensions import db

app = Flask(__name__)
db.init_app(app)
login_manager = LoginManager(app)

from . import views  # noqa: E402,F401
