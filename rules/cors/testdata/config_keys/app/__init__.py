from flask import Flask, session
from flask_cors import CORS

from .settings import ProductionConfig

app = Flask(__name__)
app.config.from_object(ProductionConfig)
CORS(app)  # want: FLASK-CORS-001(high)


@app.route("/me")
def me():
    return {"user": session.get("user_id")}
