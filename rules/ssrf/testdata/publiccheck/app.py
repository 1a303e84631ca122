import requests
from flask import Flask, abort, redirect, request

from netcheck import host_is_routable, is_public_url

app = Flask(__name__)


@app.route("/preview")
def preview():
    # The URL is checked to reach only public addresses: no SSRF finding.
    url = request.args["url"]
    if not is_public_url(url):
        abort(400)
    return requests.get(url, timeout=5).text


@app.route("/ping")
def ping():
    host = request.args["host"]
    if not host_is_routable(host):
        abort(400)
    return requests.get("https://" + host + "/ping", timeout=5).text


@app.route("/unchecked")
def unchecked():
    url = request.args["url"]
    return requests.get(url, timeout=5).text  # want: FLASK-SSRF-001


@app.route("/checked-too-late")
def too_late():
    url = request.args["url"]
    body = requests.get(url, timeout=5).text  # want: FLASK-SSRF-001
    if not is_public_url(url):
        abort(400)
    return body


@app.route("/go")
def go():
    # A public address is no safe redirect target: the check does not
    # count for redirects (FLASK-REDIRECT-001 reports this one).
    target = request.args["next"]
    if not is_public_url(target):
        abort(400)
    return redirect(target)
