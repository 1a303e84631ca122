from flask import Flask, g, render_template, request

app = Flask(__name__)


@app.route("/note")
def note():
    text = request.args.get("text", "")
    return render_template("note.html", text=text, title="Notes")


@app.route("/note.txt")
def note_txt():
    text = request.args.get("text", "")
    return render_template("note.txt", text=text)


@app.route("/card")
def card():
    text = request.args.get("text", "")
    return render_template("card.j2", text=text, owner=get_owner())


def get_owner():
    # Per-request data of unknown origin (a helper returning a constant
    # would be safe).
    return g.owner


def send_mail(body):
    return body


@app.post("/mail")
def mail():
    text = request.form.get("text", "")
    send_mail(render_template("mail.txt", text=text))
    return "sent"

