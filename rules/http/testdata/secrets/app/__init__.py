from flask import Flask, redirect, render_template, request, session, url_for
from flask_login import login_user

from .accounts import check_reset_token, user_for_oauth_code
from .keys import current_api_key

app = Flask(__name__)


@app.route("/reset")  # want: FLASK-HTTP-001(high)
def reset_form():
    user = check_reset_token(request.args["token"])
    return render_template("reset.html", user=user)


@app.route("/reset", methods=["POST"])
def reset_submit():
    user = check_reset_token(request.form["token"])
    return render_template("done.html", user=user)


@app.route("/items")
def items():
    # Pagination tokens and sort keys are not secrets.
    page = request.args.get("page_token")
    order = request.args.get("sort", "name")
    return render_template("items.html", page=page, order=order)


@app.route("/export")  # want: FLASK-HTTP-001(medium)
def export():
    # "key" could be a lookup key; reported at Medium confidence.
    return render_template("export.html", key=request.args.get("key"))


@app.route("/data")
def data():
    return {"key": current_api_key()}


@app.route("/oauth/callback")
def oauth_callback():
    # OAuth callbacks are GET by design; logging in here is not reported.
    user = user_for_oauth_code(request.args["code"], request.args["state"])
    session.clear()
    login_user(user)
    return redirect(url_for("items"))


@app.post("/forgot")
def forgot():
    token = "generated"
    link = url_for("confirm", token=token, _external=True)  # want: FLASK-HTTP-001(low)
    return render_template("sent.html", link=link)


@app.route("/confirm/<token>")
def confirm(token):
    return render_template("confirm.html", token=token)


@app.route("/partner")
def partner():
    return redirect(url_for("items", api_key="k"))  # want: FLASK-HTTP-001(medium)


@app.route("/sso")
def sso():
    t = session.get("sso_token")
    return redirect(f"https://partner.example.com/login?access_token={t}")  # want: FLASK-HTTP-001(medium)


@app.route("/handoff")
def handoff():
    from urllib.parse import urlencode

    target = "https://partner.example.com/start?" + urlencode({"api_key": "k", "lang": "en"})
    return redirect(target)  # want: FLASK-HTTP-001(medium)


@app.route("/handoff2")
def handoff2():
    from urllib.parse import urlencode

    return redirect("https://partner.example.com/start?" + urlencode({"session_id": "s"}))  # want: FLASK-HTTP-001(medium)


@app.route("/login-link")  # want: FLASK-HTTP-001(high)
def login_link():
    return check_reset_token(request.args["token"] + request.values.get("password", ""))


@app.route("/download/<name>")
def download(name):
    # A signed link that expires within the hour (for wget): the expiry is
    # the mitigation, not reported.
    token = request.args.get("token", "")
    grant = app.config["DOWNLOAD_SIGNER"].loads(token, max_age=3600)
    return render_template("file.html", name=name, grant=grant)


@app.route("/download-forever/<name>")  # want: FLASK-HTTP-001(high)
def download_forever(name):
    # Signed but never expiring: still a standing secret in the URL.
    token = request.args.get("token", "")
    grant = app.config["DOWNLOAD_SIGNER"].loads(token)
    return render_template("file.html", name=name, grant=grant)


@app.post("/download-link/<name>")
def download_link(name):
    # Links to the expiring download: not reported either.
    token = app.config["DOWNLOAD_SIGNER"].dumps({"name": name})
    return url_for("download", name=name, token=token, _external=True)
