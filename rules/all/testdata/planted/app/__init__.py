import os

from flask import Flask, request, session

from . import settings


def create_app():
    app = Flask(__name__)
    app.config.from_object(settings.ProductionConfig)
    app.config.from_pyfile("extra.cfg")
    from .leaky import bp

    app.register_blueprint(bp)
    app.secret_key = "plant-aaa-secret-key-1"
    app.config["JWT_SECRET_KEY"] = (
        "plant-bbb-jwt-part-one"
        "plant-ccc-jwt-part-two"
    )
    app.config.update(
        SECRET_KEY="plant-ddd-update-kw",
        SQLALCHEMY_DATABASE_URI="postgresql://app:plant-eee-dbpass@db/app",
    )
    app.config["API_TOKEN"] = os.environ.get("API_TOKEN", "plant-fff-default")

    @app.post("/login")
    def login():
        if request.form["password"] == "plant-ggg-hardcoded-pw":
            session["user"] = request.form["user"]
            session["pw"] = request.form["password"]
        print(app.config["SECRET_KEY"])
        return "ok"

    return app
