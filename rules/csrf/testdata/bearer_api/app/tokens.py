TOKENS = {}


def user_for_token(token):
    return TOKENS.get(token)
