from flask import Flask, session
from flask_cors import cross_origin

app = Flask(__name__)
app.config["CORS_ORIGINS"] = [r"https://board\.example\.org.*"]


@app.route("/cards")
@cross_origin(supports_credentials=True)  # want: FLASK-CORS-001(high)
def cards():
    return {"user": session.get("user_id")}


@app.route("/lists")
@cross_origin(supports_credentials=True)
def lists():
    return {"user": session.get("user_id")}


@app.route("/labels")
@cross_origin()  # want: FLASK-CORS-001(high)
def labels():
    return {"user": session.get("user_id")}


@app.route("/colors")
@cross_origin()
def colors():
    return {"user": session.get("user_id")}
