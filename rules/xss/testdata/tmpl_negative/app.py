import bleach
import nh3
from flask import Flask, render_template, request, url_for
from markupsafe import escape

app = Flask(__name__)


@app.route("/safe/<int:page>")
def safe(page):
    q = request.args.get("q", "")
    html = request.form.get("html", "")
    return render_template(
        "safe.html",
        q=q,
        page=page,
        cleaned=bleach.clean(html),
        cleaned2=nh3.clean(html),
        escaped=escape(q),
        home=url_for("safe", page=1),
        items=["a", "b"],
    )
