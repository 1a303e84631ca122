import os


class Config:
    SESSION_COOKIE_HTTPONLY = True
    MAX_CONTENT_LENGTH = 8 * 1024 * 1024
    MAX_FORM_MEMORY_SIZE = 500_000
    MAX_FORM_PARTS = 1_000


class DevelopmentConfig(Config):
    pass


class ProductionConfig(Config):
    TRUSTED_HOSTS = os.environ.get("TRUSTED_HOSTS", "store.example.com").split(",")


CONFIGS = {"development": DevelopmentConfig, "production": ProductionConfig}
