from markupsafe import Markup


def greeting_html(who):
    return "<h2>Welcome, " + who + "</h2>"


class Card:
    def __init__(self, title):
        self.title = title

    def render(self):
        return Markup(f"<div class='card'>{self.title}</div>")  # want: FLASK-XSS-001
