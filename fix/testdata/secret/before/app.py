from flask import Flask

app = Flask(__name__)
app.config["SECRET_KEY"] = "fixture-not-a-real-key-5e1d"
app.config["JWT_SECRET_KEY"] = "fixture-jwt-" + "joined-7c2a"


@app.get("/")
def index():
    return "ok"
