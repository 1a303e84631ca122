from flask import Flask, render_template, request

app = Flask(__name__)


@app.route("/chain")
def chain():
    return render_template("chain.html", q=request.args.get("q", ""))
