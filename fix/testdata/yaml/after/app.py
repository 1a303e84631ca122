import yaml
import yaml as yml
from yaml import load
from flask import Flask, request

app = Flask(__name__)


@app.post("/import")
def import_settings():
    a = yaml.safe_load(request.data)  # fix: safe
    b = yml.safe_load(request.get_data())  # fix: safe
    c = yaml.safe_load_all(
        request.data,
    )  # fix: safe
    d = yaml.safe_load(request.data)  # fix: safe
    e = yaml.load(request.data, yaml.Loader)  # no fix: positional Loader
    f = load(request.data, Loader=yaml.Loader)  # no fix: from-import
    g = yaml.load((request.data), Loader=yaml.UnsafeLoader)  # no fix: parenthesised argument
    return str([a, b, c, d, e, f, g])
