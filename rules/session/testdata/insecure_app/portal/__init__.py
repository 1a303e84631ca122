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
        session["user_id"] = user_id  # want: FLASK-SESS-002
        session["api_token"] = request.form["token"]  # want: FLASK-SESS-002
        session["remember_pw"] = request.form["password"]  # want: FLASK-SESS-002(high)
        session.permanent = True
        resp = make_response(redirect("/"))
        resp.set_cookie("auth_token", "opaque")  # want: FLASK-SESS-001
        resp.set_cookie("theme", "dark")
        return resp

    @app.post("/sso")
    def sso():
        login_user(load(request.form["id"]))  # want: FLASK-SESS-002(medium)
        return redirect("/")

    @app.post("/posts")
    def create_post():
        session["last_post"] = request.form["title"]
        return "created", 201

    return app


def load(uid):
    return uid
