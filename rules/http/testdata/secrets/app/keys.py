from flask import request


def current_api_key():
    return request.args.get("api_key")  # want: FLASK-HTTP-001(medium)
