from urllib.parse import urljoin, urlparse

from flask import redirect, request


def is_safe_url(target):
    ref = urlparse(request.host_url)
    test = urlparse(urljoin(request.host_url, target))
    return test.scheme in ("http", "https") and ref.netloc == test.netloc


def back_to(target):
    return redirect(target)  # want: FLASK-REDIRECT-001


class Navigator:
    def __init__(self, target):
        self.target = target

    def go(self):
        return redirect(self.target)  # want: FLASK-REDIRECT-001
