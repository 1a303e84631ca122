from flask import Blueprint, request

bp = Blueprint("results", __name__)


def rename_item(vals):
    if not vals.get("name"):
        return "missing name", 400
    ret = {"ok": True, "name": vals["name"]}
    return ret


def bulk_delete(ids, back):
    if not ids:
        return [{"location": back, "type": "danger"}]
    return [{"location": back, "type": "success"}]


def echo_name(vals):
    ret = {"name": vals["name"]}
    return ret["name"]


@bp.route("/items/rename", methods=["POST"])
def rename():
    # The path the data takes builds a dict: Flask returns JSON.
    result = rename_item(request.get_json())
    return result


@bp.route("/items/delete", methods=["POST"])
def delete():
    return bulk_delete(request.form.getlist("id"), request.form.get("back", ""))


@bp.route("/items/echo", methods=["POST"])
def echo():
    # The name is taken back out of the dict: a string, text/html.
    return echo_name(request.get_json())  # want: FLASK-XSS-001
