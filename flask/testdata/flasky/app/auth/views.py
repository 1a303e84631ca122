from flask import redirect, request
from flask_login import login_user, logout_user

from . import auth


@auth.route("/login", methods=["GET", "POST"])
def login():
    login_user(request.form["user"], remember=True)
    return redirect("/")


@auth.route("/logout")
def logout():
    logout_user()
    return redirect("/")
