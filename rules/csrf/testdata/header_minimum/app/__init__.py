from flask import Flask, abort, jsonify, request, session

app = Flask(__name__)
app.config.update(SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_HTTPONLY=True)


# The spec's minimum for a small app: every state-changing request must carry
# a custom header (a cross-site form cannot set one without a CORS preflight),
# and the session cookie is SameSite=Lax. No finding.
@app.before_request
def require_ajax_header():
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        if request.headers.get("X-Requested-With") != "XMLHttpRequest":
            abort(403)


@app.post("/login")
def login():
    session.clear()
    session["user_id"] = request.get_json()["user"]
    return jsonify(ok=True)


@app.put("/todo/<int:todo_id>")
def update_todo(todo_id):
    return jsonify(owner=session["user_id"], id=todo_id)
