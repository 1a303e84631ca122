from flask import Flask


def create_public_app():
    from .public import bp

    app = Flask(__name__)
    app.register_blueprint(bp)
    return app


def create_staff_app():
    from .staff import bp

    app = Flask(__name__)
    app.register_blueprint(bp, url_prefix="/staff")
    return app
