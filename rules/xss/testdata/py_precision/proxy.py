import requests
from flask import Blueprint, request

bp = Blueprint("proxy", __name__)

UPSTREAM = "http://127.0.0.1:8081/api"


@bp.route("/api/zones")
def zones():
    # A proxy: the upstream's body with the upstream's own headers.
    up = requests.get(UPSTREAM + "/zones", timeout=5)
    return up.content, up.status_code, up.headers.items()


@bp.route("/api/zones/raw")
def zones_raw():
    # The upstream's body, but Flask's default text/html content type.
    up = requests.get(UPSTREAM + "/zones", timeout=5)
    return up.text, up.status_code  # want: FLASK-XSS-001(low)


@bp.route("/api/zones/mixed")
def zones_mixed():
    # Another response's headers do not describe this body.
    up = requests.get(UPSTREAM + "/zones", timeout=5)
    meta = requests.head(UPSTREAM, timeout=5)
    return up.text, 200, meta.headers.items()  # want: FLASK-XSS-001(low)
