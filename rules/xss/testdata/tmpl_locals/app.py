from flask import Flask, render_template, request

app = Flask(__name__)


@app.route("/hi/<name>/<int:age>")
def hi(name, age):
    motto = request.args.get("motto", "")
    greeting = "Hello"
    return render_template("hi.html", **locals())
