TOKENS = {}


def check_reset_token(token):
    return TOKENS.get(token)


def user_for_oauth_code(code, state):
    return {"code": code, "state": state}
