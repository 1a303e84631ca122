from flask import Flask, jsonify, redirect, render_template, request, session

from .helpers import save_comment

app = Flask(__name__)  # want: FLASK-CSRF-001
app.config.from_mapping(SECRET_KEY="from-env-in-real-life", SESSION_COOKIE_SAMESITE="Lax")


@app.route("/login", methods=["GET", "POST"])  # want: FLASK-CSRF-001(high)
def login():
    if request.method == "POST":
        session.clear()
        session["user_id"] = request.form["user"]
        return redirect("/")
    return render_template("login.html")


@app.post("/profile")  # want: FLASK-CSRF-001(high)
def profile():
    save_comment(session["user_id"], request.form["bio"])
    return redirect("/")


@app.route("/api/notes", methods=["POST"])  # want: FLASK-CSRF-001(medium)
def api_notes():
    # A JSON endpoint is reported too; get_json() rejecting form content
    # types lowers the confidence.
    data = request.get_json()
    save_comment(session["user_id"], data["text"])
    return jsonify(ok=True)


@app.route("/api/notes/bulk", methods=["POST"])  # want: FLASK-CSRF-001(high)
def api_notes_bulk():
    # force=True parses a text/plain body that any cross-site form can send.
    for item in request.get_json(force=True):
        save_comment(session["user_id"], item["text"])
    return jsonify(ok=True)


@app.delete("/api/notes/<int:note_id>")  # want: FLASK-CSRF-001(medium)
def api_notes_delete(note_id):
    save_comment(session["user_id"], f"deleted {note_id}")
    return "", 204


@app.post("/contact")  # want: FLASK-CSRF-001(medium)
def contact():
    save_comment(None, request.form["message"])
    return "thanks"


@app.route("/search")
def search():
    return render_template("search.html", q=request.args.get("q", ""))
