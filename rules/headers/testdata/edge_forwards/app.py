from flask import Flask, abort, request

app = Flask(__name__)  # want: FLASK-HEADERS-001 FLASK-HOST-001(low)

STAFF_NETWORK = ("10.20.", "10.21.")


@app.get("/staff")
def staff():
    if not request.remote_addr.startswith(STAFF_NETWORK[0]):  # want: FLASK-PROXY-001
        abort(403)
    return "staff"
