import sqlite3


def purge_user(uid):
    db = sqlite3.connect("app.db")
    db.execute("DELETE FROM users WHERE id = ?", (uid,))
    db.commit()


def count_users():
    return sqlite3.connect("app.db").execute("SELECT count(*) FROM users").fetchone()
