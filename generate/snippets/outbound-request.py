"""Outbound HTTP through one helper: HTTPS only, a host allowlist, timeouts,
no redirects followed."""
import urllib.request
from urllib.parse import urlsplit

from flask import Blueprint, abort, jsonify, request

bp = Blueprint("outbound_request", __name__)
ALLOWED_HOSTS = {"api.example.com"}
TIMEOUT_SECONDS = 5


def is_allowed_url(url):
    parts = urlsplit(url)
    return parts.scheme == "https" and parts.hostname in ALLOWED_HOSTS and parts.port in (None, 443)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def fetch_allowed(url, max_bytes=1024 * 1024):
    """GET url when its host is allowlisted; return at most max_bytes."""
    if not is_allowed_url(url):
        raise ValueError("host not allowed")
    opener = urllib.request.build_opener(_NoRedirect)
    with opener.open(url, timeout=TIMEOUT_SECONDS) as response:
        return response.read(max_bytes)


@bp.route("/preview")
def preview():
    url = request.args.get("url", "")
    if not is_allowed_url(url):
        abort(400)
    return jsonify(preview=fetch_allowed(url)[:200].decode("utf-8", "replace"))
