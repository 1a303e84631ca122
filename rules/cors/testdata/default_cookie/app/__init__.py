from flask import Flask, session
from flask_cors import CORS, cross_origin
from flask_login import LoginManager

cors = CORS()
login_manager = LoginManager()


def create_app():
    app = Flask(__name__)
    login_manager.init_app(app)
    cors.init_app(app)  # want: FLASK-CORS-001(medium)

    @app.route("/me")
    @cross_origin(supports_credentials=True)  # want: FLASK-CORS-001(high)
    def me():
        return {"user": session.get("user_id")}

    @app.route("/status")
    @app.route("/health")
    @cross_origin()  # want: FLASK-CORS-001(medium)
    def status():
        return {"ok": True}

    return app


other = Flask("other")
OTHER_RESOURCES = {r"/*": {"origins": "*"}}
CORS(other, resources=OTHER_RESOURCES)  # want: FLASK-CORS-001(medium)
