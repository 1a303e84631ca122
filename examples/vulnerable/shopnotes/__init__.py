"""shopnotes: notes, attachments and link previews for shop staff."""
import os

from flask import Flask
from flask_cors import CORS
from werkzeug.middleware.proxy_fix import ProxyFix

from .config import ProductionConfig


def create_app(config_object=ProductionConfig):
    # Insecure (FLASK-HEADERS-001, FLASK-LIMITS-001, FLASK-HOST-001,
    # FLASK-CSRF-001): this factory never sets security headers (no
    # after_request hook, no Talisman), MAX_CONTENT_LENGTH /
    # MAX_FORM_MEMORY_SIZE / MAX_FORM_PARTS, or TRUSTED_HOSTS, and no proxy in
    # the repository adds them; there is no CSRFProtect(app) or other CSRF
    # check although the blueprints change state with cookie sessions.
    app = Flask(__name__)
    app.config.from_object(config_object)
    app.config["UPLOAD_FOLDER"] = os.environ.get("UPLOAD_FOLDER", "/srv/shopnotes/uploads")

    # Insecure (FLASK-PROXY-001): trusts five hops of X-Forwarded-* headers
    # although the app sits behind a single load balancer, so clients can
    # choose their own remote_addr and host.
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=5, x_proto=5, x_host=5, x_prefix=5)

    # Insecure (FLASK-CORS-001): any origin may call the API with the user's
    # cookies.
    CORS(app, origins="*", supports_credentials=True)

    from . import auth, files, notes

    app.register_blueprint(auth.bp)
    app.register_blueprint(notes.bp)
    app.register_blueprint(files.bp)
    return app
