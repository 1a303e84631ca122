from flask import Flask, request

app = Flask(__name__)  # want: FLASK-HEADERS-001(low) FLASK-HOST-001(low) FLASK-LIMITS-001


@app.post("/files")
def put_file():
    request.files["f"].save("/srv/files/incoming.bin")
    return "stored"
