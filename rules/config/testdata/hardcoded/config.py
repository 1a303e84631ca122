import os


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "changeme")  # want: FLASK-CONFIG-001
    SESSION_COOKIE_HTTPONLY = True


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "test"


class ProductionConfig(Config):
    SECRET_KEY = os.environ["SECRET_KEY"]
    SECRET_KEY_FALLBACKS = ["9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d"]  # want: FLASK-CONFIG-001


class StagingConfig(Config):
    SECRET_KEY = (  # want: FLASK-CONFIG-001
        "split-across-lines-"
        "0123456789abcdef"
    )
