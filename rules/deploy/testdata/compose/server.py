from flask import Flask

application = Flask(__name__)


@application.route("/health")
def health():
    return "ok"


if __name__ == "__main__":
    application.run(host="0.0.0.0")  # want: FLASK-DEPLOY-001
