import uuid

from flask import abort, request
from sqlalchemy import text

from app import app
from app.db import build_order, count_rows, find_user, find_user_safe, get_db
from app.models import User, UserRepository

ALLOWED_COLUMNS = {"name", "email"}


@app.route("/users")
def users():
    name = request.args.get("name", "")
    return str(find_user(name))


@app.route("/users/safe")
def users_safe():
    return str(find_user_safe(request.args.get("name", "")))


@app.route("/users/<int:user_id>")
def user(user_id):
    db = get_db()
    return str(db.execute(f"SELECT * FROM users WHERE id = {user_id}").fetchone())


@app.route("/users/by/<name>")
def user_by_name(name):
    db = get_db()
    db.execute("SELECT * FROM users WHERE name = ?", (name,))
    return str(db.execute(f"SELECT * FROM users WHERE name = '{name}'").fetchall())  # want: FLASK-INJECT-001


@app.route("/sorted")
def sorted_users():
    column = request.args.get("sort", "name")
    if column not in ALLOWED_COLUMNS:
        abort(400)
    return str(get_db().execute(build_order(column)).fetchall())


@app.route("/sorted/unchecked")
def sorted_unchecked():
    column = request.args.get("sort", "name")
    return str(get_db().execute(build_order(column)).fetchall())  # want: FLASK-INJECT-001


@app.route("/page")
def page():
    page = int(request.args.get("page", "1"))
    db = get_db()
    db.execute("SELECT * FROM t LIMIT 10 OFFSET %d" % page)
    table = request.args.get("table")
    table = "users"
    return str(count_rows(table))


@app.route("/search")
def search():
    repo = UserRepository(get_db())
    return str(repo.search(request.args["term"]))


@app.route("/items", methods=["POST"])
def items():
    q = request.form["q"]
    text("SELECT * FROM items WHERE title = '" + q + "'")  # want: FLASK-INJECT-001
    stmt = text("SELECT * FROM items WHERE title = :t")
    return str(get_db().execute(stmt, {"t": q}))


@app.route("/filter")
def filter_users():
    expr = request.args.get("where", "")
    User.query.filter(User.name == expr).all()
    User.query.filter_by(name=expr).all()
    return str(User.query.filter(expr).all())  # want: FLASK-INJECT-001


@app.route("/loop")
def loop():
    names = request.args.getlist("n")
    clauses = []
    for n in names:
        clauses.append("name = '" + n + "'")
    sql = "SELECT * FROM users WHERE " + " OR ".join(clauses)
    return str(get_db().execute(sql).fetchall())  # want: FLASK-INJECT-001


@app.route("/converted")
def converted():
    db = get_db()
    db.execute("SELECT * FROM t WHERE id = '%s'" % uuid.UUID(request.args["id"]))
    db.execute("SELECT * FROM t WHERE price < %f" % float(request.args["max"]))
    db.execute("SELECT * FROM t WHERE active = %s" % bool(request.args.get("active")))
    limit = request.args.get("limit", 10, type=int)
    db.execute(f"SELECT * FROM t LIMIT {limit}")
    kind = request.args.get("kind", "")
    if kind == "book":
        db.execute(f"SELECT * FROM t WHERE kind = '{kind}'")
    return str(db.execute(f"SELECT * FROM t WHERE kind = '{kind}'").fetchall())  # want: FLASK-INJECT-001


@app.route("/since")
def since():
    # Values given to bindparams() are bound parameters, not SQL text.
    when = request.args["since"]
    stmt = text("SELECT * FROM orders WHERE created >= :since").bindparams(since=when)
    return str(get_db().execute(stmt).fetchall())
