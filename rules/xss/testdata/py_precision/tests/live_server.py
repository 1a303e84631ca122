from flask import Flask, request

test_app = Flask(__name__)


@test_app.route("/echo")
def echo():
    return "<p>" + request.args.get("q", "") + "</p>"  # want: FLASK-XSS-001(low)
