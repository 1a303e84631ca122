from flask import render_template, render_template_string, request
from jinja2 import Environment, Template
from jinja2.sandbox import SandboxedEnvironment

from app import app
from app.helpers import Mailer, render_greeting, render_named
from app.models import Page


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    render_template_string("Hello {{ name }}", name=name)
    render_named(name)
    render_template("hello.html", name=name)
    return render_template_string("Hello " + name)  # want: FLASK-SSTI-001


@app.route("/template", methods=["POST"])
def template():
    source = request.form["template"]
    Template(source).render()  # want: FLASK-SSTI-001
    env = Environment()
    env.from_string(source)  # want: FLASK-SSTI-001
    SandboxedEnvironment().from_string(source).render()
    return render_greeting(source)


@app.route("/mail", methods=["POST"])
def mail():
    return Mailer(request.form["body"]).render(name="x")


@app.route("/format")
def fmt():
    pattern = request.args["p"]
    pattern.format(user="x")  # want: FLASK-SSTI-001
    "Hello {}".format(pattern)
    pattern = "Hi {name}"
    return pattern.format(name=request.args["n"])


@app.route("/pages/<slug>")
def page(slug):
    p = Page.query.filter_by(slug=slug).first()
    return render_template_string(p.body)  # want: FLASK-SSTI-001(low)


@app.route("/pages/<slug>/title")
def page_title(slug):
    # A format string read back from the app's own rows (or a provider's
    # answer) is the app's text, not the requester's: no format-string
    # finding. A stored Jinja template source above stays reported.
    p = Page.query.filter_by(slug=slug).first()
    title = p.title_format.format(slug=slug)
    stamp = p.created.format("YYYY-MM-DD")
    return title + stamp


@app.route("/issuer")
def issuer():
    import requests

    doc = requests.get("https://idp.example.com/.well-known/openid-configuration", timeout=5).json()
    return doc["issuer"].format(tenant="main")


@app.route("/expiring")
def expiring():
    import arrow

    tz = request.args.get("tz", "UTC")
    label = request.args.get("label", "")
    # A date object's format() with a date pattern is not str.format().
    until = arrow.now().to(tz).format("YYYY-MM-DD HH:mm")
    # A request string filled with a constant that has {} fields is.
    label.format("{YYYY}")  # want: FLASK-SSTI-001
    return label.format("YYYY")  # want: FLASK-SSTI-001
