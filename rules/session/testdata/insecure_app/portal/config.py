from datetime import timedelta


class Config:
    SECRET_KEY_FILE = "/run/secrets/key"
    SESSION_COOKIE_HTTPONLY = False  # want: FLASK-SESS-001


class DevelopmentConfig(Config):
    SESSION_COOKIE_SECURE = False
    SESSION_COOKIE_SAMESITE = None


class StagingConfig(Config):
    SESSION_COOKIE_SAMESITE = None  # want: FLASK-SESS-001(medium)


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = False  # want: FLASK-SESS-001
    SESSION_COOKIE_SAMESITE = "None"  # want: FLASK-SESS-001
    PERMANENT_SESSION_LIFETIME = timedelta(days=365)  # want: FLASK-SESS-002


config = {"development": DevelopmentConfig, "staging": StagingConfig, "production": ProductionConfig}
