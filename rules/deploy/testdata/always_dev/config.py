class Config:
    DEBUG = False


class DevelopmentConfig(Config):
    DEBUG = True  # want: FLASK-DEPLOY-002(high)


class ProductionConfig(Config):
    pass
