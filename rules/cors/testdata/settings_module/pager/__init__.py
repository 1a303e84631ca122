from flask import Blueprint, Flask, session
from flask_cors import cross_origin

from .loader import load_settings

api = Blueprint("api", __name__)


def create_app():
    app = Flask(__name__)
    app.config.update(load_settings())
    app.register_blueprint(api)
    return app


@api.route("/alerts")
@cross_origin(supports_credentials=True)
def alerts():
    return {"user": session.get("user_id")}
