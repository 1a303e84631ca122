from flask import Flask, abort, send_file
from werkzeug.security import safe_join

app = Flask(__name__)


@app.get("/docs/<path:name>")
def docs(name):
    target = safe_join("docs", name)
    if target is None:
        abort(404)
    return send_file(target)
