import flask as fl


def build():
    app = fl.Flask(__name__)
    from . import views

    app.register_blueprint(views.shop_bp, url_prefix="/shop")
    return app
