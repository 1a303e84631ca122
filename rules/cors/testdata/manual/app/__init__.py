from flask import Flask, make_response, request, session

app = Flask(__name__)


@app.after_request
def add_cors(response):
    response.headers["Access-Control-Allow-Origin"] = request.headers.get("Origin", "*")  # want: FLASK-CORS-001(high)
    response.headers["Access-Control-Allow-Credentials"] = "true"
    return response


@app.route("/feed")
def feed():
    resp = make_response({"user": session.get("user_id")})
    origin = request.headers.get("Origin", "")
    if origin.endswith("example.com"):
        resp.headers.set("Access-Control-Allow-Origin", origin)  # want: FLASK-CORS-001(medium)
    return resp


@app.route("/status")
def status():
    return {"ok": True}, 200, {"Access-Control-Allow-Origin": "*"}  # want: FLASK-CORS-001(medium)


@app.route("/embed")
def embed():
    resp = make_response("embed")
    origin = request.headers.get("Origin", "")
    if origin.startswith("https://shop.example.com"):
        resp.headers["Access-Control-Allow-Origin"] = origin  # want: FLASK-CORS-001(medium)
    return resp


@app.route("/proxy")
def proxy():
    import requests

    # Request headers of an outbound call are not this app's CORS policy.
    upstream = requests.get("https://api.example.com/x", headers={"Access-Control-Allow-Origin": "*"}, timeout=5)
    return upstream.text


@app.route("/sandbox")
def sandbox():
    resp = make_response("x")
    resp.headers["Access-Control-Allow-Origin"] = "null"  # want: FLASK-CORS-001(medium)
    return resp
