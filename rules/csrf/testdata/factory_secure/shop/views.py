import hashlib
import hmac

from flask import Blueprint, abort, current_app, render_template, request
from flask_login import current_user, login_required

from . import csrf
from .models import Order, cancel_order

bp = Blueprint("views", __name__)


@bp.route("/")
@login_required
def index():
    orders = Order.query.all()
    return render_template("index.html", orders=orders, user=current_user)


@bp.route("/orders/<int:order_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel(order_id):
    if request.method == "POST":
        cancel_order(order_id)
        return "cancelled"
    return render_template("confirm_cancel.html", order_id=order_id)


# Payment provider webhook: no cookie, authenticated by an HMAC signature of
# the body, so it is exempt from CSRFProtect (a browser cannot forge it).
@bp.post("/webhooks/payment")
@csrf.exempt
def payment_webhook():
    sent = request.headers.get("X-Payment-Signature", "")
    key = current_app.config["WEBHOOK_SECRET"].encode()
    expected = hmac.new(key, request.get_data(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(sent, expected):
        abort(403)
    cancel_order(request.get_json()["order_id"])
    return "", 204
