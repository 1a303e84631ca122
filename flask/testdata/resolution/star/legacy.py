# An old single-file app that star-imports Flask.
from flask import *

app = Flask(__name__)
app.config["SESSION_COOKIE_SECURE"] = False


@app.route("/cart", methods=["POST"])
def add_to_cart():
    session["cart"] = request.form.getlist("item")
    return redirect(url_for("show_cart"))


@app.route("/cart")
def show_cart():
    return render_template("cart.html", items=session.get("cart", []))
