import os


class Base:
    SECRET_KEY = "blog-secret"  # want: FLASK-CONFIG-001
    DEBUG = False


class DevConfig(Base):
    DEBUG = True
    SECRET_KEY = "dev"  # want: FLASK-CONFIG-001(low)


class TestConfig(Base):
    TESTING = True
    SECRET_KEY = "test"


class ProdConfig(Base):
    SESSION_COOKIE_SECURE = True


CONFIG = {"development": DevConfig, "testing": TestConfig, "production": ProdConfig}
