from flask import Blueprint, redirect, render_template, session, url_for
from flask_login import login_required, login_user, logout_user

from .forms import LoginForm
from .models import User, delete_user

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = User.query.filter_by(email=form.email.data).first()
        if user is not None:
            session.clear()
            login_user(user)
            return redirect(url_for("views.index"))
    return render_template("login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    return redirect(url_for("auth.login"))


@bp.post("/account/delete")
@login_required
def delete_account():
    from flask_login import current_user

    delete_user(current_user)
    logout_user()
    return redirect(url_for("auth.login"))
