from flask import Blueprint

from .rules import scoped_rule

embed = Blueprint("embed", __name__)


@embed.route(scoped_rule("/shared/<token>"), methods=["GET"])
def shared(token, org=None):
    return token
