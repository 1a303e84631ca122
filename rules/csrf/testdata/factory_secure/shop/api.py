from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

from .models import cancel_order

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/orders")
@login_required
def orders():
    return jsonify([])


@bp.post("/orders/<int:order_id>/cancel")
@login_required
def api_cancel(order_id):
    # JSON endpoint called by the shop's front end with the X-CSRFToken header.
    cancel_order(order_id)
    return jsonify({"user": current_user.id, "order": request.view_args["order_id"]})
