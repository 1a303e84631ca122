from flask import Flask, session
from flask_cors import CORS, cross_origin

app = Flask(__name__)
app.config["CORS_ORIGINS"] = [r"https://relay\.example\.org.*"]
CORS(app)  # want: FLASK-CORS-001(high)


@app.route("/feeds")
@cross_origin()
def feeds():
    return {"user": session.get("user_id")}


@app.route("/sources")
@cross_origin()
def sources():
    return {"user": session.get("user_id")}


@app.route("/account")
@cross_origin(supports_credentials=True)  # want: FLASK-CORS-001(high)
def account():
    return {"user": session.get("user_id")}
