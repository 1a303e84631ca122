# Values read back from the database (a migration copying its own rows, a
# runner converting fetched values) are not followed into SQL text.
import sqlite3

from flask import Flask, request

app = Flask(__name__)


def copy_names():
    conn = sqlite3.connect("app.db")
    for ident, name in conn.execute("SELECT id, name FROM old_users").fetchall():
        conn.execute(f"INSERT INTO users (id, name) VALUES ({ident}, '{name}')")


@app.get("/users/by-name")
def by_name():
    conn = sqlite3.connect("app.db")
    # The same formatting with request data is still reported.
    return str(conn.execute(f"SELECT id FROM users WHERE name = '{request.args['name']}'").fetchall())  # want: FLASK-INJECT-001
