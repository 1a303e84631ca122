# A kiosk app that star-imports Flask: the app and Flask's session are
# still recognised.
import secrets

from flask import *

app = Flask(__name__)  # want: FLASK-SESS-001(medium)
app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
app.config["SESSION_COOKIE_HTTPONLY"] = False  # want: FLASK-SESS-001


@app.route("/unlock", methods=["POST"])
def unlock():
    session["door_code"] = "open"
    session["pin"] = request.form["pin"]  # want: FLASK-SESS-002
    session["pw"] = request.form["pw"]  # want: FLASK-SESS-002(high)
    session["badge_otp"] = request.form.get("otp", "")  # want: FLASK-SESS-002
    session["pin_attempts"] = session.get("pin_attempts", 0) + 1
    session["password_reset_sent"] = request.form.get("remind") == "yes"
    session["csrf_token"] = secrets.token_urlsafe(32)
    return redirect(url_for("home"))


@app.route("/")
def home():
    return render_template("home.html")
