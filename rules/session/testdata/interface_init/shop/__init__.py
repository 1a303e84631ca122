from flask import Flask, request, session

from .store import DatabaseSessionInterface


class PortalApp(Flask):
    def __init__(self, name):
        super().__init__(name)
        self.session_interface = DatabaseSessionInterface()


app = PortalApp(__name__)
app.config.update(SESSION_COOKIE_SECURE=True, PERMANENT_SESSION_LIFETIME=3600)


@app.post("/login")
def login():
    session.clear()
    session["user_id"] = request.form["user_id"]
    session["api_key"] = request.form["api_key"]
    return "ok"
