from flask import Flask, render_template, request

app = Flask(__name__)

WELCOME = "<em>Welcome back</em>"


@app.route("/")
def home():
    return render_template("banner.html", message=WELCOME)


@app.route("/preview")
def preview():
    message = request.args.get("message", "")
    return render_template("banner.html", message=message)
