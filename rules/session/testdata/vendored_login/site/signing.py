import hashlib
import hmac


def mac(value):
    return hmac.new(b"k", value.encode(), hashlib.sha256).hexdigest()
