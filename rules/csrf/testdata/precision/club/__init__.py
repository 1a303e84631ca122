import hmac

import pyotp
from flask import Blueprint, Flask, abort, jsonify, redirect, render_template, request, session
from werkzeug.security import check_password_hash, generate_password_hash

from .store import Member, add_member, find_member, record_note, save_member, search_members

app = Flask(__name__)  # want: FLASK-CSRF-001
app.config.from_mapping(SESSION_COOKIE_SAMESITE="Lax")

drafts = Blueprint("drafts", __name__)


@app.route("/sign-in", methods=["GET", "POST"])  # want: FLASK-CSRF-001(high)
def sign_in():
    if request.method == "POST":
        member = find_member(request.form["handle"])
        if member is None or not check_password_hash(member.pass_digest, request.form["passphrase"]):
            abort(401)
        session.clear()
        session["user_id"] = member.id
        return redirect("/")
    return render_template("sign_in.html")


@app.post("/join")  # want: FLASK-CSRF-001(high)
def join():
    member = add_member(request.form["handle"], generate_password_hash(request.form["passphrase"]))
    session.clear()
    session["user_id"] = member.id
    return redirect("/")


@app.post("/members/search")  # want: FLASK-CSRF-001(low)
def member_search():
    if "user_id" not in session:
        abort(401)
    found = search_members(request.form["q"])
    return render_template("results.html", members=found)


@app.post("/notes")  # want: FLASK-CSRF-001(high)
@app.post("/notes/new")
def add_note():
    record_note(session["user_id"], request.form["text"])
    return redirect("/")


@app.post("/account/email")  # want: FLASK-CSRF-001(high)
def change_email():
    member = find_member(session["user_id"])
    if not check_password_hash(member.pass_digest, request.form["current_passphrase"]):
        abort(403)
    member.email = request.form["email"]
    save_member(member)
    return redirect("/")


@app.post("/account/handle")  # want: FLASK-CSRF-001(high)
def change_handle():
    member = find_member(session["user_id"])
    if not pyotp.TOTP(member.otp_seed).verify(request.form["code"]):
        abort(403)
    member.handle = request.form["handle"]
    save_member(member)
    return redirect("/")


@app.post("/api/ping")
def api_ping():
    # Public JSON endpoint: reads no cookie, and get_json() refuses form bodies.
    payload = request.get_json()
    record_note(None, payload["message"])
    return jsonify(ok=True)


@app.post("/api/members")
def api_add_member():
    # Machine clients send an API key header; no cookie is read.
    if not hmac.compare_digest(request.headers.get("X-Club-Api-Key", ""), app.config["API_KEY"]):
        abort(401)
    add_member(request.form["handle"], "")
    return jsonify(ok=True)


@app.post("/api/notes")
def api_add_note():
    # Credentials travel in the JSON body.
    body = request.get_json(force=True)
    if not hmac.compare_digest(body["api_key"], app.config["API_KEY"]):
        abort(401)
    record_note(None, body["text"])
    return jsonify(ok=True)


@drafts.post("/drafts")
def save_draft():
    # The drafts blueprint is never registered: this route is not served.
    record_note(session["user_id"], request.form["text"])
    return "saved"


Member.registry = {}
