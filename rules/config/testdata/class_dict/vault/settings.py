import os


class ConfigKey:
    """Names of the configuration keys, for lookups: not values."""
    SECRET_KEY = "SECRET_KEY"
    DATABASE = "VAULT_DATABASE_URL"


class BaseSettings:
    SESSION_COOKIE_HTTPONLY = True


class DevelopmentSettings(BaseSettings):
    DEBUG = True


class TestingSettings(BaseSettings):
    TESTING = True
    SECRET_KEY = "only-for-the-test-suite-4e1a"


class ThemedUITestSettings(TestingSettings):
    UI_THEME = "alt"


class ProductionSettings(BaseSettings):
    SECRET_KEY = "vault-prod-hardcoded-91b3"  # want: FLASK-CONFIG-001


SETTINGS = {
    "development": DevelopmentSettings,
    "testing": TestingSettings,
    "themed": ThemedUITestSettings,
    "production": ProductionSettings,
}
