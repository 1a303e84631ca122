import html

from flask import Flask, Response, make_response, render_template, request
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from widgets import Card, greeting_html

app = Flask(__name__)
app.jinja_env.autoescape = False  # want: FLASK-XSS-001

mail_env = Environment(loader=FileSystemLoader("mail"))  # want: FLASK-XSS-001(medium)
raw_env = Environment(loader=FileSystemLoader("x"), autoescape=False)  # want: FLASK-XSS-001
safe_env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape(["html", "xml"]))
text_env = Environment(autoescape=select_autoescape(enabled_extensions=("txt",)))  # want: FLASK-XSS-001


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    Markup("<b>%s</b>" % escape(name))
    return Markup("<h1>Hello " + name + "</h1>")  # want: FLASK-XSS-001


@app.route("/echo")
def echo():
    q = request.args.get("q", "")
    return "<p>You searched for " + q + "</p>"  # want: FLASK-XSS-001


@app.route("/echo/safe")
def echo_safe():
    q = request.args.get("q", "")
    return "<p>You searched for " + html.escape(q) + "</p>"


@app.route("/json")
def as_json():
    q = request.args.get("q", "")
    return {"q": q}


@app.route("/page")
def page():
    body = greeting_html(request.args["who"])
    resp = make_response(body)  # want: FLASK-XSS-001
    return resp


@app.route("/text")
def text():
    return Response(request.args["t"], mimetype="text/plain")


@app.route("/html")
def html_response():
    return Response("<div>" + request.args["t"] + "</div>", mimetype="text/html")  # want: FLASK-XSS-001


@app.route("/card/<title>")
def card(title):
    return Card(title).render()


@app.route("/template")
def template():
    return render_template("page.html", q=request.args["q"])


@app.route("/count/<int:n>")
def count(n):
    return "<b>%d</b>" % n


@app.route("/reassigned")
def reassigned():
    name = request.args.get("name")
    name = "world"
    return "<h1>Hello " + name + "</h1>"


@app.route("/plain")
def plain():
    q = request.args.get("q", "")
    if q == "json":
        return make_response("{\"q\": \"" + q + "\"}", 200, {"Content-Type": "application/json"})
    if q:
        return "You said: " + q, 200, {"Content-Type": "text/plain; charset=utf-8"}
    return "Unknown: " + request.args.get("x", ""), 400  # want: FLASK-XSS-001
