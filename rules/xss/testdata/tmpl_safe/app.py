import bleach
from flask import Flask, render_template, request
from markupsafe import escape

app = Flask(__name__)

GREETING = "<b>Welcome</b>"


def load_motd():
    with open("motd.html") as f:
        return f.read()


@app.route("/profile")
def profile():
    bio = request.args.get("bio", "")
    return render_template(
        "profile.html",
        bio=bio,
        clean_bio=bleach.clean(bio),
        escaped_bio=escape(bio),
        greeting=GREETING,
        motd=load_motd(),
    )
