from flask import Flask, make_response, redirect, request, session
from flask_login import LoginManager, current_user, login_required, login_user

from .models import Account, check_password

app = Flask(__name__)
app.config.update(SESSION_COOKIE_SECURE=True, PERMANENT_SESSION_LIFETIME=3600, REMEMBER_COOKIE_DURATION=86400)
login_manager = LoginManager(app)


@app.post("/signin")
def signin():
    account = Account.by_email(request.form["email"])
    if account is None or not check_password(account, request.form["secret_phrase"]):
        return "no", 401
    login_user(account)  # want: FLASK-SESS-002(medium)
    return redirect("/")


@app.post("/profile")
@login_required
def profile():
    current_user.display_name = request.form["display_name"]
    current_user.save()
    login_user(current_user, remember=False)
    return redirect("/profile")


@app.post("/profile/email")
@login_required
def change_email():
    me = current_user._get_current_object()
    me.email = request.form["email"]
    me.save()
    login_user(me, remember=False)
    return redirect("/profile")


@app.post("/impersonate")
@login_required
def impersonate():
    other = Account.by_email(request.form["email"])
    login_user(other, remember=False)  # want: FLASK-SESS-002(medium)
    return redirect("/")


@app.post("/signout")
def signout():
    session.clear()
    resp = make_response(redirect("/"))
    resp.set_cookie("remember_token", "", expires=0)
    resp.set_cookie("api_token", "", max_age=0)
    resp.set_cookie("auth_hint", "", 0)
    return resp


@app.post("/token")
@login_required
def token():
    resp = make_response("ok")
    resp.set_cookie("api_token", "opaque-id", max_age=3600)  # want: FLASK-SESS-001
    return resp


@app.post("/accounts/<int:account_id>")
@login_required
def update_account(account_id):
    account = Account.by_id(account_id)
    account.email = request.form["email"]
    account.save()
    if current_user.id == account.id:
        # Refresh this session with the new details; other sessions end.
        login_user(account, remember=False)
    return redirect("/")


@app.post("/accounts/<int:account_id>/switch")
@login_required
def switch_account(account_id):
    account = Account.by_id(account_id)
    if current_user.is_admin:
        login_user(account, remember=False)  # want: FLASK-SESS-002(medium)
    return redirect("/")
