import html
import importlib
import json
import os

import requests

from flask import Flask, Response, make_response, render_template, request
from flask_themes2 import render_theme_template
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

app = Flask(__name__)

# LaTeX output: custom delimiters, no HTML anywhere.
tex_env = Environment(block_start_string="\\BLOCK{", block_end_string="}", variable_start_string="\\VAR{",
                      variable_end_string="}", loader=FileSystemLoader("report"))
# Server configuration files, loaded by name.
conf_env = Environment(loader=FileSystemLoader("confs"))
# Templates of unknown type: still reported.
page_env = Environment(loader=FileSystemLoader("pages"))  # want: FLASK-XSS-001(medium)
mixed_env = Environment()  # want: FLASK-XSS-001(medium)


def vhost(name):
    return conf_env.get_template("vhost.conf.j2").render(name=name)


def mixed(name):
    return mixed_env.get_template("vhost.conf.j2").render(name=name) + mixed_env.get_template("page.html").render()


@app.route("/plain")
def plain():
    resp = make_response(request.args.get("q", ""))
    resp.mimetype = "text/plain"
    return resp


@app.route("/csv")
def csv():
    resp = make_response(request.args.get("q", ""))
    resp.headers["Content-Type"] = "text/csv; charset=utf-8"
    return resp


@app.route("/api")
def api():
    resp = Response(json.dumps({"q": request.args.get("q")}))
    resp.mimetype = "application/json"
    return resp


@app.route("/download")
def download():
    return Response(request.args.get("q", ""), headers={"Content-Type": "text/plain"})


@app.route("/still-html")
def still_html():
    resp = make_response("<p>" + request.args.get("q", "") + "</p>")  # want: FLASK-XSS-001
    resp.headers["X-Frame-Options"] = "DENY"
    return resp


@app.route("/html-type")
def html_type():
    resp = make_response("<p>" + request.args.get("q", "") + "</p>")  # want: FLASK-XSS-001
    resp.mimetype = "text/html"
    return resp


def render_page_template(name, **kwargs):
    return render_theme_template("default", name, **kwargs)


def render_html_template(body):
    return "<html><body>" + body + "</body></html>"


@app.route("/themed")
def themed():
    return render_page_template("search.html", q=request.args.get("q", ""))


@app.route("/themed-markup")
def themed_markup():
    return {"html": Markup(render_page_template("row.html", q=request.args.get("q", "")))}


@app.route("/builds-html")
def builds_html():
    return render_html_template(request.args.get("q", ""))  # want: FLASK-XSS-001


@app.route("/title")
def title():
    plain = Markup(request.args.get("t", "")).unescape()
    return {"title": plain}


@app.route("/marked")
def marked():
    return Markup(request.args.get("t", ""))  # want: FLASK-XSS-001


def render_login_page():
    return render_page_template("login.html", next=request.args.get("next", ""))


@app.route("/login")
def login():
    return render_login_page()


def wrap_html(body):
    return render_html_template(body)


@app.route("/wrapped")
def wrapped():
    return wrap_html(request.args.get("q", ""))  # want: FLASK-XSS-001


@app.route("/export")
def export():
    resp = make_response(request.args.get("rows", ""))
    resp.headers["Content-Disposition"] = f"attachment; filename={request.args.get('name', 'x')}.csv"
    return resp


def send_download(data, filename):
    headers = {"Content-Disposition": "attachment; filename=" + filename}
    return Response(data, headers=headers, mimetype="text/html")


@app.route("/export2")
def export2():
    return send_download(request.args.get("rows", ""), "rows.html")


@app.route("/relay")
def relay():
    upstream = requests.get("https://backend.internal/" + request.args.get("p", ""), timeout=5)
    return Response(request.args.get("banner", "") + upstream.text, content_type=upstream.headers["Content-Type"])  # want: FLASK-XSS-001(low)


@app.route("/panel/<name>")
def panel(name):
    plugin = importlib.import_module("panels." + name.replace(".", ""))
    return plugin.render(query=request.args.get("q", ""))


class Badge:
    def render(self, text):
        return "<span class='badge'>" + text + "</span>"


@app.route("/badge")
def badge():
    return Badge().render(request.args.get("q", ""))  # want: FLASK-XSS-001


@app.route("/pair")
def pair():
    first = request.args.get("a", "")
    second = request.args.get("b", "")
    return Markup("<b>%s</b> <i>%s</i>" % (escape(first), escape(second)))


@app.route("/pair-format")
def pair_format():
    first = request.args.get("a", "")
    return "<b>{}</b>".format(html.escape(first))


@app.route("/pair-half")
def pair_half():
    first = request.args.get("a", "")
    second = request.args.get("b", "")
    return Markup("<b>%s</b> <i>%s</i>" % (escape(first), second))  # want: FLASK-XSS-001


@app.cli.command("export-site")
def export_site():
    site_env = Environment(loader=FileSystemLoader("site"))  # want: FLASK-XSS-001(low)
    print(site_env.get_template("index.html").render())


def static_page(name, who):
    with open(os.path.join("static", name)) as fh:
        return fh.read().replace("{{NAME}}", who)


@app.route("/greet")
def greet():
    return static_page("greet.html", request.args.get("who", ""))  # want: FLASK-XSS-001


@app.route("/about")
def about():
    return static_page("about.html", request.args.get("who", ""))


@app.route("/panel-default")
def panel_default():
    from panels import render as panel_render
    return panel_render(render_template, request.args.get("q", ""))


@app.route("/panel-raw")
def panel_raw():
    from panels import render_raw
    return render_raw(request.args.get("q", ""))  # want: FLASK-XSS-001


@app.route("/notes/preview")
def notes_preview():
    import mistune
    md = mistune.create_markdown()
    return md.render(request.args.get("text", ""))  # want: FLASK-XSS-001
