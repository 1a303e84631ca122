import os

from flask import Flask, make_response, redirect, request, session
from flask_login import LoginManager, login_user

from .config import config

login_manager = LoginManager()


def create_app():
    app = Flask(__name__)
    app.config.from_object(config[os.getenv("PORTAL_ENV", "production")])
    login_manager.init_app(app)

    @app.route("/login", methods=["GET", "POST"])
    def login():
        user_id = int(request.form["user_id"])
        session.clear()
        session["user_id"] = user_id
        session["password_changed"] = False
        session.permanent = True
        resp = make_response(redirect("/"))
        resp.set_cookie("auth_token", "opaque", secure=True, httponly=True, samesite="Lax")
        resp.set_cookie("theme", "dark")
        return resp

    @app.post("/sso")
    def sso():
        next_url = session.get("next")
        session.clear()
        login_user(load(request.form["id"]))
        return redirect(next_url or "/")

    return app


def load(uid):
    return uid


def fresh_session():
    session.clear()


def sign_in(user_id):
    fresh_session()
    session["user_id"] = user_id
