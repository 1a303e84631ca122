from flask import Flask, abort, request
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)  # want: FLASK-HEADERS-001 FLASK-HOST-001(low) FLASK-LIMITS-001(low)
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=2, x_host=2)  # want: FLASK-PROXY-001

OFFICE = {"192.0.2.10", "192.0.2.11"}


def client_address():
    forwarded = request.headers.get("X-Forwarded-For", request.remote_addr)
    if forwarded is not None:
        forwarded = forwarded.split(",")[0].strip()
    return forwarded


def device_link(path):
    # Splitting off the port is parsing, not a check on the host.
    if ":" in request.host and not request.host.endswith("]"):
        host = request.host.rsplit(":", 1)[0]
    else:
        host = request.host
    return "//" + host + path


def proxy_path():
    # Two readings of the request's own address: working out the proxy
    # path, not deciding who the client is.
    if request.access_route == [request.remote_addr]:
        return [request.remote_addr]
    return [request.remote_addr] + list(reversed(request.access_route))


@app.get("/office")
def office():
    if request.remote_addr not in OFFICE:  # want: FLASK-PROXY-001
        abort(403)
    return device_link("/office")


@app.get("/tenant")
def tenant():
    if request.host != "admin.example.org":  # want: FLASK-PROXY-001
        abort(404)
    return str(proxy_path()) + str(client_address())
