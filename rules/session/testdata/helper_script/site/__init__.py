from flask import Flask, session

app = Flask(__name__)  # want: FLASK-SESS-001(medium)
app.config.update(PERMANENT_SESSION_LIFETIME=3600)


@app.post("/login")
def login():
    session.clear()
    session["user_id"] = 1
    return "ok"
