import os

from flask import Blueprint, Flask

admin = Blueprint("admin", __name__, url_prefix="/admin")


@admin.after_request
def admin_headers(resp):  # want: FLASK-HEADERS-001(low)
    resp.headers["X-Frame-Options"] = "DENY"
    resp.headers["Content-Security-Policy"] = "default-src 'self'"
    resp.headers["X-Content-Type-Options"] = "nosniff"
    return resp


@admin.get("/")
def dashboard():
    return "admin"


app = Flask(__name__)
app.config.update(MAX_CONTENT_LENGTH=1 << 20, TRUSTED_HOSTS=os.environ["HOSTS"].split(","))
app.register_blueprint(admin)


@app.get("/")
def index():
    return "public"
