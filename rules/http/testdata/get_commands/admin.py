import subprocess

from flask import Flask, abort

from ops import restart_unit

app = Flask(__name__)

UNITS = {"web", "worker"}


@app.get("/units/<name>/restart")  # want: FLASK-HTTP-001
def restart(name):
    if name not in UNITS:
        abort(404)
    restart_unit(name)
    return "restarted"


@app.get("/log")
def log():
    # Reading the history changes nothing.
    out = subprocess.run(["git", "log", "--oneline", "-n", "20"], capture_output=True, text=True)
    return out.stdout


@app.get("/status/<name>")
def status(name):
    if name not in UNITS:
        abort(404)
    return subprocess.run(["systemctl", "is-active", name], capture_output=True, text=True).stdout


@app.get("/cache/purge")  # want: FLASK-HTTP-001
def purge():
    subprocess.run("sudo rm -rf /var/cache/app/*", shell=True, check=True)
    return "purged"
