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


@app.route("/api/notes", methods=["POST"])  # want: FLASK-CSRF-001(high)
def api_notes():
    # A JSON endpoint is CSRF-able too when the session cookie authenticates it.
    data = request.get_json()
    save_comment(session["user_id"], data["text"])
    return jsonify(ok=True)


@app.post("/contact")  # want: FLASK-CSRF-001(medium)
def contact():
    save_comment(None, request.form["message"])
    return "thanks"


@app.route("/search")
def search():
    return render_template("search.html", q=request.args.get("q", ""))
