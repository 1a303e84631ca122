from flask import session
from flask_themes2 import render_theme_template


def render_template(template, **context):
    """Renders through the user's theme, falling back to the app's templates."""
    theme = session.get("theme", "default")
    return render_theme_template(theme, template, **context)
