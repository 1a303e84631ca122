from flask import Flask, redirect, request, session

app = Flask(__name__)


# The session only remembers a preference and a cart; nobody logs in, so no
# cookie authenticates anything (no CSRF finding; see FLASK-SESS rules for
# the cookie's own settings).
@app.post("/prefs")
def prefs():
    session["theme"] = request.form["theme"]
    return redirect("/")


@app.post("/cart")
def cart():
    session["cart"] = session.get("cart", []) + [request.form["item"]]
    return redirect("/")


@app.get("/login/github")
def github_login():
    session["oauth_state"] = "random"
    return redirect("https://github.com/login/oauth/authorize")
