import os


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SESSION_COOKIE_SAMESITE = "Lax"


class DevelopmentConfig(Config):
    WTF_CSRF_ENABLED = False  # want: FLASK-CSRF-001(low)


class TestingConfig(Config):
    TESTING = True
    WTF_CSRF_ENABLED = False


class ProductionConfig(Config):
    WTF_CSRF_ENABLED = False  # want: FLASK-CSRF-001(high)


CONFIGS = {"development": DevelopmentConfig, "testing": TestingConfig, "production": ProductionConfig}
