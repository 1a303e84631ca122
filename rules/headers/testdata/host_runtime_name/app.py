import os

from flask import Flask, request, url_for

app = Flask(__name__)  # want: FLASK-HEADERS-001 FLASK-HOST-001 FLASK-LIMITS-001(low)
app.config["MAX_FORM_PARTS"] = 200
if os.environ.get("PANTRY_HOST"):
    app.config["SERVER_NAME"] = os.environ["PANTRY_HOST"]


@app.get("/feed.xml")
def feed():
    # An absolute link in the requester's own feed: a forged Host only
    # reaches the client that sent it, and the deployment can pin the name.
    item = url_for("recipe", recipe_id=1, _external=True)
    return "<rss><item><link>" + item + "</link></item></rss>"


@app.get("/recipe/<int:recipe_id>")
def recipe(recipe_id):
    return "recipe %d" % recipe_id


@app.post("/password/forgot")
def forgot_password():
    # A reset link mailed to someone else is built from the Host header
    # whenever PANTRY_HOST is unset.
    link = url_for("recipe", recipe_id=0, _external=True)  # want: FLASK-HOST-001(low)
    return send_reset_mail(request.form["email"], link)


def send_reset_mail(to, body):
    return "queued for " + to + ": " + body
