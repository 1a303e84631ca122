from flask import Flask, request
from jinja2 import Environment, FileSystemLoader, select_autoescape

app = Flask(__name__)

raw_env = Environment(loader=FileSystemLoader("templates"))  # want: FLASK-XSS-001
safe_env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())


@app.route("/raw")
def raw():
    who = request.args.get("who", "")
    return raw_env.get_template("hello.html").render(who=who)


@app.route("/escaped")
def escaped():
    who = request.args.get("who", "")
    tmpl = safe_env.get_template("hello_safe.html")
    page = tmpl.render(who=who)
    return {"html": page}
