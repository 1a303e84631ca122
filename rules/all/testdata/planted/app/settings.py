class ProductionConfig:
    SECRET_KEY = "plant-hhh-class-key"
    SECRET_KEY_FALLBACKS = [
        "plant-iii-old-key-1",
        "plant-jjj-old-key-2",
    ]
    PRIVATE_KEY = """
plant-kkk-private-key-body
"""
    STRIPE_KEY = "sk_live_plantLLLstripe1234"
    DEBUG = True
