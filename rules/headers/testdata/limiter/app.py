import os

from flask import Flask, redirect, request
from flask_limiter import Limiter
from werkzeug.middleware.proxy_fix import ProxyFix


def client_ip():
    return request.headers.get("X-Forwarded-For", request.remote_addr).split(",")[0]


app = Flask(__name__)
app.config.update(MAX_CONTENT_LENGTH=65536, TRUSTED_HOSTS=os.environ["HOSTS"].split(","))
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=2)  # want: FLASK-PROXY-001
limiter = Limiter(client_ip, app=app)  # want: FLASK-PROXY-001


@app.after_request
def headers(resp):
    resp.headers["Content-Security-Policy"] = "default-src 'self'"
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["X-Frame-Options"] = "DENY"
    return resp


@app.post("/login")
@limiter.limit("5/minute", key_func=lambda: request.headers["X-Real-IP"])  # want: FLASK-PROXY-001
def login():
    if not request.is_secure:  # want: FLASK-PROXY-001
        return redirect(request.url.replace("http://", "https://", 1))
    return "ok"
