"""Text helpers used by the notes views."""
from markupsafe import Markup


def render_bio(bio):
    # Insecure (FLASK-XSS-001): marks user-written text as safe HTML; called
    # by notes.profile with request.form["bio"].
    return Markup("<div class='bio'>" + bio + "</div>")


def shout(text):
    return text.upper()
