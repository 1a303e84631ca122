from flask import Flask, session
from flask_talisman import Talisman

app = Flask(__name__)
Talisman(app)


@app.post("/cart")
def cart():
    session["items"] = 1
    return "ok"
