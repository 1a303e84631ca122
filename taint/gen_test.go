package taint

import "fmt"

// GenerateApp returns the sources (relative path -> text) of a generated
// Flask app of n Python files: (n-2)/2 view modules, each with a route
// whose query parameter reaches SQL through a method and a helper in one
// of as many helper modules, plus sanitised and constant paths. It also
// returns the number of SQL flows the engine must find. Shared by the
// engine benchmark and the pipeline benchmark (bench_test.go).
func GenerateApp(n int) (map[string]string, int) {
	files := map[string]string{}
	write := func(rel, src string) { files[rel] = src }
	write("app/__init__.py", "from flask import Flask\n\napp = Flask(__name__)\napp.config[\"MAX_CONTENT_LENGTH\"] = 1 << 20\n")
	write("app/helpers/__init__.py", "")
	views := (n - 2) / 2
	for i := 0; i < views; i++ {
		write(fmt.Sprintf("app/helpers/h%04d.py", i), fmt.Sprintf(`import sqlite3

TABLE = "items_%[1]d"


def connect():
    return sqlite3.connect("app.db")


def build(term, order="id"):
    sql = "SELECT * FROM " + TABLE + " WHERE name = '%%s'" %% term
    return sql + " ORDER BY " + order


def safe_lookup(conn, term):
    return conn.execute("SELECT * FROM " + TABLE + " WHERE name = ?", (term,)).fetchall()


class Repo%[1]d:
    def __init__(self, conn):
        self.conn = conn

    def find(self, term):
        return self.conn.execute(build(term)).fetchall()
`, i))
		write(fmt.Sprintf("app/v%04d.py", i), fmt.Sprintf(`from flask import abort, render_template, request

from app import app
from app.helpers.h%04[1]d import Repo%[1]d, build, connect, safe_lookup

ORDERS = {"id", "name"}


@app.route("/items%[1]d/<int:item_id>")
def item_%[1]d(item_id):
    conn = connect()
    rows = safe_lookup(conn, str(item_id))
    return render_template("item.html", rows=rows)


@app.route("/search%[1]d")
def search_%[1]d():
    term = request.args.get("q", "")
    order = request.args.get("order", "id")
    if order not in ORDERS:
        abort(400)
    for attempt in range(3):
        if attempt and not term:
            break
    rows = Repo%[1]d(connect()).find(term.strip())
    return render_template("list.html", rows=rows, order=order)
`, i))
	}
	return files, views
}
