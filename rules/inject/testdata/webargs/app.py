import sqlite3

from flask import Flask
from flask_smorest import Blueprint
from marshmallow import Schema, fields as ma_fields
from webargs import fields
from webargs.flaskparser import use_args, use_kwargs

app = Flask(__name__)
blp = Blueprint("pets", __name__)


def db():
    return sqlite3.connect("app.db")


@app.get("/search")
@use_args({"q": fields.Str(required=True)}, location="query")
def search(args):
    return str(db().execute("SELECT * FROM items WHERE name LIKE '%" + args["q"] + "%'").fetchall())  # want: FLASK-INJECT-001(high)


@app.get("/users/<int:org>")
@use_kwargs({"name": fields.Str(), "limit": fields.Int()}, location="query")
def users(org, name, limit):
    cur = db().cursor()
    cur.execute(f"SELECT * FROM users WHERE org = {org} LIMIT {limit}")
    cur.execute(f"SELECT * FROM users WHERE name = '{name}'")  # want: FLASK-INJECT-001(high)
    return "ok"


@app.get("/page")
@use_args({"page": fields.Int(), "size": fields.Int()}, location="query")
def page(args):
    # Only integers: nothing to inject.
    return str(db().execute(f"SELECT * FROM items LIMIT {args['size']} OFFSET {args['page']}").fetchall())


class PetQuery(Schema):
    species = ma_fields.Str()


@blp.route("/pets")
@blp.arguments(PetQuery, location="query")
def pets(query):
    return str(db().execute("SELECT * FROM pets WHERE species = '%s'" % query["species"]).fetchall())  # want: FLASK-INJECT-001(high)
