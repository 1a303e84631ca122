import os

from flask import Flask, session
from flask_jwt_extended import JWTManager

from .settings import Production

jwt = JWTManager()


def create_app():
    app = Flask(__name__)
    app.config.from_object(Production)
    # A key assembled from literals is hard-coded all the same.
    app.config["JWT_SECRET_KEY"] = "planted-" + "concat-4f8e2b6d1a"  # want: FLASK-CONFIG-001
    app.config.update(
        WTF_CSRF_SECRET_KEY=b"planted-bytes-value-7b3e0f",  # want: FLASK-CONFIG-001
    )
    # Split over lines: the evidence shows none of the parts.
    app.config.update(
        JWT_SECRET_KEY="planted-multi-"  # want: FLASK-CONFIG-001
        + "line-tail-6a1f0e93",
    )
    app.secret_key = "planted-encoded-value-2d9c6e11".encode()  # want: FLASK-CONFIG-001
    # Read from the environment with no default: fine.
    app.config["JWT_SECRET_KEY"] = os.environ["PANTRY_JWT_KEY"]
    jwt.init_app(app)

    @app.post("/shelves")
    def add_shelf():
        session["user_id"] = 1
        return "ok"

    return app
