import urllib.request
from urllib.parse import quote_plus, urljoin, urlparse

import requests
import settings_store
from flask import Flask, abort, request

from clients import WebhookClient, fetch_preview, is_allowed_url

ALLOWED_HOSTS = {"api.example.com"}
API_BASE = "https://api.example.com"

app = Flask(__name__)


@app.route("/fetch")
def fetch():
    url = request.args["url"]
    r = requests.get(url, timeout=5)  # want: FLASK-SSRF-001
    return r.text


@app.route("/fetch/checked")
def fetch_checked():
    url = request.args["url"]
    if urlparse(url).hostname not in ALLOWED_HOSTS:
        abort(400)
    return requests.get(url, timeout=5).text


@app.route("/fetch/scheme")
def fetch_scheme():
    url = request.args["url"]
    if urlparse(url).scheme not in ("http", "https"):
        abort(400)
    return requests.get(url, timeout=5).text  # want: FLASK-SSRF-001


@app.route("/legacy")
def legacy():
    return urllib.request.urlopen(request.args["u"]).read()  # want: FLASK-SSRF-001


@app.route("/preview", methods=["POST"])
def preview():
    return fetch_preview(request.form["link"])


@app.route("/hook", methods=["POST"])
def hook():
    WebhookClient("https://hooks.example.com/in").send(request.json)
    WebhookClient(request.json["endpoint"]).send({})
    return "ok"


@app.route("/status")
def status():
    requests.get("https://status.example.com/api")  # no timeout, but a constant URL: not SSRF
    return "ok"


@app.route("/api/<path:rest>")
def api(rest):
    url = "https://api.example.com/v1/" + rest
    requests.get(f"https://api.example.com/v2/{rest}", timeout=3)
    return requests.get(url, timeout=3).text


@app.route("/reassigned")
def reassigned():
    url = request.args["url"]
    url = "https://api.example.com/health"
    return requests.get(url, timeout=3).text


@app.route("/proxy")
def proxy():
    target = request.args["target"]
    if not is_allowed_url(target):
        abort(400)
    return requests.get(target, timeout=5).content


@app.route("/users/<uid>")
def user(uid):
    requests.get(f"{API_BASE}/users/{uid}", timeout=3)
    requests.get(API_BASE + "/users/" + uid, timeout=3)
    return requests.get(f"{API_BASE}{uid}", timeout=3).text  # want: FLASK-SSRF-001


@app.route("/proxy/<path:rest>", methods=["GET", "POST"])
def upstream_proxy(rest):
    # The request's own path keeps the configured upstream host.
    base = settings_store.get_setting("upstream_url")
    target = urljoin(base, request.full_path)
    resp = requests.request(request.method, target, json=request.get_json(silent=True), timeout=5)
    # A quote_plus()-encoded segment cannot leave its segment either.
    requests.get(base + quote_plus(rest), timeout=5)
    return resp.content


@app.route("/proxy/loose")
def upstream_loose():
    # A client-chosen reference urljoin()ed with the base may replace its host.
    target = urljoin(settings_store.get_setting("upstream_url"), request.args["ref"])
    return requests.get(target, timeout=5).content  # want: FLASK-SSRF-001


SEARCH_PATH = "/api/v1"


class Upstream:
    def __init__(self):
        self.base = settings_store.get_setting("upstream_url")

    def search(self, term):
        # The user's term is in the query string of a path under the
        # configured base: it cannot choose the host.
        url = urljoin(self.base, SEARCH_PATH + "/search?q={}".format(term))
        return requests.get(url, timeout=5).json()

    def fetch(self, ref):
        url = urljoin(self.base, SEARCH_PATH + "{}".format(ref))
        return requests.get(url, timeout=5).json()  # want: FLASK-SSRF-001


@app.route("/upstream/search")
def upstream_search():
    return Upstream().search(request.args["q"])


@app.route("/upstream/fetch")
def upstream_fetch():
    return Upstream().fetch(request.args["ref"])
