from flask import Flask, jsonify, render_template, request
from flask_jwt_extended import JWTManager, get_jwt_identity, jwt_required
from flask_login import LoginManager, current_user, login_required
from flask_wtf.csrf import CSRFProtect

app = Flask(__name__)
app.config["JWT_TOKEN_LOCATION"] = ["headers"]
csrf = CSRFProtect(app)
login_manager = LoginManager(app)
jwt = JWTManager(app)


@app.route("/account", methods=["GET", "POST"])
@login_required
def account():
    return render_template("account.html", user=current_user)


# The mobile API authenticates with JWTs in the Authorization header only;
# CSRFProtect is told to skip it. No finding.
@app.post("/api/v1/orders")
@csrf.exempt
@jwt_required()
def api_orders():
    return jsonify(user=get_jwt_identity(), order=request.get_json())
