import logging
import os

from flask import Flask, session

from config import Config

app = Flask(__name__)
app.config.from_object(Config)
app.secret_key = "dev"  # want: FLASK-CONFIG-001
log = logging.getLogger(__name__)

print(app.config)  # want: FLASK-CONFIG-001
app.logger.info("signing with %s", app.config["SECRET_KEY"])  # want: FLASK-CONFIG-001
log.debug("key present: %s", "SECRET_KEY" in app.config)
print(app.config["DEBUG"])
log.info("settings: %s", {k: v for k, v in app.config.items() if k != "SECRET_KEY"})


@app.post("/login")
def login():
    session["user_id"] = 1
    return "ok"
