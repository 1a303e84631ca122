from flask import Flask, abort, request

app = Flask(__name__)
app.config["TRUSTED_HOSTS"] = ["notes.example.com"]


@app.post("/import")
def import_notes():
    data = request.get_data()
    return str(len(data))


@app.get("/ops")
def ops():
    if request.remote_addr != "10.0.0.9":  # want: FLASK-PROXY-001(medium)
        abort(403)
    return "ok"
