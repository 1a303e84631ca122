from flask import Flask, render_template, request
from markupsafe import Markup

app = Flask(__name__)

BANNER = Markup("<strong>Maintenance tonight at 22:00</strong>")


@app.context_processor
def banner():
    # The author's own HTML: safe to show unescaped.
    return {"banner": BANNER}


@app.context_processor
def greeting():
    # HTML built from the query string: not safe.
    return {"greeting": Markup("<em>Hello " + request.args.get("name", "") + "</em>")}  # want: FLASK-XSS-001


@app.get("/")
def home():
    return render_template("home.html")
