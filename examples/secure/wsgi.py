"""Entry point for gunicorn (see Dockerfile and Procfile): wsgi:app."""
from shopnotes import create_app

app = create_app()
