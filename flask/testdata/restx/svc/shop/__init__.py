from flask.views import MethodView
from flask_smorest import Api, Blueprint

shop_api = Api()
orders = Blueprint("orders", __name__, url_prefix="/orders", description="Orders")
items = Blueprint("items", __name__)


@orders.route("/")
class Orders(MethodView):
    @orders.response(200)
    def get(self):
        return []

    @orders.arguments(dict)
    def post(self, data):
        return data


@items.route("/<int:item_id>")
def item(item_id):
    return {}


shop_api.register_blueprint(orders)
shop_api.register_blueprint(items, url_prefix="/shop/items")
