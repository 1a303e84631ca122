import os

from flask import Flask

app = Flask(__name__)

if not app.debug and not app.testing:
    app.config["A"] = "prod-only"
else:
    app.config["A"] = "dev-or-test"

if os.environ.get("FLASK_ENV") == "development" or app.debug:
    app.config["B"] = "dev"

if os.environ["APP_ENV"] in ("prod", "staging"):
    app.config["C"] = "prod"

if config_name != "testing":
    app.config["D"] = "not test"

if app.config.get("TESTING"):
    app.config["E"] = "test"

if some_flag:
    app.config["F"] = "unknown"
