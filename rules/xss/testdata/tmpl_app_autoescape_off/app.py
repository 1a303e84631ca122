from flask import Flask, render_template, request

app = Flask(__name__)
app.jinja_env.autoescape = False  # want: FLASK-XSS-001


@app.route("/hi")
def hi():
    who = request.args.get("who", "")
    return render_template("hi.html", who=who, site="Example")
