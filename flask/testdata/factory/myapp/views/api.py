from flask import Blueprint, request
from flask.views import MethodView

api_bp = Blueprint("api", __name__, url_prefix="/api/v1")


@api_bp.route("/items/<path:name>")
async def item(name):
    token = request.headers.get("Authorization")
    return name


class UserAPI(MethodView):
    decorators = []

    def get(self, user_id):
        return "user"

    def delete(self, user_id):
        return "", 204
