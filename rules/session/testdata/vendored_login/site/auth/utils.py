# A trimmed copy of a login library kept inside the repository.
from flask import session


def login_user(user, remember=False):
    session["_user_id"] = user.id
    session["_fresh"] = True
    return True


def _load_user_from_cookie(cookie):
    session["_user_id"] = cookie
    return True
