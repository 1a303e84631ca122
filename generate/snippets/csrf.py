"""CSRF for forms and for fetch(): CSRFProtect checks every POST, PUT,
PATCH and DELETE. Forms send a csrf_token field; fetch() sends the token
from a meta tag in the X-CSRFToken header:

    <meta name="csrf-token" content="{{ csrf_token() }}">
    <form method="post"><input type="hidden" name="csrf_token" value="{{ csrf_token() }}">...</form>

    fetch("/notes", {method: "POST", credentials: "same-origin",
      headers: {"X-CSRFToken": document.querySelector('meta[name="csrf-token"]').content}})
"""
from flask import Blueprint, jsonify, request
from flask_wtf.csrf import CSRFProtect

bp = Blueprint("csrf", __name__)
csrf = CSRFProtect()


def init_app(app):
    """Call from the app factory: protects every blueprint of the app."""
    csrf.init_app(app)
    app.register_blueprint(bp)


@bp.route("/notes", methods=["POST"])
def add_note():
    body = request.form.get("body") or (request.get_json(silent=True) or {}).get("body", "")
    return jsonify(saved=len(str(body)) > 0), 201
