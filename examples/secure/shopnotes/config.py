"""Configuration from the environment; fails closed when a secret is missing."""
import os
from datetime import timedelta


def _hosts():
    hosts = [h.strip() for h in os.environ.get("SHOPNOTES_HOSTS", "").split(",") if h.strip()]
    if not hosts:
        raise RuntimeError("SHOPNOTES_HOSTS must list the host names the app answers to")
    return hosts


class ProductionConfig:
    # KeyError at start-up when the key is missing: the app never runs
    # with a default key.
    SECRET_KEY = os.environ["SECRET_KEY"]
    TRUSTED_HOSTS = _hosts()
    DATABASE = os.environ.get("DATABASE", "/srv/shopnotes/notes.db")
    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER", "/srv/shopnotes/uploads")
    # Secure by default; SESSION_COOKIE_SECURE=0 only for local HTTP testing.
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "1") != "0"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    MAX_CONTENT_LENGTH = 8 * 1024 * 1024
    MAX_FORM_MEMORY_SIZE = 64 * 1024
    MAX_FORM_PARTS = 50
    PREVIEW_TIMEOUT = 5
    PREVIEW_HOSTS = {"shop.example.com", "docs.example.com"}
