import hashlib

from flask import Blueprint, abort, request

bp = Blueprint("badges", __name__)


class Badge:
    def __init__(self, kind):
        self.digest = hashlib.sha256(kind.encode()).hexdigest()

    def page(self, name):
        return "<h1>" + name + "</h1>"


@bp.route("/badge/<kind>/<name>")
def badge(kind, name):
    b = Badge(kind)
    # name must equal the server's digest: nothing else gets through.
    if name != b.digest + ".html":
        abort(404)
    return b.page(name)


@bp.route("/badge-echo/<kind>/<name>")
def badge_echo(kind, name):
    b = Badge(kind)
    # Compared with another request value: still the requester's text.
    if name != request.args.get("expect", ""):
        abort(404)
    return b.page(name)  # want: FLASK-XSS-001


@bp.route("/badge-open/<kind>/<name>")
def badge_open(kind, name):
    b = Badge(kind)
    if name == b.digest:
        return "ok"
    return b.page(name)  # want: FLASK-XSS-001
