import requests
import yaml
from flask_restx import Namespace, Resource

ns = Namespace("webhooks")


@ns.route("/ping")
class Ping(Resource):
    def post(self):
        target = ns.payload["url"]
        reply = requests.post(target, json={"ping": 1}, timeout=5)  # want: FLASK-SSRF-001
        return {"status": reply.status_code}


@ns.route("/rules")
class Rules(Resource):
    def put(self):
        loaded = yaml.unsafe_load(ns.payload["document"])  # want: FLASKSEC-DESERIALIZE-001
        checked = yaml.safe_load(ns.payload["document"])
        return {"rules": len(loaded), "checked": len(checked)}
