import os


class Base:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SECRET_KEY_FALLBACKS = [k for k in os.environ.get("OLD_SECRET_KEYS", "").split(",") if k]
    DEBUG = False


class DevConfig(Base):
    DEBUG = True


class TestConfig(Base):
    TESTING = True
    SECRET_KEY = "test"


class ProdConfig(Base):
    SECRET_KEY = os.environ["SECRET_KEY"]
    SESSION_COOKIE_SECURE = True


CONFIG = {"development": DevConfig, "testing": TestConfig, "production": ProdConfig}
