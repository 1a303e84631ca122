import os

PREFIX = "pantry"


class Production:
    SECRET_KEY = os.environ["PANTRY_SECRET_KEY"]
    # Flask-Security's HMAC salt with a committed fallback.
    SECURITY_PASSWORD_SALT = os.environ.get("PANTRY_SALT", "planted-salt-3c1e9d0b7a")  # want: FLASK-CONFIG-001
    # An f-string of constants is still a constant.
    WTF_CSRF_SECRET_KEY = f"{PREFIX}-planted-fstring-5d2a7c"  # want: FLASK-CONFIG-001
    SECURITY_PASSWORD_SALT = (  # want: FLASK-CONFIG-001
        "planted-paren-"
        "split-0c4d55ab"
    )
    SECRET_KEY_FALLBACKS = [  # want: FLASK-CONFIG-001
        "planted-old-key-one-8e4f21",
        "planted-old-key-two-93bd07",
    ]
