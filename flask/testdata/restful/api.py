from flask import Flask
from flask_restful import Api, Resource

app = Flask(__name__)
api = Api(app)


class Todo(Resource):
    method_decorators = [print]

    def get(self, todo_id):
        return {}

    def delete(self, todo_id):
        return "", 204


api.add_resource(Todo, "/todos/<int:todo_id>", "/t/<int:todo_id>")


@api.route("/health")
class Health(Resource):
    def get(self):
        return {"ok": True}


application = app


@application.route("/alias", methods=["POST"])
def alias():
    return ""


WRITE = ["POST", "PUT"]


@app.route("/write", methods=WRITE)
def write():
    return ""
