from flask import Blueprint, Flask, url_for

from rules import tenant_rule

app = Flask(__name__)
share = Blueprint("share", __name__)


@share.route(tenant_rule("/boards/<token>"))
def board(token, tenant=None):
    return "board " + token


@app.get("/boards/<int:board_id>/link")
def board_link(board_id):
    # The token is a path segment of the target route: reported at Low
    # confidence as "the URL path of ...", not "the query string".
    return url_for("share.board", token="t-%d" % board_id)  # want: FLASK-HTTP-001(low)


@app.get("/invite")
def invite():
    return url_for("share.missing", token="abc")  # want: FLASK-HTTP-001(medium)


app.register_blueprint(share)
