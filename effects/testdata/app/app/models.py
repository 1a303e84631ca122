import sqlite3

from flask import g
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect("app.db")
    return g.db


def delete_user(user_id):
    user = db.session.get(User, user_id)
    db.session.delete(user)
    db.session.commit()


def remove_account(user_id):
    delete_user(user_id)


def find_user(name):
    return get_db().execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()


def rename(user_id, name):
    sql = "UPDATE users SET name = ? WHERE id = ?"
    get_db().execute(sql, (name, user_id))


class User(db.Model):
    pass


class Order(db.Model):
    def cancel(self):
        self.status = "cancelled"
        db.session.commit()

    def describe(self):
        return str(self.id)


def ping(n):
    if n:
        pong(n - 1)


def pong(n):
    ping(n)
    db.session.commit()


def alpha(n):
    # Computed first (sorted by name): zeta only sees this delete in the
    # second round.
    if n:
        zeta(n - 1)
    db.session.delete(n)


def zeta(n):
    alpha(n)
