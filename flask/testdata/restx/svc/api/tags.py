from flask_restx import Namespace, Resource

tags = Namespace("tags")


@tags.route("/<name>")
class Tag(Resource):
    def put(self, name):
        return {}
