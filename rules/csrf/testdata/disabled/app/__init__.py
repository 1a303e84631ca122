import os

from flask import Flask, request, session
from flask_wtf.csrf import CSRFProtect

from .config import CONFIGS

csrf = CSRFProtect()


def create_app(env=None):
    app = Flask(__name__)
    app.config.from_object(CONFIGS[env or os.environ.get("APP_ENV", "production")])
    csrf.init_app(app)

    @app.post("/cart")
    def add_to_cart():
        session["cart"] = session.get("cart", []) + [request.form["item"]]
        return "ok"

    @app.post("/login")
    def login():
        session.clear()
        session["user_id"] = request.form["user"]
        return "ok"

    return app
