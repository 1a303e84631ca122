import os


class BaseConfig:
    SECRET_KEY = os.environ["SECRET_KEY"]
    DEBUG = False


class DevelopmentConfig(BaseConfig):
    DEBUG = True


class TestingConfig(BaseConfig):
    TESTING = True
    DEBUG = True


class ProductionConfig(BaseConfig):
    DEBUG = False


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


class LocalConfig(BaseConfig):
    TRAP_HTTP_EXCEPTIONS = True
