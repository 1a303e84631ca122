class Config:
    SESSION_COOKIE_HTTPONLY = True


class DevelopmentConfig(Config):
    MAX_CONTENT_LENGTH = None


class ProductionConfig(Config):
    MAX_FORM_PARTS = None  # want: FLASK-LIMITS-001


CONFIGS = {"development": DevelopmentConfig, "production": ProductionConfig}
