from flask import Flask

from .api import api_bp
from .embed import embed
from .shop import shop_api
from .views import register_profile, register_views


def create_app():
    app = Flask(__name__)
    app.register_blueprint(api_bp)
    app.register_blueprint(embed)
    shop_api.init_app(app)
    register_views(app)
    register_profile(app)
    return app
