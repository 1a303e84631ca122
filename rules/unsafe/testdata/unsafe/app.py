import ast
import base64
import importlib
import pickle

import jsonpickle
import yaml
from flask import Flask, request

from plugins.loader import PluginLoader, restore

app = Flask(__name__)

PLUGINS = {"csv", "json"}


@app.route("/state", methods=["POST"])
def state():
    data = base64.b64decode(request.form["state"])
    pickle.loads(data)  # want: FLASKSEC-DESERIALIZE-001
    yaml.load(request.data, Loader=yaml.SafeLoader)
    yaml.safe_load(request.data)
    yaml.load(request.data, Loader=yaml.Loader)  # want: FLASKSEC-DESERIALIZE-001
    jsonpickle.decode(request.get_data(as_text=True))  # want: FLASKSEC-DESERIALIZE-001
    with open("cache.pkl", "rb") as f:
        pickle.loads(f.read())
    return restore(request.cookies.get("session_blob"))


@app.route("/calc")
def calc():
    expr = request.args["e"]
    ast.literal_eval(expr)
    n = int(request.args["n"])
    eval(str(n) + " + 1")
    return str(eval(expr))  # want: FLASKSEC-EVAL-001


@app.route("/plugin/<name>")
def plugin(name):
    if name in PLUGINS:
        importlib.import_module("plugins." + name)
    PluginLoader("plugins").load(name)
    return "ok"


@app.route("/exec", methods=["POST"])
def run_code():
    code = request.form["code"]
    code = "print('hello')"
    exec(code)
    return "ok"
