from flask import Flask, request


def create_app():
    app = Flask(__name__)  # want: FLASK-HEADERS-001 FLASK-LIMITS-001 FLASK-HOST-001

    @app.post("/upload")
    def upload():
        request.files["doc"].save("/srv/uploads/doc.bin")
        return "ok"

    return app
