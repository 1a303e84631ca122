from functools import wraps

from flask import abort, request

CLIENTS = {}


def client_for(token):
    return CLIENTS.get(token)


def api_key_needed(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if request.headers.get("X-API-Key") not in CLIENTS:
            abort(401)
        return view(*args, **kwargs)
    return wrapper
