from flask import Flask, abort, request
from flask_cors import CORS, cross_origin

app = Flask(__name__)
app.config["CORS_ORIGINS"] = [r"https://alarms\.example\.net.*"]
CORS(app)  # want: FLASK-CORS-001(low)


def require_token():
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        abort(401)
    return header[len("Bearer "):]


@app.route("/alarms")
@cross_origin(supports_credentials=True)  # want: FLASK-CORS-001(low)
def alarms():
    require_token()
    return {"alarms": []}
