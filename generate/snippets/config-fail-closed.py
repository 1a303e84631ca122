"""Configuration that fails closed: production refuses to start without a
strong SECRET_KEY, with a one-line message naming the variable."""
import os
import sys
from datetime import timedelta

from flask import Flask


def create_app():
    app = Flask(__name__)
    production = os.environ.get("APP_ENV", "production") == "production"
    key = os.environ.get("SECRET_KEY", "")
    if production and len(key) < 32:
        sys.exit("configuration error: SECRET_KEY is missing or shorter than 32 characters")
    app.config.update(
        SECRET_KEY=key,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=production and os.environ.get("SESSION_COOKIE_SECURE", "1") == "1",
        TRUSTED_HOSTS=[h for h in os.environ.get("TRUSTED_HOSTS", "localhost").split(",") if h],
        PERMANENT_SESSION_LIFETIME=timedelta(hours=8),
        MAX_CONTENT_LENGTH=5 * 1024 * 1024,
        MAX_FORM_MEMORY_SIZE=500 * 1024,
        MAX_FORM_PARTS=100,
    )

    @app.after_request
    def set_security_headers(response):
        response.headers.setdefault("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    return app
