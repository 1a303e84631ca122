import sqlite3


def get_db():
    return sqlite3.connect("app.db")


def find_user(name):
    cur = get_db().cursor()
    cur.execute("SELECT * FROM users WHERE name = '%s'" % name)  # want: FLASK-INJECT-001
    return cur.fetchall()


def find_user_safe(name):
    cur = get_db().cursor()
    cur.execute("SELECT * FROM users WHERE name = ?", (name,))
    return cur.fetchall()


def build_order(column):
    return "SELECT * FROM users ORDER BY " + column


def count_rows(table):
    # Only ever called with constants: not a finding.
    return get_db().execute(f"SELECT COUNT(*) FROM {table}").fetchone()


def audit_report(where):
    # Nothing in the repo calls this: the origin of `where` is unknown.
    return get_db().execute("SELECT * FROM audit WHERE " + where).fetchall()  # want: FLASK-INJECT-001(low)


def audit_lookup(entry_id):
    # Unknown callers, but a parameterised query.
    return get_db().execute("SELECT * FROM audit WHERE id = ?", (entry_id,)).fetchall()
