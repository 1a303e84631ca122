# A command line read back from the database or from another service's
# answer is the app's own configuration: not reported.
import sqlite3
import subprocess

import requests
from flask import Flask, request

app = Flask(__name__)


def run_sms_script(message):
    script = sqlite3.connect("app.db").execute("SELECT script FROM sms_provider").fetchone()[0]
    subprocess.run([script, message], check=True)


def tag_release():
    release = requests.get("https://api.example.com/releases/latest", timeout=5).json()
    subprocess.check_output(["git", "tag", release["tag_name"]])


@app.post("/ping")
def ping():
    # The same kind of call with a request value is still reported.
    return subprocess.check_output("ping -c 1 " + request.form["host"], shell=True)  # want: FLASK-INJECT-002
