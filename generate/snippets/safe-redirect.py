"""Safe redirect: one helper that accepts only same-site relative paths."""
from urllib.parse import urlsplit

from flask import Blueprint, redirect, request, url_for

bp = Blueprint("safe_redirect", __name__)


def is_safe_redirect_target(target):
    """True for "/path", False for "//host", "/\\host", "https://..." and control characters."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    if any(ord(ch) < 32 for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_redirect(target, fallback="index"):
    if is_safe_redirect_target(target):
        return redirect(target)
    return redirect(url_for(fallback))


@bp.route("/")
def index():
    return "home"


@bp.route("/continue")
def continue_to():
    return safe_redirect(request.args.get("next", ""))
