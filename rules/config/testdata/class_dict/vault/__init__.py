import os

from flask import Flask, session

from .settings import SETTINGS, ConfigKey


def create_app(name="production"):
    app = Flask(__name__)
    app.config.from_object(SETTINGS[os.environ.get("VAULT_SETTINGS", name)])
    app.logger.info("key configured: %s", ConfigKey.SECRET_KEY in app.config)

    @app.post("/unlock")
    def unlock():
        session["open"] = True
        return "ok"

    return app
