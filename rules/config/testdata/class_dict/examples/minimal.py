from flask import Flask, session

app = Flask(__name__)
app.secret_key = "example-only-key-2f8c"  # want: FLASK-CONFIG-001(low)


@app.post("/count")
def count():
    session["n"] = session.get("n", 0) + 1
    return str(session["n"])
