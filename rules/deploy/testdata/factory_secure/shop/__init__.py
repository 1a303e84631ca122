from flask import Flask

from .config import CONFIGS


def create_app(name="production"):
    app = Flask(__name__)
    app.config.from_object(CONFIGS[name])

    @app.get("/")
    def index():
        return "shop"

    return app
