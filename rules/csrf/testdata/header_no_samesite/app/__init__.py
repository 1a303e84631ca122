from flask import Flask, abort, jsonify, request, session

app = Flask(__name__)  # want: FLASK-CSRF-001(medium)


@app.before_request
def require_ajax_header():
    if request.method != "GET" and "X-Requested-With" not in request.headers:
        abort(403)


@app.post("/login")  # want: FLASK-CSRF-001(medium)
def login():
    session.clear()
    session["user_id"] = request.get_json()["user"]
    return jsonify(ok=True)
