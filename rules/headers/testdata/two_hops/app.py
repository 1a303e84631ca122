import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
app.config.update(MAX_CONTENT_LENGTH=1 << 20, TRUSTED_HOSTS=os.environ["HOSTS"].split(","))
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=2, x_proto=1)  # want: FLASK-PROXY-001(low)


@app.get("/")
def index():
    return "hi"
