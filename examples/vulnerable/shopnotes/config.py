"""Configuration classes, selected in create_app()."""
from datetime import timedelta


class Config:
    # Insecure (FLASK-CONFIG-001): a hard-coded signing key, the same in every
    # environment, committed to the repository.
    SECRET_KEY = "shopnotes-dev-key-2019"
    DATABASE = "/srv/shopnotes/notes.db"
    PREVIEW_TIMEOUT = 10


class ProductionConfig(Config):
    # Insecure (FLASK-DEPLOY-002): debug mode in the production configuration.
    DEBUG = True
    # Insecure (FLASK-SESS-001): the session cookie is sent over plain HTTP and
    # is readable from JavaScript; SameSite is switched off.
    SESSION_COOKIE_SECURE = False
    SESSION_COOKIE_HTTPONLY = False
    SESSION_COOKIE_SAMESITE = None
    # Insecure (FLASK-SESS-002): staff sessions that last a year.
    PERMANENT_SESSION_LIFETIME = timedelta(days=365)


class TestConfig(Config):
    TESTING = True
    DATABASE = ":memory:"
