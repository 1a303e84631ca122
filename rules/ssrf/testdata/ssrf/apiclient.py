# A client whose base URL is an attribute set from configuration: the
# request's search text only lands after a constant path.
from urllib.parse import urljoin

import requests
from flask import Flask, current_app, request

app = Flask(__name__)


def fetch_json(remote_url, timeout=5):
    return requests.request("GET", remote_url, timeout=timeout).json()


class PowerDNS:
    def __init__(self):
        self.base = current_app.config["PDNS_URL"]
        self.prefix = current_app.config.get("PDNS_PREFIX", "/api/v1")

    def search(self, query):
        return fetch_json(urljoin(self.base, self.prefix + "/servers/localhost/search-data?q={}".format(query)))

    def search_at(self, query):
        return fetch_json(self.base + "/servers/localhost/search-data?q=" + query)


class Mirror:
    """The same client, but the caller chooses the base URL."""

    def __init__(self, base):
        self.base = base
        self.prefix = "/api/v1"

    def search(self, query):
        return requests.get(urljoin(self.base, self.prefix + "/search?q={}".format(query)), timeout=5)  # want: FLASK-SSRF-001

    def search_at(self, query):
        return requests.get(self.base + "/search?q=" + query, timeout=5)  # want: FLASK-SSRF-001


@app.get("/search")
def search():
    return PowerDNS().search(request.args["q"])


@app.get("/search/plain")
def search_plain():
    return PowerDNS().search_at(request.args["q"])


@app.get("/mirror")
def mirror():
    # The base URL itself comes from the request: reported.
    m = Mirror(request.args["server"])
    return m.search("x").text + m.search_at("y").text
