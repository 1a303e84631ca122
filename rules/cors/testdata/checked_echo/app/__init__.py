from fnmatch import fnmatch

from flask import Flask, make_response, request, session

app = Flask(__name__)
app.config["CORS_TRUSTED_ORIGINS"] = ["https://admin.example.org", "https://*.example.org"]


def origin_is_trusted(origin):
    return origin in app.config["CORS_TRUSTED_ORIGINS"]


@app.after_request
def add_cors(response):
    origin = request.headers.get("Origin")
    if origin and origin_is_trusted(origin):
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Credentials"] = "true"
    return response


@app.route("/widgets")
def widgets():
    resp = make_response({"user": session.get("user_id")})
    origin = request.headers.get("Origin", "")
    if any(fnmatch(origin, pattern) for pattern in app.config["CORS_TRUSTED_ORIGINS"]):
        resp.headers["Access-Control-Allow-Origin"] = origin
    return resp


@app.route("/reports")
def reports():
    resp = make_response({"user": session.get("user_id")})
    origin = request.headers.get("Origin", "")
    log_origin(origin)
    resp.headers["Access-Control-Allow-Origin"] = origin  # want: FLASK-CORS-001(high)
    return resp


def log_origin(origin):
    app.logger.info("origin %s", origin)


TRUSTED = {"https://admin.example.org"}


@app.route("/exports")
def exports():
    resp = make_response({"user": session.get("user_id")})
    if "Origin" in request.headers:
        origin = request.headers["Origin"]
        if {"*", origin} & TRUSTED:
            resp.headers["Access-Control-Allow-Origin"] = origin
    return resp
