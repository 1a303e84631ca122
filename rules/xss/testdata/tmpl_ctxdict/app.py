from flask import Flask, render_template, request

app = Flask(__name__)


@app.route("/card")
def card():
    context = {"title": "Card"}
    context["note"] = request.args.get("note", "")
    context["footer"] = "(c) us"
    return render_template("card.html", **context)


@app.route("/badge")
def badge():
    ctx = dict(label=request.args.get("label", ""), color="red")
    return render_template("badge.html", **ctx)
