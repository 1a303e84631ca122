from flask import Flask, session
from flask_cors import cross_origin

app = Flask(__name__)
app.config["CORS_ORIGINS"] = ["https://console.example.net", "https://status.example.net"]
app.config["CORS_SUPPORTS_CREDENTIALS"] = True


@app.route("/me")
@cross_origin()
def me():
    return {"user": session.get("user_id")}


@app.route("/teams")
@cross_origin(supports_credentials=True)
def teams():
    return {"user": session.get("user_id")}


@app.route("/public")
@cross_origin(origins="*", supports_credentials=True)  # want: FLASK-CORS-001(high)
def public():
    return {"user": session.get("user_id")}
