# Secrets planted inside the evidence of data-flow rules: each line below
# is the sink of a finding, and each carries a credential the report must
# never print, next to code (parameter names, URLs) it must still show.
import os
import sqlite3
import subprocess

import requests
from itsdangerous import URLSafeTimedSerializer
from flask import Blueprint, Markup, redirect, render_template, request

bp = Blueprint("leaky", __name__)
signer = URLSafeTimedSerializer(os.environ["SECRET_KEY"])


@bp.route("/run")
def run_job():
    name = request.args["job"]
    os.system("curl -H 'Authorization: Bearer plant-abc-bearer-token' https://ci.example.com/jobs/" + name)
    return "ok"


@bp.route("/fetch")
def fetch():
    url = request.args["url"]
    r = requests.get(url, auth=("admin", "plant-abd-basic-auth-pw"))
    return Markup(r.text + requests.get(url, auth=("admin", "plant-abe-xss-auth-pw")).text)


@bp.route("/lookup")
def lookup():
    uid = request.args["uid"]
    db = sqlite3.connect("app.db")
    return str(db.execute("SELECT * FROM users WHERE password = 'plant-abf-sql-pw' AND id = " + uid).fetchall())


@bp.route("/go")
def go():
    return redirect("https://partner.example.com/cb?token=plant-abg-url-token&next=" + request.args["n"])


@bp.route("/go2")
def go2():
    return redirect("https://partner.example.com/cb?api_key=plant-abh-url-apikey&access_token=plant-abi-url-access&next=" + request.args["n"])


@bp.route("/go3")
def go3():
    return redirect("https://deploy:plant-abj-userinfo-pw@partner.example.com/x?next=" + request.args["n"])


@bp.route("/db")
def db_conn():
    table = request.args["table"]
    return str(sqlite3.connect("postgresql://app:plant-abk-conn-pw@db.internal/app").execute("SELECT * FROM " + table).fetchall())


@bp.route("/tokens")
def tokens():
    where = request.args["where"]
    subprocess.run("deploy --aws AKIAPLANTABL0123456Z --gh ghp_plantABM0123456789abcdefghij --to " + where, shell=True)
    subprocess.run("notify --slack xoxb-plant-abn-0123456789 --jwt eyJplantABO.eyJwbGFudEFCTw.plantABOsig0 " + where, shell=True)
    return "ok"


@bp.route("/key")
def key():
    host = request.args["host"]
    os.system("ssh-add - <<< '-----BEGIN RSA PRIVATE KEY-----\nplant-abp-pem-body\n-----END RSA PRIVATE KEY-----' && ssh " + host)
    return "ok"


@bp.route("/kw")
def kw():
    target = request.args["target"]
    os.system("notify " + target, password="plant-abq-kwarg-pw", api_key="plant-abr-kwarg-key", client_secret="plant-abs-client-secret")
    subprocess.call("mysql --password plant-abt-cli-flag -e " + target + " " + signer.dumps(target, salt="cookie-session"), shell=True)
    subprocess.call({"api_token": "plant-abu-dict-value", "mode": "fast"}["mode"] + target, shell=True)
    os.system(target + str(request.args["token"] == "plant-abv-compared-token"))
    if target:
        os.system(target + " --env DB_URL=postgresql://app:plant-abw-dsn-pw@db/app " + os.environ.get("API_TOKEN", "plant-abx-env-default"))
    os.system(target + URLSafeTimedSerializer("plant-acc-signer-key").dumps(target) + "  # SECRET_KEY = 'x'")  # API_TOKEN = "plant-acd-comment"
    return "ok"


@bp.route("/reset")
def reset():
    # A parameter named "token" is not a secret value: its name stays.
    return redirect(request.args["token"])


@bp.route("/widget")
def widget():
    return render_template("leak.html", q=request.args["q"])
