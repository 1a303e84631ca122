import os
import sys

from flask import Flask, session

from .settings import SETTINGS, ConfigKey


def create_app(name="production"):
    app = Flask(__name__)
    app.config.from_object(SETTINGS[os.environ.get("VAULT_SETTINGS", name)])
    app.logger.info("key configured: %s", ConfigKey.SECRET_KEY in app.config)
    if not app.config.get(ConfigKey.SECRET_KEY):
        # Writes the key's name, not the key.
        sys.stderr.write(f"'{ConfigKey.SECRET_KEY}' is not set in the configuration\n")
    if os.environ.get("VAULT_DEBUG_KEYS"):
        print("signing with", app.config.get("SECRET_KEY"))  # want: FLASK-CONFIG-001

    @app.post("/unlock")
    def unlock():
        session["open"] = True
        return "ok"

    return app
