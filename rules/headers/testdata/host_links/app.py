from urllib.parse import urljoin, urlparse

from flask import Flask, abort, redirect, request, url_for

app = Flask(__name__)  # want: FLASK-HEADERS-001 FLASK-HOST-001 FLASK-LIMITS-001(low)
app.config["SERVER_NAME"] = "books.example.net"
app.config["MAX_FORM_PARTS"] = 500


def is_local(target):
    # A same-site check: the parsed host is only compared, and matched
    # against the app's own routes.
    ours = urlparse(request.host_url)
    theirs = urlparse(urljoin(request.host_url, target))
    if not (theirs.scheme in ("http", "https") and ours.netloc == theirs.netloc):
        return False
    adapter = app.url_map.bind(ours.netloc)
    return bool(adapter.match(theirs.path))


@app.get("/go")
def go():
    target = request.args.get("to", "/")
    if not is_local(target):
        abort(400)
    return redirect(target)


@app.post("/unlink")
def unlink():
    if request.host_url + "account" != request.referrer:
        abort(400)
    return "unlinked"


@app.post("/invite")
def invite():
    # SERVER_NAME fixes the host url_for builds external links on.
    link = url_for("accept", _external=True)
    return deliver_mail(request.form["to"], link)


@app.get("/accept")
def accept():
    return "welcome"


@app.post("/forgot")
def forgot():
    link = request.url_root + "reset?user=" + request.form["user"]  # want: FLASK-HOST-001
    return deliver_mail(request.form["user"], link)


def deliver_mail(to, body):
    return "queued for " + to + ": " + body
