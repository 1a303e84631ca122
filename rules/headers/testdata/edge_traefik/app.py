from flask import Flask, request

app = Flask(__name__)  # want: FLASK-HOST-001(low)
app.config["TRUSTED_PROXIES_NOTE"] = "traefik in front"


@app.post("/notes")
def notes():
    return request.get_data(as_text=True)[:100]
