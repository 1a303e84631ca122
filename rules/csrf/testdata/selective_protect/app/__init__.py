from flask import Flask, request, session
from flask_wtf.csrf import CSRFProtect

app = Flask(__name__)
app.config["WTF_CSRF_CHECK_DEFAULT"] = False
csrf = CSRFProtect(app)


# CSRFProtect checks only where csrf.protect() is called; this hook calls it
# for every request but the health check. No finding.
@app.before_request
def check_csrf_token():
    if request.endpoint != "health":
        csrf.protect()


@app.post("/login")
def login():
    session.clear()
    session["user_id"] = request.form["user"]
    return "ok"


@app.get("/health")
def health():
    return "ok"
