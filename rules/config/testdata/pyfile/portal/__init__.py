from flask import Flask


def create_app():
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(DEBUG=False)
    # The instance folder's settings file is committed with the key in it.
    app.config.from_pyfile("settings.cfg", silent=True)
    return app
