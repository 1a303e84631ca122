"""Values validated by a whole-value regular expression."""
import re

from flask import abort, request

from app import app
from app.db import get_db

IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@app.route("/report/<column>")
def report(column):
    if not IDENT.match(column):
        abort(400)
    day = request.args.get("day", "")
    if not re.fullmatch(r"\d{4}\.\d{2}\.\d{2}", day):
        abort(400)
    return str(get_db().execute(f"SELECT {column} FROM stats WHERE day = '{day}'").fetchall())


@app.route("/report/loose/<column>")
def report_loose(column):
    if not re.match(r"[A-Za-z_]+", column):  # a prefix check only
        abort(400)
    db = get_db()
    db.execute(f"SELECT {column} FROM stats").fetchall()  # want: FLASK-INJECT-001
    day = request.args.get("day", "")
    if re.fullmatch(r"[\d -]+", day):  # a dash and a space: '1 -- x' passes
        db.execute(f"SELECT * FROM stats WHERE id = {day}")  # want: FLASK-INJECT-001
    note = request.args.get("note", "")
    if re.fullmatch(r".*", note):
        db.execute(f"SELECT * FROM stats WHERE note = '{note}'")  # want: FLASK-INJECT-001
    return "ok"
