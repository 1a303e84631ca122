from flask import Blueprint

parent = Blueprint("parent", __name__)
child = Blueprint("child", __name__, url_prefix="/ignored")


@child.delete("/<uuid:item_id>")
def remove(item_id):
    return ""


@parent.patch("/<string(length=2):code>/<rest>")
def patch(code, rest):
    return ""
