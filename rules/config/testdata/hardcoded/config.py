import os


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "changeme")  # want: FLASK-CONFIG-001
    SESSION_COOKIE_HTTPONLY = True


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "test"
