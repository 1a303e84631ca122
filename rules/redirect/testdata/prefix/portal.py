from flask import Flask, redirect, request

app = Flask(__name__)
app.config["APPLICATION_ROOT"] = "/portal"


def install_root_redirect(flask_app):
    root = flask_app.config.get("APPLICATION_ROOT")
    if root != "/":

        @flask_app.before_request
        def keep_under_root():
            if not request.path.startswith(root):
                return redirect(root + request.script_root + request.full_path)


install_root_redirect(app)


@app.route("/legacy/<path:rest>")
def legacy(rest):
    return redirect("/portal/" + rest)


@app.route("/go")
def go():
    return redirect("/" + request.args["to"])  # want: FLASK-REDIRECT-001


@app.route("/jump")
def jump():
    base = app.config.get("APPLICATION_ROOT")
    # No check that the root is more than "/": "/" + "/evil.example" leaves the site.
    return redirect(base + request.args["to"])  # want: FLASK-REDIRECT-001


@app.route("/ui/<lang>")
@app.route("/ui/<lang>/<path:rest>")
def ui(lang, rest=None):
    path = f"/ui-assets/{lang}/" + (rest or "")
    query = request.query_string.decode()
    if query:
        path += "?" + query
    return redirect(path)


@app.route("/docs/<page>")
def docs(page):
    return redirect("/manual/{}".format(request.args.get("anchor", page)))


@app.route("/next")
def next_page():
    target = request.args.get("next", "/")
    if not target:
        target = "/home"
    return redirect(target)  # want: FLASK-REDIRECT-001


@app.route("/out")
def out():
    where = f"{request.args['scheme']}://files.example.org/"
    return redirect(where)  # want: FLASK-REDIRECT-001


COVERS_CDN = "https://covers.example.net/images"
COVERS_HOST = "https://covers.example.net"


@app.route("/cover/<book_id>")
def cover(book_id):
    return redirect(COVERS_CDN + "/{}/large.jpg".format(request.args.get("variant", book_id)))


@app.route("/cover-loose")
def cover_loose():
    # No path after the host: "@evil.example/x" makes evil.example the host.
    return redirect(COVERS_HOST + request.args["rest"])  # want: FLASK-REDIRECT-001
