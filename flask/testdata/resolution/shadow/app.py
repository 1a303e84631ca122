from flask import Flask, request, session

app = Flask(__name__)


def remember(session, key, value):
    # A database session passed in: not Flask's session.
    session[key] = value


def audit(request):
    # A parameter named request: not Flask's request.
    return request.headers.get("Authorization")


@app.post("/prefs")
def prefs():
    session["theme"] = request.form.get("theme", "light")
    return "ok"
