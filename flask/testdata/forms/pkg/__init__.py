from flask import Flask
from flask.views import MethodView, View

from .sub import parent, child
from . import handlers

app = Flask(__name__)


def ping():
    return "pong"


class Report(View):
    methods = ["GET", "POST"]
    decorators = [handlers.audit]

    def dispatch_request(self):
        return "report"


class Items(MethodView):
    def get(self):
        return "list"

    def post(self):
        return "create"

    def put(self):
        return "replace"


app.add_url_rule("/ping", "ping", ping)
app.add_url_rule("/report", view_func=Report.as_view("report"))
app.add_url_rule("/items", view_func=Items.as_view("items"), methods=["GET", "POST"])
app.add_url_rule("/hello", view_func=handlers.hello)
parent.register_blueprint(child, url_prefix="/child")
app.register_blueprint(parent, url_prefix="/p/")


@app.route("/a", endpoint="alpha")
@app.route("/b", methods=["PUT", "get"])
def multi():
    return "multi"


if app.debug:
    @app.get("/debug-only")
    def debug_only():
        return "debug"
