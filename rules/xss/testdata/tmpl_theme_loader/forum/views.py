from flask import Flask, request
from flask.views import MethodView

from .helpers import render_template

app = Flask(__name__)


class Signature(MethodView):
    def get(self):
        # The form's data is escaped by the template: the theme loader
        # renders a Jinja template like render_template does.
        return render_template("signature.html", text=request.args.get("text", ""), signature=request.args.get("sig", ""))


app.add_url_rule("/signature", view_func=Signature.as_view("signature"))
