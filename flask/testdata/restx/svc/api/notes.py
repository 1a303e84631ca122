from flask_restx import Namespace, Resource

ns = Namespace("notes", path="/notes")


@ns.route("/")
class NoteList(Resource):
    def get(self):
        return []

    def post(self):
        return {}, 201
