import flask as fl
from flask import Blueprint, Flask, render_template, request

app = Flask(__name__)
shop = Blueprint("shop", __name__, template_folder="shop_templates")

TEMPLATE = "child.html"


@app.route("/child")
def child():
    heading = request.args.get("heading", "")
    comment = request.args.get("comment", "")
    return render_template(TEMPLATE, heading=heading, comment=comment, footer="(c) us")


@shop.route("/item")
def item():
    name = request.args.get("name", "")
    return fl.render_template("shop/item.html", name=name)


app.register_blueprint(shop)
