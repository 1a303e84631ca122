# A message board written against `from flask import *`: the app, its
# routes and the cookie session are found all the same.
import os

from flask import *

app = Flask(__name__)  # want: FLASK-CSRF-001
app.secret_key = os.environ["BOARD_KEY"]


@app.route("/login", methods=["POST"])  # want: FLASK-CSRF-001
def login():
    session["user_id"] = request.form["user"]
    return redirect("/")


@app.route("/posts", methods=["POST"])  # want: FLASK-CSRF-001
def create_post():
    if "user_id" not in session:
        abort(401)
    return "created", 201


@app.route("/posts")
def list_posts():
    return render_template("posts.html")
