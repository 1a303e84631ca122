from flask import Flask
from flask_talisman import Talisman

app = Flask(__name__)
app.config.update(MAX_CONTENT_LENGTH=1024 * 1024, TRUSTED_HOSTS=["api.example.com"])
Talisman(app, content_security_policy=None)  # want: FLASK-HEADERS-001(low)


@app.get("/status")
def status():
    return {"ok": True}
