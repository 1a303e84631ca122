import hashlib
import hmac
import os

from flask import Flask, abort, request
from flask_login import LoginManager, current_user, login_required
from flask_wtf.csrf import CSRFProtect

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
csrf = CSRFProtect(app)
login_manager = LoginManager(app)


@app.post("/settings/email")
@login_required
def change_email():
    current_user.email = request.form["email"]
    return "ok"


@app.post("/settings/password")  # want: FLASK-CSRF-001(high)
@csrf.exempt
@login_required
def change_password():
    current_user.set_password(request.form["password"])
    return "ok"


# A GitHub-style webhook: exempt from CSRFProtect because it carries no
# cookie; the HMAC signature authenticates it. No finding.
@app.post("/hooks/github")
@csrf.exempt
def github_hook():
    signature = request.headers.get("X-Hub-Signature-256", "")
    digest = hmac.new(os.environ["HOOK_SECRET"].encode(), request.get_data(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature, "sha256=" + digest):
        abort(403)
    return "", 204


# Exempt but changes nothing: there is nothing to forge, not reported.
@app.post("/hooks/ping")
@csrf.exempt
def ping_hook():
    return "", 204


@app.post("/api/token-call")
@csrf.exempt
def token_call():
    if request.headers.get("Authorization") != "Bearer " + os.environ["SERVICE_TOKEN"]:
        abort(401)
    return "", 204
