from flask import Flask, session

app = Flask(__name__)
# An example app no production entrypoint imports: its key signs nothing
# the served app relies on, so it is not reported.
app.secret_key = "example-only-key-2f8c"


@app.post("/count")
def count():
    session["n"] = session.get("n", 0) + 1
    return str(session["n"])
