import os

from flask import Flask

app = Flask(__name__)
app.config["DEBUG"] = os.environ.get("FLASK_DEBUG") == "1"


@app.get("/")
def index():
    return "hello"


if __name__ == "__main__":
    # Local development only: production runs gunicorn (see Dockerfile).
    app.run(debug=True)
