from flask.views import MethodView


class ThingAPI(MethodView):
    def get(self, thing_id):
        return "thing"

    def patch(self, thing_id):
        return "patched"


class ReportAPI(MethodView):
    def get(self):
        return "report"


class AuditAPI(MethodView):
    def post(self):
        return "audit"


def register_api(app, view, endpoint, url):
    view_func = view.as_view(endpoint)
    app.add_url_rule(url, view_func=view_func)


HANDLERS = [("/report", ReportAPI), ("/audit", AuditAPI)]


KINDS = ["new", "hot", "top"]


def listing(kind):
    return kind


def register_views(app):
    register_api(app, ThingAPI, "thing", "/things/<int:thing_id>")
    for url, cls in HANDLERS:
        app.add_url_rule(url, view_func=cls.as_view(cls.__name__.lower()))
    # One view under a rule per kind: one route, not one per table entry.
    for kind in KINDS:
        app.add_url_rule("/list/{}".format(kind), view_func=listing)


class ProfileView(MethodView):
    def get(self, name):
        return name

    def post(self, name):
        return "saved"


def register_view(bp_or_app, routes, view_func, **kwargs):
    for route in routes:
        bp_or_app.add_url_rule(route, view_func=view_func, **kwargs)


def register_profile(app):
    register_view(app, routes=["/u/<name>", "/profile/<name>"], view_func=ProfileView.as_view("profile"))
