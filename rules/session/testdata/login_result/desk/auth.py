USERS = {"ada": ("pbkdf2-hash", 1)}


def check_credentials(login, password):
    stored = USERS.get(login)
    if stored is None or not verify(stored[0], password):
        return None
    return stored[1]


def issue_ticket(login, secret):
    return hash((login, secret)) & 0xFFFF


def verify(stored, given):
    return stored == given
