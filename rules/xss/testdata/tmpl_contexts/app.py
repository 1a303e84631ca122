from flask import Flask, render_template, request, url_for

app = Flask(__name__)


@app.route("/page/<item_id>")
def page(item_id):
    q = request.args.get("q", "")
    website = request.form.get("website", "")
    return render_template(
        "page.html",
        q=q,
        website=website,
        item_id=item_id,
        css_class="wide",
        next_url=url_for("page", item_id=1),
        count=len(q),
    )
