from flask_restx import Namespace, Resource, reqparse

from .db import connection

ns = Namespace("catalog")

search = reqparse.RequestParser()
search.add_argument("q", location="args")
search.add_argument("order", location="args")
search.add_argument("page_size", type=int, location="args", default=20)

ORDERINGS = {"name": "name", "newest": "created DESC"}


@ns.route("/search")
class Search(Resource):
    def get(self):
        args = search.parse_args()
        # The term is glued into the SQL text: injection.
        sql = "SELECT id, name FROM products WHERE name LIKE '%" + args["q"] + "%'"
        rows = connection().execute(sql).fetchall()  # want: FLASK-INJECT-001
        return [list(r) for r in rows]


@ns.route("/list")
class Listing(Resource):
    def get(self):
        args = search.parse_args()
        # Both parts are safe: the order comes from an allowlist, and the page
        # size is clamped against a number, so it is a number.
        order = ORDERINGS.get(args["order"], "name")
        size = min(args["page_size"], 100)
        sql = f"SELECT id, name FROM products ORDER BY {order} LIMIT {size}"
        rows = connection().execute(sql).fetchall()
        # A Resource's return value is serialised to JSON, never sent as HTML.
        return rows
