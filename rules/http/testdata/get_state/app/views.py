from flask import abort, redirect, render_template, request, session, url_for
from flask.views import MethodView
from flask_login import login_required, logout_user

from . import app
from .extensions import db
from .models import User, delete_user, find_user
from .services import close_account


@app.route("/users/<int:user_id>")
def show_user(user_id):
    return render_template("user.html", user=find_user(user_id))


@app.route("/users/<int:user_id>/delete")  # want: FLASK-HTTP-001(high)
@login_required
def delete(user_id):
    delete_user(user_id)
    return redirect(url_for("show_user", user_id=user_id))


@app.route("/account/close")  # want: FLASK-HTTP-001(high)
def close():
    close_account(session["user_id"])
    return "closed"


@app.route("/users/<int:user_id>/remove", methods=["GET", "POST"])
def remove(user_id):
    if request.method == "POST":
        delete_user(user_id)
        return redirect(url_for("show_user", user_id=user_id))
    return render_template("confirm.html", user_id=user_id)


@app.route("/users/<int:user_id>/drop", methods=["GET", "POST"])
def drop(user_id):
    if request.method != "POST":
        return render_template("confirm.html", user_id=user_id)
    delete_user(user_id)
    return "dropped"


@app.post("/users/<int:user_id>/purge")
def purge(user_id):
    delete_user(user_id)
    return "purged"


@app.route("/logout")  # want: FLASK-HTTP-001(medium)
def logout():
    logout_user()
    return redirect(url_for("show_user", user_id=0))


@app.route("/touch/<int:user_id>")  # want: FLASK-HTTP-001(medium)
def touch(user_id):
    user = find_user(user_id)
    if user is None:
        abort(404)
    db.session.add(user)
    db.session.commit()
    return "ok"


class UserAPI(MethodView):
    def get(self, user_id):  # want: FLASK-HTTP-001(high)
        delete_user(user_id)
        return "gone"

    def delete(self, user_id):
        delete_user(user_id)
        return "", 204


app.add_url_rule("/api/users/<int:user_id>", view_func=UserAPI.as_view("user_api"))
