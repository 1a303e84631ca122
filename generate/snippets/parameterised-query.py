"""Parameterised query: values travel separately from the SQL text."""
import sqlite3

from flask import Blueprint, abort, jsonify, request

bp = Blueprint("parameterised_query", __name__)


@bp.route("/users/search")
def search_users():
    name = request.args.get("name", "")
    if len(name) > 64:
        abort(400)
    with sqlite3.connect("instance/app.sqlite3") as conn:
        rows = conn.execute("SELECT id, username FROM users WHERE username = ?", (name,)).fetchall()
    return jsonify(users=[{"id": r[0], "username": r[1]} for r in rows])
