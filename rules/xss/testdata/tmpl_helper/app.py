from flask import Flask, render_template, request

app = Flask(__name__)


def render_page(template, **context):
    context.setdefault("site", "Example")
    return render_template(template, **context)


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    return render_page("hello.html", name=name)


@app.route("/static-hello")
def static_hello():
    return render_page("hello.html", name="world")
