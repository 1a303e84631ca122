"""Configuration from the environment; fails closed in production."""
import os
from datetime import timedelta


def load_config():
    secret_key = os.environ.get("SECRET_KEY")
    if not secret_key:
        raise RuntimeError("SECRET_KEY must be set (see README.md)")
    hosts = [h.strip() for h in os.environ.get("SHOPNOTES_HOSTS", "").split(",") if h.strip()]
    if not hosts:
        raise RuntimeError("SHOPNOTES_HOSTS must list the host names the app answers to")
    return {
        "SECRET_KEY": secret_key,
        "DATABASE": os.environ.get("DATABASE", "/srv/shopnotes/notes.db"),
        "UPLOAD_FOLDER": os.environ.get("UPLOAD_FOLDER", "/srv/shopnotes/uploads"),
        "TRUSTED_HOSTS": hosts,
        # Secure by default; SESSION_COOKIE_SECURE=0 only for local HTTP testing.
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "1") != "0",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=8),
        "MAX_CONTENT_LENGTH": 8 * 1024 * 1024,
        "MAX_FORM_MEMORY_SIZE": 64 * 1024,
        "MAX_FORM_PARTS": 50,
        "PREVIEW_TIMEOUT": 5,
        "PREVIEW_HOSTS": {"shop.example.com", "docs.example.com"},
    }
