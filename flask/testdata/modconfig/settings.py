DEBUG = False
SESSION_COOKIE_SECURE = True
_private = 1
