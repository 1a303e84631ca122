from flask import Flask
from flask_restx import Api

from .catalog import ns as catalog_ns
from .webhooks import ns as webhooks_ns


def create_app():
    app = Flask(__name__)
    api = Api(app, title="Stockroom")
    api.add_namespace(catalog_ns, path="/catalog")
    api.add_namespace(webhooks_ns, path="/webhooks")
    return app
