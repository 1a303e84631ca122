import bleach
import markdown as md
from flask import Flask, render_template, request
from markupsafe import Markup

app = Flask(__name__)
app.jinja_env.globals["version"] = "1.0"


@app.template_filter("markdown")
def render_markdown(text):
    return Markup(md.markdown(text))


@app.template_filter()
def clean_markdown(text):
    return Markup(bleach.clean(md.markdown(text)))


def shout(text):
    return text.upper()


app.add_template_filter(shout, "shout")


def load_banner():
    with open("banner.html") as f:
        return f.read()


@app.context_processor
def inject():
    return {"site_name": "Example", "banner": load_banner()}


@app.route("/post")
def post():
    body = request.form.get("body", "")
    return render_template("post.html", body=body)
