from functools import wraps

from flask import Flask, Response, render_template, request, session
from flask_login import LoginManager, current_user, login_user
from flask_wtf.csrf import CSRFProtect

from .records import find_device, find_member, save_record, saml_client

app = Flask(__name__)
csrf = CSRFProtect(app)
login_manager = LoginManager(app)


def basic_auth_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            return Response(headers={"WWW-Authenticate": 'Basic realm="dyn"'}, status=401)
        return view(*args, **kwargs)

    return wrapper


# Exempt but read-only: a forged request changes nothing, not reported.
@app.route("/dyn/ip", methods=["GET", "POST"])
@csrf.exempt
def show_ip():
    # Answers clients that POST by habit; reads the user only to greet them.
    return render_template("ip.html", ip=request.remote_addr, name=current_user.get_id())


@app.route("/dyn/update", methods=["GET", "POST"])  # want: FLASK-CSRF-001(medium)
@csrf.exempt
@basic_auth_required
def update_record():
    save_record(current_user.get_id(), request.values["host"], request.values["ip"])
    return "good"


@app.route("/devices/<device_token>/sync", methods=["POST"])
@csrf.exempt
def device_sync(device_token):
    device = find_device(device_token)
    save_record(device.owner, request.form["host"], request.form["ip"])
    return "ok"


@app.route("/records", methods=["POST"])  # want: FLASK-CSRF-001(high)
@csrf.exempt
def add_record():
    save_record(current_user.get_id(), request.form["host"], request.form["ip"])
    return "ok"


@app.route("/sso/acs", methods=["POST"])
@csrf.exempt
def sso_assertion():
    # The identity provider posts the signed assertion cross-site by design;
    # the view signs in only whom the verified response names.
    client = saml_client(request)
    client.process_response()
    if client.get_errors():
        return "rejected", 400
    session.clear()
    login_user(find_member(client.get_nameid()))
    return "ok"


@app.route("/sso/password", methods=["POST"])  # want: FLASK-CSRF-001
@csrf.exempt
def password_sign_in():
    # A plain login form exempted from CSRFProtect: login CSRF.
    member = find_member(request.form["email"])
    if member is None or not member.check_password(request.form["password"]):
        return "rejected", 400
    session.clear()
    login_user(member)
    return "ok"
