from flask import Flask, request

from .tasks import compress, notify, thumbnail

app = Flask(__name__)


@app.post("/export")
def export():
    compress.delay(request.form["name"])
    return "queued"


@app.post("/thumb")
def thumb():
    thumbnail.apply_async(args=(request.form["src"],), kwargs={"size": "64x64"})
    return "queued"


@app.post("/thumb2")
def thumb2():
    thumbnail.apply_async(kwargs={"src": "fixed.png", "size": request.args["size"]})
    return "queued"


@app.post("/notify")
def send_notice():
    # List arguments after "--": not a shell, not read as options.
    notify.delay("ops", request.form["text"])
    return "queued"
