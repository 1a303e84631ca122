import os

from flask import Flask

HEADERS = [
    ("Content-Security-Policy", "default-src 'self'"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
]


class SecureHeaders:
    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        def start(status, headers, exc_info=None):
            return start_response(status, headers + HEADERS, exc_info)

        return self.wsgi_app(environ, start)


app = Flask(__name__)
app.config.update(MAX_CONTENT_LENGTH=2_000_000, TRUSTED_HOSTS=os.environ["HOSTS"].split(","))
app.wsgi_app = SecureHeaders(app.wsgi_app)


@app.get("/")
def index():
    return "<h1>hi</h1>"
