from flask import Flask, send_from_directory

app = Flask(__name__)


@app.get("/files/<path:name>")
def download(name):
    return send_from_directory("uploads", name)
