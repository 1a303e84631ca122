import hmac
import os

from flask import Flask, request, session

app = Flask(__name__)
app.secret_key = os.environ["SHOP_SECRET"]


@app.post("/basket")
def basket():
    # Who the visitor is never enters the session: no login, no CSRF risk
    # to a logged-in user.
    session["basket"] = request.form.getlist("item")
    return "ok"


@app.post("/compare")
def compare():
    # compare_digest on a coupon code is not a password check.
    if hmac.compare_digest(request.form["coupon"], "SPRING"):
        session["discount"] = 10
    return "ok"
