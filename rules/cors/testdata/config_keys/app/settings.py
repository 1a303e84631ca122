class ProductionConfig:
    # Flask-CORS reads its options from CORS_* configuration keys.
    CORS_ORIGINS = "*"
    CORS_SUPPORTS_CREDENTIALS = True
