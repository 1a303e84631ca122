from urllib.parse import urlparse

from flask import Flask, Response, abort, redirect, request, url_for

from helpers import Navigator, back_to, is_safe_url

app = Flask(__name__)


@app.route("/login")
def login():
    nxt = request.args.get("next", "/")
    return redirect(nxt)  # want: FLASK-REDIRECT-001


@app.route("/login/checked")
def login_checked():
    nxt = request.args.get("next", "/")
    if not is_safe_url(nxt):
        nxt = url_for("index")
    return redirect(nxt)


@app.route("/relative")
def relative():
    target = request.args.get("to", "/")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = "/"
    return redirect(target)


@app.route("/relative/weak")
def relative_weak():
    target = request.args.get("to", "/")
    if not target.startswith("/"):
        target = "/"
    return redirect(target)  # want: FLASK-REDIRECT-001


@app.route("/netloc")
def netloc():
    target = request.args.get("to", "/")
    if urlparse(target).netloc:
        abort(400)
    return redirect(target)


@app.route("/allow")
def allow():
    t = request.args["t"]
    if urlparse(t).netloc not in {"example.com", "www.example.com"}:
        return redirect("/")
    return redirect(t)


@app.route("/back")
def back():
    return redirect(request.referrer or "/")  # want: FLASK-REDIRECT-001


@app.route("/header")
def header():
    resp = Response(status=302)
    resp.headers["Location"] = request.args["u"]  # want: FLASK-REDIRECT-001
    return resp


@app.route("/header/literal")
def header_literal():
    return Response(status=302, headers={"Location": request.args["u"]})  # want: FLASK-REDIRECT-001


@app.route("/go")
def go():
    return back_to(request.args.get("next"))


@app.route("/index")
def index():
    page = request.args.get("page", "1")
    page = "2"
    return redirect("/list?page=" + page)


@app.route("/profile/<int:uid>")
def profile(uid):
    return redirect(url_for("user", uid=uid, tab=request.args.get("tab")))


@app.route("/nav")
def nav():
    Navigator("/home").go()
    return Navigator(request.args.get("to", "/")).go()
