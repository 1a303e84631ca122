from flask import Flask, session

app = Flask(__name__)  # want: FLASK-SESS-001(medium)
app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")


@app.post("/theme")
def theme():
    session["theme"] = "dark"
    return "ok"
