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
    DEBUG = True  # want: FLASK-DEPLOY-002


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


class StagingConfig(BaseConfig):
    TRAP_HTTP_EXCEPTIONS = True  # want: FLASK-DEPLOY-002(low)
