from flask_restx import Namespace, Resource

ns = Namespace("notes", path="/notes")


@ns.route("/")
class NoteList(Resource):
    def get(self):
        return []

    def post(
        self,
    ):  # create a note
        # body starts here
        return {}, 201
