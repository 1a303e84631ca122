from flask import Flask, request

app = Flask(__name__)  # want: FLASK-HOST-001(low)


@app.post("/upload")
def upload():
    request.files["f"].save("/srv/data/upload.bin")
    return "ok"
