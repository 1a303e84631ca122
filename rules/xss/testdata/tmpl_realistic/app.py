from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from flask import Blueprint, Flask, abort, flash, g, redirect, render_template, request, url_for

app = Flask(__name__)
bp = Blueprint("blog", __name__)


def get_db():
    return g.db


@bp.route("/")
def index():
    posts = get_db().execute("SELECT p.id, title, body, created, author_id, username FROM post p").fetchall()
    return render_template("blog/index.html", posts=posts)


@bp.route("/create", methods=("GET", "POST"))
def create():
    if request.method == "POST":
        title = request.form["title"]
        if not title:
            flash("Title is required.")
        else:
            return redirect(url_for("blog.index"))
    return render_template("blog/create.html")


app.register_blueprint(bp)


class LoginForm(FlaskForm):
    username = StringField("Username")
    password = PasswordField("Password")


@app.route("/login", methods=("GET", "POST"))
def login():
    form = LoginForm()
    return render_template("login.html", form=form)
