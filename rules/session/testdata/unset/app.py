from flask import Flask, session

app = Flask(__name__)  # want: FLASK-SESS-001(medium)
app.config.from_mapping(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")


@app.post("/prefs")
def prefs():
    session["lang"] = "en"
    return "ok"
