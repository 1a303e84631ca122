from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "console"


def main():
    configure()
    serve()


def configure():
    app.config["JSON_SORT_KEYS"] = False


def serve():
    # Procfile -> run.py's __main__ block -> main() -> serve(): production.
    app.run(host="0.0.0.0", port=8080, debug=True)  # want: FLASK-DEPLOY-001 FLASK-DEPLOY-002


def dev():
    # Nothing calls this helper: the development server is for local use.
    app.run(debug=True)
