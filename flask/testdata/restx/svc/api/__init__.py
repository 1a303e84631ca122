from flask import Blueprint
from flask_restx import Api, Resource

from .notes import ns as notes_ns
from .tags import tags

api_bp = Blueprint("api", __name__, url_prefix="/api")
api = Api(api_bp, prefix="/v2", doc="/docs")
api.add_namespace(notes_ns, path="/memo")
api.add_namespace(tags)
people = api.namespace("people", description="People")
admin = api.namespace("admin", path="/adm/")


@people.route("/<int:pid>")
class Person(Resource):
    def get(self, pid):
        return {}

    def delete(self, pid):
        return "", 204


@admin.route("/stats", "/statistics")
class Stats(Resource):
    def get(self):
        return {}


@api.route("/ping")
class Ping(Resource):
    def get(self):
        return "pong"
